import { formatNumber } from "../../text/number";
import { boundsProblem, capacityBoundsOf, describeBounds, tokenUnitOf } from "../capacity";
import type { CheckContext, SemanticCheck } from "./check";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { problemKey, type SizedDeployment, sizedDeployments } from "./shared/sizing";

/** The capacity in units, when it is known: a rate limit counts only when it is whole units of a known size. */
function unitsOf(entry: SizedDeployment, context: CheckContext): number | undefined {
  const { sizing } = entry;
  if (sizing.by === "capacity") return sizing.capacity;
  if (entry.kind !== "tokens") return undefined;
  const lookup = tokenUnitOf(context.catalog, entry.model);
  if (!lookup.known || sizing.tokensPerMinute % lookup.unit.tokensPerMinute !== 0) return undefined;
  return sizing.tokensPerMinute / lookup.unit.tokensPerMinute;
}

/** Bounds the catalog does not give are not checked: no minimum, maximum or step is ever assumed. */
export const capacityOutOfBounds: SemanticCheck = {
  code: "capacity/out-of-bounds",
  severity: "error",
  description:
    "A deployment's capacity is below the minimum, above the maximum or off the step that the model catalog gives for its model and deployment type (today: provisioned types, from Microsoft's PTU tables).",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const entry of sizedDeployments(context)) {
      const { deployment, model, sku, sizing } = entry;
      const capacity = unitsOf(entry, context);
      if (capacity === undefined) continue;
      const bounds = capacityBoundsOf(context.catalog, model, sku);
      if (!bounds) continue;
      const found = boundsProblem(capacity, bounds);
      if (!found) continue;
      const known = describeBounds(bounds, formatNumber);
      const unit = entry.kind === "provisioned" ? " PTUs" : "";
      problems.push({
        key: problemKey(entry, capacity),
        environment: entry.scope.environment,
        path: sizing.by === "capacity" ? sizing.path : [...sizing.path, "tokensPerMinute"],
        message: (where) =>
          `deployment "${deployment.name}"${where}: capacity ${capacity}${unit} is ${found.problems.join(" and ")} for ${sku} of ${model.name} ${model.version} (${known}; ${context.catalog.label})`,
        hint: `${
          found.suggestions.length > 0
            ? `use ${found.suggestions.join(" or ")}`
            : `choose a capacity within ${known}`
        }; the bounds come from ${bounds.source}`,
      });
    }
    return reportAcrossScopes(capacityOutOfBounds, context, problems);
  },
};
