import type { DriftReport } from "../../live/drift";
import { jsonDocument } from "../../text/json";

/** The drift report as JSON: `{environment, accounts, drift: [{kind, key, status, fields}], summary}`. */
export function formatDriftJson(report: DriftReport): string {
  return jsonDocument(report);
}
