import type { CostDiff, DeploymentCostChange } from "../cost/diff";
import type { Plan } from "../infra/plan";

/** The kinds of resource a diff reports on, in the order changes are listed. */
export const CHANGE_KINDS = [
  "subscriptionRaiPolicy",
  "account",
  "deployment",
  "contentFilter",
  "blocklist",
  "project",
  "connection",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * add / remove: the resource appears or disappears. update: changed in place. replace: Azure deletes and
 * re-creates it (a new model or deployment type, a renamed resource, a moved account).
 */
export const CHANGE_ACTIONS = ["add", "remove", "update", "replace"] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Every flag a change or the whole diff can carry, in the order they are reported. */
export const DIFF_FLAGS = [
  "breaking",
  "replace",
  "capacity-decrease",
  "content-filter-weakened",
  "version-change",
  "auto-upgrade-enabled",
  "new-account",
  "quota-impact",
  "policy-regression",
  "policy-blocks-delete",
  "service-tier-change",
  "marketplace-terms",
  "cost-increase",
] as const;
export type DiffFlag = (typeof DIFF_FLAGS)[number];

export function isDiffFlag(name: string): name is DiffFlag {
  return (DIFF_FLAGS as readonly string[]).includes(name);
}

/** A compared value. Absent is null; set-like lists are sorted so that their order never shows as a change. */
export type FieldValue = string | number | boolean | null | readonly FieldValue[] | FieldObject;
export interface FieldObject {
  readonly [key: string]: FieldValue;
}

export interface FieldChange {
  /** Dotted path such as `sku.capacity`, `model.version`, `prompt.hate`, `tags.owner`. */
  path: string;
  before: FieldValue;
  after: FieldValue;
}

export interface Change {
  kind: ChangeKind;
  /** `<account key>/<name>` for resources on an account (the HEAD name unless removed), `<account key>` for accounts. */
  key: string;
  action: ChangeAction;
  fields: FieldChange[];
  flags: DiffFlag[];
  /** A deployment's monthly cost before and after, when prices were given. */
  cost?: DeploymentCostChange;
}

/**
 * What a quota bucket counts: tokens per minute (token-based types whose model's unit is known), capacity
 * units (token-based types whose unit is unknown: never converted), PTUs (provisioned types), or units of
 * enqueued-token quota (batch types).
 */
export type QuotaUnit = "TPM" | "units" | "PTU" | "enqueued-token units";

/** Capacity held per quota bucket on each side; only buckets whose total changes are reported. */
export interface QuotaRow {
  /** The account's location in ARM's normalised form (lower case, no spaces); null when the file names none. */
  region: string | null;
  /** Null for provisioned types: one PTU pool per region and deployment type, shared by every model. */
  model: string | null;
  deploymentType: string;
  unit: QuotaUnit;
  before: number;
  after: number;
  delta: number;
}

export type PolicyOutcome = "compliant" | "non-compliant" | "not-applicable" | "error";

/**
 * One policy verdict on one resource, as the diff needs it from whatever policy engine it is given (the
 * project's engine reports the fuller `PolicyResult` of policies/results.ts, mapped to this in the CLI).
 */
export interface PolicyVerdict {
  policyId: string;
  /**
   * The resource: a change key (`<account key>/<name>`, `<account key>`) or the resource graph node name
   * (`<account key>/deployment/<name>`, which is unambiguous across kinds).
   */
  resourceKey: string;
  outcome: PolicyOutcome;
  message?: string;
  /** A DenyAction assignment protects the resource: Azure refuses to delete it. */
  blocksDelete?: boolean;
}

/** Evaluates policies on a plan; injected so that the diff does not depend on the policy engine. */
export type EvaluatePolicies = (plan: Plan) => PolicyVerdict[];

/** A (policy, resource) pair that passed, did not apply or did not exist on BASE and fails on HEAD. */
export interface PolicyRegression {
  policyId: string;
  resourceKey: string;
  before: "compliant" | "not-applicable" | "absent";
  after: "non-compliant" | "error";
  message?: string;
}

export interface DiffSummary {
  /** How BASE and HEAD were named on the command line. */
  base: string;
  head: string;
  environment: string | null;
  counts: Record<ChangeAction, number> & { total: number };
  /** Flags present on any change or on the diff as a whole, in DIFF_FLAGS order. */
  flags: DiffFlag[];
  /** Per flag present, in DIFF_FLAGS order: the changes carrying it (policy-regression: the regressions). */
  flagCounts: Partial<Record<DiffFlag, number>>;
  quotaImpact: QuotaRow[];
  policy: {
    /** False when no policy evaluator was given: no policy verdict is implied. */
    evaluated: boolean;
    /** Outcomes on HEAD, per outcome. */
    outcomes: Record<PolicyOutcome, number>;
  };
  policyRegressions: PolicyRegression[];
  /** What the change costs per month, when prices were given. */
  cost?: CostDiff;
}

export interface DiffReport {
  changes: Change[];
  summary: DiffSummary;
}
