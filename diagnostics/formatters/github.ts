import { type Diagnostic, environmentSuffix } from "../diagnostic";

const commandBySeverity = { error: "error", warning: "warning", info: "notice" } as const;

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`) that annotate a pull request. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const properties = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `title=${escapeProperty(d.code)}`,
      ].join(",");
      const message = `${d.message}${environmentSuffix(d)}`;
      const text = d.hint ? `${message} (${d.hint})` : message;
      return `::${commandBySeverity[d.severity]} ${properties}::${escapeData(text)}\n`;
    })
    .join("");
}
