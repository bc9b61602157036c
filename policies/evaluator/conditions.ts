import type { Condition, Operand } from "./condition-parser";
import type { EvaluationContext } from "./context";
import { EvaluationError } from "./errors";
import { type CompiledValue, compiledValue, type TemplateValue } from "./expressions";
import { cachedFieldReference, type FieldReference } from "./fields";
import { type JsonValue, jsonTypeName, type Value } from "./json";
import { applyOperator, type OperatorName } from "./operators";
import { ignoreCase, type StringNormalizer } from "./values";

/** A condition compiled into a closure over the evaluation context. */
export type CompiledCondition = (context: EvaluationContext) => boolean;

const compiledConditions = new WeakMap<Condition, CompiledCondition>();

/**
 * Compiles a condition once (memoized per parsed condition): literal field references resolved to
 * accessors, expressions to closures, literal `in`/`equals` lists to sets of folded keys.
 */
export function compiledCondition(condition: Condition): CompiledCondition {
  let compiled = compiledConditions.get(condition);
  if (!compiled) {
    compiled = compileCondition(condition);
    compiledConditions.set(condition, compiled);
  }
  return compiled;
}

/**
 * Evaluates a condition on the context's resource. allOf and anyOf stop at the first deciding
 * member, so rules can guard later conditions with earlier ones (e.g. on `type`).
 */
export function evaluateCondition(condition: Condition, context: EvaluationContext): boolean {
  return compiledCondition(condition)(context);
}

function compileCondition(condition: Condition): CompiledCondition {
  switch (condition.kind) {
    case "allOf": {
      const members = condition.conditions.map(compiledCondition);
      return (context) => {
        for (const member of members) if (!member(context)) return false;
        return true;
      };
    }
    case "anyOf": {
      const members = condition.conditions.map(compiledCondition);
      return (context) => {
        for (const member of members) if (member(context)) return true;
        return false;
      };
    }
    case "not": {
      const inner = compiledCondition(condition.condition);
      return (context) => !inner(context);
    }
    case "compare":
      return compileComparison(condition.operand, condition.operator, condition.value);
  }
}

/** A test of one value read from the resource against the condition's (evaluated) value. */
type Test = (actual: Value, context: EvaluationContext, normalize: StringNormalizer) => boolean;

function compileComparison(
  operand: Operand,
  operator: OperatorName,
  value: TemplateValue,
): CompiledCondition {
  const test = compileTest(operator, value);
  switch (operand.kind) {
    case "field": {
      const read = fieldReader(operand.field);
      // A `[*]` reference holds only if it holds for every element (vacuously for none).
      return (context) => context.everyValue(read(context), test);
    }
    case "value": {
      const actual = compiledValue(operand.value);
      return (context) => test(actual(context), context, ignoreCase);
    }
    case "fieldCount":
    case "valueCount": {
      const count = compileCount(operand);
      return (context) => test(count(context), context, ignoreCase);
    }
  }
}

/** The operator applied to the condition's value; literal lists of strings become sets of keys. */
function compileTest(operator: OperatorName, value: TemplateValue): Test {
  if (value.kind === "literal") {
    const fast = literalMembership(operator, value.value);
    if (fast) return fast;
    const expected = value.value;
    return (actual, _context, normalize) => applyOperator(operator, actual, expected, normalize);
  }
  const expected = compiledValue(value);
  if (operator === "in" || operator === "notIn") {
    // A parameter's list is the same array for every resource: its keys are computed once.
    const positive = operator === "in";
    let lastList: JsonValue | undefined;
    let lastNormalize: StringNormalizer | undefined;
    let lastKeys: Set<string> | undefined;
    return (actual, context, normalize) => {
      const list = expected(context);
      if (list !== lastList || normalize !== lastNormalize) {
        lastList = list;
        lastNormalize = normalize;
        lastKeys = Array.isArray(list) ? stringKeys(list, normalize) : undefined;
      }
      const keys = lastKeys;
      if (!keys) return applyOperator(operator, actual, list, normalize);
      const text = scalarTextOf(actual);
      const found = text !== undefined && keys.has(normalize(text));
      return positive ? found : !found;
    };
  }
  return (actual, context, normalize) => applyOperator(operator, actual, expected(context), normalize);
}

