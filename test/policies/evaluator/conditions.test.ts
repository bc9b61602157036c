import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../policies/evaluator";
import { aiServicesAccount, deployment, errorOf, evaluateCondition, matches } from "./support";

const account = aiServicesAccount({
  networkAcls: {
    defaultAction: "Deny",
    ipRules: [{ value: "10.0.0.1" }, { value: "10.0.0.2" }],
    virtualNetworkRules: [],
  },
  allowedFqdnList: ["contoso.com", "fabrikam.com"],
});

const raiPolicy = {
  id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct/raiPolicies/strict",
  name: "strict",
  type: "Microsoft.CognitiveServices/accounts/raiPolicies",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      { name: "Hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "Hate", source: "Completion", enabled: true, blocking: true, severityThreshold: "High" },
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
    ],
    customBlocklists: [{ blocklistName: "words", source: "Prompt", blocking: true }],
  },
};

describe("logical operators", () => {
  const yes = { field: "type", equals: "Microsoft.CognitiveServices/accounts" };
  const no = { field: "type", equals: "Microsoft.Storage/storageAccounts" };

  it.each<[string, JsonValue, boolean]>([
    ["allOf with all true", { allOf: [yes, yes] }, true],
    ["allOf with one false", { allOf: [yes, no] }, false],
    ["anyOf with one true", { anyOf: [no, yes] }, true],
    ["anyOf with none true", { anyOf: [no, no] }, false],
    ["not of false", { not: no }, true],
    ["not of true", { not: yes }, false],
    [
      "nested allOf/anyOf/not",
      { allOf: [{ anyOf: [no, { not: no }] }, { not: { allOf: [yes, no] } }] },
      true,
    ],
    ["lower-case keywords", { allof: [{ anyof: [no, yes] }, { NOT: no }] }, true],
    ["mixed-case keywords", { AllOf: [yes, { AnyOf: [yes] }] }, true],
    ["empty allOf", { allOf: [] }, true],
    ["empty anyOf", { anyOf: [] }, false],
  ])("%s → %s", (_name, condition, expected) => {
    expect(matches(condition, account)).toBe(expected);
  });

  it("stops at the first false member of allOf, so later members may be errors", () => {
    expect(matches({ allOf: [no, { value: "[parameters('missing')]", equals: 1 }] }, account)).toBe(false);
  });

  it("accepts an operand keyword in any case", () => {
    expect(matches({ FIELD: "kind", Equals: "aiservices" }, account)).toBe(true);
    expect(matches({ Value: "x", EQUALS: "X" }, account)).toBe(true);
  });
});

describe("field operand", () => {
  it.each<[string, string, JsonValue]>([
    ["type", "type", "Microsoft.CognitiveServices/accounts"],
    ["name", "name", "acct"],
    ["kind", "kind", "AIServices"],
    ["id", "id", account.id],
    ["identity.type", "identity.type", "SystemAssigned"],
    ["tags['x']", "tags['CostCenter']", "42"],
    ["tags[x]", "tags[CostCenter]", "42"],
    ["tags.x", "tags.CostCenter", "42"],
    ["a tag name in another case", "tags['costcenter']", "42"],
    ["an alias", "Microsoft.CognitiveServices/accounts/disableLocalAuth", true],
    ["an alias in another case", "microsoft.cognitiveservices/ACCOUNTS/DisableLocalAuth", true],
    ["an alias to sku", "Microsoft.CognitiveServices/accounts/sku.name", "S0"],
    ["a dotted path", "properties.networkAcls.defaultAction", "Deny"],
    ["an indexed path", "properties.networkAcls.ipRules[1].value", "10.0.0.2"],
    [
      "an alias the hand-written table lacked, now read from Azure's published table",
      "Microsoft.CognitiveServices/accounts/customSubDomainName",
      "acct",
    ],
  ])("reads %s", (_name, field, expected) => {
    expect(matches({ field, equals: expected }, account)).toBe(true);
  });

  it("reads fullName from the id: the names of the resource and its parents", () => {
    expect(matches({ field: "fullName", equals: "acct/chat" }, deployment())).toBe(true);
    expect(matches({ field: "fullName", equals: "acct" }, account)).toBe(true);
  });

  it("reads a whole tags object for containsKey", () => {
    expect(matches({ field: "tags", containsKey: "costcenter" }, account)).toBe(true);
    expect(matches({ field: "tags", containsKey: "owner" }, account)).toBe(false);
  });

  it("compares location values normalised: lower case, no spaces", () => {
    const resource = aiServicesAccount({}, { location: "West Europe" });
    expect(matches({ field: "location", equals: "westeurope" }, resource)).toBe(true);
    expect(matches({ field: "location", in: ["northeurope", "WESTEUROPE"] }, resource)).toBe(true);
    expect(matches({ field: "location", notIn: ["west europe"] }, resource)).toBe(false);
  });

  it("reads an alias of another resource type as missing", () => {
    const onDeployment = deployment();
    expect(
      matches({ field: "Microsoft.CognitiveServices/accounts/disableLocalAuth", exists: true }, onDeployment),
    ).toBe(false);
    expect(
      matches({ field: "Microsoft.Search/searchServices/disableLocalAuth", notEquals: true }, account),
    ).toBe(true);
  });

  it("takes the field reference from an expression", () => {
    const condition = { field: "[concat('tags[', parameters('tagName'), ']')]", exists: "true" };
    const declare = { tagName: { type: "String" } };
    expect(evaluateCondition(condition, account, { declare, parameters: { tagName: "CostCenter" } })).toEqual(
      {
        outcome: "non-compliant",
        effect: "audit",
      },
    );
    expect(evaluateCondition(condition, account, { declare, parameters: { tagName: "Owner" } }).outcome).toBe(
      "compliant",
    );
  });
});

