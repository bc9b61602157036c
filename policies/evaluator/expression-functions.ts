/**
 * The template functions a policy rule may call: every ARM template function Azure Policy supports, and
 * the policy-only ones. Sources (MicrosoftDocs/azure-docs):
 * - articles/governance/policy/concepts/definition-structure-policy-rule.md (ms.date 03/19/2025),
 *   "Policy functions": all ARM template functions except the list in `unsupportedInPolicy` below; the
 *   policy-only `addDays`, `field`, `requestContext`, `policy`, `ipRangeContains`, `current`; `utcNow()`
 *   usable anywhere, formatted `yyyy-MM-ddTHH:mm:ss.fffffffZ`.
 * - articles/azure-resource-manager/templates/template-functions-array.md and -object.md (ms.date
 *   08/01/2025), -string.md (02/11/2022), -numeric.md (11/08/2017), -comparison.md (05/11/2021),
 *   -logical.md, -scope.md (11/23/2021), -cidr.md (07/14/2023), template-functions.md (05/10/2024).
 * The table-driven tests in test/policies/evaluator/template-functions.test.ts use those pages' examples.
 */

import JSON5 from "json5";
import { compositeFormat, formatDate } from "./dotnet-format";
import { EvaluationError } from "./errors";
import { cidrHost, cidrSubnet, ipRangeContains, parseCidr } from "./ip-ranges";
import { getProperty, isJsonObject, type JsonObject, type JsonValue, jsonTypeName } from "./json";
import { isAscii, ordinalIgnoreCaseKey } from "./values";

/** What the caller knows about the resource group a resource is deployed to. */
export interface ResourceGroupFacts {
  name?: string;
  id?: string;
  location?: string;
  tags?: Record<string, string>;
  managedBy?: string;
}

/** What the caller knows about the subscription a resource is deployed to. */
export interface SubscriptionFacts {
  subscriptionId?: string;
  id?: string;
  displayName?: string;
  tenantId?: string;
}

/** What `policy()` returns: the assignment and definition being evaluated. */
export interface PolicyFacts {
  assignmentId?: string;
  definitionId?: string;
  setDefinitionId?: string;
  definitionReferenceId?: string;
}

/** What an expression may read: the assignment's parameters, the resource, the counts around it. */
export interface ExpressionScope {
  parameter(name: string): JsonValue;
  /** `parameter`, by the lower-case key a rule computed once; `name` as written, for messages. */
  parameterByKey?(key: string, name: string): JsonValue;
  /** `field()`; absent where Azure forbids it (e.g. an initiative's parameter values). */
  field?: (reference: string) => JsonValue;
  /** `current()`; absent outside a count's `where`. */
  current?: (name: string | undefined) => JsonValue;
  now(): Date;
  /** `requestContext().apiVersion`: the API version the resource is written with; unknown when absent. */
  apiVersion?: string | undefined;
  resourceGroup?: ResourceGroupFacts | undefined;
  subscription?: SubscriptionFacts | undefined;
  policy?: PolicyFacts | undefined;
}

export type TemplateFunction = (args: JsonValue[], scope: ExpressionScope) => JsonValue;

interface FunctionSpec {
  name: string;
  minArgs: number;
  maxArgs: number;
  run: TemplateFunction;
  /** Reads nothing but its arguments: with constant arguments it is computed once, when compiled. */
  pure: boolean;
}

const any = Number.POSITIVE_INFINITY;

function fail(message: string): never {
  throw new EvaluationError(message);
}

/**
 * ARM template functions Azure Policy does not offer in a policy rule, with the reason the docs give
 * (definition-structure-policy-rule.md, "Policy functions", ms.date 03/19/2025). The lambda functions
 * need `lambda()`, which is on the list.
 */
const unsupportedInPolicy: ReadonlyMap<string, string> = new Map(
  [
    "copyIndex",
    "dateTimeAdd",
    "dateTimeFromEpoch",
    "dateTimeToEpoch",
    "deployment",
    "environment",
    "extensionResourceId",
    "lambda",
    "filter",
    "groupBy",
    "map",
    "mapValues",
    "reduce",
    "sort",
    "toObject",
    "listAccountSas",
    "listKeys",
    "listSecrets",
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
  ].map((name) => [name.toLowerCase(), name]),
);

