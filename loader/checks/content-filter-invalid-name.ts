import type { Diagnostic } from "../../diagnostics/diagnostic";
import { isMicrosoftBasePolicy } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";
import { nameProblem, raiNameRule, suggestName } from "./shared/names";

export const contentFilterInvalidName: SemanticCheck = {
  code: "content-filter/invalid-name",
  severity: "error",
  description:
    "A content filter name breaks Azure's RAI policy naming rule or takes the name of a Microsoft base policy.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const name of Object.keys(context.file.contentFilters ?? {})) {
      const path = ["contentFilters", name];
      if (isMicrosoftBasePolicy(name)) {
        diagnostics.push(
          finding(
            contentFilterInvalidName,
            context,
            path,
            `content filter name "${name}" is the name of a Microsoft base policy`,
            "choose another name; to use Microsoft's policy, refer to it without declaring it",
            { key: true },
          ),
        );
        continue;
      }
      const problem = nameProblem(name, raiNameRule);
      if (problem === undefined) continue;
      const suggestion = suggestName(name, raiNameRule);
      diagnostics.push(
        finding(
          contentFilterInvalidName,
          context,
          path,
          `content filter name ${JSON.stringify(name)} ${problem}`,
          `use ${raiNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
