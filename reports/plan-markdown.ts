import { describeCapacity, describeNode, type PlanSummary } from "./plan-model";
import { escapeMarkdown, markdownCode } from "./text/escape";

/** The plan as Markdown for a pull-request comment or a job summary. User text is made inert. */
export function formatPlanMarkdown(summary: PlanSummary): string {
  const out: string[] = [];
  const env =
    summary.environment === null ? "file as written" : `environment ${markdownCode(summary.environment)}`;
  out.push(`## Deployment plan: ${markdownCode(summary.file)} (${env})`, "");
  out.push(
    `${summary.resourceCount} resources on ${summary.accounts.length} accounts; longest write chain ${summary.longestChain}.`,
    "",
  );
  for (const account of summary.accounts) {
    const where = [account.resourceGroup, account.location].filter((x): x is string => Boolean(x));
    out.push(
      `### Account ${markdownCode(account.key)}: ${markdownCode(account.name)} (${where.map((w) => escapeMarkdown(w)).join(", ")})`,
      "",
    );
    out.push(account.managed ? "Created and managed by this stack." : "Existing account: not changed.", "");
    out.push(`Endpoint: ${markdownCode(account.endpoint)}`, "");
    if (account.deployments.length > 0) {
      out.push("| Deployment | Model@version | Type | Capacity | Content filter |", "|---|---|---|---|---|");
      for (const d of account.deployments) {
        out.push(
          `| ${markdownCode(d.name)} | ${markdownCode(`${d.model}@${d.version}`)} | ${escapeMarkdown(d.deploymentType)} | ${escapeMarkdown(describeCapacity(d))} | ${markdownCode(d.contentFilter)} |`,
        );
      }
      out.push("");
    }
    out.push("<details><summary>Write order</summary>", "");
    account.writeOrder.forEach((node, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(describeNode(node))}`);
    });
    out.push("", "</details>", "");
  }
  // A blank line closes the last HTML block, so that what follows (the policies) is read as Markdown.
  return `${out.join("\n")}\n`;
}
