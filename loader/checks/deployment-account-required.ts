import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";

export const deploymentAccountRequired: SemanticCheck = {
  code: "deployment/account-required",
  severity: "error",
  description: "A deployment names no account while the file declares several; it would go nowhere.",
  run(context) {
    const keys = Object.keys(context.file.accounts);
    if (keys.length < 2) return [];
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (deployment.account !== undefined || deployment.accounts !== undefined) return;
      diagnostics.push(
        finding(
          deploymentAccountRequired,
          context,
          ["deployments", index, "name"],
          `deployment "${deployment.name}" names no account, and the file has ${keys.length} accounts`,
          `add \`account: <key>\` or \`accounts: [<key>, …]\` with keys from: ${keys.join(", ")}`,
          { key: true },
        ),
      );
    });
    return diagnostics;
  },
};
