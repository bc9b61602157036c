import {
  blocklistNodeName,
  connectionNodeName,
  contentFilterNodeName,
  deploymentNodeName,
  projectNodeName,
  subscriptionRaiPolicyNodeName,
} from "../infra/graph";
import type { PolicyOutcome, PolicyRegression, PolicyVerdict } from "./model";
import type { ResourcePair } from "./pair";

/** Worse outcomes first: a pair reported twice counts with its worst verdict. */
const OUTCOME_RANK: Record<PolicyOutcome, number> = {
  "not-applicable": 0,
  compliant: 1,
  "non-compliant": 2,
  error: 3,
};

function failing(outcome: PolicyOutcome): outcome is "non-compliant" | "error" {
  return outcome === "non-compliant" || outcome === "error";
}

function worstByPair(results: readonly PolicyVerdict[]): Map<string, PolicyVerdict> {
  const worst = new Map<string, PolicyVerdict>();
  for (const result of results) {
    const pair = JSON.stringify([result.policyId, result.resourceKey]);
    const seen = worst.get(pair);
    if (seen === undefined || OUTCOME_RANK[result.outcome] > OUTCOME_RANK[seen.outcome])
      worst.set(pair, result);
  }
  return worst;
}

/** (policy, resource) pairs that fail on HEAD but passed, did not apply or did not exist on BASE. */
export function policyRegressions(
  base: readonly PolicyVerdict[],
  head: readonly PolicyVerdict[],
): PolicyRegression[] {
  const before = worstByPair(base);
  const regressions: PolicyRegression[] = [];
  for (const [pair, after] of worstByPair(head)) {
    if (!failing(after.outcome)) continue;
    const previous = before.get(pair)?.outcome;
    if (previous !== undefined && failing(previous)) continue;
    const regression: PolicyRegression = {
      policyId: after.policyId,
      resourceKey: after.resourceKey,
      before: previous ?? "absent",
      after: after.outcome,
    };
    if (after.message !== undefined) regression.message = after.message;
    regressions.push(regression);
  }
  return regressions.sort((a, b) => compare(a.resourceKey, b.resourceKey) || compare(a.policyId, b.policyId));
}

export function outcomeCounts(results: readonly PolicyVerdict[]): Record<PolicyOutcome, number> {
  const counts: Record<PolicyOutcome, number> = {
    compliant: 0,
    "non-compliant": 0,
    "not-applicable": 0,
    error: 0,
  };
  for (const result of worstByPair(results).values()) counts[result.outcome] += 1;
  return counts;
}

/**
 * Whether a policy result is about a changed resource. A policy engine may name the resource by its
 * change key or by its resource graph node name on either side; blocklist items belong to their blocklist.
 */
export function matchesResource(pair: ResourcePair, resourceKey: string): boolean {
  if (resourceKey === pair.key) return true;
  // A project's connections are changes of their own, not part of the project's.
  const children = pair.kind !== "project";
  return nodeNames(pair).some(
    (node) => resourceKey === node || (children && resourceKey.startsWith(`${node}/`)),
  );
}

function sides<T>(pair: { base?: T; head?: T }): T[] {
  return [pair.base, pair.head].filter((side): side is T => side !== undefined);
}

function nodeNames(pair: ResourcePair): string[] {
  switch (pair.kind) {
    case "account":
      // Children's node names start with the account's: match the account exactly.
      return [];
    case "deployment":
      return sides(pair).map((d) => deploymentNodeName(d.accountKey, d.name));
    case "contentFilter":
      return sides(pair).map((f) => contentFilterNodeName(f.accountKey, f.name));
    case "blocklist":
      return sides(pair).map((b) => blocklistNodeName(b.accountKey, b.name));
    case "project":
      return sides(pair).map((p) => projectNodeName(p.accountKey, p.name));
    case "connection":
      return sides(pair).map((c) => connectionNodeName(c.accountKey, c.projectName, c.name));
    case "subscriptionRaiPolicy":
      return sides(pair).map((p) => subscriptionRaiPolicyNodeName(p.name));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
