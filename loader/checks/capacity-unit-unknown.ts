import type { TokenUnitLookup } from "../capacity";
import type { SemanticCheck } from "./check";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { problemKey, rateLimitedDeployments } from "./shared/sizing";

function why(
  lookup: Extract<TokenUnitLookup, { known: false }>,
  model: { format: string; name: string; version: string },
  catalog: string,
): string {
  switch (lookup.cause) {
    case "undocumented":
      return `the capacity unit of ${model.name} is not documented (${catalog})`;
    case "unknown-model":
      return `${model.format} ${model.name} is not in the model catalog (${catalog}), so its capacity unit is unknown`;
    case "unknown-version": {
      const listed = lookup.versions.length > 0 ? `; it lists ${lookup.versions.join(", ")}` : "";
      return `version ${model.version} of ${model.name} is not in the model catalog (${catalog}${listed}), so its capacity unit is unknown`;
    }
  }
}

/** A rate limit needs the size of the model's unit; an unknown size is never assumed. */
export const capacityUnitUnknown: SemanticCheck = {
  code: "capacity/unit-unknown",
  severity: "error",
  description:
    "A token-based deployment is sized with `rateLimit`, but the model catalog does not give the model's capacity unit (tokens per minute per unit), so the rate limit cannot be turned into capacity.",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const entry of rateLimitedDeployments(context)) {
      const { sizing, deployment, model, unit: lookup } = entry;
      if (lookup.known) continue;
      const reason = why(lookup, model, context.catalog.label);
      problems.push({
        key: problemKey(entry, lookup.cause),
        environment: entry.scope.environment,
        path: sizing.path,
        pointAtKey: true,
        message: (where) =>
          `deployment "${deployment.name}"${where}: ${reason}: write \`capacity\` in units instead of \`rateLimit\``,
        hint: "replace `rateLimit` with `capacity: <units>`; the size of a unit depends on the model, and Azure shows a deployment's tokens and requests per minute once it exists",
      });
    }
    return reportAcrossScopes(capacityUnitUnknown, context, problems);
  },
};
