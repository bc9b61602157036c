import { citeSource, SPILLOVER_FACTS } from "../deployment-types";
import type { SemanticCheck } from "./check";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { provisionedSpillovers } from "./shared/spillover";

const fact = SPILLOVER_FACTS.sameModelAndVersion;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const spilloverModelMismatch: SemanticCheck = {
  code: "spillover/model-mismatch",
  severity: "warning",
  description: `A provisioned deployment spills over to a deployment of another model or model version (after environment overrides of \`modelVersion\`): traffic beyond the PTUs would be answered by a different model. A warning: the rule is documented as a tip of the portal's spillover setting, not as a rule of the REST API. Source: ${fact.sources.map(citeSource).join("; ")} (portal tip).`,
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const { scope, link, source, target } of provisionedSpillovers(context)) {
      const targetDeployment = context.file.deployments[link.targetIndex];
      if (!targetDeployment) continue;
      const from = { ...link.source.model, version: source.modelVersion };
      const to = { ...targetDeployment.model, version: target.modelVersion };
      if (same(from.format, to.format) && same(from.name, to.name) && from.version === to.version) continue;
      const describe = (m: typeof from) => `${m.format} ${m.name} version ${m.version}`;
      problems.push({
        key: `${link.sourceIndex}\u0000${link.targetIndex}\u0000${describe(from)}\u0000${describe(to)}`,
        environment: scope.environment,
        path: ["deployments", link.sourceIndex, "spillover"],
        message: (where) =>
          `deployment "${link.source.name}" (${describe(from)}) spills over to "${targetDeployment.name}", which deploys ${describe(to)}${where}; the portal tip of Azure's spillover guide says ${fact.rule}`,
        hint: `spill over to a standard deployment of ${from.name} version ${from.version}, or deploy that version as "${targetDeployment.name}"`,
      });
    }
    return reportAcrossScopes(spilloverModelMismatch, context, problems);
  },
};
