import { citeSource, isProvisioned, SPILLOVER_FACTS, SPILLOVER_MODEL_FORMATS } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { scopeViews } from "./shared/effective";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

const fact = SPILLOVER_FACTS.openAiModelsOnly;

export const spilloverUnsupportedModel: SemanticCheck = {
  code: "spillover/unsupported-model",
  severity: "error",
  description: `A provisioned deployment of a model that is not an Azure OpenAI model (format other than ${SPILLOVER_MODEL_FORMATS.join(", ")}) sets \`spillover\`; Azure documents spillover only for Azure OpenAI models. Source: ${fact.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const { scope, deployments } of scopeViews(context)) {
      deployments.forEach(({ sku, enabled }, index) => {
        const deployment = context.file.deployments[index];
        if (deployment?.spillover === undefined || !enabled || sku === undefined || !isProvisioned(sku))
          return;
        const format = deployment.model.format;
        if (SPILLOVER_MODEL_FORMATS.some((f) => f.toLowerCase() === format.toLowerCase())) return;
        problems.push({
          key: String(index),
          environment: scope.environment,
          path: ["deployments", index, "spillover"],
          pointAtKey: true,
          message: (where) =>
            `deployment "${deployment.name}" deploys a ${format} model${where}; Azure's provisioned throughput guide says ${fact.rule}`,
          hint: `remove \`spillover\` from "${deployment.name}" and handle its 429 responses in the client, or spill over only from Azure OpenAI models`,
        });
      });
    }
    return reportAcrossScopes(spilloverUnsupportedModel, context, problems);
  },
};
