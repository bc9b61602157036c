import type { Diagnostic } from "../diagnostics/diagnostic";
import { formatText } from "../diagnostics/formatters/text";
import type { Outcome, PolicyResult } from "../policies/results";
import { escapeMarkdown, markdownCode } from "./text/escape";

export function countOutcomes(results: readonly PolicyResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { compliant: 0, "non-compliant": 0, "not-applicable": 0, error: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}

function policyCount(results: readonly PolicyResult[]): number {
  return new Set(results.map((r) => r.policy.id)).size;
}

function headline(results: readonly PolicyResult[], findings: readonly Diagnostic[]): string {
  const counts = countOutcomes(results);
  const blocking = findings.filter((f) => f.severity === "error").length;
  const advisory = findings.length - blocking;
  return `${policyCount(results)} policies: ${counts.compliant} compliant, ${counts["non-compliant"]} non-compliant, ${counts.error} errors, ${counts["not-applicable"]} not applicable; ${blocking} mandatory and ${advisory} advisory findings`;
}

/** Policy results after the plan, for a terminal. */
export function formatPolicyText(results: readonly PolicyResult[], findings: readonly Diagnostic[]): string {
  return `\nPolicies\n  ${headline(results, findings)}\n${formatText(findings)
    .split("\n")
    .filter(Boolean)
    .map((l) => `  ${l}\n`)
    .join("")}`;
}

/** Policy results after the plan, as Markdown. User text is made inert. */
export function formatPolicyMarkdown(
  results: readonly PolicyResult[],
  findings: readonly Diagnostic[],
): string {
  const lines = ["## Policies", "", escapeMarkdown(headline(results, findings), 400), ""];
  if (findings.length > 0) {
    lines.push("| Severity | Policy | Where | Finding |", "|---|---|---|---|");
    for (const f of findings) {
      lines.push(
        `| ${f.severity} | ${markdownCode(f.code)} | ${markdownCode(`${f.file}:${f.line}`)} | ${escapeMarkdown(f.message, 300)} |`,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
