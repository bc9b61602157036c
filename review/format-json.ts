import type { DiffReport } from "./model";

/** The diff as JSON, a contract: `{changes: [{kind, key, action, fields, flags}], summary}`. */
export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify({ changes: report.changes, summary: report.summary }, null, 2)}\n`;
}
