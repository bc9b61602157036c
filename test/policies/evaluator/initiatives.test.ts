import { describe, expect, it } from "vitest";
import {
  AssignmentError,
  DefinitionError,
  definitionLookup,
  evaluateUnits,
  expandAssignment,
  type JsonValue,
  parseAssignment,
  parseDefinition,
  parsePolicySetDefinition,
} from "../../../policies/evaluator";
import { aiServicesAccount, deployment, ruleOf } from "./support";

const definitionsPrefix = "/providers/Microsoft.Authorization/policyDefinitions";
const setId =
  "/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policySetDefinitions/ai-baseline";

const localAuth = {
  id: `${definitionsPrefix}/local-auth`,
  name: "local-auth",
  properties: {
    mode: "Indexed",
    parameters: {
      effect: { type: "String", defaultValue: "Audit", allowedValues: ["Audit", "Deny", "Disabled"] },
    },
    policyRule: ruleOf(
      {
        allOf: [
          { field: "type", equals: "Microsoft.CognitiveServices/accounts" },
          { field: "Microsoft.CognitiveServices/accounts/disableLocalAuth", notEquals: true },
        ],
      },
      { effect: "[parameters('effect')]" },
    ),
  },
};

const allowedModels = {
  id: `${definitionsPrefix}/allowed-models`,
  name: "allowed-models",
  properties: {
    mode: "All",
    parameters: {
      effect: { type: "String", defaultValue: "Audit" },
      models: { type: "Array" },
    },
    policyRule: ruleOf(
      {
        allOf: [
          { field: "type", equals: "Microsoft.CognitiveServices/accounts/deployments" },
          {
            field: "Microsoft.CognitiveServices/accounts/deployments/model.name",
            notIn: "[parameters('models')]",
          },
        ],
      },
      { effect: "[parameters('effect')]" },
    ),
  },
};

const initiative = {
  id: setId,
  name: "ai-baseline",
  properties: {
    displayName: "AI baseline",
    parameters: {
      effect: { type: "String", defaultValue: "Audit", allowedValues: ["Audit", "Deny"] },
      approvedModels: { type: "Array" },
    },
    policyDefinitions: [
      {
        policyDefinitionId: `${definitionsPrefix}/local-auth`,
        policyDefinitionReferenceId: "localAuth",
        parameters: { effect: { value: "[parameters('effect')]" } },
      },
      {
        policyDefinitionId: `${definitionsPrefix}/allowed-models`,
        policyDefinitionReferenceId: "models",
        parameters: {
          effect: { value: "[if(equals(parameters('effect'), 'Deny'), 'Deny', 'Audit')]" },
          models: { value: "[union(parameters('approvedModels'), createArray('gpt-4o-mini'))]" },
        },
      },
    ],
  },
};

const lookup = definitionLookup([localAuth, allowedModels, initiative]);

function assignment(policyDefinitionId: string, parameters: JsonValue = {}, enforcementMode?: string) {
  return parseAssignment({
    id: "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a",
    name: "a",
    properties: { policyDefinitionId, parameters, ...(enforcementMode ? { enforcementMode } : {}) },
  });
}

