import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { nameProblem, raiNameRule, suggestName } from "./shared/names";

export const blocklistInvalidName: SemanticCheck = {
  code: "blocklist/invalid-name",
  severity: "error",
  description:
    "A blocklist name breaks Azure's RAI naming rule (letters, digits, '-', '_', '.'; at most 64).",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const name of Object.keys(context.file.blocklists ?? {})) {
      const problem = nameProblem(name, raiNameRule);
      if (problem === undefined) continue;
      const suggestion = suggestName(name, raiNameRule);
      diagnostics.push(
        finding(
          blocklistInvalidName,
          context,
          ["blocklists", name],
          `blocklist name ${JSON.stringify(name)} ${problem}`,
          `use ${raiNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
