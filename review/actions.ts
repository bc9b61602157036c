import type { ChangeAction, ChangeKind, FieldChange, FieldValue } from "./model";
import type { ResourceKind } from "./resources/kind";

/**
 * Azure names and model identifiers ignore case: `GPT-4o` and `gpt-4o` name one resource and one model,
 * so a change of case only is sent in place, never a delete and re-create.
 */
function caseOnly(before: FieldValue, after: FieldValue): boolean {
  return (
    typeof before === "string" && typeof after === "string" && before.toLowerCase() === after.toLowerCase()
  );
}

/**
 * The action for a resource on either side: add or remove when one side is missing; replace when a field
 * Azure cannot change in place changed (beyond its case), or the account it lives on is replaced; else
 * update. Undefined when nothing changed.
 */
export function classifyAction<T>(
  kind: Pick<ResourceKind<ChangeKind, T>, "replacedBy">,
  base: T | undefined,
  head: T | undefined,
  ownFields: readonly FieldChange[],
  accountReplaced: boolean,
): ChangeAction | undefined {
  if (base === undefined) return head === undefined ? undefined : "add";
  if (head === undefined) return "remove";
  if (accountReplaced) return "replace";
  if (ownFields.length === 0) return undefined;
  const replacing = ownFields.some(
    (field) => !caseOnly(field.before, field.after) && kind.replacedBy(field.path, base, head),
  );
  return replacing ? "replace" : "update";
}
