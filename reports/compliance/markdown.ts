import type { PolicyResult } from "../../policies/results";
import { escapeMarkdown, markdownCode } from "../../text/escape";
import { plural } from "../../text/plural";
import { type ColumnAlign, markdownTable } from "../../text/table";
import { costEstimateMarkdownLines } from "../cost/sections";
import { blockingSentence, ENFORCEMENTS, OUTCOMES, outcomeLabels } from "./labels";
import { type ComplianceReport, findingsOf, type OutcomeCounts } from "./model";

export interface ComplianceMarkdownOptions {
  /** Most rows of each table; the rest are counted, not shown (a pull request comment holds 65,536 characters). */
  maxRows?: number;
  /** Heading level of the title (2 for a comment, 1 for a page). */
  headingLevel?: number;
}

const DEFAULT_MAX_ROWS = 50;

function leftOut(total: number, shown: number, what: string, whatPlural?: string): string[] {
  const options = whatPlural === undefined ? { grouped: true } : { plural: whatPlural, grouped: true };
  return total > shown
    ? [
        "",
        `_${plural(total - shown, what, options)} more not shown; the JSON, SARIF or HTML report lists them all._`,
      ]
    : [];
}

function where(report: ComplianceReport, r: Pick<PolicyResult["resource"], "source">): string {
  return markdownCode(`${report.file}:${r.source.line}:${r.source.column}`);
}

function countCells(counts: OutcomeCounts): string[] {
  return OUTCOMES.map((o) => (counts[o] === 0 ? "·" : String(counts[o])));
}

function verdictLine(report: ComplianceReport): string {
  const { summary } = report;
  if (summary.verdict === "fail") {
    return `❌ **Fails**: ${blockingSentence(summary.blocking)} (exit code 1).`;
  }
  if (summary.advisory > 0) {
    return `✅ **Passes** with ${plural(summary.advisory, "advisory finding", { grouped: true })}: nothing mandatory is violated.`;
  }
  return "✅ **Passes**: every applicable policy is met.";
}

function findingRows(report: ComplianceReport, findings: readonly PolicyResult[]): string[][] {
  return findings.map((r) => [
    `${outcomeLabels[r.outcome].emoji} ${outcomeLabels[r.outcome].label}`,
    escapeMarkdown(r.enforcement),
    `${markdownCode(r.policy.id)} ${escapeMarkdown(r.policy.displayName, 80)}`,
    markdownCode(r.resource.name),
    where(report, r.resource),
    escapeMarkdown(r.message, 200),
  ]);
}

/**
 * The report as Markdown for a pull request comment or a pipeline job summary: verdict, counts, findings,
 * the matrix summed per policy and per resource, remediation. All user text is made inert.
 */
