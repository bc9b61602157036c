import { PRIORITY_PROCESSING } from "../deployment-features";
import { citeSource } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { featurePath, featureUses } from "./shared/features";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

export const serviceTierUnsupportedRegion: SemanticCheck = {
  code: "service-tier/unsupported-region",
  severity: "error",
  description: `A deployment asks for priority processing for a model in a region Azure's priority-processing model matrix does not list for its deployment type (Global Standard or Data Zone Standard). Source: ${PRIORITY_PROCESSING.sources.slice(1, 3).map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const use of featureUses(context, (_, effective) => effective.serviceTier === "Priority")) {
      if (use.sku !== "GlobalStandard" && use.sku !== "DataZoneStandard") continue;
      const regions = PRIORITY_PROCESSING.regions[use.deployment.model.name.toLowerCase()]?.[use.sku];
      if (regions === undefined || regions === null || use.location === undefined) continue;
      if (regions.includes(use.location)) continue;
      problems.push({
        key: `${use.index}\u0000${use.account}\u0000${use.location}\u0000${use.sku}`,
        environment: use.scope.environment,
        path: featurePath(use, "serviceTier"),
        message: (where) =>
          `deployment "${use.deployment.name}" asks for priority processing of ${use.deployment.model.name} as ${use.sku} on account "${use.account}" in ${use.location}${where}; Azure lists priority processing of that model and type only in ${regions.join(", ")}`,
        hint: `deploy it on an account in one of those regions, or remove \`serviceTier\``,
      });
    }
    return reportAcrossScopes(serviceTierUnsupportedRegion, context, problems);
  },
};
