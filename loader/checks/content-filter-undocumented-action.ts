import type { Diagnostic } from "../../diagnostics/diagnostic";
import {
  FILTER_ACTIONS,
  INTERVENTION_POINTS,
  RAI_POLICY_API,
  UNDOCUMENTED_ACTIONS,
} from "../content-filters";
import { citeSource } from "../deployment-types";
import type { Action } from "../file-types.generated";
import type { DocPath } from "../path";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

const undocumented = new Set<string>(UNDOCUMENTED_ACTIONS);
const sources = [...new Set(UNDOCUMENTED_ACTIONS.flatMap((a) => FILTER_ACTIONS[a].sources))];

export const contentFilterUndocumentedAction: SemanticCheck = {
  code: "content-filter/undocumented-action",
  severity: "warning",
  description: `A content filter category uses an action of the RaiPolicy API whose behaviour no Microsoft document describes (${UNDOCUMENTED_ACTIONS.map((a) => `${a} → ${FILTER_ACTIONS[a].apiAction}`).join(", ")}, api-version ${RAI_POLICY_API.actionSinceApiVersion}); Microsoft documents annotate and block only. Sources: ${[...sources, ...FILTER_ACTIONS.block.sources].map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [name, filter] of entries(context.file.contentFilters)) {
      for (const point of INTERVENTION_POINTS) {
        const settings = filter[point.key] as Record<string, unknown> | undefined;
        if (settings === undefined) continue;
        for (const [category, setting] of Object.entries(settings)) {
          const at: DocPath = ["contentFilters", name, point.key, category];
          const [action, path] =
            typeof setting === "string"
              ? [setting, at]
              : typeof setting === "object" && setting !== null && "action" in setting
                ? [String(setting.action), [...at, "action"]]
                : [undefined, at];
          if (action === undefined || !undocumented.has(action)) continue;
          const fact = FILTER_ACTIONS[action as Action];
          diagnostics.push(
            finding(
              contentFilterUndocumentedAction,
              context,
              path,
              `content filter "${name}" sets ${point.key}.${category} to ${action}, written as the RaiPolicy action ${fact.apiAction}: ${fact.note}; Microsoft documents the actions annotate ("Annotate") and block ("Annotate and block") only (${fact.sources.map(citeSource).join("; ")})`,
              "use `block` or `annotate` for a documented behaviour, or keep this value knowing that what Azure does with detected content is not documented",
            ),
          );
        }
      }
    }
    return diagnostics;
  },
};
