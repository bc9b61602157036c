import type { Diagnostic } from "../../diagnostics/diagnostic";
import { citeSource } from "../deployment-types";
import { PROJECTS, usesUserAssigned } from "../projects";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

export const projectUserAssignedIdentities: SemanticCheck = {
  code: "project/user-assigned-identities",
  severity: "error",
  description: `A project's \`identity\` and \`userAssignedIdentities\` disagree: UserAssigned (or 'SystemAssigned, UserAssigned') without any identity listed, which Azure cannot assign, or identities listed with an identity type that does not use them, which would not be sent. Source: ${PROJECTS.identity.sources.map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [accountKey, account] of entries(context.file.accounts)) {
      for (const [name, project] of entries(account.projects)) {
        const at = ["accounts", accountKey, "projects", name];
        const listed = project.userAssignedIdentities !== undefined;
        if (usesUserAssigned(project.identity) && !listed) {
          diagnostics.push(
            finding(
              projectUserAssignedIdentities,
              context,
              [...at, "identity"],
              `project "${name}" on account "${accountKey}" has identity ${JSON.stringify(project.identity)} but lists no user-assigned identity`,
              "add `userAssignedIdentities:` with the ARM id of each identity (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>)",
            ),
          );
        } else if (listed && !usesUserAssigned(project.identity)) {
          diagnostics.push(
            finding(
              projectUserAssignedIdentities,
              context,
              [...at, "userAssignedIdentities"],
              `project "${name}" on account "${accountKey}" lists user-assigned identities, but its identity is ${project.identity === undefined ? "not declared" : JSON.stringify(project.identity)}, so they would not be assigned`,
              'set `identity: UserAssigned` (or "SystemAssigned, UserAssigned"), or remove `userAssignedIdentities`',
              { key: true },
            ),
          );
        }
      }
    }
    return diagnostics;
  },
};
