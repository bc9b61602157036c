import type { Diagnostic } from "../../diagnostics/diagnostic";
import { citeSource } from "../deployment-types";
import { FINE_TUNED_MODELS, FINE_TUNING_DEPLOY_SOURCE, isFineTunedModelName } from "../fine-tuned";
import { finding, type SemanticCheck } from "./check";

export const modelSourceNotFineTuned: SemanticCheck = {
  code: "model/source-not-fine-tuned",
  severity: "warning",
  description: `A deployment sets \`model.source\` for a model whose name is not a fine-tuned model's: Azure documents ${FINE_TUNED_MODELS.sourceRule}; for a base model it means nothing documented. Source: ${citeSource(FINE_TUNING_DEPLOY_SOURCE)}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [index, deployment] of context.file.deployments.entries()) {
      const { name, source } = deployment.model;
      if (source === undefined || isFineTunedModelName(name)) continue;
      diagnostics.push(
        finding(
          modelSourceNotFineTuned,
          context,
          ["deployments", index, "model", "source"],
          `deployment "${deployment.name}" sets model.source for ${name}, which is not a fine-tuned model's name; Azure documents ${FINE_TUNED_MODELS.sourceRule} (${citeSource(FINE_TUNING_DEPLOY_SOURCE)})`,
          "remove `model.source` for a base model; for a fine-tuned model, write the name its fine-tuning job gave it (`<base>.ft-<32 hex digits>`)",
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
