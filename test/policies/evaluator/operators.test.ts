import { describe, expect, it } from "vitest";
import { EvaluationError, type JsonValue, operatorNames } from "../../../policies/evaluator";
import type { Value } from "../../../policies/evaluator/json";
import { applyOperator, canonicalOperator, type OperatorName } from "../../../policies/evaluator/operators";
import { normalizeLocation } from "../../../policies/evaluator/values";

type Case = [OperatorName, Value, JsonValue, boolean];

const cases: Case[] = [
  ["equals", "Disabled", "disabled", true],
  ["equals", "Disabled", "Enabled", false],
  ["equals", true, true, true],
  ["equals", false, "false", true],
  ["equals", true, "False", false],
  ["equals", 10, 10, true],
  ["equals", 10, "10", true],
  ["equals", ["A", "b"], ["a", "B"], true],
  ["equals", { Key: "V" }, { key: "v" }, true],
  ["equals", undefined, "x", false],
  ["equals", null, "x", false],
  ["notEquals", "Disabled", "DISABLED", false],
  ["notEquals", "Enabled", "Disabled", true],
  ["notEquals", undefined, true, true],
  ["like", "gpt-4o-mini", "gpt-4*", true],
  ["like", "GPT-4O", "gpt-4*", true],
  ["like", "gpt-35-turbo", "gpt-4*", false],
  ["like", "a.b", "a.b", true],
  ["like", "axb", "a.b", false],
  ["like", "prefix-x-suffix", "prefix*suffix", true],
  ["like", undefined, "*", false],
  ["notLike", "gpt-35-turbo", "gpt-4*", true],
  ["notLike", undefined, "*", true],
  ["match", "ab12", "??##", true],
  ["match", "AB12", "ab##", false],
  ["match", "ab1", "??##", false],
  ["match", "a-b", "a.b", true],
  ["match", "a*b", "a*b", true],
  ["match", undefined, "..", false],
  ["matchInsensitively", "AB12", "ab##", true],
  ["notMatch", "ab12", "??##", false],
  ["notMatch", "AB12", "ab##", true],
  ["notMatch", undefined, "##", true],
  ["notMatchInsensitively", "AB12", "ab##", false],
  ["notMatchInsensitively", "ABCD", "ab##", true],
  ["contains", "Microsoft.KeyVault", "keyvault", true],
  ["contains", "Microsoft.KeyVault", "storage", false],
  ["contains", ["Hate", "Violence"], "hate", true],
  ["contains", ["Hate"], "Sexual", false],
  ["contains", undefined, "x", false],
  ["notContains", "abc", "B", false],
  ["notContains", undefined, "x", true],
  ["in", "Medium", ["Low", "medium"], true],
  ["in", "High", ["Low", "Medium"], false],
  ["in", true, ["true"], true],
  ["in", false, ["true"], false],
  ["in", undefined, ["x"], false],
  ["notIn", "High", ["Low", "Medium"], true],
  ["notIn", "LOW", ["Low"], false],
  ["notIn", undefined, ["x"], true],
  ["containsKey", { CostCenter: "1" }, "costcenter", true],
  ["containsKey", { CostCenter: "1" }, "owner", false],
  ["containsKey", "text", "t", false],
  ["containsKey", undefined, "x", false],
  ["notContainsKey", { a: 1 }, "b", true],
  ["notContainsKey", undefined, "x", true],
  ["less", 1, 2, true],
  ["less", 2, 2, false],
  ["less", "a", "B", true],
  ["less", "2024-01-01", "2024-01-01T00:00:01Z", true],
  ["less", undefined, 2, false],
  ["lessOrEquals", 2, 2, true],
  ["lessOrEquals", 3, 2, false],
  ["greater", 3, 2, true],
  ["greater", 2, 2, false],
  ["greater", "2025-02-01T00:00:00.0000000Z", "2025-01-31T23:59:59Z", true],
  ["greaterOrEquals", 2, 2, true],
  ["greaterOrEquals", 1, 2, false],
  ["exists", "value", true, true],
  ["exists", "", true, true],
  ["exists", false, true, true],
  ["exists", undefined, true, false],
  ["exists", null, true, false],
  ["exists", undefined, false, true],
  ["exists", "value", "false", false],
  ["exists", undefined, "FALSE", true],
  ["exists", "value", "true", true],
];

describe("condition operators", () => {
  it.each(cases)("%s: %j against %j is %s", (operator, actual, expected, result) => {
    expect(applyOperator(operator, actual, expected)).toBe(result);
  });

  it("has a case for every operator", () => {
    expect(new Set(cases.map(([operator]) => operator))).toEqual(new Set(operatorNames));
  });

  it.each([
    ["notin", "notIn"],
    ["NOTEQUALS", "notEquals"],
    ["matchinsensitively", "matchInsensitively"],
    ["Exists", "exists"],
  ])("reads the operator key %j as %s", (key, canonical) => {
    expect(canonicalOperator(key)).toBe(canonical);
  });

  it("compares locations without case and spaces when asked to", () => {
    expect(applyOperator("equals", "West Europe", "westeurope", normalizeLocation)).toBe(true);
    expect(applyOperator("in", "westeurope", ["West Europe", "North Europe"], normalizeLocation)).toBe(true);
    expect(applyOperator("equals", "West Europe", "westeurope")).toBe(false);
  });

  it.each<[OperatorName, Value, JsonValue, string]>([
    ["less", 1, "a", "cannot compare a number with a string"],
    ["greater", true, 1, "cannot compare a boolean with a number"],
    ["in", "x", "x", "'in' needs an array, got string"],
    ["notIn", undefined, "x", "'in' needs an array, got string"],
    ["like", "x", 1, "'like' needs a string pattern, got number"],
    ["exists", "x", "yes", "'exists' needs true or false"],
  ])("%s on %j against %j is an evaluation error", (operator, actual, expected, message) => {
    expect(() => applyOperator(operator, actual, expected)).toThrow(EvaluationError);
    expect(() => applyOperator(operator, actual, expected)).toThrow(message);
  });
});
