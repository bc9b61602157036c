import { escapeMarkdown, markdownCode } from "../../text/escape";
import { markdownTable } from "../../text/table";
import { costEstimateMarkdownLines } from "../cost/sections";
import {
  describeCapacity,
  describeNode,
  type PlanReport,
  type PlanSummary,
  policyHeadline,
  SUBSCRIPTION_RAI_POLICY_NOTE,
} from "./model";

function planLines(summary: PlanSummary): string[] {
  const out: string[] = [];
  const env =
    summary.environment === null ? "file as written" : `environment ${markdownCode(summary.environment)}`;
  out.push(`## Deployment plan: ${markdownCode(summary.file)} (${env})`, "");
  out.push(
    `${summary.resourceCount} resources on ${summary.accounts.length} accounts; longest write chain ${summary.longestChain}.`,
    "",
  );
  const baseline = summary.subscriptionRaiPolicy;
  if (baseline !== undefined) {
    out.push(`### Subscription RAI policy ${markdownCode(baseline.name)}`, "");
    out.push(
      ...markdownTable(
        ["Written as", "API version", "Subscription", "Base", "Mode"],
        [
          [
            markdownCode(baseline.type),
            `${markdownCode(baseline.apiVersion)}${baseline.preview ? " (preview)" : ""}`,
            baseline.subscription === undefined
              ? "the stack's provider subscription"
              : markdownCode(baseline.subscription),
            markdownCode(baseline.base),
            markdownCode(baseline.mode),
          ],
        ],
      ),
      "",
    );
    for (const setting of baseline.settings) out.push(`- ${escapeMarkdown(setting)}`);
    if (baseline.settings.length > 0) out.push("");
    out.push(`${escapeMarkdown(SUBSCRIPTION_RAI_POLICY_NOTE)}.`, "");
  }
  for (const account of summary.accounts) {
    const where = [account.resourceGroup, account.location].filter((x): x is string => Boolean(x));
    out.push(
      `### Account ${markdownCode(account.key)}: ${markdownCode(account.name)} (${where.map((w) => escapeMarkdown(w)).join(", ")})`,
      "",
    );
    out.push(account.managed ? "Created and managed by this stack." : "Existing account: not changed.", "");
    for (const { label, url } of account.endpoints)
      out.push(`Endpoint, ${escapeMarkdown(label)}: ${markdownCode(url)}`, "");
    if (account.endpointsUnknown !== undefined) {
      out.push(`Endpoints unknown: ${escapeMarkdown(account.endpointsUnknown, 400)}`, "");
    }
    if (account.deployments.length > 0) {
      out.push(
        ...markdownTable(
          ["Deployment", "Model@version", "Type", "Capacity", "Content filter"],
          account.deployments.map((d) => [
            markdownCode(d.name),
            markdownCode(`${d.model}@${d.version}`),
            escapeMarkdown(d.deploymentType),
            escapeMarkdown(describeCapacity(d)),
            markdownCode(d.contentFilter),
          ]),
        ),
        "",
      );
      const features = account.deployments.flatMap((d) =>
        d.features.map((f) => `- ${markdownCode(d.name)}: ${escapeMarkdown(f)}`),
      );
      if (features.length > 0) out.push(...features, "");
    }
    if (account.projects.length > 0) {
      out.push(
        ...markdownTable(
          ["Project", "Display name", "Endpoint"],
          account.projects.map((p) => [
            markdownCode(p.name),
            p.displayName === undefined ? "" : escapeMarkdown(p.displayName),
            p.endpoint === undefined ? "unknown" : markdownCode(p.endpoint),
          ]),
        ),
        "",
      );
      const connections = account.projects.flatMap((p) => p.connections.map((c) => ({ project: p.name, c })));
      if (connections.length > 0) {
        out.push(
          ...markdownTable(
            ["Project", "Connection", "Category", "Target", "Auth", "Secrets"],
            connections.map(({ project, c }) => [
              markdownCode(project),
              markdownCode(c.name),
              escapeMarkdown(c.category),
              c.target === undefined ? "" : markdownCode(c.target),
              escapeMarkdown(c.authType),
              c.secrets.map((s) => escapeMarkdown(s)).join(", "),
            ]),
          ),
          "",
        );
      }
    }
    out.push("<details><summary>Write order</summary>", "");
    account.writeOrder.forEach((node, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(describeNode(node))}`);
    });
    // A blank line closes the HTML block, so that what follows (the policies) is read as Markdown.
    out.push("", "</details>", "");
  }
  return out;
}

function policyLines(report: PlanReport): string[] {
  const lines = ["## Policies", "", escapeMarkdown(policyHeadline(report), 400), ""];
  if (report.policyFindings.length > 0) {
    lines.push(
      ...markdownTable(
        ["Severity", "Policy", "Where", "Finding"],
        report.policyFindings.map((f) => [
          f.severity,
          markdownCode(f.code),
          markdownCode(`${f.file}:${f.line}`),
          escapeMarkdown(f.message, 300),
        ]),
      ),
      "",
    );
  }
  return lines;
}

function costSection(report: PlanReport): string[] {
  return report.cost === undefined ? [] : costEstimateMarkdownLines(report.cost, "## Monthly cost");
}

/**
 * The plan as Markdown for a pull-request comment or a job summary: per account, what will exist and
 * the write order; then the policy results. User text is made inert.
 */
export function formatPlanMarkdown(report: PlanReport): string {
  return `${[...planLines(report.summary), ...costSection(report), ...policyLines(report)].join("\n")}\n`;
}
