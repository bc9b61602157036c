/**
 * The policy functions that read what the caller knows: `resourceGroup()`, `subscription()`, `policy()`,
 * `requestContext()` (definition-structure-policy-rule.md, ms.date 03/19/2025; the object shapes from
 * template-functions-scope.md, ms.date 11/23/2021). Unknown members are errors naming them.
 */
import { describe, expect, it } from "vitest";
import {
  definitionLookup,
  evaluateUnits,
  expandAssignment,
  type JsonValue,
  parseAssignment,
  parseDefinition,
} from "../../../policies/evaluator";
import { deployment, errorOf, matches, ruleOf } from "./support";

const known = {
  resourceGroup: { name: "ai-netrg", location: "westeurope", tags: { env: "prod" } },
  subscription: { subscriptionId: "11111111-1111-1111-1111-111111111111", displayName: "AI", tenantId: "t" },
};

describe("resourceGroup() and subscription()", () => {
  it.each<[string, JsonValue]>([
    ["[resourceGroup().name]", "ai-netrg"],
    ["[resourceGroup().location]", "westeurope"],
    ["[resourceGroup().tags['env']]", "prod"],
    ["[resourceGroup().type]", "Microsoft.Resources/resourceGroups"],
    ["[resourceGroup().id]", "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/ai-netrg"],
    ["[subscription().subscriptionId]", "11111111-1111-1111-1111-111111111111"],
    ["[subscription().id]", "/subscriptions/11111111-1111-1111-1111-111111111111"],
    ["[subscription().displayName]", "AI"],
  ])("%s reads what the evaluation context declares", (value, expected) => {
    expect(matches({ value, equals: expected }, deployment(), known)).toBe(true);
  });

  it("runs the docs' example: a resource group name ending in netrg", () => {
    expect(matches({ value: "[resourceGroup().name]", like: "*netrg" }, deployment(), known)).toBe(true);
  });

  it.each([
    [
      "[resourceGroup().location]",
      { resourceGroup: { name: "rg" } },
      "resourceGroup().location is not known",
    ],
    ["[resourceGroup().name]", {}, "resourceGroup().name is not known"],
    ["[resourceGroup().id]", { resourceGroup: { name: "rg" } }, "resourceGroup().id is not known"],
    ["[subscription().subscriptionId]", {}, "subscription().subscriptionId is not known"],
    ["[resourceGroup().color]", known, "resourceGroup() has no property 'color'"],
  ])("%s is an error naming what is unknown", (value, options, message) => {
    expect(errorOf({ value, equals: "x" }, deployment(), options)).toContain(message);
  });
});

describe("policy() and requestContext()", () => {
  it("returns the definition id it evaluates, and the assignment's ids for a unit", () => {
    const definition = {
      id: "/providers/Microsoft.Authorization/policyDefinitions/d1",
      properties: {
        mode: "All",
        policyRule: ruleOf({
          value: "[policy().definitionId]",
          equals: "/providers/Microsoft.Authorization/policyDefinitions/d1",
        }),
      },
    };
    const assignment = parseAssignment({
      id: "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a1",
      properties: { policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/d1" },
    });
    const units = expandAssignment(assignment, definitionLookup([definition]));
    expect(units[0]?.policy).toEqual({
      assignmentId: "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a1",
      definitionId: "/providers/Microsoft.Authorization/policyDefinitions/d1",
    });
    expect(evaluateUnits(units, deployment())[0]?.evaluation.outcome).toBe("non-compliant");
  });

  it("fails on a policy() member nobody gave", () => {
    expect(errorOf({ value: "[policy().setDefinitionId]", equals: "x" }, deployment())).toContain(
      "policy().setDefinitionId is not known",
    );
  });

  it("knows no request identity before the request is made", () => {
    expect(errorOf({ value: "[requestContext().identity]", equals: "x" }, deployment())).toContain(
      "requestContext().identity is not known",
    );
  });
});

describe("parameters Azure accepts", () => {
  it("reads `allowedValues: null` as no restriction, as exported definitions write it", () => {
    const definition = parseDefinition({
      properties: {
        mode: "All",
        parameters: { tagName: { type: "String", allowedValues: null, defaultValue: "env" } },
        policyRule: ruleOf({ field: "[concat('tags[', parameters('tagName'), ']')]", exists: false }),
      },
    });
    expect(definition.parameters).toEqual([{ name: "tagName", type: "String", defaultValue: "env" }]);
  });
});
