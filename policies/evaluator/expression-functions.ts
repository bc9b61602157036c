import { EvaluationError } from "./errors";
import { getProperty, isJsonObject, type JsonObject, type JsonValue, jsonTypeName } from "./json";

/** What an expression may read: the assignment's parameters, the resource, the counts around it. */
export interface ExpressionScope {
  parameter(name: string): JsonValue;
  /** `field()`; absent where Azure forbids it (e.g. an initiative's parameter values). */
  field?: (reference: string) => JsonValue;
  /** `current()`; absent outside a count's `where`. */
  current?: (name: string | undefined) => JsonValue;
  now(): Date;
  apiVersion: string;
}

type TemplateFunction = (args: JsonValue[], scope: ExpressionScope) => JsonValue;

interface FunctionSpec {
  name: string;
  minArgs: number;
  maxArgs: number;
  run: TemplateFunction;
}

/** Looks a function up by name; names are case-insensitive, as in ARM. `if` is handled lazily by the caller. */
export function templateFunction(name: string): TemplateFunction | undefined {
  functionsByName ??= new Map(functionSpecs.map((spec) => [spec.name.toLowerCase(), spec]));
  const spec = functionsByName.get(name.toLowerCase());
  if (!spec) return undefined;
  return (args, scope) => {
    checkArity(spec, args);
    return spec.run(args, scope);
  };
}

let functionsByName: Map<string, FunctionSpec> | undefined;

function fail(message: string): never {
  throw new EvaluationError(message);
}

