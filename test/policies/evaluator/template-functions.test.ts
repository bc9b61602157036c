/**
 * Every template function a policy rule may call, one table per function, with the values of the
 * examples in Microsoft's ARM template function pages (MicrosoftDocs/azure-docs,
 * articles/azure-resource-manager/templates/template-functions-*.md) and the policy pages
 * (articles/governance/policy/concepts/definition-structure-policy-rule.md). A row whose expression is
 * not a doc example says so in its name.
 */
import { describe, expect, it } from "vitest";
import {
  EvaluationError,
  type JsonValue,
  supportedFunctionNames,
  unsupportedReason,
} from "../../../policies/evaluator";
import {
  compileTemplateValue,
  type ExpressionScope,
  evaluateTemplateValue,
} from "../../../policies/evaluator/expressions";

const parameters: Record<string, JsonValue> = {
  arrayToTest: ["one", "two", "three"],
  objectToTest: { one: "a", two: "b", three: "c" },
  numbers: [0, 3, 2, 5, 4],
  entities: {
    item002: { enabled: false, displayName: "Example item 2", number: 200 },
    item001: { enabled: true, displayName: "Example item 1", number: 300 },
  },
  firstObject: { property: { one: "a", two: "b", three: "c1" }, nestedArray: [1, 2] },
  secondObject: { property: { three: "c2", four: "d", five: "e" }, nestedArray: [3, 4] },
  coalesceObject: {
    null1: null,
    null2: null,
    string: "default",
    int: 1,
    object: { first: "default" },
    array: [1],
  },
  items: ["apple", "banana", "orange", "grape"],
  users: { name: "John Doe", age: 30 },
};

const scope: ExpressionScope = {
  parameter(name) {
    const value = parameters[name];
    if (value === undefined) throw new EvaluationError(`parameter '${name}' is not defined`);
    return value;
  },
  now: () => new Date("2025-03-05T17:53:18.1234Z"),
};

function evaluate(source: string, withScope: ExpressionScope = scope): JsonValue {
  return evaluateTemplateValue(compileTemplateValue(source, "test"), withScope);
}

/** An expression, its value, and why the row is there when it is not a doc example. */
type Row = [string, JsonValue] | [string, JsonValue, string];

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    it.each(rows.map(([source, expected, note]) => ({ source, expected, note: note ? ` (${note})` : "" })))(
      "$source is $expected$note",
      ({ source, expected }) => {
        expect(evaluate(source)).toEqual(expected);
      },
    );
  });
}

