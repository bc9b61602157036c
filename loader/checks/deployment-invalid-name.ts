import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { deploymentNameRule, nameProblem, suggestName } from "./shared/names";

export const deploymentInvalidName: SemanticCheck = {
  code: "deployment/invalid-name",
  severity: "error",
  description:
    "A deployment name is not at most 64 letters, digits, '-', '_' or '.' (a rule Azure does not document; unverified).",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      const problem = nameProblem(deployment.name, deploymentNameRule);
      if (problem === undefined) return;
      const suggestion = suggestName(deployment.name, deploymentNameRule);
      diagnostics.push(
        finding(
          deploymentInvalidName,
          context,
          ["deployments", index, "name"],
          `deployment name ${JSON.stringify(deployment.name)} ${problem}`,
          `use ${deploymentNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
        ),
      );
    });
    return diagnostics;
  },
};