describe("missing values", () => {
  const bare = { id: account.id, name: "acct", type: "Microsoft.CognitiveServices/accounts", properties: {} };
  const field = "Microsoft.CognitiveServices/accounts/disableLocalAuth";

  it.each<[string, JsonValue, boolean]>([
    ["equals is false", { field, equals: true }, false],
    ["notEquals is true", { field, notEquals: true }, true],
    ["exists true is false", { field, exists: true }, false],
    ["exists false is true", { field, exists: "false" }, true],
    ["in is false", { field, in: [true, false] }, false],
    ["notIn is true", { field, notIn: [true, false] }, true],
    ["like is false", { field, like: "*" }, false],
    ["notLike is true", { field, notLike: "*" }, true],
    ["contains is false", { field, contains: "t" }, false],
    ["notContains is true", { field, notContains: "t" }, true],
    ["containsKey is false", { field: "tags", containsKey: "x" }, false],
    ["notContainsKey is true", { field: "tags", notContainsKey: "x" }, true],
    ["greater is false", { field: "properties.absent", greater: 1 }, false],
    [
      "a missing parent object makes its children missing",
      { field: "properties.a.b.c", exists: true },
      false,
    ],
  ])("on a missing field, %s", (_name, condition, expected) => {
    expect(matches(condition, bare)).toBe(expected);
  });

  it("treats an explicit null like a missing property", () => {
    const withNull = aiServicesAccount({ disableLocalAuth: null });
    expect(matches({ field, notEquals: true }, withNull)).toBe(true);
    expect(matches({ field, exists: true }, withNull)).toBe(false);
  });
});

describe("[*] aliases outside count: every element must satisfy the condition", () => {
  const ipRule = "Microsoft.CognitiveServices/accounts/networkAcls.ipRules[*].value";

  it.each<[string, JsonValue, JsonValue, boolean]>([
    ["all elements match", { field: ipRule, like: "10.0.0.*" }, account, true],
    ["one element differs", { field: ipRule, equals: "10.0.0.1" }, account, false],
    ["negated operator per element", { field: ipRule, notEquals: "10.0.0.3" }, account, true],
    ["an empty array holds vacuously", { field: ipRule, equals: "never" }, aiServicesAccount(), true],
    [
      "a missing array holds vacuously",
      { field: ipRule, equals: "never" },
      aiServicesAccount({ networkAcls: null }),
      true,
    ],
    ["exists false on an empty array", { field: ipRule, exists: "false" }, aiServicesAccount(), true],
    ["exists false with elements", { field: ipRule, exists: "false" }, account, false],
    [
      "a plain string array",
      { field: "Microsoft.CognitiveServices/accounts/allowedFqdnList[*]", like: "*.com" },
      account,
      true,
    ],
    [
      "a dotted path with [*]",
      { field: "properties.allowedFqdnList[*]", in: ["contoso.com"] },
      account,
      false,
    ],
  ])("%s", (_name, condition, resource, expected) => {
    expect(matches(condition, resource as never)).toBe(expected);
  });

  it("an element without the property reads as missing for that element", () => {
    const partial = aiServicesAccount({ networkAcls: { ipRules: [{ value: "1.1.1.1" }, {}] } });
    expect(matches({ field: ipRule, exists: true }, partial)).toBe(false);
  });

  it("field() of a [*] alias outside count returns the array of values", () => {
    expect(matches({ value: `[length(field('${ipRule}'))]`, equals: 2 }, account)).toBe(true);
  });
});

