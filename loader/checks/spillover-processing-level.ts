import { citeSource, deploymentType, SPILLOVER_FACTS } from "../deployment-types";
import type { SemanticCheck } from "./check";
import type { ScopedProblem } from "./shared/scopes";
import { reportAcrossScopes } from "./shared/scopes";
import { provisionedSpillovers } from "./shared/spillover";

const fact = SPILLOVER_FACTS.sameProcessingLevel;

export const spilloverProcessingLevel: SemanticCheck = {
  code: "spillover/processing-level",
  severity: "error",
  description: `A provisioned deployment spills over to a standard deployment of another data processing level (after defaults and environment overrides): GlobalProvisionedManaged must spill to GlobalStandard, DataZoneProvisionedManaged to DataZoneStandard, ProvisionedManaged to Standard. Source: ${fact.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const { scope, link, source, target } of provisionedSpillovers(context)) {
      const from = source.sku === undefined ? undefined : deploymentType(source.sku);
      const to = target.sku === undefined ? undefined : deploymentType(target.sku);
      // Targets that are not standard at all are reported by spillover/provisioned-target and
      // spillover/non-standard-target.
      if (!from?.spillsTo || !to || to.family !== "standard" || target.sku === from.spillsTo) continue;
      const targetName = context.file.deployments[link.targetIndex]?.name ?? "";
      const expected = from.spillsTo;
      problems.push({
        key: `${link.sourceIndex}\u0000${link.targetIndex}\u0000${source.sku}\u0000${target.sku}`,
        environment: scope.environment,
        path: ["deployments", link.sourceIndex, "spillover"],
        message: (where) =>
          `deployment "${link.source.name}" is ${source.sku} (${from.processing} processing) and spills over to "${targetName}", which is ${target.sku} (${to.processing} processing)${where}; Azure's spillover guide says ${fact.rule}`,
        hint: `spill over to a ${expected} deployment of the same model and version on the same account, or make "${targetName}" ${expected}`,
      });
    }
    return reportAcrossScopes(spilloverProcessingLevel, context, problems);
  },
};
