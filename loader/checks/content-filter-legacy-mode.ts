import type { Diagnostic } from "../../diagnostics/diagnostic";
import { CONTENT_FILTER_MODES, GUARDRAIL_MODE_BUILT_IN } from "../content-filters";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

const allowed = GUARDRAIL_MODE_BUILT_IN.allowedModes.join(" and ");
const guardrail = `Microsoft's Guardrail built-in policy ${GUARDRAIL_MODE_BUILT_IN.id} ("${GUARDRAIL_MODE_BUILT_IN.displayName}") allows only ${allowed}, so where it is assigned it reports every deployment using this filter as non-compliant`;

export const contentFilterLegacyMode: SemanticCheck = {
  code: "content-filter/legacy-mode",
  severity: "warning",
  description: `A content filter's \`mode\` is Deferred (the older name of Asynchronous_filter) or Blocking (in the API, described by no document); Azure documents Default and Asynchronous_filter, the only modes the Guardrail built-in policy ${GUARDRAIL_MODE_BUILT_IN.id} allows. Sources: ${[...CONTENT_FILTER_MODES.Deferred.sources, ...CONTENT_FILTER_MODES.Default.sources, GUARDRAIL_MODE_BUILT_IN.source].map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [name, filter] of entries(context.file.contentFilters)) {
      const mode = filter.mode;
      if (mode !== "Deferred" && mode !== "Blocking") continue;
      const message =
        mode === "Deferred"
          ? `content filter "${name}" uses mode Deferred, ${CONTENT_FILTER_MODES.Deferred.note}; ${guardrail}`
          : `content filter "${name}" uses mode Blocking, ${CONTENT_FILTER_MODES.Blocking.note}; ${guardrail}`;
      const hint =
        mode === "Deferred"
          ? "write `mode: Asynchronous_filter`, the same mode under its current name"
          : "use `mode: Default` (content is filtered before it is returned) or `mode: Asynchronous_filter` (streamed, filtered asynchronously)";
      diagnostics.push(
        finding(contentFilterLegacyMode, context, ["contentFilters", name, "mode"], message, hint),
      );
    }
    return diagnostics;
  },
};
