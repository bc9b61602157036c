import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../policies/evaluator";
import { DefinitionError, EvaluationError } from "../../../policies/evaluator";
import {
  compileTemplateValue,
  type ExpressionScope,
  evaluateTemplateValue,
} from "../../../policies/evaluator/expressions";

const parameters: Record<string, JsonValue> = {
  effect: "Audit",
  list: ["a", "b"],
  settings: { nested: { value: 3 } },
};

const scope: ExpressionScope = {
  parameter(name) {
    const value = parameters[name];
    if (value === undefined) throw new EvaluationError(`parameter '${name}' is not defined`);
    return value;
  },
  field: (reference) => (reference === "name" ? "acct" : null),
  now: () => new Date("2025-03-01T12:00:00Z"),
  apiVersion: "2024-10-01",
};

function evaluate(source: JsonValue, withScope: ExpressionScope = scope): JsonValue {
  return evaluateTemplateValue(compileTemplateValue(source, "test"), withScope);
}

describe("template functions", () => {
  it.each<[string, JsonValue]>([
    ["[parameters('effect')]", "Audit"],
    ["[PARAMETERS('effect')]", "Audit"],
    ["[parameters('settings').nested.value]", 3],
    ["[parameters('settings')['nested'].VALUE]", 3],
    ["[parameters('list')[1]]", "b"],
    ["[field('name')]", "acct"],
    ["[concat('a', 'b', 1, true())]", "ab1True"],
    ["[concat(createArray(1), createArray(2, 3))]", [1, 2, 3]],
    ["[concat('model-', field('missing'))]", "model-"],
    ["[if(equals(1, 1), 'yes', 'no')]", "yes"],
    ["[if(false(), parameters('undefined'), 'guarded')]", "guarded"],
    ["[and(true(), false())]", false],
    ["[or(false(), true())]", true],
    ["[not(true())]", false],
    ["[equals('A', 'a')]", false],
    ["[equals(createArray(1, 'x'), createArray(1, 'x'))]", true],
    ["[empty('')]", true],
    ["[empty(createArray())]", true],
    ["[empty(json('{}'))]", true],
    ["[empty(field('missing'))]", true],
    ["[empty('x')]", false],
    ["[length('abc')]", 3],
    ["[length(parameters('list'))]", 2],
    ["[length(parameters('settings'))]", 1],
    ["[contains('Hello', 'ell')]", true],
    ["[contains('Hello', 'ELL')]", false],
    ["[contains(parameters('list'), 'a')]", true],
    ["[contains(parameters('settings'), 'NESTED')]", true],
    ["[toLower('AbC')]", "abc"],
    ["[toUpper('AbC')]", "ABC"],
    ["[first('abc')]", "a"],
    ["[first(parameters('list'))]", "a"],
    ["[first(createArray())]", null],
    ["[last('abc')]", "c"],
    ["[last(parameters('list'))]", "b"],
    ["[split('a,b;c', createArray(',', ';'))]", ["a", "b", "c"]],
    ["[split('gpt-4o,2024-08-06', ',')[1]]", "2024-08-06"],
    ["[substring('abcdef', 2)]", "cdef"],
    ["[substring('abcdef', 1, 3)]", "bcd"],
    ["[replace('a.b.c', '.', '-')]", "a-b-c"],
    ["[string(5)]", "5"],
    ["[string(createArray('a'))]", '["a"]'],
    ["[string(true())]", "True"],
    ["[int('42')]", 42],
    ["[int(4.7)]", 4],
    ["[bool('TRUE')]", true],
    ["[bool(0)]", false],
    ["[greater(2, 1)]", true],
    ["[greater('b', 'a')]", true],
    ["[less(1, 2)]", true],
    ["[greaterOrEquals(2, 2)]", true],
    ["[lessOrEquals(3, 2)]", false],
    ["[startsWith('Microsoft.KeyVault', 'microsoft.')]", true],
    ["[endsWith('gpt-4o-mini', 'MINI')]", true],
    ["[indexOf('abcabc', 'C')]", 2],
    ["[lastIndexOf('abcabc', 'c')]", 5],
    ["[indexOf('abc', 'z')]", -1],
    ["[trim('  x  ')]", "x"],
    ["[union(createArray('a', 'b'), createArray('b', 'c'))]", ["a", "b", "c"]],
    ["[union(json('{\"a\":1}'), json('{\"b\":2}'))]", { a: 1, b: 2 }],
    ["[intersection(createArray('a', 'b', 'c'), createArray('c', 'a'))]", ["a", "c"]],
    ['[intersection(json(\'{"a":1,"b":2}\'), json(\'{"a":1,"b":3}\'))]', { a: 1 }],
    ["[createArray()]", []],
    ["[createObject('k', 1)]", { k: 1 }],
    ["[json('[1,2]')]", [1, 2]],
    ["[json('null')]", null],
    ["[coalesce(null(), field('missing'), 'fallback')]", "fallback"],
    ["[coalesce(null())]", null],
    ["[requestContext().apiVersion]", "2024-10-01"],
    ["[utcNow()]", "2025-03-01T12:00:00.0000000Z"],
    ["[addDays(utcNow(), -30)]", "2025-01-30T12:00:00.0000000Z"],
    ["[addDays('2024-02-28T00:00:00.0000000Z', 1)]", "2024-02-29T00:00:00.0000000Z"],
    ["[ipRangeContains('10.0.0.0/24', '10.0.0.128/25')]", true],
    ["[ipRangeContains('10.0.0.0/24', '10.0.1.1')]", false],
    ["[ipRangeContains('10.0.0.0-10.0.0.9', '10.0.0.5')]", true],
  ])("%s evaluates to %j", (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it("evaluates expressions nested in arrays and objects, and unescapes [[ literals", () => {
    expect(evaluate(["[parameters('effect')]", "[[literal]", { key: "[toLower('X')]" }])).toEqual([
      "Audit",
      "[literal]",
      { key: "x" },
    ]);
  });

  it.each([
    ["[noSuchFunction()]", "unknown function 'noSuchFunction'"],
    ["[parameters('undefined')]", "parameter 'undefined' is not defined"],
    ["[substring('ab', 1, 5)]", "substring() range 1+5 is outside a string of length 2"],
    ["[toLower(1)]", "toLower() expects a string, got number"],
    ["[length(1)]", "length() expects a string, array or object, got number"],
    ["[not('x')]", "not() expects a boolean, got string"],
    ["[if('x', 1, 2)]", "if() expects a boolean, got string"],
    ["[greater(1, 'a')]", "greater() cannot compare a number with a string"],
    ["[int('x')]", "int() cannot convert 'x'"],
    ["[json('{')]", "json() cannot parse '{'"],
    ["[parameters('list')[5]]", "index 5 is outside an array of 2"],
    ["[parameters('settings').absent]", "property 'absent' does not exist"],
    ["[equals(1)]", "equals() takes 2 argument(s), got 1"],
    ["[current()]", "current() is only available inside a count's where condition"],
    ["[concat(createArray(1), 'x')]", "concat() cannot join an array with a string"],
    ["[ipRangeContains('10.0.0.0/8', '2001:db8::1')]", "cannot compare an ipv4 range with an ipv6 one"],
  ])("%s fails with %j", (source, message) => {
    expect(() => evaluate(source)).toThrow(EvaluationError);
    expect(() => evaluate(source)).toThrow(message);
  });

  it("names the failing expression in the error", () => {
    expect(() => evaluate("[toLower(1)]")).toThrow(
      "expression [toLower(1)] failed: toLower() expects a string",
    );
  });

  it("refuses field() where no resource is in scope", () => {
    const { field: _field, ...withoutField } = scope;
    expect(() => evaluate("[field('name')]", withoutField)).toThrow("field() is not available here");
  });

  it("treats a string that opens but does not close a bracket as a literal, as ARM does", () => {
    expect(evaluate("[concat('a'")).toBe("[concat('a'");
  });

  it("reports a syntax error as a DefinitionError at compile time", () => {
    expect(() => compileTemplateValue("[concat('a']", "policyRule.then.effect")).toThrow(DefinitionError);
    expect(() => compileTemplateValue("[concat('a']", "policyRule.then.effect")).toThrow(
      "(at policyRule.then.effect)",
    );
  });
});
