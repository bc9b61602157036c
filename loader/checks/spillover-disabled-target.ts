import type { SemanticCheck } from "./check";
import { scopeViews, settingPath } from "./shared/effective";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { spilloverLinks } from "./shared/spillover";

export const spilloverDisabledTarget: SemanticCheck = {
  code: "spillover/disabled-target",
  severity: "error",
  description:
    "An enabled deployment spills over to a deployment that is disabled (`enabled: false`), as written or in an environment.",
  run(context) {
    const links = spilloverLinks(context);
    const problems: ScopedProblem[] = [];
    for (const { scope, deployments } of scopeViews(context)) {
      for (const { source, sourceIndex, targetIndex } of links) {
        if (targetIndex === undefined || !deployments[sourceIndex]?.enabled) continue;
        const target = deployments[targetIndex];
        const targetDeployment = context.file.deployments[targetIndex];
        if (!target || !targetDeployment || target.enabled || target.enabledFrom === undefined) continue;
        const path = settingPath(scope, targetDeployment, targetIndex, target.enabledFrom, "enabled");
        const targetName = targetDeployment.name;
        problems.push({
          key: `${sourceIndex}\u0000${path.join("\u0000")}`,
          environment: scope.environment,
          path,
          message: (where) =>
            `deployment "${targetName}" is disabled${where}, but "${source.name}" spills over to it`,
          hint: `keep "${targetName}" enabled, or disable "${source.name}" or remove its \`spillover\` as well`,
        });
      }
    }
    return reportAcrossScopes(spilloverDisabledTarget, context, problems);
  },
};
