import { describeCapacity, describeNode, type PlanSummary } from "./plan-model";
import { oneLine } from "./text/escape";

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** The plan for a terminal: per account, what will exist and the write order. */
export function formatPlanText(summary: PlanSummary): string {
  const lines: string[] = [];
  const env = summary.environment === null ? "the file as written" : `environment ${summary.environment}`;
  lines.push(`Plan for ${oneLine(summary.file)} (${oneLine(env)})`, "");
  for (const account of summary.accounts) {
    const where = [account.resourceGroup, account.location].filter(Boolean).join(", ");
    const how = account.managed ? "created and managed by this stack" : "existing, not changed";
    lines.push(`account ${oneLine(account.key)}: ${oneLine(account.name)} (${oneLine(where)}) - ${how}`);
    lines.push(`  endpoint ${oneLine(account.endpoint)}`);
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
      for (const line of table(rows)) lines.push(`  ${line}`);
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
  return `${lines.join("\n")}\n`;
}
