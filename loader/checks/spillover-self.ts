import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { isSelfSpillover } from "./shared/spillover";

export const spilloverSelf: SemanticCheck = {
  code: "spillover/self",
  severity: "error",
  description: "A deployment names itself as its spillover target.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (!isSelfSpillover(deployment)) return;
      diagnostics.push(
        finding(
          spilloverSelf,
          context,
          ["deployments", index, "spillover"],
          `deployment "${deployment.name}" spills over to itself`,
          "name a standard (token-based) deployment on the same account, or remove `spillover`",
        ),
      );
    });
    return diagnostics;
  },
};
