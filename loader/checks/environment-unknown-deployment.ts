import type { Diagnostic } from "../../diagnostics/diagnostic";
import { didYouMean } from "../../diagnostics/suggest";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

export const environmentUnknownDeployment: SemanticCheck = {
  code: "environment/unknown-deployment",
  severity: "error",
  description:
    "An environment overrides a deployment name that no deployment has (names match exactly); the override would be ignored.",
  run(context) {
    const environments = entries(context.file.environments).filter(
      ([, env]) => env.deployments !== undefined,
    );
    if (environments.length === 0) return [];
    const names = new Set(context.file.deployments.map((d) => d.name));
    const diagnostics: Diagnostic[] = [];
    for (const [environment, env] of environments) {
      for (const [name] of entries(env.deployments)) {
        if (names.has(name)) continue;
        diagnostics.push(
          finding(
            environmentUnknownDeployment,
            context,
            ["environments", environment, "deployments", name],
            `environment "${environment}" overrides deployment "${name}", which is not declared in \`deployments\``,
            didYouMean(name, names) ?? "use the `name` of a deployment declared in `deployments`",
            { key: true },
          ),
        );
      }
    }
    return diagnostics;
  },
};
