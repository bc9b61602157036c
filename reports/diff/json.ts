import type { DiffReport } from "../../review/model";
import { jsonDocument } from "../../text/json";

/** The diff as JSON, a contract: `{changes: [{kind, key, action, fields, flags, cost?}], summary}` (`summary.cost` when prices were read). */
export function formatDiffJson(report: DiffReport): string {
  return jsonDocument({ changes: report.changes, summary: report.summary });
}
