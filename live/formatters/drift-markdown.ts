import type { DriftReport } from "../drift";
import { formatValue } from "./drift-text";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Live versus declared as Markdown (a job summary or a pull-request comment). */
export function formatDriftMarkdown(report: DriftReport): string {
  const { summary } = report;
  const environment =
    report.environment === null ? "the file as written" : `environment \`${report.environment}\``;
  const lines = [
    `## Drift of ${environment}`,
    "",
    summary.total === 0
      ? "No drift: Azure matches the file."
      : `${summary.total} difference${summary.total === 1 ? "" : "s"}: ${summary.missing} missing, ${summary.unmanaged} unmanaged, ${summary.changed} changed, ${summary.upgraded} upgraded.`,
  ];
  const unread = report.accounts.filter((account) => account.status === "error");
  if (unread.length > 0) {
    lines.push("", "Not compared (could not be read):");
    for (const account of unread) lines.push(`- ${code(account.key)}: ${cell(account.message ?? "")}`);
  }
  if (report.drift.length > 0) {
    lines.push("", "| Status | Kind | Resource | Field | Declared | Live |", "|---|---|---|---|---|---|");
    for (const entry of report.drift) {
      const rows = entry.fields.length > 0 ? entry.fields : [undefined];
      for (const field of rows) {
        lines.push(
          `| ${entry.status} | ${entry.kind} | ${code(entry.key)} | ${field ? code(field.path) : cell(entry.note ?? "")} | ${field ? cell(formatValue(field.declared)) : ""} | ${field ? cell(formatValue(field.live)) : ""} |`,
        );
      }
    }
  }
  if (report.information.length > 0) {
    lines.push("", "For information (accounts the file does not manage, not drift):", "");
    for (const entry of report.information) {
      for (const field of entry.fields) {
        lines.push(
          `- ${code(entry.key)} ${code(field.path)}: declared ${cell(formatValue(field.declared))}, live ${cell(formatValue(field.live))}`,
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
