import type { Diagnostic } from "../../diagnostics/diagnostic";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";
import {
  armPathProblem,
  DEPLOYMENT_NAME_FACTS,
  deploymentNameRule,
  nameProblem,
  suggestName,
} from "./shared/names";

const { noRuleInSpec, errorTextInIssue } = DEPLOYMENT_NAME_FACTS;

export const deploymentInvalidName: SemanticCheck = {
  code: "deployment/invalid-name",
  severity: "warning",
  description: `A deployment name is not at most 64 letters, digits, '-', '_' or '.': a convention, not a rule Azure documents (${noRuleInSpec.fact}: ${citeSource(noRuleInSpec.source)}; the only error text known is quoted in ${citeSource(errorTextInIssue.source)}). Characters that break the ARM path are errors: deployment/unsafe-name.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      // A name that cannot be part of the ARM path is reported by deployment/unsafe-name.
      if (armPathProblem(deployment.name) !== undefined) return;
      const problem = nameProblem(deployment.name, deploymentNameRule);
      if (problem === undefined) return;
      const suggestion = suggestName(deployment.name, deploymentNameRule);
      diagnostics.push(
        finding(
          deploymentInvalidName,
          context,
          ["deployments", index, "name"],
          `deployment name ${JSON.stringify(deployment.name)} ${problem}`,
          `use ${deploymentNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}: a convention, since Azure documents no rule for deployment names (${noRuleInSpec.fact}), but Azure may refuse other names (${errorTextInIssue.fact})`,
        ),
      );
    });
    return diagnostics;
  },
};
