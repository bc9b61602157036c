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

/**
 * Deepest nesting of arrays and objects read from a file. Real definitions nest a few levels; a document
 * nested thousands deep would exhaust the stack of every recursive reader after the parser.
 */
export const MAX_JSON_DEPTH = 256;

/** JSON nested deeper than `MAX_JSON_DEPTH`. */
export class JsonDepthError extends Error {
  override readonly name = "JsonDepthError";
}

/** Measures nesting without recursion, stopping as soon as the limit is passed. */
function exceedsDepth(value: JsonValue, limit: number): boolean {
  const stack: [JsonValue, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [JsonValue, number];
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Parses JSON text as written by Windows tools too: a leading byte-order mark is ignored. Throws a
 * SyntaxError for text that is not JSON and a JsonDepthError for JSON nested beyond `MAX_JSON_DEPTH`.
 */
export function parseJsonText(text: string): JsonValue {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value = JSON.parse(withoutBom) as JsonValue;
  if (exceedsDepth(value, MAX_JSON_DEPTH)) {
    throw new JsonDepthError(`it nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`);
  }
  return value;
}

/** Names a value's JSON type for error messages. */
export function jsonTypeName(value: Value): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
