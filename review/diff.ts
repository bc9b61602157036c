import { deploymentCostChange, diffCosts } from "../cost/diff";
import { type CostEstimate, type EstimateOptions, estimateCost } from "../cost/estimate";
import type { PriceBook } from "../cost/prices";
import type { Plan } from "../infra/plan";
import type { DesiredState } from "../loader/desired-state";
import { classifyAction } from "./actions";
import { flagRules } from "./flags/index";
import type { DiffContext } from "./flags/rule";
import {
  CHANGE_ACTIONS,
  CHANGE_KINDS,
  type Change,
  type ChangeKind,
  DIFF_FLAGS,
  type DiffFlag,
  type DiffReport,
  type DiffSummary,
  type EvaluatePolicies,
  type FieldChange,
  type PolicyVerdict,
} from "./model";
import type { PairOf, ResourcePair } from "./pair";
import { outcomeCounts, policyRegressions } from "./policy";
import { quotaImpact } from "./quota";
import { accountKind } from "./resources/account";
import { blocklistKind } from "./resources/blocklist";
import { connectionKind } from "./resources/connection";
import { contentFilterKind } from "./resources/content-filter";
import { deploymentKind } from "./resources/deployment";
import type { ResourceKind } from "./resources/kind";
import { projectKind } from "./resources/project";
import { subscriptionRaiPolicyKind } from "./resources/subscription-rai-policy";
import { lostRoutes } from "./routes";
import { type FieldEntry, sameValue } from "./values";

export interface DiffOptions {
  /** How BASE and HEAD are named in reports; default: the file names of the states. */
  baseName?: string;
  headName?: string;
  /** The policy engine, run on both plans when given (policy-regression is judged only then). */
  evaluatePolicies?: EvaluatePolicies;
  /** Prices, for the monthly cost of each side (cost-increase is judged only then). */
  prices?: PriceBook;
  /** How the cost is estimated (the day the prices' age is judged on). */
  estimate?: EstimateOptions;
}

/** Compares two plans of the same environment. Pure, given a pure policy evaluator. */
export function diffPlans(base: Plan, head: Plan, options: DiffOptions = {}): DiffReport {
  const evaluate = options.evaluatePolicies;
  const stateOptions: StateDiffOptions = {
    baseName: options.baseName ?? base.state.file,
    headName: options.headName ?? head.state.file,
  };
  if (evaluate !== undefined) stateOptions.policyResults = { base: evaluate(base), head: evaluate(head) };
  if (options.prices !== undefined) {
    stateOptions.cost = {
      base: estimateCost(base.state, options.prices, base.loaded.catalog, options.estimate),
      head: estimateCost(head.state, options.prices, head.loaded.catalog, options.estimate),
    };
  }
  return diffStates(base.state, head.state, stateOptions);
}

export interface StateDiffOptions {
  baseName: string;
  headName: string;
  /** Policy results on each side; absent: policies were not evaluated. */
  policyResults?: { base: readonly PolicyVerdict[]; head: readonly PolicyVerdict[] };
  /** The monthly cost of each side; absent: cost is not estimated. */
  cost?: { base: CostEstimate; head: CostEstimate };
}

/**
 * Compares two desired states semantically: defaults and the environment are already applied, so
 * reordering, reformatting and spelling out a default change nothing.
 */
