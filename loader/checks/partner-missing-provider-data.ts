import type { Diagnostic } from "../../diagnostics/diagnostic";
import { PARTNER_MODELS, requiresModelProviderData } from "../deployment-features";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";

export const partnerMissingProviderData: SemanticCheck = {
  code: "partner/missing-provider-data",
  severity: "error",
  description: `A deployment of a ${PARTNER_MODELS.requiredForFormats.join(", ")} model (sold through Azure Marketplace) has no \`modelProviderData\`; Azure refuses it (${PARTNER_MODELS.errorCode}). Source: ${PARTNER_MODELS.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (deployment.modelProviderData !== undefined || !requiresModelProviderData(deployment.model.format))
        return;
      diagnostics.push(
        finding(
          partnerMissingProviderData,
          context,
          ["deployments", index, "model", "format"],
          `deployment "${deployment.name}" of ${deployment.model.format} ${deployment.model.name} has no modelProviderData; Azure accepts the provider's Marketplace terms with it and refuses the deployment without it (${PARTNER_MODELS.errorCode})`,
          `add \`modelProviderData: { organizationName: <legal name>, countryCode: <two letters>, industry: ${PARTNER_MODELS.industries.join(" | ")} }\``,
        ),
      );
    });
    return diagnostics;
  },
};
