import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { connectionLabel, declaredConnections } from "./shared/connections";
import { connectionNameRule, nameProblem, suggestName } from "./shared/names";

export const connectionInvalidName: SemanticCheck = {
  code: "connection/invalid-name",
  severity: "error",
  description:
    "A project connection's name breaks Azure's rule for connections (3-33 letters, digits, '_' or '-', starting with a letter or digit; no '.').",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const c of declaredConnections(context)) {
      const problem = nameProblem(c.name, connectionNameRule);
      if (problem === undefined) continue;
      const suggestion = suggestName(c.name, connectionNameRule);
      diagnostics.push(
        finding(
          connectionInvalidName,
          context,
          c.path,
          `${connectionLabel(c)}: the name ${problem}`,
          `use ${connectionNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
