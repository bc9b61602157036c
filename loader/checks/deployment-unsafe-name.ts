import type { Diagnostic } from "../../diagnostics/diagnostic";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";
import { armPathProblem, DEPLOYMENT_NAME_FACTS, deploymentNameRule, suggestName } from "./shared/names";

const { pathSyntax } = DEPLOYMENT_NAME_FACTS;

export const deploymentUnsafeName: SemanticCheck = {
  code: "deployment/unsafe-name",
  severity: "error",
  description: `A deployment name cannot be part of its ARM resource path (.../deployments/{name}): it is empty, '.' or '..', or contains '/', '?', '#' or a control character (${citeSource(pathSyntax.source)}).`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      const problem = armPathProblem(deployment.name);
      if (problem === undefined) return;
      const suggestion = suggestName(deployment.name, deploymentNameRule);
      diagnostics.push(
        finding(
          deploymentUnsafeName,
          context,
          ["deployments", index, "name"],
          `deployment name ${JSON.stringify(deployment.name)} ${problem}: the name is one segment of the deployment's ARM resource path, which this would break`,
          `use ${deploymentNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
        ),
      );
    });
    return diagnostics;
  },
};
