import { DefinitionError, EvaluationError } from "./errors";
import { compileTemplateValue, type TemplateValue } from "./expressions";
import { compileFieldReference } from "./fields";
import { isJsonObject, type JsonValue } from "./json";
import { canonicalOperator, existsFlag, type OperatorName } from "./operators";

/** A policy rule's `if`, checked and with its expressions parsed. */
export type Condition =
  | { kind: "allOf"; conditions: Condition[] }
  | { kind: "anyOf"; conditions: Condition[] }
  | { kind: "not"; condition: Condition }
  | { kind: "compare"; operand: Operand; operator: OperatorName; value: TemplateValue; path: string };

/** The left side of a condition. */
export type Operand =
  | { kind: "field"; field: TemplateValue }
  | { kind: "value"; value: TemplateValue }
  | { kind: "fieldCount"; field: TemplateValue; where: Condition | undefined }
  | { kind: "valueCount"; value: TemplateValue; name: string | undefined; where: Condition | undefined };

const logicalKeys = new Set(["allof", "anyof", "not"]);
const operandKeys = new Set(["field", "value", "count"]);

/** Parses a condition; keywords are case-insensitive because real definitions write `anyof`, `notin`. */
export function parseCondition(json: JsonValue | undefined, path: string): Condition {
  if (!isJsonObject(json)) throw new DefinitionError("a condition must be an object", path);
  const keys = Object.keys(json);
  const logical = keys.find((key) => logicalKeys.has(key.toLowerCase()));
  if (logical !== undefined) {
    if (keys.length !== 1) throw new DefinitionError(`'${logical}' must be the only key of its object`, path);
    return parseLogical(logical, json[logical], `${path}.${logical}`);
  }
  const operandKey = onlyKey(
    keys.filter((key) => operandKeys.has(key.toLowerCase())),
    path,
    "field, value or count",
  );
  const operatorKeys = keys.filter((key) => key !== operandKey);
  if (operatorKeys.length === 0) throw new DefinitionError("condition has no operator", path);
  const unknown = operatorKeys.find((key) => canonicalOperator(key) === undefined);
  if (unknown !== undefined) throw new DefinitionError(`unknown operator '${unknown}'`, path);
  if (operatorKeys.length > 1)
    throw new DefinitionError(`condition has several operators: ${operatorKeys.join(", ")}`, path);
  const operatorKey = operatorKeys[0] as string;
  const operator = canonicalOperator(operatorKey) as OperatorName;
  const rawValue = json[operatorKey] as JsonValue;
  const valuePath = `${path}.${operatorKey}`;
  const value = compileTemplateValue(rawValue, valuePath);
  checkLiteralValue(operator, value, valuePath);
  const operand = parseOperand(
    operandKey.toLowerCase(),
    json[operandKey] as JsonValue,
    `${path}.${operandKey}`,
  );
  return { kind: "compare", operand, operator, value, path };
}

function parseLogical(key: string, json: JsonValue | undefined, path: string): Condition {
  if (key.toLowerCase() === "not") return { kind: "not", condition: parseCondition(json, path) };
  if (!Array.isArray(json)) throw new DefinitionError(`'${key}' must be an array of conditions`, path);
  const conditions = json.map((item, index) => parseCondition(item, `${path}[${index}]`));
  return { kind: key.toLowerCase() === "allof" ? "allOf" : "anyOf", conditions };
}

function onlyKey(found: string[], path: string, what: string): string {
  if (found.length === 0) throw new DefinitionError(`condition needs one of ${what}`, path);
  if (found.length > 1)
    throw new DefinitionError(`condition has more than one of ${what}: ${found.join(", ")}`, path);
  return found[0] as string;
}

function parseOperand(key: string, json: JsonValue, path: string): Operand {
  if (key === "field") return { kind: "field", field: parseFieldReference(json, path, false) };
  if (key === "value") return { kind: "value", value: compileTemplateValue(json, path) };
  return parseCount(json, path);
}

function parseCount(json: JsonValue, path: string): Operand {
  if (!isJsonObject(json)) throw new DefinitionError("'count' must be an object", path);
  const entries = new Map(Object.entries(json).map(([key, value]) => [key.toLowerCase(), { key, value }]));
  const unknown = [...entries.values()].find(
    ({ key }) => !["field", "value", "name", "where"].includes(key.toLowerCase()),
  );
  if (unknown) throw new DefinitionError(`unknown key '${unknown.key}' in count`, path);
  const field = entries.get("field");
  const value = entries.get("value");
  const name = entries.get("name");
  const where = entries.get("where");
  const parsedWhere = where ? parseCondition(where.value, `${path}.${where.key}`) : undefined;
  if (field && value) throw new DefinitionError("'count' takes either field or value, not both", path);
  if (field) {
    if (name) throw new DefinitionError("'name' is only allowed in a value count", path);
    return {
      kind: "fieldCount",
      field: parseFieldReference(field.value, `${path}.${field.key}`, true),
      where: parsedWhere,
    };
  }
  if (!value) throw new DefinitionError("'count' needs field or value", path);
  if (name && (typeof name.value !== "string" || name.value === "")) {
    throw new DefinitionError("a count's 'name' must be a non-empty string", `${path}.${name.key}`);
  }
  return {
    kind: "valueCount",
    value: compileTemplateValue(value.value, `${path}.${value.key}`),
    name: name?.value as string | undefined,
    where: parsedWhere,
  };
}

/** A field reference must be a string; a literal one is checked now, an expression when evaluated. */
function parseFieldReference(json: JsonValue, path: string, isCount: boolean): TemplateValue {
  if (typeof json !== "string") throw new DefinitionError("a field reference must be a string", path);
  const compiled = compileTemplateValue(json, path);
  if (compiled.kind === "literal" && typeof compiled.value === "string") {
    try {
      // Only the syntax is checked here: whether an alias exists is an evaluation error, as Azure reports it.
      compileFieldReference(compiled.value);
    } catch (error) {
      if (error instanceof EvaluationError) throw new DefinitionError(error.message, path);
      throw error;
    }
    if (isCount && !compiled.value.endsWith("[*]")) {
      throw new DefinitionError(
        `a field count needs an array alias ending with [*], got '${compiled.value}'`,
        path,
      );
    }
  }
  return compiled;
}

function checkLiteralValue(operator: OperatorName, value: TemplateValue, path: string): void {
  if (value.kind !== "literal") return;
  if (operator === "exists" && existsFlag(value.value) === undefined) {
    throw new DefinitionError(`'exists' needs true or false, got ${JSON.stringify(value.value)}`, path);
  }
  if ((operator === "in" || operator === "notIn") && !Array.isArray(value.value)) {
    throw new DefinitionError(`'${operator}' needs an array`, path);
  }
}
