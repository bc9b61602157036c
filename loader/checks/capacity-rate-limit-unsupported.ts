import type { SemanticCheck } from "./check";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { problemKey, sizedDeployments } from "./shared/sizing";

const WHY = {
  batch: "a batch type, quota'd in enqueued tokens rather than tokens per minute",
  developer: "the Developer tier, which has no tokens-per-minute capacity",
} as const;

/** Provisioned types have their own check (capacity/rate-limit-on-provisioned). */
export const capacityRateLimitUnsupported: SemanticCheck = {
  code: "capacity/rate-limit-unsupported",
  severity: "error",
  description:
    "A batch (GlobalBatch, DataZoneBatch) or Developer tier deployment is sized with `rateLimit` (after defaults and environment overrides); batch quota counts enqueued tokens, not tokens per minute.",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const entry of sizedDeployments(context)) {
      const { sizing, kind, deployment, sku } = entry;
      if (sizing.by !== "rateLimit" || (kind !== "batch" && kind !== "developer")) continue;
      problems.push({
        key: problemKey(entry),
        environment: entry.scope.environment,
        path: sizing.path,
        pointAtKey: true,
        message: (where) =>
          `deployment "${deployment.name}" is ${sku}${where}, ${WHY[kind]}, but is sized by \`rateLimit\``,
        hint:
          kind === "batch"
            ? "set `capacity: <units>` for batch deployments; their quota is a number of enqueued tokens per model"
            : "set `capacity: <units>`; rateLimit is for Standard, GlobalStandard and DataZoneStandard deployments",
      });
    }
    return reportAcrossScopes(capacityRateLimitUnsupported, context, problems);
  },
};
