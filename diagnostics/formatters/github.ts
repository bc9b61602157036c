import { githubCommandData, githubCommandProperty } from "../../text/escape";
import { type Diagnostic, environmentSuffix } from "../diagnostic";

const commandBySeverity = { error: "error", warning: "warning", info: "notice" } as const;

/** GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`) that annotate a pull request. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const properties = [
        `file=${githubCommandProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `title=${githubCommandProperty(d.code)}`,
      ].join(",");
      const message = `${d.message}${environmentSuffix(d)}`;
      const text = d.hint ? `${message} (${d.hint})` : message;
      return `::${commandBySeverity[d.severity]} ${properties}::${githubCommandData(text)}\n`;
    })
    .join("");
}