function checkArity({ name, minArgs: min, maxArgs: max }: FunctionSpec, args: JsonValue[]): void {
  if (args.length < min || args.length > max) {
    const expected =
      min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min}-${max}`;
    fail(`${name}() takes ${expected} argument(s), got ${args.length}`);
  }
}

const any = Number.POSITIVE_INFINITY;

function define(name: string, minArgs: number, maxArgs: number, run: TemplateFunction): FunctionSpec {
  return { name, minArgs, maxArgs, run };
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

function compare(name: string, args: JsonValue[]): number {
  const [left, right] = args;
  if (typeof left === "number" && typeof right === "number") return left - right;
  if (typeof left === "string" && typeof right === "string") return left < right ? -1 : left > right ? 1 : 0;
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

function ipv4ToNumber(text: string): number {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    fail(`ipRangeContains() supports IPv4 addresses only, got '${text}'`);
  }
  return parts.reduce((total, part) => total * 256 + Number(part), 0);
}

/** An IPv4 address, CIDR block or `first-last` range as an inclusive numeric interval. */
function ipv4Range(text: string): [number, number] {
  const [address = "", prefix] = text.split("/");
  if (prefix !== undefined) {
    const bits = Number(prefix);
    if (!/^\d{1,2}$/.test(prefix) || bits > 32) fail(`ipRangeContains() cannot read prefix '/${prefix}'`);
    const size = 2 ** (32 - bits);
    const start = Math.floor(ipv4ToNumber(address) / size) * size;
    return [start, start + size - 1];
  }
  const [first = "", last] = text.split("-");
  const start = ipv4ToNumber(first.trim());
  return [start, last === undefined ? start : ipv4ToNumber(last.trim())];
}

const functionSpecs: FunctionSpec[] = [
  define("parameters", 1, 1, ([name], scope) => scope.parameter(stringArg("parameters", name))),
  define("field", 1, 1, ([reference], scope) => {
    if (!scope.field) fail("field() is not available here");
    return scope.field(stringArg("field", reference));
  }),
  define("current", 0, 1, (args, scope) => {
    if (!scope.current) fail("current() is only available inside a count's where condition");
    return scope.current(args.length === 0 ? undefined : stringArg("current", args[0]));
  }),
  define("requestContext", 0, 0, (_args, scope) => ({ apiVersion: scope.apiVersion })),
  define("utcNow", 0, 0, (_args, scope) => formatDateTime(scope.now())),
  define("addDays", 2, 2, ([dateTime, days]) => {
    const date = parseDateTime("addDays", stringArg("addDays", dateTime));
    if (typeof days !== "number") fail(`addDays() expects a number of days, got ${jsonTypeName(days)}`);
    return formatDateTime(new Date(date.getTime() + days * 86_400_000));
  }),
  define("true", 0, 0, () => true),
  define("false", 0, 0, () => false),
  define("null", 0, 0, () => null),
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
  define("and", 2, any, (args) => args.map((arg) => booleanArg("and", arg)).every(Boolean)),
  define("or", 2, any, (args) => args.map((arg) => booleanArg("or", arg)).some(Boolean)),
  define("not", 1, 1, ([value]) => !booleanArg("not", value)),
  define("equals", 2, 2, ([left, right]) => strictlyEqual(left, right)),
  define("greater", 2, 2, (args) => compare("greater", args) > 0),
  define("greaterOrEquals", 2, 2, (args) => compare("greaterOrEquals", args) >= 0),
  define("less", 2, 2, (args) => compare("less", args) < 0),
  define("lessOrEquals", 2, 2, (args) => compare("lessOrEquals", args) <= 0),
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
  define("toLower", 1, 1, ([text]) => stringArg("toLower", text).toLowerCase()),
  define("toUpper", 1, 1, ([text]) => stringArg("toUpper", text).toUpperCase()),
  define("trim", 1, 1, ([text]) => stringArg("trim", text).trim()),
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
  define("substring", 2, 3, (args) => {
    const text = stringArg("substring", args[0]);
    const start = integerArg("substring", args[1]);
    const length = args.length === 3 ? integerArg("substring", args[2]) : text.length - start;
    if (start < 0 || length < 0 || start + length > text.length) {
      fail(`substring() range ${start}+${length} is outside a string of length ${text.length}`);
    }
    return text.substring(start, start + length);
  }),
  define("replace", 3, 3, (args) => {
    const [text, oldText, newText] = args.map((arg) => stringArg("replace", arg)) as [string, string, string];
    if (!oldText) fail("replace() needs a non-empty string to replace");
    return text.split(oldText).join(newText);
  }),
  define("startsWith", 2, 2, ([text, prefix]) =>
    stringArg("startsWith", text).toLowerCase().startsWith(stringArg("startsWith", prefix).toLowerCase()),
  ),
  define("endsWith", 2, 2, ([text, suffix]) =>
    stringArg("endsWith", text).toLowerCase().endsWith(stringArg("endsWith", suffix).toLowerCase()),
  ),
  define("indexOf", 2, 2, ([text, part]) =>
    stringArg("indexOf", text).toLowerCase().indexOf(stringArg("indexOf", part).toLowerCase()),
  ),
  define("lastIndexOf", 2, 2, ([text, part]) =>
    stringArg("lastIndexOf", text).toLowerCase().lastIndexOf(stringArg("lastIndexOf", part).toLowerCase()),
  ),
  define("string", 1, 1, ([value]) => stringOf(value ?? null)),
  define("int", 1, 1, ([value]) => {
    if (typeof value === "number") return Math.trunc(value);
    if (typeof value === "string" && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
    return fail(`int() cannot convert ${typeof value === "string" ? `'${value}'` : jsonTypeName(value)}`);
  }),
  define("bool", 1, 1, ([value]) => {
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value !== 0;
    if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
    return fail(`bool() cannot convert ${typeof value === "string" ? `'${value}'` : jsonTypeName(value)}`);
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
  define("json", 1, 1, ([value]) => {
    const text = stringArg("json", value);
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return fail(`json() cannot parse '${text}'`);
    }
  }),
  define("coalesce", 1, any, (args) => args.find((arg) => arg !== null) ?? null),
  define("union", 1, any, (args) => {
    if (args.every(Array.isArray)) {
      const result: JsonValue[] = [];
      for (const item of args.flat())
        if (!result.some((seen) => strictlyEqual(seen, item))) result.push(item);
      return result;
    }
    if (args.every(isJsonObject)) return Object.assign({}, ...args) as JsonObject;
    return fail("union() expects only arrays or only objects");
  }),
  define("intersection", 1, any, ([head, ...rest]) => {
    if (Array.isArray(head) && rest.every(Array.isArray)) {
      const result: JsonValue[] = [];
      for (const item of head) {
        const inAll = rest.every((other) => other.some((element) => strictlyEqual(element, item)));
        if (inAll && !result.some((seen) => strictlyEqual(seen, item))) result.push(item);
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
  define("ipRangeContains", 2, 2, ([range, target]) => {
    const [outerStart, outerEnd] = ipv4Range(stringArg("ipRangeContains", range));
    const [innerStart, innerEnd] = ipv4Range(stringArg("ipRangeContains", target));
    return innerStart >= outerStart && innerEnd <= outerEnd;
  }),
];
