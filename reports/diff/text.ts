import type { Change, ChangeAction, DiffReport, DiffSummary } from "../../review/model";
import { oneLine } from "../../text/escape";
import { plural } from "../../text/plural";
import { textTable } from "../../text/table";
import { COST_CHANGE_HEADERS, costChangeRows, costDiffTotals, monthlyDeltaHeadline } from "../cost/display";
import { actionCounts, displayRows, flagList, KIND_LABELS, quotaCells, quotaNotes } from "./display";

const SYMBOLS: Record<ChangeAction, string> = { add: "+", remove: "-", update: "~", replace: "+-" };

function changeLines(change: Change): string[] {
  const flags = change.flags.length > 0 ? `  [${change.flags.join(", ")}]` : "";
  const head = `${SYMBOLS[change.action].padEnd(2)} ${change.action.padEnd(7)} ${KIND_LABELS[change.kind]} ${oneLine(change.key)}${flags}`;
  const lines = [head];
  for (const field of change.fields) {
    for (const row of displayRows(field)) {
      const path = oneLine(row.path);
      const before = row.before === null ? null : oneLine(row.before);
      const after = row.after === null ? null : oneLine(row.after);
      if (before !== null && after !== null) lines.push(`      ${path}: ${before} -> ${after}`);
      else if (change.action === "add" || change.action === "remove") {
        lines.push(`      ${path}: ${after ?? before ?? "(none)"}`);
      } else if (Array.isArray(field.before) || Array.isArray(field.after)) {
        lines.push(`      ${path}: ${after !== null ? `+ ${after}` : `- ${before ?? ""}`}`);
      } else lines.push(`      ${path}: ${before ?? "(none)"} -> ${after ?? "(none)"}`);
    }
  }
  return lines;
}

function quotaLines(summary: DiffSummary): string[] {
  if (summary.quotaImpact.length === 0) return ["Quota impact: none"];
  const rows = [
    ["region", "model", "deployment type", "before", "after", "change"],
    ...summary.quotaImpact.map((row) => quotaCells(row, oneLine)),
  ];
  return [
    "Quota impact (per region, model and deployment type; PTUs per region and type, across models):",
    ...textTable(rows).map((l) => `  ${l}`),
    ...quotaNotes(summary.quotaImpact).map((note) => `  ${note}`),
  ];
}

function costLines(summary: DiffSummary): string[] {
  const cost = summary.cost;
  if (cost === undefined) return [];
  const rows = [COST_CHANGE_HEADERS, ...costChangeRows(cost).map((row) => row.map(oneLine))];
  return [
    "Monthly cost:",
    ...(cost.deployments.length === 0
      ? ["  no deployment's cost changes"]
      : textTable(rows).map((l) => `  ${l}`)),
    ...costDiffTotals(cost).map((line) => `  ${oneLine(line)}`),
    ...cost.warnings.map((w) => `  warning: ${oneLine(w)}`),
  ];
}

function policyLines(summary: DiffSummary): string[] {
  if (!summary.policy.evaluated) return ["Policies: not evaluated"];
  const o = summary.policy.outcomes;
  const onHead = `${o.compliant} compliant, ${o["non-compliant"]} non-compliant, ${o["not-applicable"]} not applicable, ${plural(o.error, "error")} on HEAD`;
  if (summary.policyRegressions.length === 0) return [`Policies: no regressions (${onHead})`];
  return [
    `Policy regressions: ${summary.policyRegressions.length} (${onHead})`,
    ...summary.policyRegressions.map((r) => {
      const message = r.message === undefined ? "" : `: ${oneLine(r.message)}`;
      return `  ${oneLine(r.policyId)} on ${oneLine(r.resourceKey)}: ${r.before} -> ${r.after}${message}`;
    }),
  ];
}

/** The diff for a terminal: a summary, each change field by field, quota impact and policy results. */
export function formatDiffText(report: DiffReport): string {
  const { summary } = report;
  const env = summary.environment === null ? "the file as written" : `environment ${summary.environment}`;
  const lines = [`Diff ${oneLine(summary.base)} -> ${oneLine(summary.head)} (${oneLine(env)})`];
  const delta = monthlyDeltaHeadline(summary.cost);
  if (delta !== undefined) lines.push(`Cost: ${oneLine(delta)}`);
  if (report.changes.length === 0) lines.push("No changes.");
  else {
    lines.push(`${plural(summary.counts.total, "change")}: ${actionCounts(summary.counts)}`);
  }
  lines.push(
    summary.flags.length > 0 ? `Flags: ${flagList(summary.flags, summary.flagCounts)}` : "Flags: none",
  );
  lines.push("");
  for (const change of report.changes) lines.push(...changeLines(change));
  if (report.changes.length > 0) lines.push("");
  lines.push(...quotaLines(summary), ...costLines(summary), ...policyLines(summary));
  return `${lines.join("\n")}\n`;
}
