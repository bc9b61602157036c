import { isProvisioned } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { scopeViews } from "./shared/effective";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

export const spilloverSourceNotProvisioned: SemanticCheck = {
  code: "spillover/source-not-provisioned",
  severity: "error",
  description:
    "A deployment that is not provisioned (after defaults and environment overrides) sets `spillover`; only provisioned deployments spill over.",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const { scope, deployments } of scopeViews(context)) {
      deployments.forEach(({ sku }, index) => {
        const deployment = context.file.deployments[index];
        // Without any type, deployment/missing-type reports the deployment.
        if (deployment?.spillover === undefined || sku === undefined || isProvisioned(sku)) return;
        problems.push({
          key: String(index),
          environment: scope.environment,
          path: ["deployments", index, "spillover"],
          pointAtKey: true,
          message: (where) =>
            `deployment "${deployment.name}" is ${sku}${where}; spillover only applies to provisioned deployments (traffic beyond their PTUs)`,
          hint: `remove \`spillover\`, or make "${deployment.name}" a provisioned deployment (for example sku: ProvisionedManaged)`,
        });
      });
    }
    return reportAcrossScopes(spilloverSourceNotProvisioned, context, problems);
  },
};
