import { escapeMarkdown } from "../../text/escape";
import { markdownTable } from "../../text/table";
import type { PolicyListEntry } from "./model";

/** The pack as a Markdown table (documentation, a job summary). Every value is made inert. */
export function formatPolicyListMarkdown(entries: readonly PolicyListEntry[]): string {
  const rows = entries.map((e) => [
    escapeMarkdown(e.id),
    escapeMarkdown(e.name),
    escapeMarkdown(e.definition),
    escapeMarkdown(e.effect),
    escapeMarkdown(e.enforcement),
    `${escapeMarkdown(e.description, 400)}${e.follows ? ` Follows ${escapeMarkdown(e.follows, 200)}.` : ""}`,
  ]);
  const table = markdownTable(["Id", "Name", "Definition", "Effect", "Enforcement", "Description"], rows);
  return `${table.join("\n")}\n`;
}
