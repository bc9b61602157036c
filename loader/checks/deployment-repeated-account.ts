import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";

export const deploymentRepeatedAccount: SemanticCheck = {
  code: "deployment/repeated-account",
  severity: "warning",
  description: "A deployment lists the same account twice in `accounts`; it is deployed there once.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      const seen = new Set<string>();
      deployment.accounts?.forEach((account, position) => {
        if (!seen.has(account)) {
          seen.add(account);
          return;
        }
        diagnostics.push(
          finding(
            deploymentRepeatedAccount,
            context,
            ["deployments", index, "accounts", position],
            `deployment "${deployment.name}" lists account "${account}" twice`,
            "remove the repeated entry",
          ),
        );
      });
    });
    return diagnostics;
  },
};
