/**
 * The resource types a definition is written for, read from `{field: "type", equals|in: …}` conditions
 * at the top of its rule (possibly inside allOf). Undefined when the rule does not say.
 */
export function targetTypes(definition: unknown): string[] | undefined {
  const body = ((definition as { properties?: unknown })?.properties ?? definition) as {
    policyRule?: { if?: unknown };
  };
  const found = new Set<string>();
  const visit = (condition: unknown) => {
    if (!condition || typeof condition !== "object") return;
    const entries = Object.entries(condition as Record<string, unknown>);
    const get = (key: string) => entries.find(([k]) => k.toLowerCase() === key)?.[1];
    const allOf = get("allof");
    if (Array.isArray(allOf)) {
      for (const c of allOf) visit(c);
      return;
    }
    const anyOf = get("anyof");
    if (Array.isArray(anyOf)) {
      // Every branch must name its types for the union to be known.
      const branches = anyOf.map((c) => targetTypes({ policyRule: { if: c } }));
      if (branches.every((b) => b !== undefined))
        for (const b of branches) for (const t of b ?? []) found.add(t);
      return;
    }
    const field = get("field");
    if (typeof field !== "string" || field.toLowerCase() !== "type") return;
    const equals = get("equals");
    if (typeof equals === "string") found.add(equals.toLowerCase());
    const list = get("in");
    if (Array.isArray(list)) for (const t of list) if (typeof t === "string") found.add(t.toLowerCase());
  };
  visit(body?.policyRule?.if);
  return found.size > 0 ? [...found] : undefined;
}
