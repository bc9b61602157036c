import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

export const blocklistDuplicateItem: SemanticCheck = {
  code: "blocklist/duplicate-item",
  severity: "warning",
  description: "A blocklist has the same item twice (same pattern, same `regex`).",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [name, blocklist] of entries(context.file.blocklists)) {
      const firstByItem = new Map<string, number>();
      blocklist.items.forEach((item, position) => {
        const pattern = typeof item === "string" ? item : item.pattern;
        const regex = typeof item !== "string" && item.regex === true;
        const key = `${regex}\u0000${pattern}`;
        const first = firstByItem.get(key);
        if (first === undefined) {
          firstByItem.set(key, position);
          return;
        }
        diagnostics.push(
          finding(
            blocklistDuplicateItem,
            context,
            ["blocklists", name, "items", position],
            `blocklist "${name}" has ${JSON.stringify(pattern)} twice (items ${first + 1} and ${position + 1})`,
            "remove the repeated item",
          ),
        );
      });
    }
    return diagnostics;
  },
};
