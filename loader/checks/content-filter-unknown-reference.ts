import type { Diagnostic } from "../../diagnostics/diagnostic";
import { didYouMean } from "../../diagnostics/suggest";
import { isMicrosoftBasePolicy, MICROSOFT_BASE_POLICIES } from "../deployment-types";
import type { DocPath } from "../path";
import { finding, type SemanticCheck } from "./check";
import { entries, own } from "./shared/scopes";

export const contentFilterUnknownReference: SemanticCheck = {
  code: "content-filter/unknown-reference",
  severity: "error",
  description:
    "A `contentFilter` (of a deployment, the defaults or an environment) names neither a declared content filter nor a Microsoft base policy.",
  run(context) {
    const { file } = context;
    const references: [string, DocPath][] = [];
    const collect = (value: string | undefined, path: DocPath) => {
      if (value !== undefined) references.push([value, [...path, "contentFilter"]]);
    };
    collect(file.defaults?.contentFilter, ["defaults"]);
    file.deployments.forEach((deployment, index) => {
      collect(deployment.contentFilter, ["deployments", index]);
    });
    for (const [environment, env] of entries(file.environments)) {
      collect(env.defaults?.contentFilter, ["environments", environment, "defaults"]);
      for (const [name, override] of entries(env.deployments)) {
        collect(override.contentFilter, ["environments", environment, "deployments", name]);
      }
    }
    const declared = Object.keys(file.contentFilters ?? {});
    const diagnostics: Diagnostic[] = [];
    for (const [reference, path] of references) {
      if (own(file.contentFilters, reference) !== undefined || isMicrosoftBasePolicy(reference)) continue;
      const known = [...new Set([...declared, ...MICROSOFT_BASE_POLICIES])];
      diagnostics.push(
        finding(
          contentFilterUnknownReference,
          context,
          path,
          `content filter "${reference}" is not declared in \`contentFilters\` and is not a Microsoft base policy`,
          didYouMean(reference, known) ?? `use one of: ${known.join(", ")}`,
        ),
      );
    }
    return diagnostics;
  },
};
