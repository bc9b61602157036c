import type { DriftEntry, DriftReport } from "../../live/drift";
import { oneLine } from "../../text/escape";
import { plural } from "../../text/plural";
import { formatValue, KIND_LABELS } from "./display";

function entryLines(entry: DriftEntry, label: string = entry.status): string[] {
  const name = entry.key.slice(entry.key.indexOf("/") + 1);
  const note = entry.note ? ` (${oneLine(entry.note)})` : "";
  const lines = [`  ${label.padEnd(9)} ${KIND_LABELS[entry.kind]} ${oneLine(name)}${note}`];
  for (const field of entry.fields) {
    lines.push(
      `      ${oneLine(field.path)}: declared ${oneLine(formatValue(field.declared))}, live ${oneLine(formatValue(field.live))}`,
    );
  }
  return lines;
}

/** Live versus declared, grouped by account, for a terminal or a log. */
export function formatDriftText(report: DriftReport): string {
  const lines: string[] = [];
  const environment =
    report.environment === null ? "the file as written" : `environment ${report.environment}`;
  lines.push(`drift of ${environment}`);
  for (const account of report.accounts) {
    const location = account.location ? `, ${account.location}` : "";
    lines.push("", `account ${account.key}: ${account.name} (${account.resourceGroup}${location})`);
    if (account.status === "error")
      lines.push(`  not compared: ${oneLine(account.message ?? "could not be read")}`);
    if (account.status === "missing") lines.push("  the account does not exist in Azure");
    const entries = report.drift.filter(
      (entry) => entry.kind !== "subscriptionRaiPolicy" && entry.key.startsWith(`${account.key}/`),
    );
    if (account.status === "read" && entries.length === 0) lines.push("  no drift");
    for (const entry of entries) lines.push(...entryLines(entry));
    for (const entry of report.information.filter((info) => info.key.startsWith(`${account.key}/`))) {
      lines.push(...entryLines(entry, "info"));
    }
  }
  // At subscription scope, under no account.
  const baseline = report.drift.filter((entry) => entry.kind === "subscriptionRaiPolicy");
  if (baseline.length > 0) lines.push("", "subscription");
  for (const entry of baseline) lines.push(...entryLines(entry));
  const { summary } = report;
  lines.push(
    "",
    `${summary.total === 0 ? (summary.unreadAccounts > 0 ? "no drift found in the accounts read" : "no drift") : plural(summary.total, "difference")}: ${summary.missing} missing, ${summary.unmanaged} unmanaged, ${summary.changed} changed, ${summary.upgraded} upgraded${summary.unreadAccounts > 0 ? `; ${summary.unreadAccounts} account(s) not read` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}
