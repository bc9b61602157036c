import { oneLine } from "../../text/escape";
import { plural } from "../../text/plural";
import { type Diagnostic, environmentSuffix } from "../diagnostic";

/** `FILE:LINE:COLUMN: severity code message (hint)`, one line per finding. */
export function formatText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const hint = d.hint ? ` (${oneLine(d.hint)})` : "";
      return `${oneLine(d.file)}:${d.line}:${d.column}: ${d.severity} ${d.code} ${oneLine(d.message)}${oneLine(environmentSuffix(d))}${hint}\n`;
    })
    .join("");
}

/** "2 errors, 1 warning" style summary. */
export function summarize(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic["severity"]) =>
    diagnostics.filter((d) => d.severity === severity).length;
  const shown = (["error", "warning", "info"] as const)
    .map((severity) => [count(severity), severity] as const)
    .filter(([n]) => n > 0)
    .map(([n, severity]) => plural(n, severity, severity === "info" ? { plural: "info" } : {}));
  return shown.length === 0 ? "no problems" : shown.join(", ");
}