export function diffStates(base: DesiredState, head: DesiredState, options: StateDiffOptions): DiffReport {
  const accounts = diffKind(accountKind, base, head, new Map());
  const replacedAccounts = new Map<string, FieldChange[]>();
  for (const pair of accounts) {
    if (pair.action !== "replace" || pair.base === undefined || pair.head === undefined) continue;
    const { base: before, head: after } = pair;
    const causes = pair.fields
      .filter((f) => accountKind.replacedBy(f.path, before, after))
      .map((f) => ({ ...f, path: `account.${f.path}` }));
    replacedAccounts.set(pair.key, causes);
  }
  const pairs: ResourcePair[] = [
    ...accounts,
    ...diffKind(deploymentKind, base, head, replacedAccounts),
    ...diffKind(contentFilterKind, base, head, replacedAccounts),
    ...diffKind(blocklistKind, base, head, replacedAccounts),
    ...diffKind(projectKind, base, head, replacedAccounts),
    ...diffKind(connectionKind, base, head, replacedAccounts),
    ...diffKind(subscriptionRaiPolicyKind, base, head, replacedAccounts),
  ];

  const regressions = options.policyResults
    ? policyRegressions(options.policyResults.base, options.policyResults.head)
    : [];
  const quota = quotaImpact(base, head);
  const context: DiffContext = {
    base,
    head,
    lostRoutes: lostRoutes(base, head),
    replacedAccounts: new Set(replacedAccounts.keys()),
    policyRegressions: regressions,
    protectedFromDelete: (options.policyResults?.base ?? []).filter((v) => v.blocksDelete === true),
    quotaImpact: quota,
  };
  if (options.cost !== undefined) context.cost = options.cost;
  const cost =
    options.cost === undefined
      ? undefined
      : diffCosts(
          { state: base, estimate: options.cost.base },
          { state: head, estimate: options.cost.head },
          context.replacedAccounts,
        );
  const rules = flagRules();
  const changes: Change[] = pairs
    .map((pair) => {
      const change: Change = {
        kind: pair.kind,
        key: pair.key,
        action: pair.action,
        fields: pair.fields,
        flags: rules.filter((rule) => rule.appliesTo(pair, context)).map((rule) => rule.id),
      };
      if (pair.kind === "deployment" && options.cost !== undefined) {
        change.cost = deploymentCostChange(
          options.cost.base.deployments.find((d) => d.key === pair.base?.key),
          options.cost.head.deployments.find((d) => d.key === pair.head?.key),
        );
      }
      return change;
    })
    .sort(byKindThenKey);

  const tally: Partial<Record<DiffFlag, number>> = {};
  for (const change of changes) {
    for (const flag of change.flags) tally[flag] = (tally[flag] ?? 0) + 1;
  }
  // A regression on a resource that did not change is still a finding of the diff as a whole.
  if (regressions.length > 0) tally["policy-regression"] = regressions.length;
  const flags = DIFF_FLAGS.filter((flag) => (tally[flag] ?? 0) > 0);
  const flagCounts: Partial<Record<DiffFlag, number>> = {};
  for (const flag of flags) flagCounts[flag] = tally[flag];
  const counts = { add: 0, remove: 0, update: 0, replace: 0, total: changes.length };
  for (const change of changes) counts[change.action] += 1;
  const summary: DiffSummary = {
    base: options.baseName,
    head: options.headName,
    environment: head.environment,
    counts,
    flags,
    flagCounts,
    quotaImpact: quota,
    policy: {
      evaluated: options.policyResults !== undefined,
      outcomes: outcomeCounts(options.policyResults?.head ?? []),
    },
    policyRegressions: regressions,
  };
  if (cost !== undefined) summary.cost = cost;
  return { changes, summary };
}

/** Pairs the resources of one kind across both sides and keeps those that changed. */
function diffKind<K extends ChangeKind, T>(
  kind: ResourceKind<K, T>,
  base: DesiredState,
  head: DesiredState,
  replacedAccounts: ReadonlyMap<string, FieldChange[]>,
): PairOf<K, T>[] {
  const changed: PairOf<K, T>[] = [];
  for (const { before, after } of matchItems(kind, kind.items(base), kind.items(head))) {
    const own = fieldChanges(
      before === undefined ? [] : kind.fields(before, base),
      after === undefined ? [] : kind.fields(after, head),
    );
    const accountKey = kind.accountKey((after ?? before) as T);
    const accountCauses =
      before !== undefined && after !== undefined && accountKey !== undefined
        ? replacedAccounts.get(accountKey)
        : undefined;
    const action = classifyAction(kind, before, after, own, accountCauses !== undefined);
    if (action === undefined) continue;
    const name = kind.matchName((after ?? before) as T);
    const fields = [...enabledChange(kind, base, head, before, after, accountKey, name), ...own];
    if (accountCauses !== undefined) fields.push(...accountCauses);
    const pair: PairOf<K, T> = { kind: kind.kind, key: keyOf(accountKey, name), action, fields };
    if (before !== undefined) pair.base = before;
    if (after !== undefined) pair.head = after;
    changed.push(pair);
  }
  return changed;
}

