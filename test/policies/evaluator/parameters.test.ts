import { describe, expect, it } from "vitest";
import {
  evaluatePolicy,
  type JsonValue,
  normalizeParameterValues,
  parseDefinition,
} from "../../../policies/evaluator";
import { deployment, ruleOf } from "./support";

const definition = parseDefinition({
  properties: {
    mode: "All",
    parameters: {
      effect: { type: "String", defaultValue: "Audit", allowedValues: ["Audit", "Deny", "Disabled"] },
      allowedModels: { type: "Array", allowedValues: ["gpt-4o", "gpt-4o-mini", "o3"] },
      maxCapacity: { type: "Integer", defaultValue: 100 },
    },
    policyRule: ruleOf(
      {
        anyOf: [
          {
            field: "Microsoft.CognitiveServices/accounts/deployments/model.name",
            notIn: "[parameters('allowedModels')]",
          },
          {
            field: "Microsoft.CognitiveServices/accounts/deployments/sku.capacity",
            greater: "[parameters('maxCapacity')]",
          },
        ],
      },
      { effect: "[parameters('effect')]" },
    ),
  },
});

const resource = deployment();

describe("parameter values", () => {
  it.each<[string, JsonValue, JsonValue]>([
    ["plain values", { allowedModels: ["gpt-4o"] }, { outcome: "compliant", effect: "audit" }],
    [
      "Azure's {value} form",
      { allowedModels: { value: ["gpt-4o"] }, effect: { value: "Deny" } },
      { outcome: "compliant", effect: "deny" },
    ],
    [
      "an ARM parameter file",
      { $schema: "x", contentVersion: "1.0.0.0", parameters: { allowedModels: { value: ["o3"] } } },
      { outcome: "non-compliant", effect: "audit" },
    ],
    [
      "a parameter name in another case",
      { ALLOWEDMODELS: ["gpt-4o"], Effect: "deny" },
      { outcome: "compliant", effect: "deny" },
    ],
    [
      "an overridden default",
      { allowedModels: ["gpt-4o"], maxCapacity: 5 },
      { outcome: "non-compliant", effect: "audit" },
    ],
  ])("accepts %s", (_name, parameters, expected) => {
    expect(evaluatePolicy(definition, resource, { parameters })).toEqual(expected);
  });

  it("returns a parameterised effect in lower case", () => {
    expect(
      evaluatePolicy(definition, resource, { parameters: { allowedModels: ["o3"], effect: "DENY" } }),
    ).toEqual({
      outcome: "non-compliant",
      effect: "deny",
    });
  });

  it("reports a disabled effect as not applicable, with the effect", () => {
    expect(
      evaluatePolicy(definition, resource, { parameters: { allowedModels: ["o3"], effect: "Disabled" } }),
    ).toEqual({
      outcome: "not-applicable",
      reason: "the effect is disabled",
      effect: "disabled",
    });
  });

  it.each<[string, JsonValue, string]>([
    ["a missing required parameter", {}, "parameter 'allowedModels' has no value and no defaultValue"],
    [
      "a value outside allowedValues",
      { allowedModels: ["gpt-4o"], effect: "Explode" },
      `parameter 'effect' value "Explode" is not one of the allowed values`,
    ],
    [
      "an array element outside allowedValues",
      { allowedModels: ["gpt-4o", "gpt-5"] },
      `parameter 'allowedModels' value "gpt-5" is not one of the allowed values`,
    ],
    [
      "a value of the wrong type",
      { allowedModels: "gpt-4o" },
      "parameter 'allowedModels' must be of type Array, got string",
    ],
    [
      "an integer given as text",
      { allowedModels: [], maxCapacity: "5" },
      "parameter 'maxCapacity' must be of type Integer, got string",
    ],
    [
      "an undeclared parameter",
      { allowedModels: [], colour: "red" },
      "parameter 'colour' is not declared by the policy",
    ],
  ])("reports %s as an evaluation error", (_name, parameters, message) => {
    const result = evaluatePolicy(definition, resource, { parameters });
    expect(result.outcome).toBe("error");
    expect(result.outcome === "error" && result.message).toContain(message);
  });

  it("reports an effect parameter that resolves to an unknown effect", () => {
    const loose = parseDefinition({
      mode: "All",
      parameters: { effect: { type: "String", defaultValue: "Explode" } },
      policyRule: ruleOf({ field: "type", exists: true }, { effect: "[parameters('effect')]" }),
    });
    expect(evaluatePolicy(loose, resource)).toEqual({
      outcome: "error",
      message: "unknown effect 'Explode'",
    });
  });

  it("unwraps only objects whose single key is value", () => {
    expect(normalizeParameterValues({ a: { value: 1 }, b: { value: 1, other: 2 }, c: [1] })).toEqual({
      a: 1,
      b: { value: 1, other: 2 },
      c: [1],
    });
    expect(normalizeParameterValues(undefined)).toEqual({});
  });
});
