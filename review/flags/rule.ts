import type { CostEstimate } from "../../cost/estimate";
import type { DesiredState } from "../../loader/desired-state";
import type { DiffFlag, PolicyRegression, PolicyVerdict, QuotaRow } from "../model";
import type { ResourcePair } from "../pair";

/** Both states and what was worked out across resources, for rules that look beyond one pair. */
export interface DiffContext {
  base: DesiredState;
  head: DesiredState;
  /** Routes (account endpoint and deployment name) clients can call on BASE and not on HEAD. */
  lostRoutes: ReadonlySet<string>;
  /** Keys of accounts Azure deletes and re-creates (new keys, no role assignments, a new region). */
  replacedAccounts: ReadonlySet<string>;
  policyRegressions: readonly PolicyRegression[];
  /** Verdicts on BASE of DenyAction assignments that protect a resource from deletion. */
  protectedFromDelete: readonly PolicyVerdict[];
  /** Quota buckets whose total changes. */
  quotaImpact: readonly QuotaRow[];
  /** The monthly cost of each side, when prices were given. */
  cost?: { base: CostEstimate; head: CostEstimate };
}

/** One flag: what it means and a pure check of one changed resource. */
export interface FlagRule {
  id: DiffFlag;
  /** What the flag means, in one sentence (reports, `--fail-on` errors). */
  description: string;
  appliesTo(pair: ResourcePair, context: DiffContext): boolean;
}
