import { MODEL_ROUTER, needsOwnDeploymentWhenRouted } from "../deployment-features";
import { citeSource } from "../deployment-types";
import { deploymentAccountKeys } from "../resolve";
import type { SemanticCheck } from "./check";
import { scopeViews } from "./shared/effective";
import { featureUses } from "./shared/features";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

export const routingModelNotDeployed: SemanticCheck = {
  code: "routing/model-not-deployed",
  severity: "error",
  description: `A model router routes to a model that must have its own deployment (${MODEL_ROUTER.ownDeploymentFormats.join(", ")} models) but the same account has no enabled deployment of that model and version with the router's deployment type; Azure refuses the request (InvalidResourceProperties). Source: ${MODEL_ROUTER.sources.slice(1).map(citeSource).join("; ")}.`,
  run(context) {
    const { file } = context;
    const views = new Map(scopeViews(context).map((v) => [v.scope.environment, v]));
    const problems: ScopedProblem[] = [];
    for (const use of featureUses(context, (d) =>
      (d.routing?.models ?? []).some((m) => needsOwnDeploymentWhenRouted(m.format)),
    )) {
      const view = views.get(use.scope.environment);
      (use.deployment.routing?.models ?? []).forEach((routed, modelIndex) => {
        if (!needsOwnDeploymentWhenRouted(routed.format)) return;
        const deployed = file.deployments.some((d, i) => {
          const effective = view?.deployments[i];
          return (
            effective?.enabled === true &&
            deploymentAccountKeys(d, file).includes(use.account) &&
            d.model.format.toLowerCase() === routed.format.toLowerCase() &&
            d.model.name.toLowerCase() === routed.name.toLowerCase() &&
            effective.modelVersion === routed.version &&
            effective.sku === use.sku
          );
        });
        if (deployed) return;
        problems.push({
          key: `${use.index}\u0000${modelIndex}\u0000${use.account}\u0000${use.sku}`,
          environment: use.scope.environment,
          path: ["deployments", use.index, "routing", "models", modelIndex],
          message: (where) =>
            `model router "${use.deployment.name}" routes to ${routed.format} ${routed.name} ${routed.version}, which has no ${use.sku ?? "Standard"} deployment of its own on account "${use.account}"${where}; Azure routes to ${routed.format} models only when they are deployed in the same account with the same deployment type`,
          hint: `add a ${use.sku ?? "Standard"} deployment of ${routed.name} ${routed.version} on account "${use.account}", or remove it from \`routing.models\``,
        });
      });
    }
    return reportAcrossScopes(routingModelNotDeployed, context, problems);
  },
};
