import type { Diagnostic } from "../../diagnostics/diagnostic";
import { BLOCKLIST_MODELS } from "../content-filters";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";
import { contentFilterModels } from "./shared/usage";

const supported = (format: string) =>
  BLOCKLIST_MODELS.formats.some((f) => f.toLowerCase() === format.toLowerCase());

export const blocklistNonOpenAiModels: SemanticCheck = {
  code: "blocklist/non-openai-models",
  severity: "warning",
  description: `A content filter attaches blocklists but is used only by deployments of models that are not Azure OpenAI models (as written and in every environment); Azure documents blocklists for Azure OpenAI models only, so they may have no effect there. Source: ${BLOCKLIST_MODELS.sources.map(citeSource).join("; ")} ("${BLOCKLIST_MODELS.rule}").`,
  run(context) {
    const models = contentFilterModels(context);
    const diagnostics: Diagnostic[] = [];
    for (const [name, filter] of entries(context.file.contentFilters)) {
      const users = models.get(name) ?? [];
      // An unused filter is reported by content-filter/unused.
      if (users.length === 0 || users.some((u) => supported(u.format))) continue;
      for (const side of ["prompt", "completion"] as const) {
        const blocklists = filter[side]?.blocklists ?? [];
        if (blocklists.length === 0) continue;
        const used = users.map((u) => `"${u.deployment}" (${u.format})`).join(", ");
        diagnostics.push(
          finding(
            blocklistNonOpenAiModels,
            context,
            ["contentFilters", name, side, "blocklists"],
            `content filter "${name}" attaches blocklists on ${side}s (${blocklists.map((b) => `"${b}"`).join(", ")}) but only deployments of models that are not Azure OpenAI models use it: ${used}; Azure's blocklist guide says "${BLOCKLIST_MODELS.rule}", so these blocklists may not apply to them`,
            "use the filter on Azure OpenAI deployments as well, or block these terms in the application for the other models",
            { key: true },
          ),
        );
      }
    }
    return diagnostics;
  },
};
