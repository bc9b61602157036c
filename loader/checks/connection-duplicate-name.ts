import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { connectionLabel, declaredConnections } from "./shared/connections";
import { lineOf } from "./shared/scopes";

/** Azure resource names are case-insensitive: two keys that differ only in case name one connection. */
export const connectionDuplicateName: SemanticCheck = {
  code: "connection/duplicate-name",
  severity: "error",
  description:
    "Two connections of the same project have the same name, ignoring case (Azure names ignore case).",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    const first = new Map<string, string>();
    for (const c of declaredConnections(context)) {
      const scope = JSON.stringify([c.accountKey, c.projectName, c.name.toLowerCase()]);
      const other = first.get(scope);
      if (other === undefined) {
        first.set(scope, c.name);
        continue;
      }
      diagnostics.push(
        finding(
          connectionDuplicateName,
          context,
          c.path,
          `${connectionLabel(c)} is the same Azure connection as "${other}" at line ${lineOf(context, [...c.path.slice(0, -1), other])} (names ignore case)`,
          "remove one of the two or rename it; Azure would write both to one connection",
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
