import { EvaluationError } from "./errors";
import { isJsonObject, isMissing, type JsonValue, jsonTypeName, type Value } from "./json";
import { compareOrdered, ignoreCase, looselyEqual, type StringNormalizer, scalarText } from "./values";

/** Condition operators in their canonical spelling. */
export const operatorNames = [
  "equals",
  "notEquals",
  "like",
  "notLike",
  "match",
  "matchInsensitively",
  "notMatch",
  "notMatchInsensitively",
  "contains",
  "notContains",
  "in",
  "notIn",
  "containsKey",
  "notContainsKey",
  "less",
  "lessOrEquals",
  "greater",
  "greaterOrEquals",
  "exists",
] as const;

export type OperatorName = (typeof operatorNames)[number];

const byLowerName = new Map<string, OperatorName>(operatorNames.map((name) => [name.toLowerCase(), name]));

/** The canonical operator for a key as written (`notin`, `NotEquals`, ...), if it is one. */
export function canonicalOperator(key: string): OperatorName | undefined {
  return byLowerName.get(key.toLowerCase());
}

type PositiveOperator = Exclude<OperatorName, `not${string}`>;

/** Each negated operator is the exact opposite of its positive form, missing values included. */
const negations: Partial<Record<OperatorName, PositiveOperator>> = {
  notEquals: "equals",
  notLike: "like",
  notMatch: "match",
  notMatchInsensitively: "matchInsensitively",
  notContains: "contains",
  notIn: "in",
  notContainsKey: "containsKey",
};

/**
 * Applies an operator to one value read from the resource (`actual`, undefined when missing) and the
 * condition's value. A missing value satisfies no positive operator, so it satisfies every negated one.
 */
export function applyOperator(
  operator: OperatorName,
  actual: Value,
  expected: JsonValue,
  normalize: StringNormalizer = ignoreCase,
): boolean {
  const positive = negations[operator];
  if (positive) return !applyPositive(positive, actual, expected, normalize);
  return applyPositive(operator as PositiveOperator, actual, expected, normalize);
}

function applyPositive(
  operator: PositiveOperator,
  actual: Value,
  expected: JsonValue,
  normalize: StringNormalizer,
): boolean {
  if (operator === "exists") {
    const flag = existsFlag(expected);
    if (flag === undefined)
      throw new EvaluationError(`'exists' needs true or false, got ${JSON.stringify(expected)}`);
    return !isMissing(actual) === flag;
  }
  if (operator === "in" && !Array.isArray(expected)) {
    throw new EvaluationError(`'in' needs an array, got ${jsonTypeName(expected)}`);
  }
  // A missing field selects `null` (author-policies-for-arrays.md, ms.date 10/22/2020): it equals
  // null() and no other value.
  if (isMissing(actual)) {
    if (operator === "equals") return expected === null;
    if (operator === "in") return (expected as JsonValue[]).includes(null);
    return false;
  }
  switch (operator) {
    case "equals":
      return looselyEqual(actual, expected, normalize);
    case "in":
      return (expected as JsonValue[]).some((item) => looselyEqual(actual, item, normalize));
    case "like":
      return matchesPattern(actual, patternText(operator, expected), likePattern, normalize);
    case "match":
      return matchesPattern(actual, patternText(operator, expected), matchPattern, (text) => text);
    case "matchInsensitively":
      return matchesPattern(actual, patternText(operator, expected), matchPattern, ignoreCase);
    case "contains":
      return containsValue(actual, expected, normalize);
    case "containsKey": {
      const key = scalarText(expected);
      if (key === undefined)
        throw new EvaluationError(`'containsKey' needs a key, got ${jsonTypeName(expected)}`);
      if (!isJsonObject(actual)) return false;
      const wanted = ignoreCase(key);
      return Object.keys(actual).some((name) => ignoreCase(name) === wanted);
    }
    case "less":
      return compareOrdered(actual, expected) < 0;
    case "lessOrEquals":
      return compareOrdered(actual, expected) <= 0;
    case "greater":
      return compareOrdered(actual, expected) > 0;
    case "greaterOrEquals":
      return compareOrdered(actual, expected) >= 0;
  }
}

/** `exists` takes a boolean or the strings "true"/"false" (built-ins write `"exists": "false"`). */
export function existsFlag(expected: JsonValue): boolean | undefined {
  if (typeof expected === "boolean") return expected;
  if (typeof expected === "string" && /^(true|false)$/i.test(expected))
    return expected.toLowerCase() === "true";
  return undefined;
}

function patternText(operator: string, expected: JsonValue): string {
  if (typeof expected !== "string") {
    throw new EvaluationError(`'${operator}' needs a string pattern, got ${jsonTypeName(expected)}`);
  }
  return expected;
}

function matchesPattern(
  actual: Value,
  pattern: string,
  compile: (pattern: string) => RegExp,
  normalize: StringNormalizer,
): boolean {
  const text = scalarText(actual);
  return text !== undefined && cachedPattern(normalize(pattern), compile).test(normalize(text));
}

const compiledPatterns = new Map<(pattern: string) => RegExp, Map<string, RegExp>>();
const MAX_CACHED_PATTERNS = 10_000;

/** Patterns repeat for every resource a condition is evaluated on: each is compiled once. */
function cachedPattern(pattern: string, compile: (pattern: string) => RegExp): RegExp {
  let byPattern = compiledPatterns.get(compile);
  if (!byPattern) {
    byPattern = new Map();
    compiledPatterns.set(compile, byPattern);
  }
  let regex = byPattern.get(pattern);
  if (!regex) {
    regex = compile(pattern);
    if (byPattern.size >= MAX_CACHED_PATTERNS) byPattern.clear();
    byPattern.set(pattern, regex);
  }
  return regex;
}

const escapeRegExp = (char: string): string => char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `like`: `*` stands for any run of characters; the whole value must match. */
function likePattern(pattern: string): RegExp {
  return new RegExp(
    `^${[...pattern].map((char) => (char === "*" ? ".*" : escapeRegExp(char))).join("")}$`,
    "su",
  );
}

/** `match`: `#` a digit, `?` a letter, `.` any character; the whole value must match. */
function matchPattern(pattern: string): RegExp {
  const body = [...pattern]
    .map((char) => {
      if (char === "#") return "\\d";
      if (char === "?") return "\\p{L}";
      if (char === ".") return ".";
      return escapeRegExp(char);
    })
    .join("");
  return new RegExp(`^${body}$`, "su");
}

function containsValue(actual: Value, expected: JsonValue, normalize: StringNormalizer): boolean {
  if (Array.isArray(actual)) return actual.some((item) => looselyEqual(item, expected, normalize));
  const text = scalarText(actual);
  const wanted = scalarText(expected);
  if (text === undefined) return false;
  if (wanted === undefined)
    throw new EvaluationError(`'contains' needs a string, got ${jsonTypeName(expected)}`);
  return normalize(text).includes(normalize(wanted));
}
