import type { ChangeAction, ChangeKind, FieldChange } from "./model";
import type { ResourceKind } from "./resources/kind";

/**
 * The action for a resource on either side: add or remove when one side is missing; replace when a field
 * Azure cannot change in place changed, or the account it lives on is replaced; else update. Undefined
 * when nothing changed.
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
  return ownFields.some((field) => kind.replacedBy(field.path, base, head)) ? "replace" : "update";
}
