import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { entries, lineOf } from "./shared/scopes";

/** Azure resource names are case-insensitive: two keys that differ only in case name one project. */
export const projectDuplicateName: SemanticCheck = {
  code: "project/duplicate-name",
  severity: "error",
  description:
    "Two projects on the same account have the same name, ignoring case (Azure names ignore case).",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [accountKey, account] of entries(context.file.accounts)) {
      const first = new Map<string, string>();
      for (const name of Object.keys(account.projects ?? {})) {
        const other = first.get(name.toLowerCase());
        if (other === undefined) {
          first.set(name.toLowerCase(), name);
          continue;
        }
        diagnostics.push(
          finding(
            projectDuplicateName,
            context,
            ["accounts", accountKey, "projects", name],
            `project "${name}" on account "${accountKey}" is the same Azure project as "${other}" at line ${lineOf(context, ["accounts", accountKey, "projects", other])} (names ignore case)`,
            `remove one of the two or rename it; Azure would write both to one project`,
            { key: true },
          ),
        );
      }
    }
    return diagnostics;
  },
};
