import { formatNumber } from "../../text/number";
import type { SemanticCheck } from "./check";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { problemKey, rateLimitedDeployments } from "./shared/sizing";

/** Evaluated per deployment and scope: the unit is the model's (and its version's), from the catalog. */
export const capacityRateLimitStep: SemanticCheck = {
  code: "capacity/rate-limit-step",
  severity: "error",
  description:
    "`rateLimit.tokensPerMinute` of a token-based deployment is not a whole number of the model's capacity units (the unit's size comes from the model catalog).",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const entry of rateLimitedDeployments(context)) {
      const { sizing, deployment, model, unit: lookup } = entry;
      if (!lookup.known) continue;
      const step = lookup.unit.tokensPerMinute;
      const tpm = sizing.tokensPerMinute;
      if (tpm % step === 0) continue;
      const below = Math.floor(tpm / step) * step;
      const options = below > 0 ? `${below} or ${below + step}` : `${below + step}`;
      const rpm = lookup.unit.requestsPerMinute;
      const unit =
        rpm === null
          ? `${formatNumber(step)} tokens per minute`
          : `${formatNumber(step)} tokens and ${formatNumber(rpm)} request${rpm === 1 ? "" : "s"} per minute`;
      problems.push({
        key: problemKey(entry, tpm, step),
        environment: entry.scope.environment,
        path: [...sizing.path, "tokensPerMinute"],
        message: (where) =>
          `deployment "${deployment.name}"${where}: tokensPerMinute ${tpm} is not a whole number of capacity units of ${model.name}; one unit is ${unit} (${lookup.unit.source}; ${context.catalog.label})`,
        hint: `use ${options}, or write \`capacity\` in units`,
      });
    }
    return reportAcrossScopes(capacityRateLimitStep, context, problems);
  },
};
