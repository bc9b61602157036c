import type { Change, DiffReport, DiffSummary } from "../../review/model";
import { escapeMarkdown, markdownCode } from "../../text/escape";
import { plural } from "../../text/plural";
import { markdownRow, markdownTable } from "../../text/table";
import { COST_CHANGE_HEADERS, costChangeRows, costDiffTotals, monthlyDeltaHeadline } from "../cost/display";
import {
  ACTION_LABELS,
  actionCounts,
  changedPaths,
  displayRows,
  KIND_LABELS,
  quotaCells,
  quotaNotes,
} from "./display";

/** Paths listed in the changes table before the rest is counted. */
const MAX_PATHS_IN_TABLE = 5;
/**
 * GitHub refuses comments longer than 65,536 characters: the changes table, the policy regressions and
 * the details each get a share, and what does not fit is counted and left to `--format json`.
 */
const TABLE_BUDGET = 25_000;
const DETAILS_BUDGET = 30_000;
const POLICY_BUDGET = 8_000;

/** As many blocks as fit in the budget (at least one), and how many were left out. */
function withinBudget(blocks: readonly string[][], budget: number): { lines: string[]; omitted: number } {
  const lines: string[] = [];
  let used = 0;
  let shown = 0;
  for (const block of blocks) {
    const size = block.reduce((n, line) => n + line.length + 1, 0);
    if (shown > 0 && used + size > budget) break;
    lines.push(...block);
    used += size;
    shown += 1;
  }
  return { lines, omitted: blocks.length - shown };
}

function omittedNote(omitted: number): string[] {
  if (omitted === 0) return [];
  return [
    `${plural(omitted, "more change")} not shown here: run \`aideploy diff --format json\` for all.`,
    "",
  ];
}

/** User text as code: escaped, so that neither the code nor the table cell can be left. */
const code = (text: string): string => markdownCode(text);

function cell(text: string | null): string {
  return text === null ? "—" : code(text);
}

/** What a reviewer must look at twice, in the order it matters. */
const attention = [
  ["breaking", "breaking change"],
  ["replace", "re-created resource"],
  ["content-filter-weakened", "weakened content filter"],
  ["policy-regression", "policy regression"],
  ["auto-upgrade-enabled", "automatic version upgrade"],
] as const;

/** The verdict, led by the monthly cost delta when the change has one. */
function verdict(report: DiffReport): string {
  const delta = monthlyDeltaHeadline(report.summary.cost);
  const rest = flagVerdict(report);
  return delta === undefined ? rest : `💲 **${escapeMarkdown(delta)}** · ${rest}`;
}

function flagVerdict(report: DiffReport): string {
  const concerns = attention
    .map(([flag, label]) => [report.summary.flagCounts[flag] ?? 0, label] as const)
    .filter(([count]) => count > 0)
    .map(([count, label]) => plural(count, label));
  if (concerns.length > 0) return `⚠️ **${concerns.join(", ")}**`;
  if (report.changes.length === 0) return "✅ **No changes**";
  return "✅ **No breaking changes**";
}

function flagsCell(change: Change): string {
  return change.flags.length === 0 ? "" : change.flags.map((flag) => `\`${flag}\``).join(" ");
}

function fieldsCell(change: Change): string {
  if (change.action === "add" || change.action === "remove") return "";
  const paths = changedPaths(change);
  const shown = paths.slice(0, MAX_PATHS_IN_TABLE).map(code).join(", ");
  const more = paths.length > MAX_PATHS_IN_TABLE ? ` and ${paths.length - MAX_PATHS_IN_TABLE} more` : "";
  return `${shown}${more}`;
}

function changesTable(changes: readonly Change[]): string[] {
  const rows = changes.map((c) => [
    markdownRow([c.action, KIND_LABELS[c.kind], code(c.key), fieldsCell(c), flagsCell(c)]),
  ]);
  const { lines, omitted } = withinBudget(rows, TABLE_BUDGET);
  return [
    ...markdownTable(["Action", "Kind", "Resource", "Changed fields", "Flags"], []),
    ...lines,
    "",
    ...omittedNote(omitted),
  ];
}

