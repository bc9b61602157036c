import { describe, expect, it } from "vitest";
import { DefinitionError, type JsonValue, parseDefinition, parseJsonText } from "../../../policies/evaluator";
import { ruleOf } from "./support";

const typeCondition: JsonValue = { field: "type", equals: "Microsoft.CognitiveServices/accounts" };
const rule = ruleOf(typeCondition, { effect: "Audit" });

describe("parseDefinition", () => {
  it("reads the stored shape {properties: {...}} with id and name", () => {
    const definition = parseDefinition({
      id: "/providers/Microsoft.Authorization/policyDefinitions/x",
      name: "x",
      properties: { displayName: "X", mode: "All", parameters: {}, policyRule: rule },
    });
    expect(definition).toMatchObject({
      id: "/providers/Microsoft.Authorization/policyDefinitions/x",
      name: "x",
      displayName: "X",
      mode: "All",
    });
  });

  it("reads the bare inner object", () => {
    expect(parseDefinition({ mode: "Indexed", parameters: {}, policyRule: rule }).mode).toBe("Indexed");
  });

  it("reads {policyRule} alone, with Azure's default mode Indexed and no parameters", () => {
    const definition = parseDefinition({ policyRule: rule });
    expect(definition.mode).toBe("Indexed");
    expect(definition.parameters).toEqual([]);
  });

  it("reads each parameter's declaration, with its metadata description when it has one", () => {
    const definition = parseDefinition({
      policyRule: rule,
      parameters: {
        effect: {
          type: "String",
          defaultValue: "Audit",
          allowedValues: ["Audit", "Disabled"],
          metadata: { displayName: "Effect", description: "Audit or Disabled" },
        },
        limit: { type: "Integer", metadata: { description: 7 } },
      },
    });
    expect(definition.parameters).toEqual([
      {
        name: "effect",
        type: "String",
        defaultValue: "Audit",
        allowedValues: ["Audit", "Disabled"],
        description: "Audit or Disabled",
      },
      { name: "limit", type: "Integer" },
    ]);
  });

  it.each([
    ["all", "All"],
    ["INDEXED", "Indexed"],
    ["Microsoft.CognitiveServices.Data", "Microsoft.CognitiveServices.Data"],
  ])("reads mode %j as %j", (mode, expected) => {
    expect(parseDefinition({ mode, policyRule: rule }).mode).toBe(expected);
  });

  it("keeps then.details as written", () => {
    const details = { roleDefinitionIds: ["/x"], operations: [] };
    expect(
      parseDefinition({ policyRule: ruleOf(typeCondition, { effect: "modify", details }) }).details,
    ).toEqual(details);
  });

  it("reads JSON text with a byte-order mark", () => {
    const text = `\uFEFF${JSON.stringify({ policyRule: rule })}`;
    expect(parseDefinition(parseJsonText(text)).mode).toBe("Indexed");
  });

  it.each<[string, unknown, string]>([
    ["not an object", [], "a policy definition must be a JSON object"],
    [
      "no policyRule",
      { properties: { mode: "All" } },
      "policy definition has no policyRule (at properties.)",
    ],
    ["no if", { policyRule: ruleOf(undefined) }, "policyRule has no 'if'"],
    ["no then", { policyRule: { if: typeCondition } }, "policyRule has no 'then' object"],
    ["no effect", { policyRule: ruleOf(typeCondition, {}) }, "'then.effect' must be a non-empty string"],
    [
      "an unknown literal effect",
      { policyRule: ruleOf(typeCondition, { effect: "explode" }) },
      "unknown effect 'explode'",
    ],
    ["an unknown mode", { mode: "Sometimes", policyRule: rule }, "unknown mode 'Sometimes'"],
    [
      "an unknown operator",
      { policyRule: ruleOf({ field: "type", equalz: "x" }) },
      "unknown operator 'equalz'",
    ],
    ["a condition with no operator", { policyRule: ruleOf({ field: "type" }) }, "condition has no operator"],
    [
      "a condition with two operators",
      { policyRule: ruleOf({ field: "type", equals: "a", notEquals: "b" }) },
      "several operators",
    ],
    [
      "a condition with no operand",
      { policyRule: ruleOf({ equals: "a" }) },
      "condition needs one of field, value or count",
    ],
    [
      "two operands",
      { policyRule: ruleOf({ field: "type", value: "x", equals: "a" }) },
      "more than one of field, value or count",
    ],
    [
      "allOf that is not an array",
      { policyRule: ruleOf({ allOf: {} }) },
      "'allOf' must be an array of conditions",
    ],
    [
      "a logical key beside others",
      { policyRule: ruleOf({ not: typeCondition, field: "x" }) },
      "'not' must be the only key",
    ],
    [
      "a condition that is not an object",
      { policyRule: ruleOf({ anyOf: ["x"] }) },
      "a condition must be an object (at policyRule.if.anyOf[0])",
    ],
    [
      "exists with a non-boolean",
      { policyRule: ruleOf({ field: "type", exists: "maybe" }) },
      "'exists' needs true or false",
    ],
    [
      "in with a literal non-array",
      { policyRule: ruleOf({ field: "type", in: "x" }) },
      "'in' needs an array",
    ],
    [
      "a field count without [*]",
      { policyRule: ruleOf({ count: { field: "properties.list" }, equals: 0 }) },
      "needs an array alias ending with [*]",
    ],
    [
      "a count with field and value",
      { policyRule: ruleOf({ count: { field: "a[*]", value: [] }, equals: 0 }) },
      "either field or value",
    ],
    [
      "a count with neither field nor value",
      { policyRule: ruleOf({ count: { name: "n" }, equals: 0 }) },
      "'count' needs field or value",
    ],
    [
      "a field count with a name",
      { policyRule: ruleOf({ count: { field: "a[*]", name: "n" }, equals: 0 }) },
      "'name' is only allowed in a value count",
    ],
    [
      "an unknown count key",
      { policyRule: ruleOf({ count: { value: [], filter: {} }, equals: 0 }) },
      "unknown key 'filter' in count",
    ],
    [
      "a malformed field path",
      { policyRule: ruleOf({ field: "properties..x", exists: true }) },
      "malformed field path",
    ],
    [
      "a field that is not a string",
      { policyRule: ruleOf({ field: 1, exists: true }) },
      "a field reference must be a string",
    ],
    [
      "an expression syntax error",
      { policyRule: ruleOf({ value: "[concat('a']", equals: "a" }) },
      "expected ')'",
    ],
    [
      "parameters that are not an object",
      { parameters: [], policyRule: rule },
      "'parameters' must be an object",
    ],
    [
      "allowedValues that are not an array",
      { parameters: { e: { type: "String", allowedValues: "x" } }, policyRule: rule },
      "'allowedValues' must be an array",
    ],
  ])("rejects %s", (_name, json, message) => {
    expect(() => parseDefinition(json)).toThrow(DefinitionError);
    expect(() => parseDefinition(json)).toThrow(message);
  });

  it("says where the problem is", () => {
    const json: JsonValue = {
      properties: { policyRule: ruleOf({ allOf: [typeCondition, { field: "type", nope: 1 }] }) },
    };
    try {
      parseDefinition(json);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DefinitionError);
      expect((error as DefinitionError).path).toBe("properties.policyRule.if.allOf[1]");
    }
  });
});
