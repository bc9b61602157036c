import { citeSource, isProvisioned, SPILLOVER_FACTS } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { scopeViews } from "./shared/effective";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { spilloverLinks } from "./shared/spillover";

export const spilloverProvisionedTarget: SemanticCheck = {
  code: "spillover/provisioned-target",
  severity: "error",
  description: `A spillover target is itself provisioned (after defaults and environment overrides); it must be a standard deployment (batch and Developer targets: spillover/non-standard-target). Source: ${SPILLOVER_FACTS.standardTarget.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const links = spilloverLinks(context);
    const problems: ScopedProblem[] = [];
    for (const { scope, deployments } of scopeViews(context)) {
      for (const { source, sourceIndex, targetIndex } of links) {
        if (targetIndex === undefined) continue;
        const sku = deployments[targetIndex]?.sku;
        if (sku === undefined || !isProvisioned(sku)) continue;
        const target = context.file.deployments[targetIndex]?.name ?? "";
        problems.push({
          key: `${sourceIndex}\u0000${targetIndex}`,
          environment: scope.environment,
          path: ["deployments", sourceIndex, "spillover"],
          message: (where) =>
            `deployment "${source.name}" spills over to "${target}", which is ${sku}${where}; spillover needs a token-based target`,
          hint: "spill over to a Standard, GlobalStandard or DataZoneStandard deployment",
        });
      }
    }
    return reportAcrossScopes(spilloverProvisionedTarget, context, problems);
  },
};
