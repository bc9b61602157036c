import type { Diagnostic } from "../../diagnostics/diagnostic";
import { PROJECTS } from "../projects";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

export const projectUnsupportedAccountKind: SemanticCheck = {
  code: "project/unsupported-account-kind",
  severity: "error",
  description: `Projects are declared on an account whose kind cannot hold them (only ${PROJECTS.accountKind.kinds.join(", ")} accounts, Foundry resources, hold projects).`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [accountKey, account] of entries(context.file.accounts)) {
      const kind = account.kind ?? "AIServices";
      if (Object.keys(account.projects ?? {}).length === 0 || PROJECTS.accountKind.kinds.includes(kind))
        continue;
      diagnostics.push(
        finding(
          projectUnsupportedAccountKind,
          context,
          ["accounts", accountKey, "projects"],
          `account "${accountKey}" is of kind ${kind}, which holds no Foundry projects; projects live on ${PROJECTS.accountKind.kinds.join(", ")} (Foundry) accounts`,
          `move the projects to an AIServices account, or set \`kind: AIServices\` on account "${accountKey}" if it is one`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};
