import { describe, expect, it } from "vitest";
import {
  type ArmResource,
  type BoundParameters,
  bindParameters,
  countsAsNonCompliant,
  evaluateBound,
  evaluatePolicy,
  type PolicyEvaluation,
} from "../../../policies/evaluator";
import { aiServicesAccount, deployment, evaluateCondition, ruleDefinition } from "./support";

describe("evaluation outcomes", () => {
  it.each<[PolicyEvaluation, boolean]>([
    [{ outcome: "non-compliant", effect: "deny" }, true],
    [{ outcome: "error", message: "expression failed" }, true],
    [{ outcome: "compliant", effect: "deny" }, false],
    [{ outcome: "not-applicable", reason: "mode" }, false],
  ])("%j counts as non-compliant: %s", (evaluation, expected) => {
    expect(countsAsNonCompliant(evaluation)).toBe(expected);
  });

  it("returns the effect with a compliant outcome too", () => {
    expect(
      evaluateCondition({ field: "type", equals: "Microsoft.Storage/storageAccounts" }, deployment()),
    ).toEqual({
      outcome: "compliant",
      effect: "audit",
    });
  });
});

describe("parameters bound once, for many resources", () => {
  const definition = ruleDefinition(
    { field: "location", notIn: "[parameters('allowedLocations')]" },
    { mode: "Indexed", parameters: { allowedLocations: { type: "Array", defaultValue: ["westeurope"] } } },
  );

  it.each<[string, unknown, BoundParameters | Record<string, unknown>]>([
    ["no values: the defaults", undefined, { allowedlocations: ["westeurope"] }],
    ["a plain value", { allowedLocations: ["eastus"] }, { allowedlocations: ["eastus"] }],
    [
      "Azure's {value} form, any case",
      { ALLOWEDLOCATIONS: { value: ["eastus"] } },
      { allowedlocations: ["eastus"] },
    ],
    [
      "a value of the wrong type",
      { allowedLocations: "eastus" },
      { ok: false, message: "parameter 'allowedLocations' must be of type Array, got string" },
    ],
    [
      "an undeclared parameter",
      { allowed: ["eastus"] },
      { ok: false, message: "parameter 'allowed' is not declared by the policy" },
    ],
    [
      "values that are not an object",
      "eastus",
      { ok: false, message: "parameter values must be a JSON object" },
    ],
  ])("bindParameters: %s", (_case, supplied, expected) => {
    const bound = bindParameters(definition, supplied);
    if (bound.ok) expect(Object.fromEntries(bound.table)).toEqual(expected);
    else expect(bound).toEqual(expected);
  });

  const account = aiServicesAccount();
  const elsewhere = aiServicesAccount({}, { location: "eastus" });
  it.each<[string, unknown, unknown, PolicyEvaluation]>([
    ["a compliant resource", {}, account, { outcome: "compliant", effect: "audit" }],
    ["a non-compliant resource", {}, elsewhere, { outcome: "non-compliant", effect: "audit" }],
    [
      "a resource the mode skips, before the values are looked at",
      { allowedLocations: "eastus" },
      deployment(),
      {
        outcome: "not-applicable",
        reason:
          "mode Indexed skips Microsoft.CognitiveServices/accounts/deployments, a type without tags and location",
      },
    ],
    [
      "a resource that is not an object, before the values are looked at",
      { allowedLocations: "eastus" },
      ["not", "a", "resource"],
      { outcome: "error", message: "the resource must be a JSON object, got array" },
    ],
    [
      "values that cannot be bound: an error outcome on every resource evaluated",
      { allowedLocations: "eastus" },
      account,
      { outcome: "error", message: "parameter 'allowedLocations' must be of type Array, got string" },
    ],
  ])("evaluateBound on %s gives what evaluatePolicy gives", (_case, supplied, resource, expected) => {
    const bound = bindParameters(definition, supplied);
    expect(evaluateBound(definition, bound, resource as ArmResource)).toEqual(expected);
    expect(evaluatePolicy(definition, resource as ArmResource, { parameters: supplied })).toEqual(expected);
  });

  it("one binding serves every resource: the verdicts are each resource's own", () => {
    const bound = bindParameters(definition, { allowedLocations: ["westeurope", "swedencentral"] });
    const resources = ["westeurope", "eastus", "swedencentral"].map((location) =>
      aiServicesAccount({}, { location }),
    );
    expect(resources.map((r) => evaluateBound(definition, bound, r).outcome)).toEqual([
      "compliant",
      "non-compliant",
      "compliant",
    ]);
  });
});

describe("a rule compiled once", () => {
  const typed = ruleDefinition({
    allOf: [
      { value: "[nope()]", equals: 1 },
      {
        field: "type",
        in: ["Microsoft.CognitiveServices/accounts", "Microsoft.CognitiveServices/accounts/raiPolicies"],
      },
    ],
  });

  it("is compliant on a resource of a type it is not written for, without evaluating the rule", () => {
    expect(evaluatePolicy(typed, deployment())).toEqual({ outcome: "compliant", effect: "audit" });
  });

  it("evaluates the rule on a resource of a type it is written for", () => {
    expect(evaluatePolicy(typed, aiServicesAccount())).toMatchObject({
      outcome: "error",
      message: expect.stringContaining("unknown function 'nope'"),
    });
  });

  it("gives the same verdicts however often it is evaluated", () => {
    const definition = ruleDefinition({
      field: "Microsoft.CognitiveServices/accounts/disableLocalAuth",
      equals: false,
    });
    const resources = [aiServicesAccount(), aiServicesAccount({ disableLocalAuth: false }), deployment()];
    const first = resources.map((resource) => evaluatePolicy(definition, resource).outcome);
    const again = resources.map((resource) => evaluatePolicy(definition, resource).outcome);
    expect([first, again]).toEqual([
      ["compliant", "non-compliant", "compliant"],
      ["compliant", "non-compliant", "compliant"],
    ]);
  });
});