describe("field count", () => {
  const filters = "Microsoft.CognitiveServices/accounts/raiPolicies/contentFilters[*]";

  it.each<[string, JsonValue, boolean]>([
    ["counts all elements without where", { count: { field: filters }, equals: 3 }, true],
    [
      "counts the elements matching where",
      { count: { field: filters, where: { field: `${filters}.name`, equals: "hate" } }, equals: 2 },
      true,
    ],
    [
      "combines conditions on the same element",
      {
        count: {
          field: filters,
          where: {
            allOf: [
              { field: `${filters}.name`, equals: "Hate" },
              { field: `${filters}.source`, equals: "Completion" },
            ],
          },
        },
        equals: 1,
      },
      true,
    ],
    [
      "compares the count with greater",
      { count: { field: filters, where: { field: `${filters}.blocking`, equals: "true" } }, greater: 2 },
      true,
    ],
    [
      "compares the count with less",
      { count: { field: filters, where: { field: `${filters}.severityThreshold`, exists: true } }, less: 2 },
      false,
    ],
    [
      "reads a property missing on some elements as missing",
      {
        count: { field: filters, where: { field: `${filters}.severityThreshold`, exists: false } },
        equals: 1,
      },
      true,
    ],
    [
      "current() is the element",
      { count: { field: filters, where: { value: "[current().name]", equals: "Jailbreak" } }, equals: 1 },
      true,
    ],
    [
      "current('alias[*]') is the element",
      {
        count: { field: filters, where: { value: `[current('${filters}').source]`, equals: "Prompt" } },
        equals: 2,
      },
      true,
    ],
    [
      "field('alias[*].x') in where is the element's property",
      {
        count: { field: filters, where: { value: `[field('${filters}.name')]`, equals: "hate" } },
        equals: 2,
      },
      true,
    ],
    [
      "the alias may be written in another case",
      {
        count: {
          field: filters.toLowerCase(),
          where: { field: `${filters.toUpperCase()}.NAME`, equals: "hate" },
        },
        equals: 2,
      },
      true,
    ],
  ])("%s", (_name, condition, expected) => {
    expect(matches(condition, raiPolicy)).toBe(expected);
  });

  it("counts a missing array as zero elements", () => {
    const empty = { ...raiPolicy, properties: {} };
    expect(matches({ count: { field: filters }, equals: 0 }, empty)).toBe(true);
  });

  it("nests field counts: the inner array is read from the outer element", () => {
    const resource = {
      type: "Microsoft.Example/things",
      properties: {
        groups: [
          { name: "a", members: [{ role: "owner" }, { role: "reader" }] },
          { name: "b", members: [{ role: "reader" }] },
          { name: "c", members: [] },
        ],
      },
    };
    const groupsWithAnOwner = {
      count: {
        field: "properties.groups[*]",
        where: {
          count: {
            field: "properties.groups[*].members[*]",
            where: { field: "properties.groups[*].members[*].role", equals: "owner" },
          },
          greater: 0,
        },
      },
      equals: 1,
    };
    expect(matches(groupsWithAnOwner, resource)).toBe(true);
    const outerFieldInInnerWhere = {
      count: {
        field: "properties.groups[*]",
        where: {
          count: {
            field: "properties.groups[*].members[*]",
            where: { field: "properties.groups[*].name", equals: "b" },
          },
          equals: 1,
        },
      },
      equals: 1,
    };
    expect(matches(outerFieldInInnerWhere, resource)).toBe(true);
  });
});

