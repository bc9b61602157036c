import type { Diagnostic } from "../../diagnostics/diagnostic";
import { PARTNER_MODELS, requiresModelProviderData } from "../deployment-features";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";

export const partnerUnneededProviderData: SemanticCheck = {
  code: "partner/unneeded-provider-data",
  severity: "info",
  description: `A deployment of a model format other than ${PARTNER_MODELS.requiredForFormats.join(", ")} sets \`modelProviderData\`: no document says Azure reads it for that format, so what it does there is unknown. Source: ${PARTNER_MODELS.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (deployment.modelProviderData === undefined || requiresModelProviderData(deployment.model.format))
        return;
      diagnostics.push(
        finding(
          partnerUnneededProviderData,
          context,
          ["deployments", index, "modelProviderData"],
          `deployment "${deployment.name}" of ${deployment.model.format} ${deployment.model.name} sets modelProviderData, which Azure documents only for ${PARTNER_MODELS.requiredForFormats.join(", ")} models; whether Azure reads it for ${deployment.model.format} is unknown`,
          "remove `modelProviderData` unless the provider's terms ask for it",
        ),
      );
    });
    return diagnostics;
  },
};
