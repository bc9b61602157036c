import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";
import { blocklistNamesOf, usedContentFilterNames } from "./shared/usage";

/** A blocklist is created only with a content filter that uses it, on the accounts that filter is on. */
export const blocklistUnused: SemanticCheck = {
  code: "blocklist/unused",
  severity: "warning",
  description:
    "A declared blocklist is attached to no content filter that is deployed, so it is not deployed.",
  run(context) {
    const usedFilters = usedContentFilterNames(context);
    const deployed = new Set<string>();
    const referenced = new Set<string>();
    for (const [filterName, filter] of entries(context.file.contentFilters)) {
      for (const blocklist of blocklistNamesOf(filter)) {
        referenced.add(blocklist);
        if (usedFilters.has(filterName)) deployed.add(blocklist);
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const name of Object.keys(context.file.blocklists ?? {})) {
      if (deployed.has(name)) continue;
      diagnostics.push(
        finding(
          blocklistUnused,
          context,
          ["blocklists", name],
          referenced.has(name)
            ? `blocklist "${name}" is attached only to content filters no deployment uses: it will not be deployed`
            : `blocklist "${name}" is attached to no content filter: it will not be deployed`,
          `list it under \`prompt.blocklists\` or \`completion.blocklists\` of a content filter in use, or remove it`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
