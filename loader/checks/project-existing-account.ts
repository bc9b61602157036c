import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

/**
 * An account aideploy creates gets `allowProjectManagement: true` when it declares projects; an existing
 * one keeps whatever it has, which the file does not say (loader/projects.ts PROJECTS.allowProjectManagement).
 */
export const projectExistingAccount: SemanticCheck = {
  code: "project/existing-account",
  severity: "warning",
  description:
    "Projects are declared on an existing account (`create: false`): whether it allows project management (`allowProjectManagement`) is not known from the file.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [accountKey, account] of entries(context.file.accounts)) {
      if (account.create === true || Object.keys(account.projects ?? {}).length === 0) continue;
      diagnostics.push(
        finding(
          projectExistingAccount,
          context,
          ["accounts", accountKey, "projects"],
          `account "${accountKey}" exists (\`create: false\`) and aideploy does not change it, so whether it allows project management (properties.allowProjectManagement) is unknown here`,
          `check it before \`pulumi up\`: az cognitiveservices account show -n ${account.name} -g ${account.resourceGroup} --query properties.allowProjectManagement (it must be true)`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
