import { isProvisioned } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { scopeViews, settingPath } from "./shared/effective";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

/** Evaluated with the effective type and rate limit of every deployment, as written and per environment. */
export const capacityRateLimitOnProvisioned: SemanticCheck = {
  code: "capacity/rate-limit-on-provisioned",
  severity: "error",
  description:
    "A provisioned deployment is sized with `rateLimit` (after defaults and environment overrides); provisioned capacity is PTUs.",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const { scope, deployments } of scopeViews(context)) {
      deployments.forEach(({ sku, sizing, sizingFrom }, index) => {
        const deployment = context.file.deployments[index];
        if (
          !deployment ||
          sku === undefined ||
          !isProvisioned(sku) ||
          sizing !== "rateLimit" ||
          !sizingFrom
        ) {
          return;
        }
        const path = settingPath(scope, deployment, index, sizingFrom, "rateLimit");
        problems.push({
          key: `${index}\u0000${path.join("\u0000")}`,
          environment: scope.environment,
          path,
          pointAtKey: true,
          message: (where) =>
            `deployment "${deployment.name}" is ${sku}${where}, a provisioned type counted in PTUs, but is sized by \`rateLimit\``,
          hint: "set `capacity: <PTUs>` for provisioned deployments; rateLimit is for token-based types",
        });
      });
    }
    return reportAcrossScopes(capacityRateLimitOnProvisioned, context, problems);
  },
};
