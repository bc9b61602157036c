import type { PolicyResult } from "../../policies/results";
import { xmlAttribute, xmlText } from "../../text/escape";
import { describeFigure, describeTotal } from "../cost/display";
import { type ComplianceReport, emptyCounts, type ReportPolicy } from "./model";

export interface ComplianceJunitOptions {
  /** Name of the root `<testsuites>` element. */
  name?: string;
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`)
    .join("");
}

function detailText(report: ComplianceReport, r: PolicyResult): string {
  const { source } = r.resource;
  return [
    `Resource: ${r.resource.name} (${r.resource.type})`,
    `Declared at: ${report.repositoryPath}:${source.line}:${source.column}${source.path ? ` (${source.path})` : ""}`,
    `Policy: ${r.policy.id} ${r.policy.displayName}`,
    `Definition: ${r.policy.definition}${r.policy.follows ? ` (follows ${r.policy.follows})` : ""}`,
    `Effect: ${r.effect ?? "unknown"}; enforcement: ${r.enforcement}`,
    `Message: ${r.message}`,
    `Remediation: ${r.policy.remediation}`,
  ].join("\n");
}

/** A non-compliant result fails its test case only when its policy is mandatory. */
function fails(r: PolicyResult): boolean {
  return r.outcome === "non-compliant" && r.enforcement === "mandatory";
}

function testcase(report: ComplianceReport, r: PolicyResult): string {
  const head = `    <testcase${attributes({
    classname: r.policy.id,
    name: r.resource.name,
    file: report.repositoryPath,
    line: r.resource.source.line,
    time: "0",
  })}`;
  switch (r.outcome) {
    case "compliant":
      return `${head}/>`;
    case "not-applicable":
      return `${head}>\n      <skipped${attributes({ message: r.message })}/>\n    </testcase>`;
    case "non-compliant":
      if (!fails(r)) {
        // Advisory: the check passes, as the pipeline does; the finding is shown as the case's output.
        return `${head}>\n      <system-out>${xmlText(
          `Advisory finding (${r.enforcement}: does not fail the run)\n${detailText(report, r)}`,
        )}</system-out>\n    </testcase>`;
      }
      return `${head}>\n      <failure${attributes({ message: r.message, type: r.enforcement })}>${xmlText(
        detailText(report, r),
      )}</failure>\n    </testcase>`;
    case "error":
      return `${head}>\n      <error${attributes({ message: r.message, type: "evaluation-error" })}>${xmlText(
        detailText(report, r),
      )}</error>\n    </testcase>`;
  }
}

function counts(results: readonly PolicyResult[]) {
  const c = emptyCounts();
  for (const r of results) c[r.outcome] += 1;
  return {
    tests: results.length,
    failures: results.filter(fails).length,
    errors: c.error,
    skipped: c["not-applicable"],
  };
}

function testsuite(report: ComplianceReport, policy: ReportPolicy, results: readonly PolicyResult[]): string {
  const open = `  <testsuite${attributes({
    name: `${policy.id} ${policy.name}`,
    ...counts(results),
    time: "0",
    timestamp: report.generatedAt?.replace(/Z$/, ""),
    file: report.repositoryPath,
  })}>`;
  const properties = [
    ["displayName", policy.displayName],
    ["definition", policy.definition],
    ["follows", policy.follows],
    ["enforcement", policy.enforcement],
    ["severity", policy.severity],
    ["remediation", policy.remediation],
  ]
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `      <property${attributes({ name, value })}/>`);
  return [
    open,
    "    <properties>",
    ...properties,
    "    </properties>",
    ...results.map((r) => testcase(report, r)),
    "  </testsuite>",
  ].join("\n");
}

/** The monthly cost as the properties of a suite without test cases (JUnit has no other place for data). */
function costSuite(report: ComplianceReport): string[] {
  const cost = report.cost;
  if (cost === undefined) return [];
  const c = cost.currency;
  const properties = [
    ["prices", `${cost.pricesLabel} (${c})`],
    ["fixedMonthly", describeTotal(cost.fixed, c)],
    ["usageMonthly", describeTotal(cost.usage, c)],
    ...cost.deployments.map((d) => [
      `deployment ${d.key}`,
      `fixed ${describeFigure(d.fixed, c)}, usage ${describeFigure(d.usage, c)}`,
    ]),
  ].map(([name, value]) => `      <property${attributes({ name, value })}/>`);
  return [
    `  <testsuite${attributes({ name: "monthly cost estimate", ...counts([]), time: "0", file: report.repositoryPath })}>`,
    "    <properties>",
    ...properties,
    "    </properties>",
    "  </testsuite>",
  ];
}

/**
 * JUnit XML for the test tabs of Azure DevOps and GitLab: one suite per policy, one test case per
 * resource. A mandatory policy's non-compliant resource is a failure and a failed evaluation an error:
 * what fails the run fails the test run. An advisory (or remediated, or disabled) finding is a passing
 * case whose output says what was found; a policy that does not apply is skipped with the reason.
 */
export function formatComplianceJunit(
  report: ComplianceReport,
  options: ComplianceJunitOptions = {},
): string {
  const byPolicy = new Map<string, PolicyResult[]>(report.policies.map((p) => [p.id, []]));
  for (const r of report.results) byPolicy.get(r.policy.id)?.push(r);
  const environment = report.environment === null ? "" : ` (${report.environment})`;
  const root = `<testsuites${attributes({
    name: options.name ?? `aideploy compliance: ${report.file}${environment}`,
    ...counts(report.results),
    time: "0",
  })}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    root,
    ...report.policies.map((p) => testsuite(report, p, byPolicy.get(p.id) ?? [])),
    ...costSuite(report),
    "</testsuites>",
    "",
  ].join("\n");
}
