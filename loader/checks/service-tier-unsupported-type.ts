import { PRIORITY_PROCESSING } from "../deployment-features";
import { citeSource } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { featurePath, featureUses } from "./shared/features";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

const types = PRIORITY_PROCESSING.deploymentTypes;

export const serviceTierUnsupportedType: SemanticCheck = {
  code: "service-tier/unsupported-type",
  severity: "error",
  description: `A deployment asks for priority processing (\`serviceTier: Priority\`) on a deployment type other than ${types.join(" or ")} (after defaults and environment overrides). Source: ${PRIORITY_PROCESSING.sources.slice(0, 1).map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const use of featureUses(context, (_, effective) => effective.serviceTier === "Priority")) {
      const sku = use.sku ?? "Standard";
      if (types.includes(sku)) continue;
      problems.push({
        key: `${use.index}\u0000${sku}`,
        environment: use.scope.environment,
        path: featurePath(use, "serviceTier"),
        message: (where) =>
          `deployment "${use.deployment.name}" asks for priority processing on a ${sku} deployment${where}; Azure offers priority processing only on ${types.join(" and ")} deployments`,
        hint: `make it ${types.join(" or ")}, or remove \`serviceTier\``,
      });
    }
    return reportAcrossScopes(serviceTierUnsupportedType, context, problems);
  },
};
