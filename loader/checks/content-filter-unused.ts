import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { usedContentFilterNames } from "./shared/usage";

/** Nothing the user declared is dropped silently: a filter no deployment uses is not created anywhere. */
export const contentFilterUnused: SemanticCheck = {
  code: "content-filter/unused",
  severity: "warning",
  description:
    "A declared content filter is used by no enabled deployment, as written or in any environment, so it is not deployed.",
  run(context) {
    const used = usedContentFilterNames(context);
    const diagnostics: Diagnostic[] = [];
    for (const name of Object.keys(context.file.contentFilters ?? {})) {
      if (used.has(name)) continue;
      diagnostics.push(
        finding(
          contentFilterUnused,
          context,
          ["contentFilters", name],
          `content filter "${name}" is used by no enabled deployment in any environment: it will not be deployed`,
          `set \`contentFilter: ${name}\` on a deployment or in \`defaults\`, or remove the filter`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