// template-functions-array.md (ms.date 08/01/2025)
table("array", [
  ["[array(1)]", [1]],
  ["[array('efgh')]", ["efgh"]],
  ["[array(createObject('a', 'b', 'c', 'd'))]", [{ a: "b", c: "d" }]],
]);
table("concat", [
  [
    "[concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3'))]",
    ["1-1", "1-2", "1-3", "2-1", "2-2", "2-3"],
  ],
  ["[concat('prefix', '-', 'suffix')]", "prefix-suffix"],
]);
table("contains", [
  ["[contains('OneTwoThree', 'e')]", true],
  ["[contains('OneTwoThree', 'z')]", false],
  ["[contains(parameters('objectToTest'), 'one')]", true],
  ["[contains(parameters('objectToTest'), 'a')]", false],
  ["[contains(parameters('arrayToTest'), 'three')]", true],
  ["[contains(parameters('arrayToTest'), 'four')]", false],
]);
table("createArray", [
  ["[createArray('a', 'b', 'c')]", ["a", "b", "c"]],
  ["[createArray(1, 2, 3)]", [1, 2, 3]],
  ["[createArray(parameters('objectToTest'))]", [{ one: "a", two: "b", three: "c" }]],
  ["[createArray(parameters('arrayToTest'))]", [["one", "two", "three"]]],
  ["[createArray()]", []],
]);
table("empty", [
  ["[empty(createArray())]", true],
  ["[empty(json('{}'))]", true],
  ["[empty('')]", true],
  ["[empty(null())]", true],
]);
table("first", [
  ["[first(parameters('arrayToTest'))]", "one"],
  ["[first('One Two Three')]", "O"],
]);
table("indexFromEnd", [["[indexFromEnd(parameters('items'), 2)]", "orange"]]);
table("indexOf", [
  ["[indexOf(parameters('arrayToTest'), 'one')]", 0],
  ["[indexOf(createArray(4, 5, 6), 6)]", 2],
  ["[indexOf(createArray(parameters('arrayToTest'), createArray(4, 5, 6)), createArray(4, 5, 6))]", 1],
  ["[indexOf(createArray(1, 2, 3, 1), 1)]", 0],
  // template-functions-string.md (ms.date 02/11/2022): strings compare without case.
  ["[indexOf('test', 't')]", 0],
  ["[indexOf('abcdef', 'CD')]", 2],
  ["[indexOf('abcdef', 'z')]", -1],
]);
table("intersection", [
  [
    "[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))]",
    { one: "a", three: "c" },
  ],
  ["[intersection(parameters('arrayToTest'), createArray('two', 'three'))]", ["two", "three"]],
]);
table("last", [
  ["[last(parameters('arrayToTest'))]", "three"],
  ["[last('One Two Three')]", "e"],
]);
table("lastIndexOf", [
  ["[lastIndexOf(parameters('arrayToTest'), 'two')]", 1],
  ["[lastIndexOf(parameters('arrayToTest'), 'Three')]", -1],
  ["[lastIndexOf(createArray(4, 5, 6), 4)]", 0],
  ["[lastIndexOf(createArray(4, 5, 6), '5')]", -1],
  ["[lastIndexOf(createArray(1, 2, 3, 1), 1)]", 3],
  ["[lastIndexOf('test', 't')]", 3],
  ["[lastIndexOf('abcdef', 'AB')]", 0],
]);
table("length", [
  ["[length(parameters('arrayToTest'))]", 3],
  ["[length('One Two Three')]", 13],
  [
    "[length(createObject('propA', 'one', 'propB', 'two', 'propC', 'three', 'propD', createObject('propD-1', 'sub')))]",
    4,
  ],
]);
table("max", [
  ["[max(parameters('numbers'))]", 5],
  ["[max(0,3,2,5,4)]", 5],
]);
table("min", [
  ["[min(parameters('numbers'))]", 0],
  ["[min(0,3,2,5,4)]", 0],
]);
table("range", [["[range(5, 3)]", [5, 6, 7]]]);
table("skip", [
  ["[skip(parameters('arrayToTest'), 2)]", ["three"]],
  ["[skip('one two three', 4)]", "two three"],
  ["[skip('abc', -1)]", "abc", "not a doc example: 0 or less returns everything"],
]);
table("take", [
  ["[take(parameters('arrayToTest'), 2)]", ["one", "two"]],
  ["[take('one two three', 2)]", "on"],
  ["[take('abc', 10)]", "abc", "not a doc example: more than the length returns everything"],
]);
table("tryGet", [
  ["[tryGet(parameters('users'), 'region')]", null],
  ["[tryGet(parameters('users'), 'name')]", "John Doe"],
  // The docs' table prints "Red" for the element "red".
  ["[tryGet(createArray('red', 'green'), 0)]", "red"],
]);
table("tryIndexFromEnd", [
  ["[tryIndexFromEnd(parameters('items'), 2)]", "orange"],
  ["[tryIndexFromEnd(parameters('items'), 5)]", null],
]);
table("union", [
  [
    "[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e'))]",
    { one: "a", two: "b", three: "c2", four: "d", five: "e" },
  ],
  ["[union(parameters('arrayToTest'), createArray('three', 'four'))]", ["one", "two", "three", "four"]],
  [
    "[union(parameters('firstObject'), parameters('secondObject'))]",
    { property: { one: "a", two: "b", three: "c2", four: "d", five: "e" }, nestedArray: [3, 4] },
  ],
  [
    "[union(createArray(createArray('one', 'two'), createArray('three')), createArray(createArray('three'), createArray('four', 'two')))]",
    [["one", "two"], ["three"], ["four", "two"]],
  ],
]);

