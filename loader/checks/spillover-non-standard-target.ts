import { citeSource, deploymentType, SPILLOVER_FACTS } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { provisionedSpillovers } from "./shared/spillover";

const fact = SPILLOVER_FACTS.standardTarget;

const familyText = {
  batch: "a batch deployment",
  developer: "a Developer (fine-tuned model evaluation) deployment",
};

export const spilloverNonStandardTarget: SemanticCheck = {
  code: "spillover/non-standard-target",
  severity: "error",
  description: `A spillover target is a batch (GlobalBatch, DataZoneBatch) or DeveloperTier deployment (after defaults and environment overrides); the target must be a standard deployment (provisioned targets: spillover/provisioned-target). Source: ${fact.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const { scope, link, source, target } of provisionedSpillovers(context)) {
      const family = target.sku === undefined ? undefined : deploymentType(target.sku)?.family;
      if (family !== "batch" && family !== "developer") continue;
      const targetName = context.file.deployments[link.targetIndex]?.name ?? "";
      const expected = (source.sku && deploymentType(source.sku)?.spillsTo) ?? "Standard";
      problems.push({
        key: `${link.sourceIndex}\u0000${link.targetIndex}\u0000${target.sku}`,
        environment: scope.environment,
        path: ["deployments", link.sourceIndex, "spillover"],
        message: (where) =>
          `deployment "${link.source.name}" spills over to "${targetName}", which is ${target.sku} (${familyText[family]})${where}; Azure's spillover guide says ${fact.rule}`,
        hint: `spill over to a ${expected} deployment of the same model and version on the same account`,
      });
    }
    return reportAcrossScopes(spilloverNonStandardTarget, context, problems);
  },
};
