import { DefinitionError, EvaluationError } from "./errors";
import { getProperty, isJsonObject, type JsonValue, jsonTypeName } from "./json";
import { looselyEqual } from "./values";

/** A parameter a definition (or initiative) declares. */
export interface ParameterDefinition {
  name: string;
  /** As written: String, Array, Object, Boolean, Integer, Float, DateTime. */
  type: string | undefined;
  /** Absent when the definition gives no default. */
  defaultValue?: JsonValue;
  allowedValues?: JsonValue[];
  /** `metadata.description`, for documentation. */
  description?: string;
}

/** Parameter values by name, as plain values. */
export type ParameterValues = Record<string, JsonValue>;

export function parseParameterDefinitions(json: JsonValue | undefined, path: string): ParameterDefinition[] {
  if (json === undefined || json === null) return [];
  if (!isJsonObject(json)) throw new DefinitionError("'parameters' must be an object", path);
  return Object.entries(json).map(([name, declaration]) => {
    const at = `${path}.${name}`;
    if (!isJsonObject(declaration)) throw new DefinitionError(`parameter '${name}' must be an object`, at);
    const type = getProperty(declaration, "type");
    if (type !== undefined && typeof type !== "string")
      throw new DefinitionError("a parameter's type must be a string", at);
    // Definitions exported from Azure write `"allowedValues": null` for a parameter without a list.
    const allowedValues = getProperty(declaration, "allowedValues") ?? undefined;
    if (allowedValues !== undefined && !Array.isArray(allowedValues)) {
      throw new DefinitionError("'allowedValues' must be an array", at);
    }
    const parameter: ParameterDefinition = { name, type };
    const defaultValue = getProperty(declaration, "defaultValue");
    if (defaultValue !== undefined) parameter.defaultValue = defaultValue;
    if (allowedValues) parameter.allowedValues = allowedValues;
    const metadata = getProperty(declaration, "metadata");
    const description = isJsonObject(metadata) ? getProperty(metadata, "description") : undefined;
    if (typeof description === "string") parameter.description = description;
    return parameter;
  });
}

/**
 * Reads supplied parameter values in any of the forms people have: `{name: value}`, Azure's
 * `{name: {value: value}}`, or a whole ARM parameter file (`{$schema, contentVersion, parameters}`).
 * An object whose only key is `value` is taken as the wrapped form.
 */
export function normalizeParameterValues(json: unknown): ParameterValues {
  if (json === undefined || json === null) return {};
  if (!isJsonObject(json)) throw new DefinitionError("parameter values must be a JSON object");
  const isParameterFile = ("$schema" in json || "contentVersion" in json) && isJsonObject(json.parameters);
  const entries = Object.entries(isParameterFile ? (json.parameters as Record<string, JsonValue>) : json);
  return Object.fromEntries(
    entries.map(([name, supplied]) => {
      const wrapped = isJsonObject(supplied) && Object.keys(supplied).length === 1 && "value" in supplied;
      return [name, wrapped ? (supplied.value as JsonValue) : supplied];
    }),
  );
}

/**
 * The value of every declared parameter: the supplied value (checked against its type and
 * allowedValues), else its default. A missing required or undeclared parameter is an error.
 */
export function resolveParameters(
  declared: readonly ParameterDefinition[],
  supplied: ParameterValues,
): Record<string, JsonValue> {
  const byName = new Map(declared.map((parameter) => [parameter.name.toLowerCase(), parameter]));
  for (const name of Object.keys(supplied)) {
    if (!byName.has(name.toLowerCase()))
      throw new EvaluationError(`parameter '${name}' is not declared by the policy`);
  }
  const suppliedByName = new Map(
    Object.entries(supplied).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const resolved: Record<string, JsonValue> = {};
  for (const parameter of declared) {
    const value = suppliedByName.get(parameter.name.toLowerCase());
    if (value !== undefined) {
      checkType(parameter, value);
      checkAllowed(parameter, value);
      resolved[parameter.name] = value;
    } else if (parameter.defaultValue !== undefined) {
      resolved[parameter.name] = parameter.defaultValue;
    } else {
      throw new EvaluationError(`parameter '${parameter.name}' has no value and no defaultValue`);
    }
  }
  return resolved;
}

const typeChecks: Record<string, (value: JsonValue) => boolean> = {
  string: (value) => typeof value === "string",
  array: Array.isArray,
  object: isJsonObject,
  boolean: (value) => typeof value === "boolean",
  integer: (value) => typeof value === "number" && Number.isInteger(value),
  float: (value) => typeof value === "number",
  datetime: (value) => typeof value === "string" && !Number.isNaN(Date.parse(value)),
};

function checkType(parameter: ParameterDefinition, value: JsonValue): void {
  const check = parameter.type ? typeChecks[parameter.type.toLowerCase()] : undefined;
  if (check && !check(value)) {
    throw new EvaluationError(
      `parameter '${parameter.name}' must be of type ${parameter.type}, got ${jsonTypeName(value)}`,
    );
  }
}

/** For an array parameter with scalar allowedValues, every element must be allowed. Case is ignored. */
function checkAllowed(parameter: ParameterDefinition, value: JsonValue): void {
  const allowed = parameter.allowedValues;
  if (!allowed) return;
  const isAllowed = (candidate: JsonValue): boolean => allowed.some((item) => looselyEqual(candidate, item));
  const elementwise = Array.isArray(value) && !allowed.some(Array.isArray);
  const rejected = elementwise
    ? (value as JsonValue[]).filter((item) => !isAllowed(item))
    : isAllowed(value)
      ? []
      : [value];
  if (rejected.length > 0) {
    throw new EvaluationError(
      `parameter '${parameter.name}' value ${rejected.map((item) => JSON.stringify(item)).join(", ")} is not one of the allowed values ${JSON.stringify(allowed)}`,
    );
  }
}
