import type { PolicyListEntry } from "./model";

/** The pack for a terminal: per policy, its id, name, effect, enforcement, definition and description. */
export function formatPolicyListText(entries: readonly PolicyListEntry[]): string {
  return entries
    .map(
      (e) =>
        `${e.id}  ${e.name}  (${e.effect}, ${e.enforcement}, ${e.severity})\n    ${e.definition}\n    ${e.description}\n`,
    )
    .join("");
}
