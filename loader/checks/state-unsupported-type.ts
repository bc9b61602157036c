import { PAUSE } from "../deployment-features";
import { citeSource } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { featurePath, featureUses } from "./shared/features";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

const types = PAUSE.deploymentTypes;

export const stateUnsupportedType: SemanticCheck = {
  code: "state/unsupported-type",
  severity: "error",
  description: `A deployment sets \`state\` (pause and resume) on a deployment type other than ${types.join(", ")} (after defaults and environment overrides). Source: ${PAUSE.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const use of featureUses(context, (_, effective) => effective.state !== undefined)) {
      const sku = use.sku ?? "Standard";
      if (types.includes(sku)) continue;
      problems.push({
        key: `${use.index}\u0000${sku}`,
        environment: use.scope.environment,
        path: featurePath(use, "state"),
        message: (where) =>
          `deployment "${use.deployment.name}" sets state "${use.effective.state}" on a ${sku} deployment${where}; Azure pauses and resumes only ${types.join(", ")} deployments`,
        hint: "remove `state` (to stop traffic to this deployment, set `enabled: false`, which deletes it)",
      });
    }
    return reportAcrossScopes(stateUnsupportedType, context, problems);
  },
};
