import { JsonDepthError, MAX_JSON_DEPTH, parseJsonDocument } from "../../text/json";

/** JSON values as Azure stores definitions, assignments and resources. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A value read from a resource or an expression; `undefined` means the property is absent. */
export type Value = JsonValue | undefined;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Absent and null are the same thing to Azure Policy: the field does not exist. */
export function isMissing(value: Value): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * Looks a key up the way ARM does: exact spelling first, then case-insensitively,
 * because ARM property names and policy keywords are case-insensitive.
 */
export function getProperty(object: JsonObject, key: string): Value {
  if (Object.hasOwn(object, key)) return object[key];
  for (const name in object) {
    if (name.length === key.length && Object.hasOwn(object, name) && sameIgnoringCase(name, key))
      return object[name];
  }
  return undefined;
}

/** Property names compared as `toLowerCase()` would, without making the lower-case strings. */
function sameIgnoringCase(a: string, b: string): boolean {
  for (let index = 0; index < a.length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    if (x > 0x7f || y > 0x7f) return a.toLowerCase() === b.toLowerCase();
    if ((x | 0x20) !== (y | 0x20) || (x | 0x20) < 0x61 || (x | 0x20) > 0x7a) return false;
  }
  return true;
}

export function hasProperty(object: JsonObject, key: string): boolean {
  const wanted = key.toLowerCase();
  return Object.keys(object).some((name) => name.toLowerCase() === wanted);
}

/** JSON text as a value of the evaluator's JSON type (see text/json.ts: byte-order mark, nesting bound). */
export function parseJsonText(text: string): JsonValue {
  return parseJsonDocument(text) as JsonValue;
}

export { JsonDepthError, MAX_JSON_DEPTH };

/** Names a value's JSON type for error messages. */
export function jsonTypeName(value: Value): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
