import { describe, expect, it } from "vitest";
import { generateDeploymentsYaml } from "../../bench/generate";
import type { ResourceNode } from "../../infra/graph";
import { longestChain } from "../../reports/plan/model";
import { planText } from "../support/plan";

/** For every node, the set of nodes that must be written before it (transitively). */
function ancestors(nodes: readonly ResourceNode[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const node of nodes) {
    const set = new Set<string>();
    for (const dep of node.dependsOn) {
      set.add(dep);
      for (const a of result.get(dep) ?? []) set.add(a);
    }
    result.set(node.name, set);
  }
  return result;
}

describe("write order of a plan of 1,000 deployments over 10 accounts", () => {
  const plan = planText(generateDeploymentsYaml(1000, { accounts: 10 }));
  const nodes = plan.graph.nodes;
  const byAccount = new Map<string, ResourceNode[]>();
  for (const node of nodes) {
    if (node.account !== undefined)
      byAccount.set(node.account, [...(byAccount.get(node.account) ?? []), node]);
  }

  it("plans 1,000 declared deployments (some on several accounts) on 10 accounts", () => {
    expect(new Set(plan.state.deployments.map((d) => d.index)).size).toBe(1000);
    expect(nodes.filter((n) => n.type === "azure-native:cognitiveservices:Deployment")).toHaveLength(
      plan.state.deployments.length,
    );
    expect(byAccount.size).toBe(10);
  });

  it("lists every dependency before its dependent", () => {
    const seen = new Set<string>();
    for (const node of nodes) {
      for (const dep of node.dependsOn) expect(seen.has(dep), `${node.name} after ${dep}`).toBe(true);
      seen.add(node.name);
    }
  });

  it("orders every pair of writes under one account", () => {
    const before = ancestors(nodes);
    for (const [, accountNodes] of byAccount) {
      // A total order: each node has all earlier nodes of its account as ancestors.
      accountNodes.forEach((node, i) => {
        const mine = before.get(node.name) ?? new Set();
        expect(mine.size, node.name).toBe(i);
        for (const earlier of accountNodes.slice(0, i)) expect(mine.has(earlier.name)).toBe(true);
      });
    }
  });

  it("chains no account to another", () => {
    const accountOf = new Map(nodes.map((n) => [n.name, n.account]));
    const crossing = nodes.flatMap((n) => n.dependsOn.filter((d) => accountOf.get(d) !== n.account));
    expect(crossing).toEqual([]);
  });

  it("has a longest chain equal to the largest account's resource count, not the total", () => {
    const largest = Math.max(...[...byAccount.values()].map((list) => list.length));
    expect(longestChain(nodes)).toBe(largest);
    expect(longestChain(nodes)).toBeLessThan(nodes.length);
  });
});
