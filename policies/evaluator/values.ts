/**
 * How Azure Policy compares values. Sources (MicrosoftDocs/azure-docs):
 * - articles/governance/policy/concepts/definition-structure-policy-rule.md (ms.date 03/19/2025):
 *   "`match` and `notMatch` are case-sensitive, all other conditions that evaluate a stringValue are
 *   case-insensitive"; for `less`, `lessOrEquals`, `greater`, `greaterOrEquals` "if the property type
 *   doesn't match the condition type, an error is thrown. String comparisons are made using
 *   InvariantCultureIgnoreCase"; `location` fields are normalized ("East US 2" equals "eastus2").
 * - articles/governance/policy/how-to/author-policies-for-arrays.md (ms.date 10/22/2020): a missing
 *   field selects `null`; `field()` of a missing field returns `""`, of a missing `[*]` alias `[]`.
 *
 * The docs do not name the comparer of the case-insensitive equality conditions; they are compared as
 * .NET's `StringComparer.OrdinalIgnoreCase` does: each code point upper-cased with the invariant
 * culture's simple (one-to-one) mapping, the way dotnet/runtime's ChangeCaseInvariant does it
 * (src/native/libs/System.Globalization.Native/pal_casing.c): U+0131 (dotless ı) stays itself, ß stays
 * ß (no expansion to "SS"), final ς and σ both become Σ.
 */
import { EvaluationError } from "./errors";
import { getProperty, isJsonObject, isMissing, jsonTypeName, type Value } from "./json";

/** Rewrites a string before comparison (case folding, location normalisation). */
export type StringNormalizer = (text: string) => string;

/**
 * Code points whose full upper-case mapping expands to several characters but whose simple mapping is
 * another single character (Greek letters with ypogegrammeni, UnicodeData.txt field 12). Every other
 * expanding code point has no simple upper-case mapping and stays itself.
 */
const simpleUpperExceptions: ReadonlyMap<number, number> = new Map([
  ...[0x1f80, 0x1f90, 0x1fa0].flatMap((base) =>
    Array.from({ length: 8 }, (_, offset): [number, number] => [base + offset, base + offset + 8]),
  ),
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);

const DOTLESS_I = 0x131;
const upperCache = new Map<number, string>();

function simpleUpper(codePoint: number): string {
  let upper = upperCache.get(codePoint);
  if (upper !== undefined) return upper;
  const char = String.fromCodePoint(codePoint);
  if (codePoint === DOTLESS_I) upper = char;
  else {
    const full = char.toUpperCase();
    if ([...full].length === 1) upper = full;
    else {
      const exception = simpleUpperExceptions.get(codePoint);
      upper = exception === undefined ? char : String.fromCodePoint(exception);
    }
  }
  upperCache.set(codePoint, upper);
  return upper;
}

/** Whether every character is ASCII, where JavaScript's and .NET's casing agree. */
export function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/** The key two strings share when .NET's OrdinalIgnoreCase finds them equal. */
export function ordinalIgnoreCaseKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    if (isAscii(text)) key = text.toUpperCase();
    else {
      key = "";
      for (const char of text) key += simpleUpper(char.codePointAt(0) as number);
    }
    // Resources repeat the same short values (names, modes, SKUs): each is folded once.
    if (text.length <= 64) {
      if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
      keyCache.set(text, key);
    }
  }
  return key;
}

const keyCache = new Map<string, string>();
const MAX_CACHED_KEYS = 50_000;

export const ignoreCase: StringNormalizer = ordinalIgnoreCaseKey;

/** `ordinalIgnoreCaseKey(a) === ordinalIgnoreCaseKey(b)`, without making the keys for ASCII text. */
export function ordinalEqualsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return ordinalIgnoreCaseKey(a) === ordinalIgnoreCaseKey(b);
  for (let index = 0; index < a.length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    if (x > 0x7f || y > 0x7f) return ordinalIgnoreCaseKey(a) === ordinalIgnoreCaseKey(b);
    if ((x | 0x20) !== (y | 0x20) || (x | 0x20) < 0x61 || (x | 0x20) > 0x7a) return false;
  }
  return true;
}

/** Azure compares locations without case and spaces: "West Europe" equals "westeurope". */
export const normalizeLocation: StringNormalizer = (text) => ordinalIgnoreCaseKey(text.replace(/\s+/g, ""));

/**
 * Equality as policy conditions apply it: strings without case, and a string equal to a boolean or
 * number with the same text, because built-in definitions write `"equals": "false"` for booleans.
 */
export function looselyEqual(left: Value, right: Value, normalize: StringNormalizer = ignoreCase): boolean {
  if (isMissing(left) || isMissing(right)) return isMissing(left) && isMissing(right);
  if (typeof left === "string" && typeof right === "string" && normalize === ignoreCase) {
    return ordinalEqualsIgnoreCase(left, right);
  }
  if (typeof left === "string" || typeof right === "string") {
    const leftText = scalarText(left);
    const rightText = scalarText(right);
    return leftText !== undefined && rightText !== undefined && normalize(leftText) === normalize(rightText);
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => looselyEqual(item, right[index], normalize));
  }
  if (isJsonObject(left) || isJsonObject(right)) {
    if (!isJsonObject(left) || !isJsonObject(right)) return false;
    const leftKeys = Object.keys(left);
    if (leftKeys.length !== Object.keys(right).length) return false;
    return leftKeys.every((key) => looselyEqual(left[key], getProperty(right, key), normalize));
  }
  return left === right;
}

/** The text of a scalar for string comparisons; undefined for arrays, objects and missing values. */
export function scalarText(value: Value): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

let invariantIgnoreCase: Intl.Collator | undefined;

/**
 * .NET's InvariantCultureIgnoreCase: the invariant (root) collation, case ignored, accents not. Made on
 * first use: no work at import time.
 */
export function compareInvariantIgnoreCase(left: string, right: string): number {
  invariantIgnoreCase ??= new Intl.Collator("und", { sensitivity: "accent", usage: "sort" });
  return Math.sign(invariantIgnoreCase.compare(left, right));
}

/**
 * Orders two values for less/greater: numbers numerically, date-times chronologically, other strings
 * with InvariantCultureIgnoreCase. Values of different types are an error, as in Azure.
 */
export function compareOrdered(left: Value, right: Value): number {
  if (typeof left === "number" && typeof right === "number") return Math.sign(left - right);
  if (typeof left === "string" && typeof right === "string") {
    if (isoDate.test(left) && isoDate.test(right)) {
      const difference = Date.parse(left) - Date.parse(right);
      if (!Number.isNaN(difference)) return Math.sign(difference);
    }
    return compareInvariantIgnoreCase(left, right);
  }
  throw new EvaluationError(`cannot compare a ${jsonTypeName(left)} with a ${jsonTypeName(right)}`);
}
