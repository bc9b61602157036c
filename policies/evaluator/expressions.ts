import { DefinitionError, EvaluationError } from "./errors";
import { type ExpressionScope, templateFunction } from "./expression-functions";
import {
  type Expression,
  ExpressionSyntaxError,
  isTemplateExpression,
  parseTemplateExpression,
  unescapeTemplateLiteral,
} from "./expression-parser";
import { getProperty, isJsonObject, type JsonObject, type JsonValue, jsonTypeName } from "./json";

export type { ExpressionScope } from "./expression-functions";

/**
 * A JSON value from a definition with its expressions parsed once, when the definition is read.
 * Strings nested in arrays and objects are expressions too, as in ARM templates.
 */
export type TemplateValue =
  | { kind: "literal"; value: JsonValue }
  | { kind: "expression"; expression: Expression; source: string }
  | { kind: "array"; items: TemplateValue[] }
  | { kind: "object"; entries: [string, TemplateValue][] };

/** Parses the expressions inside a JSON value; a syntax error is a DefinitionError at `path`. */
export function compileTemplateValue(value: JsonValue, path: string): TemplateValue {
  if (typeof value === "string") {
    if (!isTemplateExpression(value)) return { kind: "literal", value: unescapeTemplateLiteral(value) };
    try {
      return { kind: "expression", expression: parseTemplateExpression(value), source: value };
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) throw new DefinitionError(error.message, path);
      throw error;
    }
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileTemplateValue(item, `${path}[${index}]`));
    return items.every((item) => item.kind === "literal")
      ? { kind: "literal", value: items.map((item) => (item as { value: JsonValue }).value) }
      : { kind: "array", items };
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([key, item]): [string, TemplateValue] => [
      key,
      compileTemplateValue(item, `${path}.${key}`),
    ]);
    return entries.every(([, item]) => item.kind === "literal")
      ? { kind: "literal", value: Object.fromEntries(entries.map(([key, item]) => [key, literalOf(item)])) }
      : { kind: "object", entries };
  }
  return { kind: "literal", value };
}

function literalOf(value: TemplateValue): JsonValue {
  return value.kind === "literal" ? value.value : null;
}

/** The text a template value was written as, for messages. */
export function describeTemplateValue(value: TemplateValue): string {
  if (value.kind === "expression") return value.source;
  if (value.kind === "literal") return JSON.stringify(value.value);
  return value.kind === "array" ? "[…]" : "{…}";
}

/** Evaluates a template value; a failing expression raises an EvaluationError naming the expression. */
export function evaluateTemplateValue(value: TemplateValue, scope: ExpressionScope): JsonValue {
  switch (value.kind) {
    case "literal":
      return value.value;
    case "array":
      return value.items.map((item) => evaluateTemplateValue(item, scope));
    case "object":
      return Object.fromEntries(
        value.entries.map(([key, item]) => [key, evaluateTemplateValue(item, scope)]),
      );
    case "expression":
      try {
        return evaluateExpression(value.expression, scope);
      } catch (error) {
        if (error instanceof EvaluationError) {
          throw new EvaluationError(`expression ${value.source} failed: ${error.message}`);
        }
        throw error;
      }
  }
}

export function evaluateExpression(expression: Expression, scope: ExpressionScope): JsonValue {
  switch (expression.kind) {
    case "string":
    case "number":
      return expression.value;
    case "property": {
      const target = evaluateExpression(expression.target, scope);
      return readMember(target, expression.name);
    }
    case "index": {
      const target = evaluateExpression(expression.target, scope);
      const index = evaluateExpression(expression.index, scope);
      if (Array.isArray(target)) {
        if (typeof index !== "number" || !Number.isInteger(index)) {
          throw new EvaluationError(`an array index must be an integer, got ${jsonTypeName(index)}`);
        }
        const item = target[index];
        if (item === undefined)
          throw new EvaluationError(`index ${index} is outside an array of ${target.length}`);
        return item;
      }
      if (typeof index !== "string") throw new EvaluationError(`cannot index a ${jsonTypeName(target)}`);
      return readMember(target, index);
    }
    case "call":
      return callFunction(expression, scope);
  }
}

function callFunction(call: Extract<Expression, { kind: "call" }>, scope: ExpressionScope): JsonValue {
  // `if` evaluates only the branch it takes, so rules can guard expressions that would fail.
  if (call.name.toLowerCase() === "if") {
    if (call.args.length !== 3) throw new EvaluationError(`if() takes 3 arguments, got ${call.args.length}`);
    const [condition, whenTrue, whenFalse] = call.args as [Expression, Expression, Expression];
    const test = evaluateExpression(condition, scope);
    if (typeof test !== "boolean")
      throw new EvaluationError(`if() expects a boolean, got ${jsonTypeName(test)}`);
    return evaluateExpression(test ? whenTrue : whenFalse, scope);
  }
  const implementation = templateFunction(call.name);
  if (!implementation) throw new EvaluationError(`unknown function '${call.name}'`);
  return implementation(
    call.args.map((arg) => evaluateExpression(arg, scope)),
    scope,
  );
}

function readMember(target: JsonValue, name: string): JsonValue {
  if (!isJsonObject(target))
    throw new EvaluationError(`cannot read property '${name}' of a ${jsonTypeName(target)}`);
  const value = getProperty(target as JsonObject, name);
  if (value === undefined) throw new EvaluationError(`property '${name}' does not exist`);
  return value;
}