/** The ARM template functions Azure Policy does not offer in a policy rule (list* aside), as written. */
export function unsupportedFunctionNames(): string[] {
  return [...unsupportedInPolicy.values()];
}

/** Why a function is not available in a policy rule, or undefined when it is (or is unknown). */
export function unsupportedReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  const listed = unsupportedInPolicy.get(lower) ?? (lower.startsWith("list") ? `${name} (list*)` : undefined);
  if (listed === undefined) return undefined;
  const lambda = ["filter", "groupby", "map", "mapvalues", "reduce", "sort", "toobject"].includes(lower)
    ? " (it takes a lambda(), which policy rules do not offer)"
    : "";
  return `${name}() is an ARM template function that Azure Policy does not offer in policy rules${lambda}`;
}

let functionsByName: Map<string, FunctionSpec> | undefined;

/** The spec of a supported function, by name without case; `if` is compiled by the caller (lazy). */
export function functionSpec(name: string): FunctionSpec | undefined {
  // Built on first use: no work at import time.
  functionsByName ??= new Map(functionSpecs().map((spec) => [spec.name.toLowerCase(), spec]));
  return functionsByName.get(name.toLowerCase());
}

/** The names of every supported function, for documentation. */
export function supportedFunctionNames(): string[] {
  return functionSpecs().map((spec) => spec.name);
}

/** Looks a function up by name; names are case-insensitive, as in ARM. Checks the number of arguments. */
export function templateFunction(name: string): TemplateFunction | undefined {
  const spec = functionSpec(name);
  if (!spec) return undefined;
  return (args, scope) => {
    checkArity(spec, args.length);
    return spec.run(args, scope);
  };
}

export function arityError(spec: FunctionSpec, count: number): string | undefined {
  const { name, minArgs: min, maxArgs: max } = spec;
  if (count >= min && count <= max) return undefined;
  const expected = min === max ? `${min}` : max === any ? `at least ${min}` : `${min}-${max}`;
  return `${name}() takes ${expected} argument(s), got ${count}`;
}

function checkArity(spec: FunctionSpec, count: number): void {
  const message = arityError(spec, count);
  if (message) fail(message);
}

function define(
  name: string,
  minArgs: number,
  maxArgs: number,
  run: TemplateFunction,
  pure = true,
): FunctionSpec {
  return { name, minArgs, maxArgs, run, pure };
}

function stringArg(name: string, value: JsonValue | undefined): string {
  if (typeof value !== "string") fail(`${name}() expects a string, got ${jsonTypeName(value)}`);
  return value;
}

function integerArg(name: string, value: JsonValue | undefined): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    fail(`${name}() expects an integer, got ${jsonTypeName(value)}`);
  }
  return value;
}

function booleanArg(name: string, value: JsonValue | undefined): boolean {
  if (typeof value !== "boolean") fail(`${name}() expects a boolean, got ${jsonTypeName(value)}`);
  return value;
}

function arrayArg(name: string, value: JsonValue | undefined): JsonValue[] {
  if (!Array.isArray(value)) fail(`${name}() expects an array, got ${jsonTypeName(value)}`);
  return value;
}

function objectArg(name: string, value: JsonValue | undefined): JsonObject {
  if (!isJsonObject(value)) fail(`${name}() expects an object, got ${jsonTypeName(value)}`);
  return value;
}

/** ARM's `equals`: exact, case-sensitive, deep. */
export function strictlyEqual(left: JsonValue | undefined, right: JsonValue | undefined): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => strictlyEqual(item, right[index]));
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && strictlyEqual(left[key], right[key]))
    );
  }
  return left === right;
}

let cultureCollator: Intl.Collator | undefined;

/**
 * ARM's greater/less: numbers numerically, strings with the invariant culture, case-sensitive
 * (template-functions-comparison.md: `greater('A', 'a')` is True, which an ordinal comparison would not give).
 */