// template-functions-object.md (ms.date 08/01/2025)
table("createObject", [
  [
    "[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]",
    {
      intProp: 1,
      stringProp: "abc",
      boolProp: true,
      arrayProp: ["a", "b", "c"],
      objectProp: { key1: "value1" },
    },
  ],
]);
table("items", [
  [
    "[items(parameters('entities'))]",
    [
      { key: "item001", value: { displayName: "Example item 1", enabled: true, number: 300 } },
      { key: "item002", value: { displayName: "Example item 2", enabled: false, number: 200 } },
    ],
  ],
]);
table("json", [
  ["[empty(json('null'))]", true],
  ['[json(\'{"a": "b"}\')]', { a: "b" }],
  ["[json('\"test\"')]", "test"],
  ["[json('true')]", true],
  ["[json('3')]", 3],
  ["[json('[1,2,3 ]')]", [1, 2, 3]],
  ["[json(concat('{\"a\": \"', 'demo value', '\"}'))]", { a: "demo value" }],
]);
table("null", [["[empty(null())]", true]]);
table("objectKeys", [["[objectKeys(createObject('a', 1, 'b', 2))]", ["a", "b"]]]);
table("shallowMerge", [
  [
    "[shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c')))]",
    { one: "a", two: "c" },
  ],
  [
    "[shallowMerge(createArray(createObject('one', 'a', 'nested', createObject('a', 1, 'nested', createObject('c', 3))), createObject('two', 'b', 'nested', createObject('b', 2))))]",
    { one: "a", nested: { b: 2 }, two: "b" },
  ],
]);

// template-functions-comparison.md (ms.date 05/11/2021)
table("coalesce", [
  [
    "[coalesce(parameters('coalesceObject').null1, parameters('coalesceObject').null2, parameters('coalesceObject').string)]",
    "default",
  ],
  [
    "[coalesce(parameters('coalesceObject').null1, parameters('coalesceObject').null2, parameters('coalesceObject').int)]",
    1,
  ],
  [
    "[coalesce(parameters('coalesceObject').null1, parameters('coalesceObject').null2, parameters('coalesceObject').object)]",
    { first: "default" },
  ],
  [
    "[coalesce(parameters('coalesceObject').null1, parameters('coalesceObject').null2, parameters('coalesceObject').array)]",
    [1],
  ],
  ["[empty(coalesce(parameters('coalesceObject').null1, parameters('coalesceObject').null2))]", true],
]);
table("equals", [
  ["[equals(1, 1)]", true],
  ["[equals('a', 'a')]", true],
  ["[equals(createArray('a', 'b'), createArray('a', 'b'))]", true],
  ["[equals(createObject('a', 'b'), createObject('a', 'b'))]", true],
  ["[not(equals(1, 2))]", true],
]);
table("greater", [
  ["[greater(1, 2)]", false],
  ["[greater('A', 'a')]", true],
]);
table("greaterOrEquals", [
  ["[greaterOrEquals(1, 2)]", false],
  ["[greaterOrEquals('A', 'a')]", true],
]);
table("less", [
  ["[less(1, 2)]", true],
  ["[less('A', 'a')]", false],
]);
table("lessOrEquals", [
  ["[lessOrEquals(1, 2)]", true],
  ["[lessOrEquals('A', 'a')]", false],
]);

// template-functions-logical.md
table("and / or / not / if / true / false", [
  ["[and(true(), false())]", false],
  ["[or(true(), false())]", true],
  ["[not(true())]", false],
  ["[if(equals('new', 'new'), 'yes', 'no')]", "yes"],
  ["[true()]", true],
  ["[false()]", false],
]);
table("bool", [
  ["[bool('true')]", true],
  ["[bool('false')]", false],
  ["[bool(1)]", true],
  ["[bool(0)]", false],
]);

// template-functions-numeric.md (ms.date 11/08/2017)
table("numeric", [
  ["[add(5, 3)]", 8],
  ["[sub(7, 3)]", 4],
  ["[mul(5, 3)]", 15],
  ["[div(8, 3)]", 2],
  ["[mod(7, 3)]", 1],
  ["[div(-7, 2)]", -3, "not a doc example: .NET integer division truncates toward zero"],
  ["[mod(-7, 3)]", -1, "not a doc example: the remainder takes the dividend's sign"],
  ["[int('4')]", 4],
  ["[float('3.0')]", 3],
  ["[float(3)]", 3],
]);