describe("assignments and initiatives", () => {
  it("expands a direct assignment into one unit with resolved parameters", () => {
    const units = expandAssignment(
      assignment(`${definitionsPrefix}/local-auth`, { effect: { value: "Deny" } }),
      lookup,
    );
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({
      definitionId: `${definitionsPrefix}/local-auth`,
      referenceId: undefined,
      parameters: { effect: "Deny" },
      enforcementMode: "Default",
    });
  });

  it("expands an initiative into its members with parameters computed from the initiative's", () => {
    const units = expandAssignment(
      assignment(setId, { effect: { value: "Deny" }, approvedModels: { value: ["gpt-4o"] } }),
      lookup,
    );
    expect(units.map((unit) => [unit.referenceId, unit.parameters])).toEqual([
      ["localAuth", { effect: "Deny" }],
      ["models", { effect: "Deny", models: ["gpt-4o", "gpt-4o-mini"] }],
    ]);
  });

  it("reads every definition it expands through the parser it is given, in member order", () => {
    const read: unknown[] = [];
    const parse = (document: unknown) => {
      read.push(document);
      return parseDefinition(document);
    };
    const units = expandAssignment(assignment(setId, { approvedModels: [] }), lookup, {
      parseDefinition: parse,
    });
    expect(read).toEqual([localAuth, allowedModels]);
    expect(units.map((unit) => unit.definition.name)).toEqual(["local-auth", "allowed-models"]);
    expandAssignment(assignment(`${definitionsPrefix}/local-auth`), lookup, { parseDefinition: parse });
    expect(read).toEqual([localAuth, allowedModels, localAuth]);
  });

  it("applies the initiative's defaults", () => {
    const units = expandAssignment(assignment(setId, { approvedModels: [] }), lookup);
    expect(units.map((unit) => unit.parameters.effect)).toEqual(["Audit", "Audit"]);
  });

  it("evaluates the expanded units against a resource", () => {
    const units = expandAssignment(assignment(setId, { approvedModels: ["gpt-4o"] }), lookup);
    const onAccount = evaluateUnits(units, aiServicesAccount({ disableLocalAuth: false }));
    expect(onAccount.map(({ unit, evaluation }) => [unit.referenceId, evaluation])).toEqual([
      ["localAuth", { outcome: "non-compliant", effect: "audit" }],
      ["models", { outcome: "compliant", effect: "audit" }],
    ]);
    const onDeployment = evaluateUnits(
      units,
      deployment({ model: { format: "OpenAI", name: "o3", version: "1" } }),
    );
    expect(onDeployment.map(({ evaluation }) => evaluation.outcome)).toEqual([
      "not-applicable",
      "non-compliant",
    ]);
  });

  it.each([
    ["Default", "Default"],
    ["doNotEnforce", "DoNotEnforce"],
  ])("carries enforcementMode %s", (mode, expected) => {
    const units = expandAssignment(assignment(`${definitionsPrefix}/local-auth`, {}, mode), lookup);
    expect(units[0]?.enforcementMode).toBe(expected);
  });

  it("finds definitions by id without case", () => {
    expect(
      expandAssignment(assignment(`${definitionsPrefix}/LOCAL-AUTH`.toUpperCase()), lookup),
    ).toHaveLength(1);
  });

  it.each<[string, string, JsonValue, string]>([
    [
      "an unknown definition",
      `${definitionsPrefix}/nope`,
      {},
      "policy definition '/providers/Microsoft.Authorization/policyDefinitions/nope' was not found",
    ],
    [
      "a missing initiative parameter",
      setId,
      {},
      "parameter 'approvedModels' has no value and no defaultValue",
    ],
    [
      "a disallowed initiative parameter",
      setId,
      { approvedModels: [], effect: "Disabled" },
      "is not one of the allowed values",
    ],
    [
      "an undeclared parameter",
      `${definitionsPrefix}/local-auth`,
      { colour: "red" },
      "parameter 'colour' is not declared",
    ],
  ])("refuses %s", (_name, id, parameters, message) => {
    expect(() => expandAssignment(assignment(id, parameters), lookup)).toThrow(AssignmentError);
    expect(() => expandAssignment(assignment(id, parameters), lookup)).toThrow(message);
  });

  it("refuses a member parameter expression that fails, naming the member", () => {
    const broken = {
      ...initiative,
      properties: {
        ...initiative.properties,
        policyDefinitions: [
          {
            ...initiative.properties.policyDefinitions[0],
            parameters: { effect: { value: "[field('name')]" } },
          },
        ],
      },
    };
    const brokenLookup = definitionLookup([localAuth, broken]);
    expect(() => expandAssignment(assignment(setId, { approvedModels: [] }), brokenLookup)).toThrow(
      "member localAuth: expression [field('name')] failed: field() is not available here",
    );
  });

  it.each<[string, () => unknown, string]>([
    [
      "an assignment without policyDefinitionId",
      () => parseAssignment({ properties: {} }),
      "assignment has no policyDefinitionId",
    ],
    [
      "an unknown enforcementMode",
      () => parseAssignment({ properties: { policyDefinitionId: "x", enforcementMode: "Sometimes" } }),
      "unknown enforcementMode",
    ],
    [
      "a set without policyDefinitions",
      () => parsePolicySetDefinition({ properties: {} }),
      "policy set definition has no policyDefinitions array",
    ],
    [
      "a member without policyDefinitionId",
      () => parsePolicySetDefinition({ properties: { policyDefinitions: [{}] } }),
      "entry has no policyDefinitionId",
    ],
  ])("rejects %s as a DefinitionError", (_name, parse, message) => {
    expect(parse).toThrow(DefinitionError);
    expect(parse).toThrow(message);
  });

  it("reads an initiative's members", () => {
    const set = parsePolicySetDefinition(initiative);
    expect(set.displayName).toBe("AI baseline");
    expect(set.members.map((member) => member.referenceId)).toEqual(["localAuth", "models"]);
    expect(set.parameters.map((parameter) => parameter.name)).toEqual(["effect", "approvedModels"]);
  });
});
