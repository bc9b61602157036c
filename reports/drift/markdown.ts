import type { DriftReport } from "../../live/drift";
import { escapeMarkdown, markdownCodeSpan } from "../../text/escape";
import { plural } from "../../text/plural";
import { markdownTable } from "../../text/table";
import { formatValue } from "./display";

/** Live versus declared as Markdown (a job summary or a pull-request comment). Live values are user text: made inert. */
export function formatDriftMarkdown(report: DriftReport): string {
  const { summary } = report;
  const environment =
    report.environment === null
      ? "the file as written"
      : `environment ${markdownCodeSpan(report.environment)}`;
  const lines = [
    `## Drift of ${environment}`,
    "",
    summary.total === 0
      ? "No drift: Azure matches the file."
      : `${plural(summary.total, "difference")}: ${summary.missing} missing, ${summary.unmanaged} unmanaged, ${summary.changed} changed, ${summary.upgraded} upgraded.`,
  ];
  const unread = report.accounts.filter((account) => account.status === "error");
  if (unread.length > 0) {
    lines.push("", "Not compared (could not be read):");
    for (const account of unread)
      lines.push(`- ${markdownCodeSpan(account.key)}: ${escapeMarkdown(account.message ?? "", 300)}`);
  }
  if (report.drift.length > 0) {
    const rows = report.drift.flatMap((entry) =>
      (entry.fields.length > 0 ? entry.fields : [undefined]).map((field) => [
        entry.status,
        entry.kind,
        markdownCodeSpan(entry.key),
        field ? markdownCodeSpan(field.path) : escapeMarkdown(entry.note ?? "", 200),
        field ? escapeMarkdown(formatValue(field.declared), 200) : "",
        field ? escapeMarkdown(formatValue(field.live), 200) : "",
      ]),
    );
    lines.push("", ...markdownTable(["Status", "Kind", "Resource", "Field", "Declared", "Live"], rows));
  }
  if (report.information.length > 0) {
    lines.push("", "For information (accounts the file does not manage, not drift):", "");
    for (const entry of report.information) {
      for (const field of entry.fields) {
        lines.push(
          `- ${markdownCodeSpan(entry.key)} ${markdownCodeSpan(field.path)}: declared ${escapeMarkdown(formatValue(field.declared), 200)}, live ${escapeMarkdown(formatValue(field.live), 200)}`,
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
