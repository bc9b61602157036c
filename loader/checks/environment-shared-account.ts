import type { Diagnostic } from "../../diagnostics/diagnostic";
import { type DocPath, formatPath } from "../path";
import { finding, type SemanticCheck } from "./check";
import { azureAccountText, type EffectiveAccount, effectiveAccounts } from "./shared/effective-accounts";

/**
 * Each environment is deployed by its own Pulumi stack. Two environments that resolve an account key to
 * the same Azure account (an environment without an override of it resolves to the account as written)
 * make two stacks manage one account's deployments: each `pulumi up` undoes the other's changes, and
 * destroying one stack deletes what the other deploys. The file as written is not an environment.
 */
export const environmentSharedAccount: SemanticCheck = {
  code: "environment/shared-account",
  severity: "warning",
  description:
    "Two environments resolve to the same Azure account (subscription, resource group and name), so their Pulumi stacks would fight over its deployments.",
  run(context) {
    const byIdentity = new Map<string, EffectiveAccount[]>();
    for (const { scope, accounts } of effectiveAccounts(context)) {
      if (scope.environment === null) continue;
      for (const account of accounts) {
        const seen = byIdentity.get(account.identity);
        if (!seen) byIdentity.set(account.identity, [account]);
        else if (!seen.some((a) => a.environment === account.environment)) seen.push(account);
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const sharing of byIdentity.values()) {
      const [first, second] = sharing;
      if (!first || !second) continue;
      const names = sharing.map((a) => JSON.stringify(a.environment));
      const environments =
        names.length === 2 ? `${names[0]} and ${names[1]} both` : `${names.join(", ")} all`;
      const keys = [...new Set(sharing.map((a) => a.key))];
      const through =
        keys.length === 1 ? `account "${keys[0]}"` : `accounts ${keys.map((k) => `"${k}"`).join(", ")}`;
      diagnostics.push(
        finding(
          environmentSharedAccount,
          context,
          pointAt(second),
          `environments ${environments} deploy to the Azure account ${azureAccountText(first)} (${through}); their Pulumi stacks would undo each other's changes to it`,
          `give account "${second.key}" its own Azure account in environment "${second.environment}" (\`${formatPath(["environments", second.environment ?? "", "accounts", second.key])}\`: name, resourceGroup or subscription)`,
          { key: true },
        ),
      );
    }
    return diagnostics;
  },
};

/** The environment's override of the account when it has one, else the environment itself. */
function pointAt(account: EffectiveAccount): DocPath {
  return account.overridePath ?? ["environments", account.environment ?? ""];
}