function compare(name: string, args: JsonValue[]): number {
  const [left, right] = args;
  if (typeof left === "number" && typeof right === "number") return left - right;
  if (typeof left === "string" && typeof right === "string") {
    cultureCollator ??= new Intl.Collator("und", { sensitivity: "variant", usage: "sort" });
    return cultureCollator.compare(left, right);
  }
  return fail(`${name}() cannot compare a ${jsonTypeName(left)} with a ${jsonTypeName(right)}`);
}

/** Azure Policy's date-time format: ISO 8601 with seven fractional digits. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

function parseDateTime(name: string, text: string): Date {
  // JavaScript parses at most millisecond precision; Azure writes seven fractional digits.
  const time = Date.parse(text.replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(time)) fail(`${name}() cannot read '${text}' as a date-time`);
  return new Date(time);
}

function stringOf(value: JsonValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  // ARM formats booleans the .NET way.
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** .NET's ToLowerInvariant: per code point, simple mapping; U+0130 (İ) stays itself, as on Windows. */
function invariantLower(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  let out = "";
  for (const char of text) {
    const lower = char.toLowerCase();
    out += char === "\u0130" || [...lower].length !== 1 ? char : lower;
  }
  return out;
}

/** Lenient JSON as ARM reads it (single-quoted strings in the docs' base64ToJson example). */
function parseJson(name: string, text: string): JsonValue {
  try {
    return JSON5.parse(text) as JsonValue;
  } catch {
    return fail(`${name}() cannot parse '${text}'`);
  }
}

function utf8ToBase64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

function base64ToUtf8(name: string, text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    fail(`${name}() cannot read '${text}' as base64`);
  }
  return Buffer.from(text, "base64").toString("utf8");
}

/** .NET's Uri.EscapeDataString: everything but RFC 3986 unreserved characters is escaped. */
function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function unescapeDataString(name: string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(`${name}() cannot decode '${text}'`);
  }
}

function dataUriToString(text: string): string {
  const match = /^data:([^,]*),(.*)$/s.exec(text);
  if (!match) fail(`dataUriToString() cannot read '${text}' as a data URI`);
  const [, meta = "", data = ""] = match;
  return /;base64$/i.test(meta)
    ? base64ToUtf8("dataUriToString", data)
    : unescapeDataString("dataUriToString", data);
}

/** Deep merge for union(): nested objects merge, anything else is replaced by the later value. */
function mergeObjects(target: JsonObject, source: JsonObject): JsonObject {
  const result: JsonObject = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = result[key];
    result[key] = isJsonObject(existing) && isJsonObject(value) ? mergeObjects(existing, value) : value;
  }
  return result;
}

function distinctPush(result: JsonValue[], item: JsonValue): void {
  if (!result.some((seen) => strictlyEqual(seen, item))) result.push(item);
}

function numbersOf(name: string, args: JsonValue[]): number[] {
  const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (values.length === 0) fail(`${name}() needs at least one integer`);
  return values.map((value) => {
    if (typeof value !== "number") fail(`${name}() expects integers, got ${jsonTypeName(value)}`);
    return value;
  });
}

function integerOperands(name: string, args: JsonValue[]): [number, number] {
  return [integerArg(name, args[0]), integerArg(name, args[1])];
}

function nonZero(name: string, value: number): number {
  if (value === 0) fail(`${name}() cannot divide by 0`);
  return value;
}