export function formatComplianceMarkdown(
  report: ComplianceReport,
  options: ComplianceMarkdownOptions = {},
): string {
  const maxRows = Math.max(1, options.maxRows ?? DEFAULT_MAX_ROWS);
  const h = "#".repeat(Math.min(5, Math.max(1, options.headingLevel ?? 2)));
  const { summary } = report;
  const environment = report.environment === null ? "" : ` · environment ${markdownCode(report.environment)}`;
  const generated = report.generatedAt === undefined ? "" : ` · ${escapeMarkdown(report.generatedAt)}`;
  const lines: string[] = [
    `${h} Compliance report`,
    "",
    verdictLine(report),
    "",
    `${markdownCode(report.file)}${environment} · ${plural(summary.policies, "policy", { plural: "policies", grouped: true })} × ${plural(summary.resources, "resource", { grouped: true })} = ${plural(summary.checks, "check", { grouped: true })}${generated}`,
    "",
    ...markdownTable(
      ["Enforcement", ...OUTCOMES.map((o) => `${outcomeLabels[o].emoji} ${outcomeLabels[o].label}`)],
      [
        ...ENFORCEMENTS.filter((e) => OUTCOMES.some((o) => summary.byEnforcement[e][o] > 0)).map((e) => [
          e,
          ...countCells(summary.byEnforcement[e]),
        ]),
        ["**total**", ...OUTCOMES.map((o) => `**${summary.outcomes[o]}**`)],
      ],
      { align: ["left", ...OUTCOMES.map((): ColumnAlign => "right")], spacedDelimiter: true },
    ),
    "",
  ];

  const findings = findingsOf(report);
  lines.push(`${h}# Findings`, "");
  if (findings.length === 0)
    lines.push("No resource is non-compliant and every policy could be evaluated.", "");
  else {
    lines.push(
      ...markdownTable(
        ["Outcome", "Enforcement", "Policy", "Resource", "Declared at", "Message"],
        findingRows(report, findings.slice(0, maxRows)),
        { spacedDelimiter: true },
      ),
      ...leftOut(findings.length, maxRows, "finding"),
      "",
    );
  }

  lines.push(`${h}# Policies`, "");
  lines.push(
    ...markdownTable(
      [
        "Policy",
        "Azure Policy definition followed",
        "Enforcement",
        ...OUTCOMES.map((o) => outcomeLabels[o].emoji),
      ],
      report.policies
        .slice(0, maxRows)
        .map((p) => [
          `${markdownCode(p.id)} ${escapeMarkdown(p.displayName, 80)}`,
          markdownCode(p.follows ?? p.definition),
          escapeMarkdown(p.enforcement),
          ...countCells(p.counts),
        ]),
      { align: ["left", "left", "left", ...OUTCOMES.map((): ColumnAlign => "right")], spacedDelimiter: true },
    ),
    ...leftOut(report.policies.length, maxRows, "policy", "policies"),
    "",
  );

  // Resources with something to act on first; a large estate's clean resources are the ones left out.
  const resources = [...report.resources].sort(
    (a, b) =>
      b.counts["non-compliant"] + b.counts.error - (a.counts["non-compliant"] + a.counts.error) ||
      a.source.line - b.source.line,
  );
  const findingsByResource = new Map<string, string[]>();
  for (const r of findings) {
    findingsByResource.set(r.resource.name, [
      ...(findingsByResource.get(r.resource.name) ?? []),
      markdownCode(r.policy.id, 20),
    ]);
  }
  const failing = (name: string) => (findingsByResource.get(name) ?? []).join(" ");
  lines.push(
    `<details><summary>Compliance by resource (${plural(report.resources.length, "resource", { grouped: true })})</summary>`,
    "",
    ...markdownTable(
      [
        "Resource",
        "Kind",
        "Declared at",
        "Details",
        ...OUTCOMES.map((o) => outcomeLabels[o].emoji),
        "Findings",
      ],
      resources
        .slice(0, maxRows)
        .map((r) => [
          markdownCode(r.name),
          escapeMarkdown(r.kind),
          where(report, r),
          escapeMarkdown(r.details.map((d) => `${d.label}: ${d.value}`).join("; "), 160) || "·",
          ...countCells(r.counts),
          failing(r.name) || "·",
        ]),
      {
        align: ["left", "left", "left", "left", ...OUTCOMES.map((): ColumnAlign => "right"), "left"],
        spacedDelimiter: true,
      },
    ),
    ...leftOut(report.resources.length, maxRows, "resource"),
    "",
    "</details>",
    "",
  );

  const toFix = report.policies.filter((p) => p.counts["non-compliant"] + p.counts.error > 0);
  if (toFix.length > 0) {
    lines.push(
      `<details><summary>How to fix (${plural(toFix.length, "policy", { plural: "policies", grouped: true })})</summary>`,
      "",
    );
    for (const p of toFix.slice(0, maxRows)) {
      lines.push(
        `- ${markdownCode(p.id)} **${escapeMarkdown(p.displayName, 120)}** (${escapeMarkdown(p.enforcement)}): ${escapeMarkdown(
          p.remediation,
          400,
        )}`,
      );
    }
    lines.push(...leftOut(toFix.length, maxRows, "policy", "policies"), "", "</details>", "");
  }

  if (report.cost !== undefined) lines.push(...costEstimateMarkdownLines(report.cost, "### Monthly cost"));

  lines.push(
    `<sub>${escapeMarkdown(`${report.tool.name} ${report.tool.version}`)} · legend: ${OUTCOMES.map(
      (o) => `${outcomeLabels[o].emoji} ${outcomeLabels[o].label.toLowerCase()}`,
    ).join(", ")}</sub>`,
    "",
  );
  return lines.join("\n");
}