const keysByList = new WeakMap<readonly JsonValue[], Map<StringNormalizer, Set<string> | undefined>>();

/** The folded keys of a list of strings, memoized per list; undefined when it holds anything else. */
function stringKeys(list: readonly JsonValue[], normalize: StringNormalizer): Set<string> | undefined {
  let byNormalizer = keysByList.get(list);
  if (!byNormalizer) {
    byNormalizer = new Map();
    keysByList.set(list, byNormalizer);
  }
  if (!byNormalizer.has(normalize)) {
    const strings = list.every((item): item is string => typeof item === "string");
    byNormalizer.set(normalize, strings ? new Set((list as string[]).map(normalize)) : undefined);
  }
  return byNormalizer.get(normalize);
}

function scalarTextOf(actual: Value): string | undefined {
  if (typeof actual === "string") return actual;
  if (typeof actual === "number" || typeof actual === "boolean") return String(actual);
  return undefined;
}

/**
 * `equals`, `notEquals`, `in`, `notIn` against literal strings: the same verdicts as `applyOperator`
 * (a scalar matches when its text equals one of the strings without case; anything else never does),
 * by one set lookup.
 */
function literalMembership(operator: OperatorName, expected: JsonValue): Test | undefined {
  const members =
    (operator === "in" || operator === "notIn") && Array.isArray(expected)
      ? expected
      : (operator === "equals" || operator === "notEquals") && typeof expected === "string"
        ? [expected]
        : undefined;
  if (!members?.every((member): member is string => typeof member === "string")) return undefined;
  const keys = new Map<StringNormalizer, Set<string>>();
  const keysFor = (normalize: StringNormalizer): Set<string> => {
    let set = keys.get(normalize);
    if (!set) {
      set = new Set(members.map(normalize));
      keys.set(normalize, set);
    }
    return set;
  };
  const positive = operator === "in" || operator === "equals";
  return (actual, _context, normalize) => {
    const text = scalarTextOf(actual);
    const found = text !== undefined && keysFor(normalize).has(normalize(text));
    return positive ? found : !found;
  };
}

/** Resolves a field operand: once for a literal reference, per evaluation for a computed one. */
function fieldReader(field: TemplateValue): (context: EvaluationContext) => FieldReference {
  if (field.kind === "literal" && typeof field.value === "string") {
    const reference = cachedFieldReference(field.value);
    return () => reference;
  }
  const written = fieldText(field);
  return (context) => cachedFieldReference(written(context));
}

/** The text of a field operand: fixed when literal, evaluated per resource when computed. */
function fieldText(field: TemplateValue): (context: EvaluationContext) => string {
  if (field.kind === "literal" && typeof field.value === "string") {
    const text = field.value;
    return () => text;
  }
  const computed = compiledValue(field);
  return (context) => fieldReference(computed, context);
}

function fieldReference(field: CompiledValue, context: EvaluationContext): string {
  const reference = field(context);
  if (typeof reference !== "string") {
    throw new EvaluationError(`a field reference must be a string, got ${jsonTypeName(reference)}`);
  }
  return reference;
}

function compileCount(
  operand: Extract<Operand, { kind: "fieldCount" | "valueCount" }>,
): (context: EvaluationContext) => number {
  const where = operand.where ? compiledCondition(operand.where) : undefined;
  if (operand.kind === "fieldCount") {
    const text = fieldText(operand.field);
    return (context) => {
      const written = text(context);
      const { prefix, elements } = context.countElements(cachedFieldReference(written), written);
      if (!where) return elements.length;
      return context.countWhere({ kind: "field", prefix, element: null }, elements, where);
    };
  }
  const items = compiledValue(operand.value);
  const name = operand.name;
  return (context) => {
    const array = items(context);
    if (!Array.isArray(array))
      throw new EvaluationError(`a value count needs an array, got ${jsonTypeName(array)}`);
    if (!where) return array.length;
    return context.countWhere({ kind: "value", name, element: null }, array, where);
  };
}
