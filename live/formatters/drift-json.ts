import type { DriftReport } from "../drift";

/** The drift report as JSON: `{environment, accounts, drift: [{kind, key, status, fields}], summary}`. */
export function formatDriftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
