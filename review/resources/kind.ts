import type { DesiredState } from "../../loader/desired-state";
import type { ChangeKind } from "../model";
import type { FieldEntry } from "../values";

/** What the diff needs to know about one kind of resource: where to find it, how to compare it. */
export interface ResourceKind<K extends ChangeKind, T> {
  kind: K;
  items(state: DesiredState): readonly T[];
  /** The account a resource lives on; undefined for accounts themselves. */
  accountKey(item: T): string | undefined;
  /** The name resources are matched by: the Azure name for resources on an account, the key for accounts. */
  matchName(item: T): string;
  /** Every compared field in a stable order. Server-computed and Pulumi-only settings are left out. */
  fields(item: T, state: DesiredState): FieldEntry[];
  /** True when a change of this field makes Azure delete and re-create the resource. */
  replacedBy(path: string, base: T, head: T): boolean;
  /** True when the resource is declared on this side but switched off (a deployment disabled in the environment). */
  declaredButOff?(state: DesiredState, accountKey: string, name: string): boolean;
}
