import { describe, expect, it } from "vitest";
import type { Plan } from "../../infra/plan";
import type { EvaluatePolicies, PolicyOutcome, PolicyVerdict } from "../../review/model";
import { changeOf, deployment, diffOf, edited } from "./support";

/** A stand-in policy engine: no GlobalStandard deployments (data residency), keyed by graph node name. */
const noGlobalStandard: EvaluatePolicies = (plan: Plan) =>
  plan.state.deployments.map((d) => ({
    policyId: "AID-DEP-001",
    resourceKey: `${d.accountKey}/deployment/${d.name}`,
    outcome: d.sku === "GlobalStandard" ? "non-compliant" : "compliant",
    message: `${d.name} processes data outside the region`,
  }));

/** A stand-in that answers fixed outcomes, the first call for BASE and the second for HEAD. */
function fixed(base: PolicyVerdict[], head: PolicyVerdict[]): EvaluatePolicies {
  let calls = 0;
  return () => (calls++ === 0 ? base : head);
}

const result = (resourceKey: string, outcome: PolicyOutcome, policyId = "P1"): PolicyVerdict => ({
  policyId,
  resourceKey,
  outcome,
});

describe("policy regressions", () => {
  it("flags the change of a resource whose policy passed on BASE and fails on HEAD", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").sku = "GlobalStandard";
      }),
      evaluatePolicies: noGlobalStandard,
    });
    expect(changeOf(report, "deployment", "east/embed").flags).toContain("policy-regression");
    expect(report.summary.policyRegressions).toEqual([
      {
        policyId: "AID-DEP-001",
        resourceKey: "east/deployment/embed",
        before: "compliant",
        after: "non-compliant",
        message: "embed processes data outside the region",
      },
    ]);
    expect(report.summary.policy.evaluated).toBe(true);
    expect(report.summary.policy.outcomes).toEqual({
      compliant: 1,
      "non-compliant": 3,
      "not-applicable": 0,
      error: 0,
    });
  });

  it("a resource added already failing is a regression (absent on BASE)", () => {
    const report = diffOf({
      head: edited((f) => {
        f.deployments.push({
          name: "mini",
          account: "west",
          model: { format: "OpenAI", name: "gpt-4o-mini", version: "2024-07-18" },
          capacity: 30,
        });
      }),
      evaluatePolicies: noGlobalStandard,
    });
    expect(changeOf(report, "deployment", "west/mini").flags).toContain("policy-regression");
    expect(report.summary.policyRegressions.map((r) => [r.resourceKey, r.before])).toEqual([
      ["west/deployment/mini", "absent"],
    ]);
  });

  const transitions: { before: PolicyOutcome | "absent"; after: PolicyOutcome; regression: boolean }[] = [
    { before: "compliant", after: "non-compliant", regression: true },
    { before: "not-applicable", after: "non-compliant", regression: true },
    { before: "absent", after: "error", regression: true },
    { before: "compliant", after: "error", regression: true },
    { before: "compliant", after: "compliant", regression: false },
    { before: "non-compliant", after: "non-compliant", regression: false },
    { before: "error", after: "non-compliant", regression: false },
    { before: "non-compliant", after: "compliant", regression: false },
    { before: "compliant", after: "not-applicable", regression: false },
  ];

  it.each(transitions)("$before → $after is a regression: $regression", ({ before, after, regression }) => {
    const base = before === "absent" ? [] : [result("east", before)];
    const report = diffOf({
      head: edited((f) => {
        f.accounts.east.tags.owner = "ml";
      }),
      evaluatePolicies: fixed(base, [result("east", after)]),
    });
    expect(changeOf(report, "account", "east").flags.includes("policy-regression")).toBe(regression);
    expect(report.summary.policyRegressions).toHaveLength(regression ? 1 : 0);
  });

  it("keeps a regression on a resource that did not change as a summary-level finding", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").capacity = 60;
      }),
      evaluatePolicies: fixed(
        [result("west/deployment/chat", "compliant")],
        [result("west/deployment/chat", "error")],
      ),
    });
    expect(report.changes.every((c) => !c.flags.includes("policy-regression"))).toBe(true);
    expect(report.summary.flags).toContain("policy-regression");
    expect(report.summary.flagCounts["policy-regression"]).toBe(1);
  });

  it("matches a change by its change key and a blocklist item by its blocklist", () => {
    const report = diffOf({
      head: edited((f) => {
        f.blocklists.banned.items.push("password");
      }),
      evaluatePolicies: fixed(
        [],
        [
          result("east/banned", "non-compliant"),
          result("west/blocklist/banned/item-0123", "non-compliant", "P2"),
        ],
      ),
    });
    expect(changeOf(report, "blocklist", "east/banned").flags).toContain("policy-regression");
    expect(changeOf(report, "blocklist", "west/banned").flags).toContain("policy-regression");
  });

  it("judges a pair reported twice by its worst outcome", () => {
    const report = diffOf({
      head: edited((f) => {
        f.accounts.east.tags.owner = "ml";
      }),
      evaluatePolicies: fixed(
        [result("east", "compliant"), result("east", "non-compliant")],
        [result("east", "non-compliant")],
      ),
    });
    expect(report.summary.policyRegressions).toEqual([]);
  });

  it("without an evaluator, says policies were not evaluated and never flags a regression", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").sku = "GlobalStandard";
      }),
    });
    expect(report.summary.policy.evaluated).toBe(false);
    expect(report.summary.flags).not.toContain("policy-regression");
  });
});