function keyOf(accountKey: string | undefined, name: string): string {
  return accountKey === undefined ? name : `${accountKey}/${name}`;
}

/**
 * Same account and exact name first; then, for resources on an account, the same name in another case
 * (Azure resource names ignore case, so that is a rename of one resource, not a new one).
 */
function matchItems<T>(
  kind: ResourceKind<ChangeKind, T>,
  baseItems: readonly T[],
  headItems: readonly T[],
): { before?: T; after?: T }[] {
  const id = (item: T, fold: boolean) => {
    const name = kind.matchName(item);
    return JSON.stringify([kind.accountKey(item) ?? null, fold ? name.toLowerCase() : name]);
  };
  const pairs: { before?: T; after?: T }[] = [];
  const unmatchedHead = new Set(headItems);
  const headByExact = new Map(headItems.map((item) => [id(item, false), item]));
  const unmatchedBase: T[] = [];
  for (const item of baseItems) {
    const match = headByExact.get(id(item, false));
    if (match !== undefined && unmatchedHead.has(match)) {
      unmatchedHead.delete(match);
      pairs.push({ before: item, after: match });
    } else unmatchedBase.push(item);
  }
  for (const item of unmatchedBase) {
    const match =
      kind.accountKey(item) === undefined
        ? undefined
        : [...unmatchedHead].find((candidate) => id(candidate, true) === id(item, true));
    if (match !== undefined) {
      unmatchedHead.delete(match);
      pairs.push({ before: item, after: match });
    } else pairs.push({ before: item });
  }
  for (const item of unmatchedHead) pairs.push({ after: item });
  return pairs;
}

/** Field by field, in the kind's order; a field missing on one side is null there. */
function fieldChanges(before: readonly FieldEntry[], after: readonly FieldEntry[]): FieldChange[] {
  const beforeByPath = new Map(before.map((e) => [e.path, e.value]));
  const afterByPath = new Map(after.map((e) => [e.path, e.value]));
  const paths = [...new Set([...after.map((e) => e.path), ...before.map((e) => e.path)])];
  return paths.flatMap((path) => {
    const b = beforeByPath.get(path) ?? null;
    const a = afterByPath.get(path) ?? null;
    return sameValue(b, a) ? [] : [{ path, before: b, after: a }];
  });
}

/** `enabled` when a resource is missing on one side because the environment switched it off there. */
function enabledChange<T>(
  kind: ResourceKind<ChangeKind, T>,
  base: DesiredState,
  head: DesiredState,
  before: T | undefined,
  after: T | undefined,
  accountKey: string | undefined,
  name: string,
): FieldChange[] {
  if (kind.declaredButOff === undefined || accountKey === undefined) return [];
  if (after === undefined && kind.declaredButOff(head, accountKey, name)) {
    return [{ path: "enabled", before: true, after: false }];
  }
  if (before === undefined && kind.declaredButOff(base, accountKey, name)) {
    return [{ path: "enabled", before: false, after: true }];
  }
  return [];
}

function byKindThenKey(a: Change, b: Change): number {
  const kinds = CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind);
  if (kinds !== 0) return kinds;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return CHANGE_ACTIONS.indexOf(a.action) - CHANGE_ACTIONS.indexOf(b.action);
}
