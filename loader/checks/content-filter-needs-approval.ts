import type { Diagnostic } from "../../diagnostics/diagnostic";
import { MODIFIED_FILTERING_APPROVAL, SEVERITY_KEYS } from "../content-filters";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

const categoryText: Record<(typeof SEVERITY_KEYS)[number], string> = {
  hate: "hate",
  sexual: "sexual",
  violence: "violence",
  selfHarm: "self-harm",
};

export const contentFilterNeedsApproval: SemanticCheck = {
  code: "content-filter/needs-approval",
  severity: "warning",
  description: `A content filter switches a harm category (hate, sexual, violence, selfHarm) off or to annotate only; Azure accepts that only from customers approved for modified content filtering. Sources: ${MODIFIED_FILTERING_APPROVAL.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [name, filter] of entries(context.file.contentFilters)) {
      for (const side of ["prompt", "completion"] as const) {
        const settings = filter[side];
        if (settings === undefined) continue;
        for (const category of SEVERITY_KEYS) {
          const setting = settings[category];
          const what =
            setting === "off"
              ? "off"
              : typeof setting === "object" && setting.action === "annotate"
                ? `to annotate only (at ${setting.threshold})`
                : undefined;
          if (what === undefined) continue;
          diagnostics.push(
            finding(
              contentFilterNeedsApproval,
              context,
              ["contentFilters", name, side, category],
              `content filter "${name}" turns ${categoryText[category]} on ${side}s ${what}: this needs approval for modified content filtering (Azure: ${MODIFIED_FILTERING_APPROVAL.rule})`,
              `keep a threshold that blocks (for example \`${category}: high\`), or make sure the subscription is approved through "${MODIFIED_FILTERING_APPROVAL.form}" before deploying`,
            ),
          );
        }
      }
    }
    return diagnostics;
  },
};