function quotaSection(summary: DiffSummary): string[] {
  if (summary.quotaImpact.length === 0) return ["#### Quota impact", "", "No change in quota held.", ""];
  return [
    "#### Quota impact",
    "",
    ...markdownTable(
      ["Region", "Model", "Deployment type", "Before", "After", "Change"],
      summary.quotaImpact.map((row) => quotaCells(row, code)),
      { align: ["left", "left", "left", "right", "right", "right"] },
    ),
    "",
    ...quotaNotes(summary.quotaImpact).flatMap((note) => [escapeMarkdown(note), ""]),
  ];
}

function costSection(summary: DiffSummary): string[] {
  const cost = summary.cost;
  if (cost === undefined) return [];
  const out = ["#### Monthly cost", ""];
  if (cost.deployments.length > 0) {
    out.push(
      ...markdownTable(
        COST_CHANGE_HEADERS.map((h) => h.charAt(0).toUpperCase() + h.slice(1)),
        costChangeRows(cost).map(([key, ...cells]) => [
          code(key ?? ""),
          ...cells.map((c) => escapeMarkdown(c)),
        ]),
        { align: ["left", "right", "right", "right"] },
      ),
      "",
    );
  } else out.push("No deployment's cost changes.", "");
  out.push(...costDiffTotals(cost).map((line) => `- ${escapeMarkdown(line, 400)}`), "");
  if (cost.warnings.length > 0) out.push(...cost.warnings.map((w) => `⚠️ ${escapeMarkdown(w, 600)}`, ""), "");
  return out;
}

function policySection(summary: DiffSummary): string[] {
  const out = ["#### Policies", ""];
  if (!summary.policy.evaluated) return [...out, "Policies were not evaluated.", ""];
  const o = summary.policy.outcomes;
  const onHead = `On HEAD: ${o.compliant} compliant, ${o["non-compliant"]} non-compliant, ${o["not-applicable"]} not applicable, ${plural(o.error, "error")}.`;
  if (summary.policyRegressions.length === 0) return [...out, `✅ No policy regressions. ${onHead}`, ""];
  const rows = summary.policyRegressions.map((r) => [
    markdownRow([
      code(r.policyId),
      code(r.resourceKey),
      r.before,
      r.after,
      r.message === undefined ? "" : escapeMarkdown(r.message),
    ]),
  ]);
  const { lines, omitted } = withinBudget(rows, POLICY_BUDGET);
  return [
    ...out,
    `⚠️ ${plural(summary.policyRegressions.length, "policy regression")}. ${onHead}`,
    "",
    ...markdownTable(["Policy", "Resource", "Before", "After", "Message"], []),
    ...lines,
    "",
    ...(omitted === 0 ? [] : [`${plural(omitted, "more regression")} not shown here.`, ""]),
  ];
}

function detailLines(change: Change): string[] {
  const flags = change.flags.length > 0 ? ` (${flagsCell(change)})` : "";
  return [
    `**${ACTION_LABELS[change.action]}** ${KIND_LABELS[change.kind]} ${code(change.key)}${flags}`,
    "",
    ...markdownTable(
      ["Field", "Before", "After"],
      change.fields.flatMap((field) =>
        displayRows(field).map((row) => [code(row.path), cell(row.before), cell(row.after)]),
      ),
    ),
    "",
  ];
}

/**
 * The diff as a pull-request comment: a verdict, the changes with their flags, quota impact, policy
 * results and the field-by-field details folded away. All user text is made inert.
 */
export function formatDiffMarkdown(report: DiffReport): string {
  const { summary } = report;
  const env = summary.environment === null ? "file as written" : `environment ${code(summary.environment)}`;
  const out = [
    `### aideploy diff: ${code(summary.base)} → ${code(summary.head)} (${env})`,
    "",
    verdict(report),
    "",
  ];
  if (report.changes.length > 0) {
    out.push(`${plural(summary.counts.total, "change")}: ${actionCounts(summary.counts)}.`, "");
    for (const line of changesTable(report.changes)) out.push(line);
  }
  out.push(...quotaSection(summary), ...costSection(summary), ...policySection(summary));
  if (report.changes.length > 0) {
    const { lines, omitted } = withinBudget(report.changes.map(detailLines), DETAILS_BUDGET);
    out.push("<details><summary>Field-by-field changes</summary>", "", ...lines, ...omittedNote(omitted));
    out.push("</details>", "");
  }
  // A blank line closes the `<details>` HTML block, so that what follows is read as Markdown.
  return `${out.join("\n")}\n`;
}
