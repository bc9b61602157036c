import type { Diagnostic } from "../../diagnostics/diagnostic";
import { INTERVENTION_POINTS, type InterventionPoint } from "../content-filters";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

const preview: readonly InterventionPoint[] = INTERVENTION_POINTS.filter((p) => !p.generallyAvailable);

export const contentFilterPreviewInterventionPoint: SemanticCheck = {
  code: "content-filter/preview-intervention-point",
  severity: "error",
  description: `A content filter declares an agent's intervention point that Microsoft documents as Preview (${preview.map((p) => `\`${p.key}\`: ${p.docName}, RaiPolicy source ${p.apiSource}`).join("; ")}); aideploy does not write Preview settings. Sources: ${[...new Set(preview.flatMap((p) => p.sources))].map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [name, filter] of entries(context.file.contentFilters)) {
      for (const point of preview) {
        if (filter[point.key as keyof typeof filter] === undefined) continue;
        const docs = point.sources.filter((s) => s.repository.startsWith("MicrosoftDocs/"));
        diagnostics.push(
          finding(
            contentFilterPreviewInterventionPoint,
            context,
            ["contentFilters", name, point.key],
            `content filter "${name}" declares \`${point.key}\` (${point.docName}, RaiPolicy source ${point.apiSource}), an intervention point Microsoft documents as Preview (${docs.map(citeSource).join("; ")}); aideploy writes generally available settings only, so this filter would not be deployed as the file says`,
            `remove \`${point.key}\` from the filter; configure the agent's ${point.docName.toLowerCase()} controls in the Foundry portal while it is in preview`,
            { key: true },
          ),
        );
      }
    }
    return diagnostics;
  },
};
