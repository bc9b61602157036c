import { MODEL_ROUTER, routerTakesRouting } from "../deployment-features";
import { citeSource } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { featureUses } from "./shared/features";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

const types = MODEL_ROUTER.deploymentTypes;

export const routingUnsupportedType: SemanticCheck = {
  code: "routing/unsupported-type",
  severity: "error",
  description: `A model router with \`routing\` is deployed as a type other than ${types.join(" or ")} (after defaults and environment overrides). Source: ${MODEL_ROUTER.sources.slice(1).map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const use of featureUses(context, (d) => d.routing !== undefined && routerTakesRouting(d.model))) {
      const sku = use.sku ?? "Standard";
      if (types.includes(sku)) continue;
      problems.push({
        key: `${use.index}\u0000${sku}`,
        environment: use.scope.environment,
        path: use.skuPath,
        message: (where) =>
          `model router "${use.deployment.name}" is a ${sku} deployment${where}; Azure offers model router only as ${types.join(" and ")}`,
        hint: `make it ${types.join(" or ")}`,
      });
    }
    return reportAcrossScopes(routingUnsupportedType, context, problems);
  },
};
