import { citeSource } from "../deployment-types";
import { FINE_TUNED_MODELS, isFineTunedModelName } from "../fine-tuned";
import type { SemanticCheck } from "./check";
import { featureUses } from "./shared/features";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

export const developerTierNotFineTuned: SemanticCheck = {
  code: "developer-tier/not-fine-tuned",
  severity: "error",
  description: `A DeveloperTier deployment (after defaults and environment overrides) names a model that is not a fine-tuned one: Azure documents the Developer tier for evaluating fine-tuned models (of ${FINE_TUNED_MODELS.developerTierBaseModels.join(", ")}), named as their fine-tuning job names them (\`<base>.ft-<id>\` or \`ftchkpt-<id>\`). Sources: ${FINE_TUNED_MODELS.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const use of featureUses(context, (_, effective) => effective.sku === "DeveloperTier")) {
      const name = use.deployment.model.name;
      if (isFineTunedModelName(name)) continue;
      problems.push({
        key: `${use.index}`,
        environment: use.scope.environment,
        path: use.skuPath,
        message: (where) =>
          `deployment "${use.deployment.name}" is a DeveloperTier deployment${where} of ${name}, which is not a fine-tuned model's name; Azure offers the Developer tier for fine-tuned models only (base models ${FINE_TUNED_MODELS.developerTierBaseModels.join(", ")}), and deletes such a deployment 24 hours after it is created`,
        hint: 'deploy the fine-tuned model by the name its fine-tuning job gave it (like `gpt-4.1-mini-2025-04-14.ft-<32 hex digits>`, version "1"), or use GlobalStandard or Standard for a base model',
      });
    }
    return reportAcrossScopes(developerTierNotFineTuned, context, problems);
  },
};
