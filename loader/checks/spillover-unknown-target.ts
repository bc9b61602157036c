import type { Diagnostic } from "../../diagnostics/diagnostic";
import { didYouMean } from "../../diagnostics/suggest";
import { deploymentAccountKeys } from "../resolve";
import { finding, type SemanticCheck } from "./check";
import { accountsText } from "./shared/scopes";
import { spilloverLinks } from "./shared/spillover";

export const spilloverUnknownTarget: SemanticCheck = {
  code: "spillover/unknown-target",
  severity: "error",
  description: "A spillover target is not a deployment on every account of the deployment that spills over.",
  run(context) {
    const missingBySource = new Map<number, string[]>();
    for (const link of spilloverLinks(context)) {
      if (link.targetIndex !== undefined) continue;
      missingBySource.set(link.sourceIndex, [...(missingBySource.get(link.sourceIndex) ?? []), link.account]);
    }
    const diagnostics: Diagnostic[] = [];
    for (const [sourceIndex, missing] of missingBySource) {
      const source = context.file.deployments[sourceIndex];
      if (source?.spillover === undefined) continue;
      const target = source.spillover;
      const accounts = accountsText(missing);
      const candidates = context.file.deployments
        .filter((d) => deploymentAccountKeys(d, context.file).some((a) => missing.includes(a)))
        .map((d) => d.name)
        .filter((name) => name !== source.name);
      diagnostics.push(
        finding(
          spilloverUnknownTarget,
          context,
          ["deployments", sourceIndex, "spillover"],
          `spillover target "${target}" of deployment "${source.name}" is not a deployment on ${accounts}`,
          didYouMean(target, candidates) ??
            `declare a standard deployment "${target}" on ${accounts}, or spill over to one that exists there`,
        ),
      );
    }
    return diagnostics;
  },
};
