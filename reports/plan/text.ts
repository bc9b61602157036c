import { formatText } from "../../diagnostics/formatters/text";
import { oneLine } from "../../text/escape";
import { textTable } from "../../text/table";
import { COST_HEADERS, costNotes, costRows, pricesLine, totalLines } from "../cost/display";
import {
  describeCapacity,
  describeNode,
  describeSubscriptionRaiPolicy,
  type PlanReport,
  type PlanSummary,
  policyHeadline,
  SUBSCRIPTION_RAI_POLICY_NOTE,
} from "./model";

function planLines(summary: PlanSummary): string[] {
  const lines: string[] = [];
  const env = summary.environment === null ? "the file as written" : `environment ${summary.environment}`;
  lines.push(`Plan for ${oneLine(summary.file)} (${oneLine(env)})`, "");
  const baseline = summary.subscriptionRaiPolicy;
  if (baseline !== undefined) {
    lines.push(oneLine(describeSubscriptionRaiPolicy(baseline)));
    for (const setting of baseline.settings) lines.push(`  ${oneLine(setting)}`);
    lines.push(`  ${SUBSCRIPTION_RAI_POLICY_NOTE}`, "");
  }
  for (const account of summary.accounts) {
    const where = [account.resourceGroup, account.location].filter(Boolean).join(", ");
    const how = account.managed ? "created and managed by this stack" : "existing, not changed";
    lines.push(`account ${oneLine(account.key)}: ${oneLine(account.name)} (${oneLine(where)}) - ${how}`);
    for (const { label, url } of account.endpoints) lines.push(`  endpoint, ${label}: ${oneLine(url)}`);
    if (account.endpointsUnknown !== undefined)
      lines.push(`  endpoints unknown: ${oneLine(account.endpointsUnknown)}`);
    if (account.deployments.length === 0) lines.push("  no deployments");
    else {
      const rows = [
        ["deployment", "model@version", "type", "capacity", "content filter"],
        ...account.deployments.map((d) => [
          oneLine(d.name),
          oneLine(`${d.model}@${d.version}`),
          d.deploymentType,
          describeCapacity(d),
          oneLine(d.contentFilter),
        ]),
      ];
      for (const line of textTable(rows)) lines.push(`  ${line}`);
      for (const d of account.deployments) {
        for (const feature of d.features) lines.push(`  ${oneLine(d.name)}: ${oneLine(feature)}`);
      }
    }
    for (const project of account.projects) {
      const shown = project.displayName === undefined ? "" : ` (${oneLine(project.displayName)})`;
      const endpoint = project.endpoint === undefined ? "endpoint unknown" : oneLine(project.endpoint);
      lines.push(`  project ${oneLine(project.name)}${shown}: ${endpoint}`);
      for (const c of project.connections) {
        const target = c.target === undefined ? "" : ` ${oneLine(c.target)}`;
        const secrets = c.secrets.length === 0 ? "" : ` ${c.secrets.join(" ")}`;
        lines.push(
          `    connection ${oneLine(c.name)}: ${oneLine(c.category)}${target}, ${c.authType}${secrets}`,
        );
      }
    }
    lines.push(`  write order (${account.writeOrder.length}, one at a time):`);
    account.writeOrder.forEach((node, i) => {
      lines.push(`    ${String(i + 1).padStart(3)}. ${oneLine(describeNode(node))}`);
    });
    lines.push("");
  }
  lines.push(
    `${summary.resourceCount} resources on ${summary.accounts.length} accounts; longest write chain ${summary.longestChain} (accounts are written in parallel)`,
  );
  return lines;
}

/** The policy results after the plan, each finding as `validate` prints it, indented. */
function policyLines(report: PlanReport): string[] {
  const findings = formatText(report.policyFindings)
    .split("\n")
    .filter(Boolean)
    .map((l) => `  ${l}`);
  return ["", "Policies", `  ${policyHeadline(report)}`, ...findings];
}

/** The monthly cost, when prices were read: per deployment, per account, for the environment. */
function costLines(report: PlanReport): string[] {
  const estimate = report.cost;
  if (estimate === undefined) return [];
  const rows = [COST_HEADERS, ...costRows(estimate).map((row) => row.map(oneLine))];
  return [
    "",
    "Monthly cost",
    `  ${oneLine(pricesLine(estimate))}`,
    ...(estimate.deployments.length === 0 ? [] : textTable(rows).map((line) => `  ${line}`)),
    ...totalLines(estimate).map((line) => `  ${oneLine(line)}`),
    ...costNotes(estimate).map((note) => `  - ${oneLine(note)}`),
  ];
}

/** The plan for a terminal: per account, what will exist and the write order; the cost; the policy results. */
export function formatPlanText(report: PlanReport): string {
  return `${[...planLines(report.summary), ...costLines(report), ...policyLines(report)].join("\n")}\n`;
}