// template-functions-string.md (ms.date 02/11/2022)
table("base64, base64ToString, base64ToJson", [
  ["[base64('one, two, three')]", "b25lLCB0d28sIHRocmVl"],
  ["[base64ToString('b25lLCB0d28sIHRocmVl')]", "one, two, three"],
  ["[base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))]", { one: "a", two: "b" }],
]);
table("dataUri, dataUriToString", [
  ["[dataUri('Hello')]", "data:text/plain;charset=utf8;base64,SGVsbG8="],
  ["[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]", "Hello, World!"],
]);
table("startsWith, endsWith", [
  ["[startsWith('abcdef', 'ab')]", true],
  ["[startsWith('abcdef', 'A')]", true],
  ["[startsWith('abcdef', 'e')]", false],
  ["[endsWith('abcdef', 'ef')]", true],
  ["[endsWith('abcdef', 'F')]", true],
  ["[endsWith('abcdef', 'e')]", false],
]);
table("format", [
  [
    "[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]",
    "Hello, User. Formatted number: 8,175,133",
  ],
  [
    "[format('{0:N2} {1} {{x}}', 1234.5, true())]",
    "1,234.50 True {x}",
    "not a doc example: .NET N2, a boolean, escaped braces",
  ],
]);
table("join", [
  ["[join(createArray('one', 'two', 'three'), ',')]", "one,two,three"],
  ["[join(createArray('one', 'two', 'three'), ';')]", "one;two;three"],
]);
table("padLeft", [["[padLeft('123', 10, '0')]", "0000000123"]]);
table("replace", [
  ["[replace('123-123-1234', '-', '')]", "1231231234"],
  ["[replace('123-123-1234', '1234', 'xxxx')]", "123-123-xxxx"],
]);
table("split", [
  ["[split('one,two,three', ',')]", ["one", "two", "three"]],
  ["[split('one;two,three', createArray(',', ';'))]", ["one", "two", "three"]],
]);
table("string", [
  ["[string(createObject('valueA', 10, 'valueB', 'Example Text'))]", '{"valueA":10,"valueB":"Example Text"}'],
  ["[string(createArray('a', 'b', 'c'))]", '["a","b","c"]'],
  ["[string(5)]", "5"],
]);
table("substring", [["[substring('one two three', 4, 3)]", "two"]]);
table("toLower, toUpper", [
  ["[toLower('One Two Three')]", "one two three"],
  ["[toUpper('One Two Three')]", "ONE TWO THREE"],
  ["[toUpper('straße')]", "STRAßE", "not a doc example: .NET's invariant casing keeps ß"],
  ["[toLower('İ')]", "İ", "not a doc example: the invariant culture keeps U+0130"],
]);
table("trim", [["[trim('    one two three   ')]", "one two three"]]);
table("uri, uriComponent, uriComponentToString", [
  [
    "[uri('http://contoso.com/resources/', 'nested/azuredeploy.json')]",
    "http://contoso.com/resources/nested/azuredeploy.json",
  ],
  ["[uri('http://contoso.org/firstpath', 'myscript.sh')]", "http://contoso.org/myscript.sh"],
  ["[uri('http://contoso.org/firstpath/', 'myscript.sh')]", "http://contoso.org/firstpath/myscript.sh"],
  [
    "[uri('http://contoso.org/firstpath/azuredeploy.json', 'myscript.sh')]",
    "http://contoso.org/firstpath/myscript.sh",
  ],
  [
    "[uri('http://contoso.org/firstpath/azuredeploy.json/', 'myscript.sh')]",
    "http://contoso.org/firstpath/azuredeploy.json/myscript.sh",
  ],
  [
    "[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]",
    "http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json",
  ],
  [
    "[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')]",
    "http://contoso.com/resources/nested/azuredeploy.json",
  ],
]);

// template-functions-cidr.md (ms.date 07/14/2023)
table("parseCidr", [
  [
    "[parseCidr('10.144.0.0/20')]",
    {
      network: "10.144.0.0",
      netmask: "255.255.240.0",
      broadcast: "10.144.15.255",
      firstUsable: "10.144.0.1",
      lastUsable: "10.144.15.254",
      cidr: 20,
    },
  ],
  [
    "[parseCidr('fdad:3236:5555::/48')]",
    {
      network: "fdad:3236:5555::",
      netmask: "ffff:ffff:ffff::",
      firstUsable: "fdad:3236:5555::",
      lastUsable: "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff",
      cidr: 48,
    },
  ],
]);
table("cidrSubnet", [
  ["[cidrSubnet('10.144.0.0/20', 24, 0)]", "10.144.0.0/24"],
  ["[cidrSubnet('10.144.0.0/20', 24, 4)]", "10.144.4.0/24"],
  ["[cidrSubnet('fdad:3236:5555::/48', 52, 0)]", "fdad:3236:5555::/52"],
  ["[cidrSubnet('fdad:3236:5555::/48', 52, 4)]", "fdad:3236:5555:4000::/52"],
]);
table("cidrHost", [
  ["[cidrHost('10.144.3.0/24', 0)]", "10.144.3.1"],
  ["[cidrHost('10.144.3.0/24', 4)]", "10.144.3.5"],
  ["[cidrHost('fdad:3236:5555:3000::/52', 0)]", "fdad:3236:5555:3000::1"],
  ["[cidrHost('fdad:3236:5555:3000::/52', 4)]", "fdad:3236:5555:3000::5"],
]);

