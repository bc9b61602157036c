import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { nameProblem, projectNameRule, suggestName } from "./shared/names";
import { entries } from "./shared/scopes";

export const projectInvalidName: SemanticCheck = {
  code: "project/invalid-name",
  severity: "error",
  description:
    "A project name breaks Azure's rule for projects (2-64 letters, digits, '-', '_' or '.', starting with a letter or digit).",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [accountKey, account] of entries(context.file.accounts)) {
      for (const name of Object.keys(account.projects ?? {})) {
        const problem = nameProblem(name, projectNameRule);
        if (problem === undefined) continue;
        const suggestion = suggestName(name, projectNameRule);
        diagnostics.push(
          finding(
            projectInvalidName,
            context,
            ["accounts", accountKey, "projects", name],
            `project name ${JSON.stringify(name)} on account "${accountKey}" ${problem}`,
            `use ${projectNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
            { key: true },
          ),
        );
      }
    }
    return diagnostics;
  },
};
