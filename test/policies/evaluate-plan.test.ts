// Every resource × every policy gets exactly one of the four outcomes; not applicable always says why; findings
// become Diagnostics at the declaring line.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { ResourceGraph } from "../../infra/graph";
import { evaluateGraphPolicies, policyDiagnostics } from "../../policies/evaluate-plan";
import { projectPolicies } from "../../policies/registry";
import type { PolicyResult } from "../../policies/results";
import { repoRoot } from "../support/paths";
import { estateText, planText } from "../support/plan";
import { BASELINE, FILE } from "./rules/harness";

const outcomes = ["compliant", "non-compliant", "not-applicable", "error"];

const plans = [
  { label: "the bundled file as written", text: estateText(), env: undefined },
  { label: "the bundled file, dev", text: estateText(), env: "dev" },
  { label: "the bundled file, prod (protected)", text: estateText(), env: "prod" },
  { label: "the test baseline", text: BASELINE, env: undefined },
];

function results(graph: ResourceGraph, protect: boolean): PolicyResult[] {
  return evaluateGraphPolicies(graph, { context: { protect } });
}

describe.each(plans)("$label", ({ text, env }) => {
  const plan = planText(text, env, FILE);
  const all = results(plan.graph, plan.state.protect);
  const policies = projectPolicies();

  it("has one result per resource and policy", () => {
    expect(all).toHaveLength(plan.graph.nodes.length * policies.length);
    const pairs = new Set(all.map((r) => `${r.policy.name} @ ${r.resource.name}`));
    expect(pairs.size).toBe(all.length);
    for (const policy of policies) {
      expect(all.filter((r) => r.policy.name === policy.name).map((r) => r.resource.name)).toEqual(
        plan.graph.nodes.map((n) => n.name),
      );
    }
  });

  it("gives every result one of the four outcomes, and not applicable a reason", () => {
    for (const r of all) {
      expect(outcomes).toContain(r.outcome);
      if (r.outcome === "not-applicable")
        expect(r.message).toMatch(/^(applies to \S|the effect is disabled$)/);
    }
  });

  it("is compliant with every policy at the defaults: no findings", () => {
    expect(all.filter((r) => r.outcome === "non-compliant" || r.outcome === "error")).toEqual([]);
    expect(policyDiagnostics(all)).toEqual([]);
  });

  it("carries each resource's declaration and the policy's data", () => {
    for (const r of all) {
      const node = plan.graph.nodes.find((n) => n.name === r.resource.name);
      expect(r.resource).toEqual({
        name: node?.name,
        type: node?.type,
        account: node?.account,
        source: node?.source,
      });
      const policy = policies.find((p) => p.name === r.policy.name);
      expect(r.policy).toMatchObject({
        id: policy?.id,
        severity: policy?.severity,
        remediation: policy?.remediation,
      });
      if (policy?.kind === "definition") {
        expect(r.policy.definition).toBe(`policies/definitions/${policy.definitionFile}`);
        expect(existsSync(path.join(repoRoot, r.policy.definition))).toBe(true);
      }
    }
  });
});

describe("what applies to what, on the bundled file", () => {
  const plan = planText(estateText(), "prod", FILE);
  const all = results(plan.graph, true);
  const applicable = (policy: string) =>
    all
      .filter((r) => r.policy.name === policy && r.outcome !== "not-applicable")
      .map((r) => r.resource.type.split(":").pop());

  it.each([
    ["local-auth-disabled", "Account"],
    ["customer-managed-key", "Account"],
    ["approved-models", "Deployment"],
    ["approved-registry-models", "Deployment"],
    ["pinned-model-version", "Deployment"],
    ["prompt-shields", "RaiPolicy"],
    ["content-filter-modes", "RaiPolicy"],
    ["content-filter-on-account", "Deployment"],
    ["account-capacity-cap", "Deployment"],
  ])("%s is evaluated on %s resources only", (policy, type) => {
    const types = applicable(policy);
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set([type]));
  });

  it("names the resource type a definition is written for when it does not apply", () => {
    const r = all.find((x) => x.policy.name === "prompt-shields" && x.resource.name === "eastus2");
    expect([r?.outcome, r?.message]).toEqual([
      "not-applicable",
      "applies to microsoft.cognitiveservices/accounts/raipolicies",
    ]);
    const d = all.find((x) => x.policy.name === "approved-registry-models" && x.resource.name === "eastus2");
    expect([d?.outcome, d?.message]).toEqual([
      "not-applicable",
      "applies to microsoft.cognitiveservices.data/accounts/deployments",
    ]);
  });
});

describe("policyDiagnostics", () => {
  const base: PolicyResult = {
    policy: {
      id: "AID-ACC-001",
      name: "local-auth-disabled",
      definition: "policies/definitions/local-auth-disabled.json",
      displayName: "x",
      severity: "high",
      remediation: "fix it",
      origin: "project",
    },
    resource: {
      name: "main",
      type: "azure-native:cognitiveservices:Account",
      account: "main",
      source: { file: "d.yaml", line: 7, column: 5, path: "accounts.main" },
    },
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
    message: "main does not comply",
  };
  const variant = (changes: Partial<PolicyResult>): PolicyResult => ({ ...base, ...changes });

  it.each([
    ["non-compliant, mandatory", variant({}), [["policy/local-auth-disabled", "error"]]],
    [
      "non-compliant, advisory",
      variant({ enforcement: "advisory" }),
      [["policy/local-auth-disabled", "warning"]],
    ],
    ["error outcome, mandatory", variant({ outcome: "error" }), [["policy/local-auth-disabled", "error"]]],
    ["non-compliant, disabled", variant({ enforcement: "disabled" }), []],
    ["compliant", variant({ outcome: "compliant" }), []],
    ["not applicable", variant({ outcome: "not-applicable" }), []],
    [
      "users' Azure Policy",
      variant({ policy: { ...base.policy, origin: "azure", name: "deny-keys" } }),
      [["azure-policy/deny-keys", "error"]],
    ],
  ])("%s", (_case, result, expected) => {
    expect(policyDiagnostics([result]).map((d) => [d.code, d.severity])).toEqual(expected);
  });

  it("places the Diagnostic at the resource's declaration, with the remediation as hint", () => {
    expect(policyDiagnostics([base])).toEqual([
      {
        code: "policy/local-auth-disabled",
        severity: "error",
        message: "main does not comply [AID-ACC-001, mandatory]",
        file: "d.yaml",
        line: 7,
        column: 5,
        path: "accounts.main",
        hint: "fix it",
      },
    ]);
  });
});