describe("value count", () => {
  it.each<[string, JsonValue, boolean]>([
    ["counts a literal array without where", { count: { value: [1, 2, 3] }, equals: 3 }, true],
    [
      "matches current('name') against a field",
      {
        count: {
          value: ["gpt-4", "gpt-4o"],
          name: "model",
          where: {
            field: "Microsoft.CognitiveServices/accounts/deployments/model.name",
            equals: "[current('model')]",
          },
        },
        equals: 1,
      },
      true,
    ],
    [
      "current() without a name is the element",
      { count: { value: ["a", "b", "c"], where: { value: "[current()]", notEquals: "b" } }, equals: 2 },
      true,
    ],
    [
      "takes the array from an expression",
      {
        count: {
          value: "[split('x,y,z', ',')]",
          name: "part",
          where: { value: "[current('part')]", in: ["x", "z"] },
        },
        equals: 2,
      },
      true,
    ],
    [
      "nests in a field-less value count",
      {
        count: {
          value: [[1, 2], [3], []],
          name: "outer",
          where: {
            count: {
              value: "[current('outer')]",
              name: "inner",
              where: { value: "[current('inner')]", greater: 1 },
            },
            greater: 0,
          },
        },
        equals: 2,
      },
      true,
    ],
  ])("%s", (_name, condition, expected) => {
    expect(matches(condition, deployment())).toBe(expected);
  });

  it("nests a value count inside a field count, each current() naming its own count", () => {
    const resource = {
      type: "Microsoft.CognitiveServices/accounts/raiPolicies",
      properties: { contentFilters: [{ name: "Hate" }, { name: "Violence" }, { name: "Profanity" }] },
    };
    const filters = "Microsoft.CognitiveServices/accounts/raiPolicies/contentFilters[*]";
    const condition = {
      count: {
        field: filters,
        where: {
          count: {
            value: ["hate", "violence"],
            name: "wanted",
            where: { value: `[current('${filters}').name]`, equals: "[current('wanted')]" },
          },
          equals: 1,
        },
      },
      equals: 2,
    };
    expect(matches(condition, resource)).toBe(true);
  });

  it("is an evaluation error when the value is not an array", () => {
    expect(errorOf({ count: { value: "[string('x')]" }, equals: 0 }, deployment())).toContain(
      "a value count needs an array, got string",
    );
  });

  it("is an evaluation error when current() names no enclosing count", () => {
    expect(
      errorOf(
        { count: { value: [1], name: "n", where: { value: "[current('other')]", equals: 1 } }, equals: 0 },
        deployment(),
      ),
    ).toContain("current('other') does not name an enclosing count");
  });
});

describe("value operand", () => {
  it("compares literal and computed values", () => {
    expect(
      matches(
        {
          value:
            "[concat(field('Microsoft.CognitiveServices/accounts/deployments/model.name'), ',', field('Microsoft.CognitiveServices/accounts/deployments/model.version'))]",
          in: ["gpt-4o,2024-08-06"],
        },
        deployment(),
      ),
    ).toBe(true);
    expect(matches({ value: "[[not an expression]", equals: "[[not an expression]" }, deployment())).toBe(
      true,
    );
    expect(matches({ value: "[[x]", equals: "[concat('[', 'x]')]" }, deployment())).toBe(true);
  });

  it("uses utcNow from the injected clock", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    expect(
      evaluateCondition({ value: "[utcNow()]", greater: "2029-12-31" }, deployment(), { now }).outcome,
    ).toBe("non-compliant");
    expect(
      evaluateCondition({ value: "[utcNow()]", greater: "2030-06-01" }, deployment(), { now: () => now })
        .outcome,
    ).toBe("compliant");
  });

  it("reports requestContext().apiVersion as the caller gives it, and fails when it is not given", () => {
    const condition = { value: "[requestContext().apiVersion]", equals: "2023-05-01" };
    expect(evaluateCondition(condition, deployment(), { apiVersion: "2023-05-01" }).outcome).toBe(
      "non-compliant",
    );
    expect(
      evaluateCondition(condition, deployment(), {
        apiVersion: { "Microsoft.CognitiveServices/accounts/deployments": "2023-05-01" },
      }).outcome,
    ).toBe("non-compliant");
    expect(errorOf(condition, deployment())).toContain("requestContext().apiVersion is not known");
  });
});

describe("evaluation errors", () => {
  it.each<[string, JsonValue, string]>([
    ["an unknown function", { value: "[nope()]", equals: 1 }, "unknown function 'nope'"],
    ["a wrong argument type", { value: "[toLower(length('x'))]", equals: 1 }, "toLower() expects a string"],
    [
      "an undeclared parameter",
      { value: "[parameters('ghost')]", equals: 1 },
      "parameter 'ghost' is not defined",
    ],
    ["less across types", { field: "name", less: 3 }, "cannot compare a string with a number"],
    [
      "a field count on a computed non-array alias",
      { count: { field: "[concat('name', '')]" }, equals: 0 },
      "must end with [*]",
    ],
    [
      "a field reference that is not a string",
      { field: "[length('ab')]", equals: 1 },
      "a field reference must be a string",
    ],
  ])("%s is an error outcome", (_name, condition, message) => {
    expect(errorOf(condition, deployment())).toContain(message);
  });

  it("keeps the effect on an error outcome, since it counts as non-compliant", () => {
    expect(evaluateCondition({ value: "[nope()]", equals: 1 }, deployment())).toEqual({
      outcome: "error",
      message: "expression [nope()] failed: unknown function 'nope'",
      effect: "audit",
    });
  });
});
