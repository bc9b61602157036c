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
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(object)) {
    if (name.toLowerCase() === wanted) return value;
  }
  return undefined;
}

export function hasProperty(object: JsonObject, key: string): boolean {
  const wanted = key.toLowerCase();
  return Object.keys(object).some((name) => name.toLowerCase() === wanted);
}

/** Parses JSON text as written by Windows tools too: a leading byte-order mark is ignored. */
export function parseJsonText(text: string): JsonValue {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return JSON.parse(withoutBom) as JsonValue;
}

/** Names a value's JSON type for error messages. */
export function jsonTypeName(value: Value): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
