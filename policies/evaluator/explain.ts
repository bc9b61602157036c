import type { Condition } from "./condition-parser";
import { compiledCondition } from "./conditions";
import type { EvaluationContext } from "./context";
import { DefinitionError, EvaluationError } from "./errors";
import { compiledValue, describeTemplateValue } from "./expressions";
import { cachedFieldReference, type PathSegment, targetFor } from "./fields";
import type { JsonValue } from "./json";
import type { OperatorName } from "./operators";

/** A condition of the rule that decided a match: the field it read, what was found, what is required. */
export interface MatchReason {
  /** The field as the definition writes it (an alias, `location`, `tags['x']`, ...). */
  field: string;
  /** The resource path the field reads, when it reads one. */
  path: PathSegment[] | undefined;
  found: JsonValue;
  /** What the resource must satisfy to comply, e.g. `in ["NoAutoUpgrade"]`. */
  requirement: string;
}

/** The condition a resource must satisfy so that a (matched) condition does not hold. */
const opposite: Partial<Record<OperatorName, OperatorName>> = {
  equals: "notEquals",
  notEquals: "equals",
  in: "notIn",
  notIn: "in",
  like: "notLike",
  notLike: "like",
  match: "notMatch",
  notMatch: "match",
  matchInsensitively: "notMatchInsensitively",
  notMatchInsensitively: "matchInsensitively",
  contains: "notContains",
  notContains: "contains",
  containsKey: "notContainsKey",
  notContainsKey: "containsKey",
  less: "greaterOrEquals",
  greaterOrEquals: "less",
  greater: "lessOrEquals",
  lessOrEquals: "greater",
};

function holds(condition: Condition, context: EvaluationContext): boolean | undefined {
  try {
    return compiledCondition(condition)(context);
  } catch (error) {
    if (error instanceof EvaluationError || error instanceof DefinitionError) return undefined;
    throw error;
  }
}

/**
 * The `field` conditions that decided that `condition` came out as `want` (other than `type`), in the
 * order the rule reads them: for a match, every member of an allOf and the members of an anyOf that
 * held; under `not`, the members that failed.
 */
function deciding(
  condition: Condition,
  context: EvaluationContext,
  want: boolean,
  out: { condition: Extract<Condition, { kind: "compare" }>; held: boolean }[],
): void {
  switch (condition.kind) {
    case "not":
      deciding(condition.condition, context, !want, out);
      return;
    case "allOf":
    case "anyOf": {
      // allOf is true (anyOf false) through every member; otherwise through the members that decided.
      const all = (condition.kind === "allOf") === want;
      for (const member of condition.conditions) {
        const value = holds(member, context);
        if (all) deciding(member, context, want, out);
        else if (value === want) deciding(member, context, want, out);
      }
      return;
    }
    case "compare":
      if (condition.operand.kind !== "field" || condition.operand.field.kind !== "literal") return;
      if (String(condition.operand.field.value).toLowerCase() === "type") return;
      if (holds(condition, context) === want) out.push({ condition, held: want });
      return;
  }
}

/** Why a rule's `if` matched a resource: the field conditions that decided it, as people read them. */
export function matchReasons(rule: Condition, context: EvaluationContext): MatchReason[] {
  const leaves: { condition: Extract<Condition, { kind: "compare" }>; held: boolean }[] = [];
  deciding(rule, context, true, leaves);
  return leaves.map(({ condition, held }) => {
    const field = String((condition.operand as { field: { value: JsonValue } }).field.value);
    let path: PathSegment[] | undefined;
    try {
      const target = targetFor(cachedFieldReference(field), context.type);
      path = target.kind === "path" ? target.segments : undefined;
    } catch {
      path = undefined;
    }
    let found: JsonValue;
    try {
      found = context.field(field);
    } catch {
      found = null;
    }
    // The resource complies when the condition that held stops holding (or, under `not`, holds).
    const operator = held ? opposite[condition.operator] : condition.operator;
    let expected: string;
    try {
      expected = JSON.stringify(compiledValue(condition.value)(context));
    } catch {
      expected = describeTemplateValue(condition.value);
    }
    const flag = /^"?true"?$/i.test(expected);
    const requirement =
      condition.operator === "exists"
        ? `exists ${held ? !flag : flag}`
        : operator === undefined
          ? `not ${condition.operator} ${expected}`
          : `${operator} ${expected}`;
    return { field, path, found, requirement };
  });
}

/** The resource path a field reference reads on a resource of this type, or undefined when none. */
export function fieldPath(field: string, resourceType: string | undefined): PathSegment[] | undefined {
  try {
    const target = targetFor(cachedFieldReference(field), resourceType?.toLowerCase());
    return target.kind === "path" ? target.segments : undefined;
  } catch {
    return undefined;
  }
}
