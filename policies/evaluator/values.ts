import { EvaluationError } from "./errors";
import { getProperty, isJsonObject, isMissing, jsonTypeName, type Value } from "./json";

/** Rewrites a string before comparison (lower-casing, location normalisation). */
export type StringNormalizer = (text: string) => string;

export const ignoreCase: StringNormalizer = (text) => text.toLowerCase();

/** Azure compares locations without case and spaces: "West Europe" equals "westeurope". */
export const normalizeLocation: StringNormalizer = (text) => text.toLowerCase().replace(/\s+/g, "");

/**
 * Equality as policy conditions apply it: strings without case, and a string equal to a boolean or
 * number with the same text, because built-in definitions write `"equals": "false"` for booleans.
 */
export function looselyEqual(left: Value, right: Value, normalize: StringNormalizer = ignoreCase): boolean {
  if (isMissing(left) || isMissing(right)) return isMissing(left) && isMissing(right);
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

/**
 * Orders two values for less/greater: numbers numerically, date-times chronologically, other strings
 * without case. Azure raises an error when the types do not match, and so do we.
 */
export function compareOrdered(left: Value, right: Value): number {
  if (typeof left === "number" && typeof right === "number") return Math.sign(left - right);
  if (typeof left === "string" && typeof right === "string") {
    if (isoDate.test(left) && isoDate.test(right)) {
      const difference = Date.parse(left) - Date.parse(right);
      if (!Number.isNaN(difference)) return Math.sign(difference);
    }
    const a = left.toLowerCase();
    const b = right.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  throw new EvaluationError(`cannot compare a ${jsonTypeName(left)} with a ${jsonTypeName(right)}`);
}
