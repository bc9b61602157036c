import { PRIORITY_PROCESSING } from "../deployment-features";
import { citeSource } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { featurePath, featureUses } from "./shared/features";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

export const serviceTierUnknownAvailability: SemanticCheck = {
  code: "service-tier/unknown-availability",
  severity: "warning",
  description: `A deployment asks for priority processing for a model whose regions Azure's priority-processing matrices do not give (a model they do not list, or a type without a row): the request may be refused. Source: ${PRIORITY_PROCESSING.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const use of featureUses(context, (_, effective) => effective.serviceTier === "Priority")) {
      if (use.sku !== "GlobalStandard" && use.sku !== "DataZoneStandard") continue;
      const model = use.deployment.model.name;
      const row = PRIORITY_PROCESSING.regions[model.toLowerCase()];
      const regions = row?.[use.sku];
      if (regions !== undefined && regions !== null) continue;
      const unknown =
        row === undefined
          ? `the priority-processing documentation does not list ${model}`
          : `the priority-processing documentation lists ${model} but gives no regions for ${use.sku}`;
      problems.push({
        key: `${use.index}\u0000${use.sku}`,
        environment: use.scope.environment,
        path: featurePath(use, "serviceTier"),
        message: (where) =>
          `deployment "${use.deployment.name}" asks for priority processing${where}, but ${unknown}: whether Azure accepts it is unknown`,
        hint: "check the model's availability for priority processing before deploying",
      });
    }
    return reportAcrossScopes(serviceTierUnknownAvailability, context, problems);
  },
};
