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
  /**
   * For a count over an array (`contentFilters[*]`): the element the `where` singles out by equality
   * (`{ name: "Hate", source: "Prompt" }`); `found` is then what those elements hold and `requirement`
   * what one of them must satisfy.
   */
  selector?: Record<string, JsonValue>;
}

type Leaf = Extract<Condition, { kind: "compare" }>;

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
  out: { condition: Leaf; held: boolean }[],
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
      if (condition.operand.kind === "fieldCount" && condition.operand.field.kind === "literal") {
        if (holds(condition, context) === want) out.push({ condition, held: want });
        return;
      }
      if (condition.operand.kind !== "field" || condition.operand.field.kind !== "literal") return;
      if (String(condition.operand.field.value).toLowerCase() === "type") return;
      if (holds(condition, context) === want) out.push({ condition, held: want });
      return;
  }
}

/** Why a rule's `if` matched a resource: the field conditions that decided it, as people read them. */
export function matchReasons(rule: Condition, context: EvaluationContext): MatchReason[] {
  const leaves: { condition: Leaf; held: boolean }[] = [];
  deciding(rule, context, true, leaves);
  return leaves.map(({ condition, held }) => {
    if (condition.operand.kind === "fieldCount") return countReason(condition.operand, context);
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

function resolvedValue(value: Leaf["value"], context: EvaluationContext): JsonValue | undefined {
  try {
    return compiledValue(value)(context);
  } catch {
    return undefined;
  }
}

/** The `field` comparisons of a `where`, through allOf only: the element's own conditions. */
function whereLeaves(where: Condition | undefined): Leaf[] {
  if (!where) return [];
  if (where.kind === "allOf") return where.conditions.flatMap(whereLeaves);
  if (where.kind === "compare" && where.operand.kind === "field" && where.operand.field.kind === "literal")
    return [where];
  return [];
}

/**
 * Why a count over an array decided: the elements the `where` singles out by equality (a filter's
 * `name` and `source`), what they hold for the other conditions, and what one of them must satisfy.
 */
function countReason(
  operand: Extract<Leaf["operand"], { kind: "fieldCount" }>,
  context: EvaluationContext,
): MatchReason {
  const field = String((operand.field as { value: JsonValue }).value);
  const prefix = field.toLowerCase();
  const selector: Record<string, JsonValue> = {};
  const others: { name: string; leaf: Leaf }[] = [];
  for (const leaf of whereLeaves(operand.where)) {
    const written = String((leaf.operand as { field: { value: JsonValue } }).field.value);
    if (!written.toLowerCase().startsWith(`${prefix}.`)) continue;
    const name = written.slice(prefix.length + 1);
    const value = leaf.operator === "equals" ? resolvedValue(leaf.value, context) : undefined;
    if (value !== undefined && value !== null && typeof value !== "object") selector[name] = value;
    else others.push({ name, leaf });
  }
  let elements: JsonValue = [];
  try {
    elements = context.field(field);
  } catch {
    elements = [];
  }
  const matches = (Array.isArray(elements) ? elements : []).filter(
    (element) =>
      element !== null &&
      typeof element === "object" &&
      !Array.isArray(element) &&
      Object.entries(selector).every(([key, want]) => {
        const entry = Object.entries(element).find(([k]) => k.toLowerCase() === key.toLowerCase());
        return String(entry?.[1] ?? "").toLowerCase() === String(want).toLowerCase();
      }),
  );
  const found: JsonValue = matches.map((element) =>
    Object.fromEntries(
      others.map(({ name }) => [
        name,
        Object.entries(element as Record<string, JsonValue>).find(
          ([k]) => k.toLowerCase() === name.toLowerCase(),
        )?.[1] ?? null,
      ]),
    ),
  );
  const requirement = others
    .map(({ name, leaf }) => {
      const value = resolvedValue(leaf.value, context);
      return `${name} ${leaf.operator} ${value === undefined ? describeTemplateValue(leaf.value) : JSON.stringify(value)}`;
    })
    .join(", ");
  return { field, path: fieldPath(field, context.type), found, requirement, selector };
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
