import type { Diagnostic } from "../../diagnostics/diagnostic";
import { didYouMean } from "../../diagnostics/suggest";
import { finding, type SemanticCheck } from "./check";
import { entries, own } from "./shared/scopes";

export const blocklistUnknownReference: SemanticCheck = {
  code: "blocklist/unknown-reference",
  severity: "error",
  description: "A content filter's `blocklists` names a blocklist that is not declared in `blocklists`.",
  run(context) {
    const declared = Object.keys(context.file.blocklists ?? {});
    const diagnostics: Diagnostic[] = [];
    for (const [filterName, filter] of entries(context.file.contentFilters)) {
      for (const side of ["prompt", "completion"] as const) {
        filter[side]?.blocklists?.forEach((reference, position) => {
          if (own(context.file.blocklists, reference) !== undefined) return;
          diagnostics.push(
            finding(
              blocklistUnknownReference,
              context,
              ["contentFilters", filterName, side, "blocklists", position],
              `content filter "${filterName}" uses blocklist "${reference}", which is not declared in \`blocklists\``,
              didYouMean(reference, declared) ??
                (declared.length > 0
                  ? `declared blocklists: ${declared.join(", ")}`
                  : `declare it under \`blocklists:\` with its \`items\``),
            ),
          );
        });
      }
    }
    return diagnostics;
  },
};
