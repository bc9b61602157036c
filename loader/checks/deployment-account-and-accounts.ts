import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";

export const deploymentAccountAndAccounts: SemanticCheck = {
  code: "deployment/account-and-accounts",
  severity: "error",
  description: "A deployment sets both `account` and `accounts`; only `accounts` would be used.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (deployment.account === undefined || deployment.accounts === undefined) return;
      const listed = deployment.accounts.includes(deployment.account);
      diagnostics.push(
        finding(
          deploymentAccountAndAccounts,
          context,
          ["deployments", index, "account"],
          `deployment "${deployment.name}" sets both \`account\` and \`accounts\``,
          listed
            ? `remove \`account\`; \`accounts\` already lists "${deployment.account}"`
            : `add "${deployment.account}" to \`accounts\` and remove \`account\`, or keep only one of the two`,
          { key: true },
        ),
      );
    });
    return diagnostics;
  },
};
