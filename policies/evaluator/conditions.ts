import type { Condition, Operand } from "./condition-parser";
import type { EvaluationContext } from "./context";
import { EvaluationError } from "./errors";
import { evaluateTemplateValue, type TemplateValue } from "./expressions";
import { type JsonValue, jsonTypeName } from "./json";
import { applyOperator, type OperatorName } from "./operators";
import { ignoreCase, normalizeLocation } from "./values";

/**
 * Evaluates a condition on the context's resource. allOf and anyOf stop at the first deciding
 * member, so rules can guard later conditions with earlier ones (e.g. on `type`).
 */
export function evaluateCondition(condition: Condition, context: EvaluationContext): boolean {
  switch (condition.kind) {
    case "allOf":
      return condition.conditions.every((member) => evaluateCondition(member, context));
    case "anyOf":
      return condition.conditions.some((member) => evaluateCondition(member, context));
    case "not":
      return !evaluateCondition(condition.condition, context);
    case "compare":
      return evaluateComparison(condition.operand, condition.operator, condition.value, context);
  }
}

function evaluateComparison(
  operand: Operand,
  operator: OperatorName,
  value: TemplateValue,
  context: EvaluationContext,
): boolean {
  const expected = evaluateTemplateValue(value, context.expressionScope());
  switch (operand.kind) {
    case "field": {
      const read = context.readField(fieldReference(operand.field, context));
      const normalize = read.isLocation ? normalizeLocation : ignoreCase;
      // A `[*]` reference holds only if it holds for every element (vacuously for none).
      return read.values.every((actual) => applyOperator(operator, actual, expected, normalize));
    }
    case "value":
      return applyOperator(
        operator,
        evaluateTemplateValue(operand.value, context.expressionScope()),
        expected,
      );
    case "fieldCount":
    case "valueCount":
      return applyOperator(operator, countMatches(operand, context), expected);
  }
}

function fieldReference(field: TemplateValue, context: EvaluationContext): string {
  const reference = evaluateTemplateValue(field, context.expressionScope());
  if (typeof reference !== "string") {
    throw new EvaluationError(`a field reference must be a string, got ${jsonTypeName(reference)}`);
  }
  return reference;
}

function countMatches(
  operand: Extract<Operand, { kind: "fieldCount" | "valueCount" }>,
  context: EvaluationContext,
): number {
  const { where } = operand;
  if (operand.kind === "fieldCount") {
    const { prefix, elements } = context.countElements(fieldReference(operand.field, context));
    if (!where) return elements.length;
    return elements.filter((element) =>
      evaluateCondition(where, context.enter({ kind: "field", prefix, element })),
    ).length;
  }
  const items: JsonValue = evaluateTemplateValue(operand.value, context.expressionScope());
  if (!Array.isArray(items))
    throw new EvaluationError(`a value count needs an array, got ${jsonTypeName(items)}`);
  if (!where) return items.length;
  return items.filter((element) =>
    evaluateCondition(where, context.enter({ kind: "value", name: operand.name, element })),
  ).length;
}