/** Sorted keys, as ARM returns the entries of an object (items, objectKeys). */
function sortedKeys(object: JsonObject): string[] {
  return Object.keys(object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function fromEnd(name: string, args: JsonValue[], safe: boolean): JsonValue {
  const array = arrayArg(name, args[0]);
  const reverse = integerArg(name, args[1]);
  const item = reverse >= 1 ? array[array.length - reverse] : undefined;
  if (item !== undefined) return item;
  return safe ? null : fail(`${name}() index ${reverse} from the end is outside an array of ${array.length}`);
}

/** A member of a scope object the caller may or may not know; unknown is an error, never a guess. */
function known<T extends object>(facts: T | undefined, what: string, member: keyof T & string): JsonValue {
  const value = facts?.[member] as JsonValue | undefined;
  if (value === undefined) {
    fail(`${what}.${member} is not known: the evaluation context does not declare it`);
  }
  return value;
}

export function resourceGroupMember(scope: ExpressionScope, member: string): JsonValue {
  const group = scope.resourceGroup;
  switch (member.toLowerCase()) {
    case "name":
      return known(group, "resourceGroup()", "name");
    case "location":
      return known(group, "resourceGroup()", "location");
    case "tags":
      return known(group, "resourceGroup()", "tags");
    case "managedby":
      return known(group, "resourceGroup()", "managedBy");
    case "type":
      return "Microsoft.Resources/resourceGroups";
    case "id": {
      if (group?.id !== undefined) return group.id;
      const subscriptionId = scope.subscription?.subscriptionId;
      if (group?.name !== undefined && subscriptionId !== undefined) {
        return `/subscriptions/${subscriptionId}/resourceGroups/${group.name}`;
      }
      return fail(
        "resourceGroup().id is not known: the evaluation context declares neither it nor the subscription and group names",
      );
    }
    default:
      return fail(`resourceGroup() has no property '${member}'`);
  }
}

export function subscriptionMember(scope: ExpressionScope, member: string): JsonValue {
  const subscription = scope.subscription;
  switch (member.toLowerCase()) {
    case "subscriptionid":
      return known(subscription, "subscription()", "subscriptionId");
    case "tenantid":
      return known(subscription, "subscription()", "tenantId");
    case "displayname":
      return known(subscription, "subscription()", "displayName");
    case "id":
      if (subscription?.id !== undefined) return subscription.id;
      return `/subscriptions/${known(subscription, "subscription()", "subscriptionId") as string}`;
    default:
      return fail(`subscription() has no property '${member}'`);
  }
}

export function policyMember(scope: ExpressionScope, member: string): JsonValue {
  const names = ["assignmentId", "definitionId", "setDefinitionId", "definitionReferenceId"] as const;
  const name = names.find((candidate) => candidate.toLowerCase() === member.toLowerCase());
  if (!name) return fail(`policy() has no property '${member}'`);
  return known(scope.policy, "policy()", name);
}

export function requestContextMember(scope: ExpressionScope, member: string): JsonValue {
  switch (member.toLowerCase()) {
    case "apiversion":
      if (scope.apiVersion === undefined) {
        fail(
          "requestContext().apiVersion is not known: the evaluation context does not say which API version writes this resource",
        );
      }
      return scope.apiVersion;
    case "identity":
      return fail("requestContext().identity is not known before the request is made");
    default:
      return fail(`requestContext() has no property '${member}'`);
  }
}

/** A whole scope object: the members the caller knows. */
function scopeObject(
  scope: ExpressionScope,
  members: readonly string[],
  read: (scope: ExpressionScope, member: string) => JsonValue,
): JsonObject {
  const object: JsonObject = {};
  for (const member of members) {
    try {
      object[member] = read(scope, member);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
    }
  }
  return object;
}

function functionSpecs(): FunctionSpec[] {
  return [
    // Deployment value and policy-only functions.
    define("parameters", 1, 1, ([name], scope) => scope.parameter(stringArg("parameters", name)), false),
    define(
      "field",
      1,
      1,
      ([reference], scope) => {
        if (!scope.field) fail("field() is not available here");
        return scope.field(stringArg("field", reference));
      },
      false,
    ),
    define(
      "current",
      0,
      1,
      (args, scope) => {
        if (!scope.current) fail("current() is only available inside a count's where condition");
        return scope.current(args.length === 0 ? undefined : stringArg("current", args[0]));
      },
      false,
    ),
    define(
      "requestContext",
      0,
      0,
      (_args, scope) => scopeObject(scope, ["apiVersion"], requestContextMember),
      false,
    ),
    define(
      "policy",
      0,
      0,
      (_args, scope) =>
        scopeObject(
          scope,
          ["assignmentId", "definitionId", "setDefinitionId", "definitionReferenceId"],
          policyMember,
        ),
      false,
    ),
    define(
      "resourceGroup",
      0,
      0,
      (_args, scope) =>
        scopeObject(scope, ["id", "name", "type", "location", "managedBy", "tags"], resourceGroupMember),
      false,
    ),
    define(
      "subscription",
      0,
      0,
      (_args, scope) =>
        scopeObject(scope, ["id", "subscriptionId", "tenantId", "displayName"], subscriptionMember),
      false,
    ),
    define(
      "utcNow",
      0,
      1,
      (args, scope) =>
        args.length === 0
          ? formatDateTime(scope.now())
          : formatDate(scope.now(), stringArg("utcNow", args[0])),
      false,
    ),
    define("addDays", 2, 2, ([dateTime, days]) => {
      const date = parseDateTime("addDays", stringArg("addDays", dateTime));
      return formatDateTime(new Date(date.getTime() + integerArg("addDays", days) * 86_400_000));
    }),
    define("ipRangeContains", 2, 2, ([range, target]) =>
      ipRangeContains(stringArg("ipRangeContains", range), stringArg("ipRangeContains", target)),
    ),

    // Logical functions.
    define("true", 0, 0, () => true),
    define("false", 0, 0, () => false),
    define("and", 2, any, (args) => args.map((arg) => booleanArg("and", arg)).every(Boolean)),
    define("or", 2, any, (args) => args.map((arg) => booleanArg("or", arg)).some(Boolean)),
    define("not", 1, 1, ([value]) => !booleanArg("not", value)),
    define("bool", 1, 1, ([value]) => {
      if (typeof value === "boolean") return value;
      if (typeof value === "number") return value !== 0;
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      return fail(`bool() cannot convert ${typeof value === "string" ? `'${value}'` : jsonTypeName(value)}`);
    }),

    // Comparison functions.
    define("coalesce", 1, any, (args) => args.find((arg) => arg !== null) ?? null),
    define("equals", 2, 2, ([left, right]) => strictlyEqual(left, right)),
    define("greater", 2, 2, (args) => compare("greater", args) > 0),
    define("greaterOrEquals", 2, 2, (args) => compare("greaterOrEquals", args) >= 0),
    define("less", 2, 2, (args) => compare("less", args) < 0),
    define("lessOrEquals", 2, 2, (args) => compare("lessOrEquals", args) <= 0),

    // Numeric functions.
    define("add", 2, 2, (args) => {
      const [a, b] = integerOperands("add", args);
      return a + b;
    }),
    define("sub", 2, 2, (args) => {
      const [a, b] = integerOperands("sub", args);
      return a - b;
    }),
    define("mul", 2, 2, (args) => {
      const [a, b] = integerOperands("mul", args);
      return a * b;
    }),
    // Integer division truncates toward zero and the remainder takes the dividend's sign, as in .NET.
    define("div", 2, 2, (args) => {
      const [a, b] = integerOperands("div", args);
      return Math.trunc(a / nonZero("div", b));
    }),
    define("mod", 2, 2, (args) => {
      const [a, b] = integerOperands("mod", args);
      return a % nonZero("mod", b);
    }),
    define("int", 1, 1, ([value]) => {
      if (typeof value === "number") return Math.trunc(value);
      if (typeof value === "string" && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
      return fail(`int() cannot convert ${typeof value === "string" ? `'${value}'` : jsonTypeName(value)}`);
    }),
    define("float", 1, 1, ([value]) => {
      if (typeof value === "number") return value;
      if (typeof value === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
        return Number(value);
      }
      return fail(`float() cannot convert ${typeof value === "string" ? `'${value}'` : jsonTypeName(value)}`);
    }),
    define("max", 1, any, (args) => Math.max(...numbersOf("max", args))),
    define("min", 1, any, (args) => Math.min(...numbersOf("min", args))),

    // Array and object functions.
    define("array", 1, 1, ([value]) => {
      if (Array.isArray(value)) return value;
      if (value === null || value === undefined) return fail("array() cannot convert null");
      return [value];
    }),
    define("createArray", 0, any, (args) => args),
    define("createObject", 0, any, (args) => {
      if (args.length % 2 !== 0) fail("createObject() takes key/value pairs");
      const result: JsonObject = {};
      for (let index = 0; index < args.length; index += 2) {
        result[stringArg("createObject", args[index])] = args[index + 1] ?? null;
      }
      return result;
    }),
    define("null", 0, 0, () => null),
    define("json", 1, 1, ([value]) => parseJson("json", stringArg("json", value))),
    define("concat", 1, any, (args) => {
      if (Array.isArray(args[0])) {
        return args.flatMap((arg) => {
          if (arg === null) return [];
          if (!Array.isArray(arg)) fail(`concat() cannot join an array with a ${jsonTypeName(arg)}`);
          return arg;
        });
      }
      return args
        .map((arg) => {
          // A missing field joins as empty text rather than failing the whole rule.
          if (arg === null) return "";
          if (typeof arg === "object") fail(`concat() cannot join a string with a ${jsonTypeName(arg)}`);
          return stringOf(arg);
        })
        .join("");
    }),
    define("contains", 2, 2, ([container, item]) => {
      if (typeof container === "string") {
        if (item === null || item === undefined || typeof item === "object") {
          fail(`contains() cannot look for a ${jsonTypeName(item)} in a string`);
        }
        return container.includes(stringOf(item));
      }
      if (Array.isArray(container)) return container.some((element) => strictlyEqual(element, item));
      if (isJsonObject(container)) return getProperty(container, stringArg("contains", item)) !== undefined;
      return fail(`contains() expects a string, array or object, got ${jsonTypeName(container)}`);
    }),
    define("empty", 1, 1, ([value]) => {
      if (value === null || value === undefined) return true;
      if (typeof value === "string" || Array.isArray(value)) return value.length === 0;
      if (isJsonObject(value)) return Object.keys(value).length === 0;
      return fail(`empty() expects a string, array or object, got ${jsonTypeName(value)}`);
    }),
    define("length", 1, 1, ([value]) => {
      if (typeof value === "string" || Array.isArray(value)) return value.length;
      if (isJsonObject(value)) return Object.keys(value).length;
      return fail(`length() expects a string, array or object, got ${jsonTypeName(value)}`);
    }),
    define("first", 1, 1, ([value]) => {
      if (typeof value === "string") return value.charAt(0);
      if (Array.isArray(value)) return value[0] ?? null;
      return fail(`first() expects a string or array, got ${jsonTypeName(value)}`);
    }),
    define("last", 1, 1, ([value]) => {
      if (typeof value === "string") return value.charAt(value.length - 1);
      if (Array.isArray(value)) return value[value.length - 1] ?? null;
      return fail(`last() expects a string or array, got ${jsonTypeName(value)}`);
    }),
    define("indexFromEnd", 2, 2, (args) => fromEnd("indexFromEnd", args, false)),
    define("tryIndexFromEnd", 2, 2, (args) => fromEnd("tryIndexFromEnd", args, true)),
    define("tryGet", 2, 2, ([item, key]) => {
      if (item === null) return null;
      if (Array.isArray(item)) {
        const index = integerArg("tryGet", key);
        return item[index] ?? null;
      }
      if (isJsonObject(item)) return getProperty(item, stringArg("tryGet", key)) ?? null;
      return fail(`tryGet() expects an array or object, got ${jsonTypeName(item)}`);
    }),
    define("range", 2, 2, ([start, count]) => {
      const first = integerArg("range", start);
      const size = integerArg("range", count);
      if (size < 0 || size > 10_000) fail(`range() count must be between 0 and 10000, got ${size}`);
      if (first + size > 2_147_483_647) fail("range() start plus count must be no greater than 2147483647");
      return Array.from({ length: size }, (_, offset) => first + offset);
    }),
    define("skip", 2, 2, ([value, count]) => {
      const n = Math.max(0, integerArg("skip", count));
      if (typeof value === "string" || Array.isArray(value)) return value.slice(n);
      return fail(`skip() expects a string or array, got ${jsonTypeName(value)}`);
    }),
    define("take", 2, 2, ([value, count]) => {
      const n = Math.max(0, integerArg("take", count));
      if (typeof value === "string" || Array.isArray(value)) return value.slice(0, n);
      return fail(`take() expects a string or array, got ${jsonTypeName(value)}`);
    }),
    define("union", 1, any, (args) => {
      if (args.every(Array.isArray)) {
        const result: JsonValue[] = [];
        for (const item of args.flat()) distinctPush(result, item);
        return result;
      }
      if (args.every(isJsonObject)) return (args as JsonObject[]).reduce(mergeObjects, {});
      return fail("union() expects only arrays or only objects");
    }),
    define("intersection", 1, any, ([head, ...rest]) => {
      if (Array.isArray(head) && rest.every(Array.isArray)) {
        const result: JsonValue[] = [];
        for (const item of head) {
          if (rest.every((other) => other.some((element) => strictlyEqual(element, item)))) {
            distinctPush(result, item);
          }
        }
        return result;
      }
      if (isJsonObject(head) && rest.every(isJsonObject)) {
        const entries = Object.entries(head).filter(([key, value]) =>
          rest.every((other) => Object.hasOwn(other, key) && strictlyEqual(other[key], value)),
        );
        return Object.fromEntries(entries) as JsonObject;
      }
      return fail("intersection() expects only arrays or only objects");
    }),
    define("items", 1, 1, ([value]) => {
      const object = objectArg("items", value);
      return sortedKeys(object).map((key) => ({ key, value: object[key] as JsonValue }));
    }),
    define("objectKeys", 1, 1, ([value]) => sortedKeys(objectArg("objectKeys", value))),
    define("shallowMerge", 1, 1, ([value]) =>
      arrayArg("shallowMerge", value).reduce<JsonObject>(
        (merged, item) => Object.assign(merged, objectArg("shallowMerge", item)),
        {},
      ),
    ),

    // String functions.
    define("base64", 1, 1, ([text]) => utf8ToBase64(stringArg("base64", text))),
    define("base64ToString", 1, 1, ([text]) =>
      base64ToUtf8("base64ToString", stringArg("base64ToString", text)),
    ),
    define("base64ToJson", 1, 1, ([text]) =>
      parseJson("base64ToJson", base64ToUtf8("base64ToJson", stringArg("base64ToJson", text))),
    ),
    define(
      "dataUri",
      1,
      1,
      ([text]) => `data:text/plain;charset=utf8;base64,${utf8ToBase64(stringArg("dataUri", text))}`,
    ),
    define("dataUriToString", 1, 1, ([text]) => dataUriToString(stringArg("dataUriToString", text))),
    define("uri", 2, 2, ([base, relative]) => {
      try {
        return new URL(stringArg("uri", relative), stringArg("uri", base)).href;
      } catch (error) {
        if (error instanceof EvaluationError) throw error;
        return fail(`uri() cannot combine '${String(base)}' with '${String(relative)}'`);
      }
    }),
    define("uriComponent", 1, 1, ([text]) => escapeDataString(stringArg("uriComponent", text))),
    define("uriComponentToString", 1, 1, ([text]) =>
      unescapeDataString("uriComponentToString", stringArg("uriComponentToString", text)),
    ),
    define("format", 1, any, ([template, ...args]) => compositeFormat(stringArg("format", template), args)),
    define("join", 2, 2, ([items, delimiter]) => {
      const separator = stringArg("join", delimiter);
      return arrayArg("join", items)
        .map((item) => {
          if (item !== null && typeof item === "object") fail(`join() cannot join a ${jsonTypeName(item)}`);
          return stringOf(item);
        })
        .join(separator);
    }),
    define("padLeft", 2, 3, ([value, totalLength, padding]) => {
      const text = typeof value === "number" ? String(value) : stringArg("padLeft", value);
      const character = padding === undefined ? " " : stringArg("padLeft", padding);
      if ([...character].length !== 1) fail("padLeft() pads with a single character");
      return text.padStart(integerArg("padLeft", totalLength), character);
    }),
    define("toLower", 1, 1, ([text]) => invariantLower(stringArg("toLower", text))),
    define("toUpper", 1, 1, ([text]) => ordinalIgnoreCaseKey(stringArg("toUpper", text))),
    define("trim", 1, 1, ([text]) => stringArg("trim", text).trim()),
    define("split", 2, 2, ([text, delimiter]) => {
      const delimiters = (Array.isArray(delimiter) ? delimiter : [delimiter]).map((item) =>
        stringArg("split", item),
      );
      if (delimiters.some((item) => item === "")) fail("split() needs a non-empty delimiter");
      const pattern = new RegExp(
        delimiters.map((item) => item.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
      );
      return stringArg("split", text).split(pattern);
    }),
    define("substring", 1, 3, (args) => {
      const text = stringArg("substring", args[0]);
      const start = args.length >= 2 ? integerArg("substring", args[1]) : 0;
      const length = args.length === 3 ? integerArg("substring", args[2]) : text.length - start;
      if (start < 0 || length < 0 || start + length > text.length) {
        fail(`substring() range ${start}+${length} is outside a string of length ${text.length}`);
      }
      return text.substring(start, start + length);
    }),
    define("replace", 3, 3, (args) => {
      const [text, oldText, newText] = args.map((arg) => stringArg("replace", arg)) as [
        string,
        string,
        string,
      ];
      if (!oldText) fail("replace() needs a non-empty string to replace");
      return text.split(oldText).join(newText);
    }),
    define("startsWith", 2, 2, ([text, prefix]) =>
      ordinalIgnoreCaseKey(stringArg("startsWith", text)).startsWith(
        ordinalIgnoreCaseKey(stringArg("startsWith", prefix)),
      ),
    ),
    define("endsWith", 2, 2, ([text, suffix]) =>
      ordinalIgnoreCaseKey(stringArg("endsWith", text)).endsWith(
        ordinalIgnoreCaseKey(stringArg("endsWith", suffix)),
      ),
    ),
    // On a string: case-insensitive position of a substring; on an array: case-sensitive position of an item.
    define("indexOf", 2, 2, ([container, item]) => {
      if (Array.isArray(container)) return container.findIndex((element) => strictlyEqual(element, item));
      return ordinalIgnoreCaseKey(stringArg("indexOf", container)).indexOf(
        ordinalIgnoreCaseKey(stringArg("indexOf", item)),
      );
    }),
    define("lastIndexOf", 2, 2, ([container, item]) => {
      if (Array.isArray(container)) {
        for (let index = container.length - 1; index >= 0; index -= 1) {
          if (strictlyEqual(container[index], item)) return index;
        }
        return -1;
      }
      return ordinalIgnoreCaseKey(stringArg("lastIndexOf", container)).lastIndexOf(
        ordinalIgnoreCaseKey(stringArg("lastIndexOf", item)),
      );
    }),
    define("string", 1, 1, ([value]) => stringOf(value ?? null)),
    define("guid", 1, any, (args) => {
      for (const arg of args) stringArg("guid", arg);
      return fail(
        "guid() is a hash whose algorithm the ARM documentation does not give; its value cannot be computed offline",
      );
    }),
    define("uniqueString", 1, any, (args) => {
      for (const arg of args) stringArg("uniqueString", arg);
      return fail(
        "uniqueString() is a hash whose algorithm the ARM documentation does not give; its value cannot be computed offline",
      );
    }),

    // CIDR functions.
    define("parseCidr", 1, 1, ([network]) => parseCidr(stringArg("parseCidr", network))),
    define("cidrSubnet", 3, 3, ([network, prefix, index]) =>
      cidrSubnet(
        stringArg("cidrSubnet", network),
        integerArg("cidrSubnet", prefix),
        integerArg("cidrSubnet", index),
      ),
    ),
    define("cidrHost", 2, 2, ([network, index]) =>
      cidrHost(stringArg("cidrHost", network), integerArg("cidrHost", index)),
    ),
  ];
}
