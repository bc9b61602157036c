import type {
  DesiredAccount,
  DesiredBlocklist,
  DesiredConnection,
  DesiredContentFilter,
  DesiredDeployment,
  DesiredProject,
  DesiredSubscriptionRaiPolicy,
} from "../loader/desired-state";
import type { ChangeAction, ChangeKind, FieldChange } from "./model";

export interface PairOf<K extends ChangeKind, T> {
  kind: K;
  key: string;
  action: ChangeAction;
  fields: FieldChange[];
  /** The resource on BASE; absent when added. */
  base?: T;
  /** The resource on HEAD; absent when removed. */
  head?: T;
}

/** A changed resource with both sides at hand, for the flag rules. */
export type ResourcePair =
  | PairOf<"account", DesiredAccount>
  | PairOf<"deployment", DesiredDeployment>
  | PairOf<"contentFilter", DesiredContentFilter>
  | PairOf<"blocklist", DesiredBlocklist>
  | PairOf<"project", DesiredProject>
  | PairOf<"connection", DesiredConnection>
  | PairOf<"subscriptionRaiPolicy", DesiredSubscriptionRaiPolicy>;
