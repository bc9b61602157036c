import type { Condition } from "./condition-parser";

/**
 * The resource types a rule is written for, read from `{field: "type", equals|in: …}` conditions at its
 * top (possibly inside allOf), lower case. Undefined when the rule does not say. A resource of any other
 * type fails one of those conditions, so its `if` is false without evaluating it.
 */
export function targetTypes(condition: Condition): string[] | undefined {
  const found = new Set<string>();
  const visit = (current: Condition): void => {
    switch (current.kind) {
      case "allOf":
        for (const inner of current.conditions) visit(inner);
        return;
      case "anyOf": {
        // Every branch must name its types for the union to be known.
        const branches = current.conditions.map(targetTypes);
        if (branches.every((branch) => branch !== undefined))
          for (const branch of branches) for (const type of branch ?? []) found.add(type);
        return;
      }
      case "not":
        return;
      case "compare": {
        const { operand, operator, value } = current;
        if (operand.kind !== "field" || operand.field.kind !== "literal") return;
        if (String(operand.field.value).toLowerCase() !== "type" || value.kind !== "literal") return;
        if (operator === "equals" && typeof value.value === "string") found.add(value.value.toLowerCase());
        if (operator === "in" && Array.isArray(value.value))
          for (const type of value.value) if (typeof type === "string") found.add(type.toLowerCase());
        return;
      }
    }
  };
  visit(condition);
  return found.size > 0 ? [...found] : undefined;
}