// definition-structure-policy-rule.md (ms.date 03/19/2025), policy functions.
table("ipRangeContains", [
  ["[ipRangeContains('10.0.0.0/24', '10.0.0.0')]", true],
  ["[ipRangeContains('192.168.0.1-192.168.0.9', '192.168.0.5')]", true],
  ["[ipRangeContains('10.0.0.0/24', '10.0.1.0/24')]", false],
  ["[ipRangeContains('2001:0DB8::/110', '2001:0DB8::3:FFFE')]", true],
  ["[ipRangeContains('2001:0DB8::-2001:0DB8::3:FFFF', '2001:0DB8::3:FFFE')]", true],
  ["[ipRangeContains('2001:0DB8::/110', '2001:0DB8::4:0')]", false],
  ["[ipRangeContains('2001:0DB8::/32', '2001:0DB8::/48')]", true],
]);
table("utcNow and addDays", [
  ["[utcNow()]", "2025-03-05T17:53:18.1230000Z"],
  ["[utcNow('u')]", "2025-03-05 17:53:18Z"],
  ["[utcNow('yyyy-MM-dd')]", "2025-03-05", "not a doc example: a custom .NET format"],
  ["[addDays('2025-03-05T00:00:00.0000000Z', 30)]", "2025-04-04T00:00:00.0000000Z"],
]);

describe("functions Azure Policy does not offer in a policy rule", () => {
  it.each([
    "copyIndex",
    "dateTimeAdd",
    "dateTimeFromEpoch",
    "dateTimeToEpoch",
    "deployment",
    "environment",
    "extensionResourceId",
    "lambda",
    "listAccountSas",
    "listKeys",
    "listSecrets",
    "listConnectionStrings",
    "managementGroup",
    "newGuid",
    "pickZones",
    "providers",
    "reference",
    "resourceId",
    "subscriptionResourceId",
    "tenantResourceId",
    "tenant",
    "variables",
  ])("%s() is an evaluation error with the documented reason", (name) => {
    expect(() => evaluate(`[${name}()]`)).toThrow(
      `${name}() is an ARM template function that Azure Policy does not offer in policy rules`,
    );
  });

  it("names lambda() as the reason the lambda functions are unavailable", () => {
    expect(unsupportedReason("filter")).toContain("it takes a lambda()");
    expect(unsupportedReason("toLower")).toBeUndefined();
  });

  it("offers none of them, and still reports an unknown name as unknown", () => {
    const offered = supportedFunctionNames().map((name) => name.toLowerCase());
    expect(offered.filter((name) => unsupportedReason(name) !== undefined)).toEqual([]);
    expect(() => evaluate("[noSuchFunction()]")).toThrow("unknown function 'noSuchFunction'");
  });
});

describe("function errors", () => {
  it.each([
    ["[div(1, 0)]", "div() cannot divide by 0"],
    [
      "[indexFromEnd(parameters('items'), 5)]",
      "indexFromEnd() index 5 from the end is outside an array of 4",
    ],
    ["[range(0, 10001)]", "range() count must be between 0 and 10000"],
    ["[padLeft('1', 3, 'ab')]", "padLeft() pads with a single character"],
    ["[base64ToString('not base64!')]", "base64ToString() cannot read 'not base64!' as base64"],
    ["[format('{1}', 'a')]", "'{1}' refers to argument 1, but only 1 were given"],
    ["[format('{0:#,##0}', 5)]", "custom numeric format '#,##0' is not supported"],
    ["[ipRangeContains('10.0.0.9-10.0.0.1', '10.0.0.5')]", "'10.0.0.9-10.0.0.1' is an empty range"],
    ["[ipRangeContains('10.0.0.0/24', 'fe80::1')]", "cannot compare an ipv4 range with an ipv6 one"],
    ["[guid('a')]", "guid() is a hash whose algorithm the ARM documentation does not give"],
    ["[uniqueString('a')]", "uniqueString() is a hash whose algorithm the ARM documentation does not give"],
    ["[cidrHost('10.144.3.0/24', 254)]", "cidrHost(): host index 254 is outside the range 10.144.3.0/24"],
  ])("%s fails with %j", (source, message) => {
    expect(() => evaluate(source)).toThrow(EvaluationError);
    expect(() => evaluate(source)).toThrow(message);
  });
});
