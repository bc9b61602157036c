import { describe, expect, it } from "vitest";
import { buildResourceGraph } from "../../infra/graph";
import { ArmTypes, toArmView } from "../../policies/arm-view";
import { checkPlanPolicies, loadPolicyInputs } from "../../policies/check-plan";
import { type ArmResource, evaluatePolicy } from "../../policies/evaluator/index";
import { testCatalog } from "../support/catalog";
import { planText } from "../support/plan";
import { subscriptionPolicyFile, subscriptionPolicyState } from "../support/subscription-rai-policy";
import { ruleDefinition } from "./evaluator/support";

const SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";

function baselineNode() {
  const node = buildResourceGraph(subscriptionPolicyState()).nodes.find(
    (n) => n.type === "azure-native:cognitiveservices:SubscriptionRaiPolicy",
  );
  if (!node) throw new Error("no subscription RAI policy node");
  return node;
}

function baselineView() {
  const node = baselineNode();
  return toArmView(node.type, node.inputs as unknown as Record<string, unknown>, SUBSCRIPTION);
}

/** A custom definition on the subscription-scope type: audit one without an owner tag. */
const auditUnowned = ruleDefinition({
  allOf: [
    { field: "type", equals: "Microsoft.CognitiveServices/raiPolicy" },
    { field: "tags['owner']", exists: false },
  ],
});

describe("the subscription RAI policy in the ARM view that Azure Policy reads", () => {
  it("is Microsoft.CognitiveServices/raiPolicy at subscription scope, with the RaiPolicy body and tags", () => {
    const view = baselineView();
    expect(view).toMatchObject({
      id: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CognitiveServices/raiPolicy/Org-Baseline`,
      name: "Org-Baseline",
      fullName: "Org-Baseline",
      type: ArmTypes.subscriptionRaiPolicy,
      tags: { owner: "security" },
      properties: { basePolicyName: "Microsoft.DefaultV2", mode: "Asynchronous_filter" },
    });
    expect(ArmTypes.subscriptionRaiPolicy).toBe("Microsoft.CognitiveServices/raiPolicy");
    expect(view).not.toHaveProperty("location");
  });

  it("a definition on its type and tags is evaluated on it", () => {
    const owned = baselineView() as unknown as ArmResource;
    expect(evaluatePolicy(auditUnowned, owned).outcome).toBe("compliant");
    const unowned = { ...owned, tags: {} } as unknown as ArmResource;
    expect(evaluatePolicy(auditUnowned, unowned).outcome).toBe("non-compliant");
  });

  it("reading its settings through an alias is an error, not a pass: Azure publishes none for this type", () => {
    const modeRule = ruleDefinition({
      allOf: [
        { field: "type", equals: "Microsoft.CognitiveServices/raiPolicy" },
        { field: "Microsoft.CognitiveServices/raiPolicy/mode", notIn: ["Default"] },
      ],
    });
    const evaluation = evaluatePolicy(modeRule, baselineView() as unknown as ArmResource);
    expect(evaluation.outcome).toBe("error");
  });

  it("the project's content filter policies, written for accounts' raiPolicies, do not apply to it", () => {
    const text = subscriptionPolicyFile.replace(
      "version: 1\n",
      `version: 1\nsubscription: ${SUBSCRIPTION}\n`,
    );
    const plan = planText(text, undefined, "deployments.yaml", testCatalog());
    const { results } = checkPlanPolicies(plan, loadPolicyInputs({}, undefined));
    const onBaseline = results.filter(
      (r) => r.resource.type === "azure-native:cognitiveservices:SubscriptionRaiPolicy",
    );
    expect(onBaseline.length).toBeGreaterThan(0);
    expect(new Set(onBaseline.map((r) => r.outcome))).toEqual(new Set(["not-applicable"]));
    expect(onBaseline.every((r) => r.resource.account === undefined)).toBe(true);
    // The account filter with the same settings is judged: only the type differs.
    const modes = results.find(
      (r) => r.policy.id === "AID-CF-004" && r.resource.name === "east/content-filter/strict",
    );
    expect(modes?.outcome).toBe("non-compliant");
    expect(onBaseline.find((r) => r.policy.id === "AID-CF-004")?.outcome).toBe("not-applicable");
  });
});
