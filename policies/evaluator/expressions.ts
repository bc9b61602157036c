import { DefinitionError, EvaluationError } from "./errors";
import {
  arityError,
  type ExpressionScope,
  functionSpec,
  policyMember,
  requestContextMember,
  resourceGroupMember,
  subscriptionMember,
  unsupportedReason,
} from "./expression-functions";
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

/** A template value compiled to a function of the scope it is evaluated in. */
export type CompiledValue = (scope: ExpressionScope) => JsonValue;

const compiledValues = new WeakMap<TemplateValue, CompiledValue>();

/**
 * Compiles a template value once into a closure tree: functions looked up, constant arguments of pure
 * functions computed, scope objects read member by member. Memoized per template value.
 */
export function compiledValue(value: TemplateValue): CompiledValue {
  let compiled = compiledValues.get(value);
  if (!compiled) {
    compiled = compileValue(value);
    compiledValues.set(value, compiled);
  }
  return compiled;
}

function compileValue(value: TemplateValue): CompiledValue {
  switch (value.kind) {
    case "literal": {
      const constant = value.value;
      return () => constant;
    }
    case "array": {
      const items = value.items.map(compiledValue);
      return (scope) => items.map((item) => item(scope));
    }
    case "object": {
      const entries = value.entries.map(([key, item]): [string, CompiledValue] => [key, compiledValue(item)]);
      return (scope) => Object.fromEntries(entries.map(([key, item]) => [key, item(scope)]));
    }
    case "expression": {
      const expression = compileExpression(value.expression);
      const source = value.source;
      return (scope) => {
        try {
          return expression.run(scope);
        } catch (error) {
          if (error instanceof EvaluationError) {
            throw new EvaluationError(`expression ${source} failed: ${error.message}`);
          }
          throw error;
        }
      };
    }
  }
}

/** Evaluates a template value; a failing expression raises an EvaluationError naming the expression. */
export function evaluateTemplateValue(value: TemplateValue, scope: ExpressionScope): JsonValue {
  return compiledValue(value)(scope);
}

export function evaluateExpression(expression: Expression, scope: ExpressionScope): JsonValue {
  return compileExpression(expression).run(scope);
}

/** A compiled expression; `constant` when it reads nothing from the scope and could be computed. */
interface CompiledExpression {
  run: (scope: ExpressionScope) => JsonValue;
  constant?: { value: JsonValue };
}

function constantOf(value: JsonValue): CompiledExpression {
  return { run: () => value, constant: { value } };
}

function failing(message: string): CompiledExpression {
  return {
    run: () => {
      throw new EvaluationError(message);
    },
  };
}

/** Members of scope functions, read one by one so that an unknown one names itself. */
const scopeMembers: Record<string, (scope: ExpressionScope, member: string) => JsonValue> = {
  resourcegroup: resourceGroupMember,
  subscription: subscriptionMember,
  policy: policyMember,
  requestcontext: requestContextMember,
};

const noScope: ExpressionScope = {
  parameter: () => {
    throw new Error("a constant expression read a parameter");
  },
  now: () => {
    throw new Error("a constant expression read the clock");
  },
};

function compileExpression(expression: Expression): CompiledExpression {
  switch (expression.kind) {
    case "string":
    case "number":
      return constantOf(expression.value);
    case "property": {
      const target = expression.target;
      const member =
        target.kind === "call" && target.args.length === 0
          ? scopeMembers[target.name.toLowerCase()]
          : undefined;
      const name = expression.name;
      if (member) return { run: (scope) => member(scope, name) };
      const compiledTarget = compileExpression(target);
      return { run: (scope) => readMember(compiledTarget.run(scope), name) };
    }
    case "index": {
      const target = compileExpression(expression.target);
      const index = compileExpression(expression.index);
      return { run: (scope) => readIndex(target.run(scope), index.run(scope)) };
    }
    case "call":
      return compileCall(expression);
  }
}

function compileCall(call: Extract<Expression, { kind: "call" }>): CompiledExpression {
  const args = call.args.map(compileExpression);
  // `if` evaluates only the branch it takes, so rules can guard expressions that would fail.
  if (call.name.toLowerCase() === "if") {
    if (args.length !== 3) return failing(`if() takes 3 arguments, got ${args.length}`);
    const [condition, whenTrue, whenFalse] = args as [
      CompiledExpression,
      CompiledExpression,
      CompiledExpression,
    ];
    return {
      run: (scope) => {
        const test = condition.run(scope);
        if (typeof test !== "boolean")
          throw new EvaluationError(`if() expects a boolean, got ${jsonTypeName(test)}`);
        return (test ? whenTrue : whenFalse).run(scope);
      },
    };
  }
  const spec = functionSpec(call.name);
  if (!spec) return failing(unsupportedReason(call.name) ?? `unknown function '${call.name}'`);
  // `parameters('name')`, the commonest call: the name is lower-cased once, here.
  const [only] = args;
  if (spec.name === "parameters" && args.length === 1 && typeof only?.constant?.value === "string") {
    const name = only.constant.value;
    const key = name.toLowerCase();
    return {
      run: (scope) => (scope.parameterByKey ? scope.parameterByKey(key, name) : scope.parameter(name)),
    };
  }
  const arity = arityError(spec, args.length);
  if (arity) return failing(arity);
  const run = spec.run;
  if (spec.pure && args.every((arg) => arg.constant)) {
    const values = args.map((arg) => (arg.constant as { value: JsonValue }).value);
    try {
      return constantOf(run(values, noScope));
    } catch (error) {
      // A constant call that fails, fails every time it is evaluated, with its own message.
      if (error instanceof EvaluationError) return failing(error.message);
      throw error;
    }
  }
  return {
    run: (scope) =>
      run(
        args.map((arg) => arg.run(scope)),
        scope,
      ),
  };
}

function readIndex(target: JsonValue, index: JsonValue): JsonValue {
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

function readMember(target: JsonValue, name: string): JsonValue {
  if (!isJsonObject(target))
    throw new EvaluationError(`cannot read property '${name}' of a ${jsonTypeName(target)}`);
  const value = getProperty(target as JsonObject, name);
  if (value === undefined) throw new EvaluationError(`property '${name}' does not exist`);
  return value;
}
