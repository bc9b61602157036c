import type { SemanticCheck } from "./check";
import { effectiveAccounts } from "./shared/effective-accounts";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

/**
 * Two account keys that resolve to one Azure account (often a copied environment override) would
 * write the deployments of both keys into the same account, each key undoing the other. The finding
 * points at the value of the scope that makes the second key that account: an environment's override
 * of its name, resource group or subscription, else its name.
 */
export const accountDuplicateResource: SemanticCheck = {
  code: "account/duplicate-resource",
  severity: "error",
  description:
    "Two account keys name the same Azure account (subscription, resource group and name), as written or in an environment.",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const { scope, accounts } of effectiveAccounts(context)) {
      const firstByIdentity = new Map<string, string>();
      for (const account of accounts) {
        const first = firstByIdentity.get(account.identity);
        if (first === undefined) {
          firstByIdentity.set(account.identity, account.key);
          continue;
        }
        problems.push({
          key: `${first}\u0000${account.key}`,
          environment: scope.environment,
          path: account.identityPath,
          message: (where) =>
            `accounts "${first}" and "${account.key}" both name the Azure account "${account.name}" in resource group "${account.resourceGroup}"${where}`,
          hint: "give each account key its own Azure account; deployments of both keys would land in one account",
        });
      }
    }
    return reportAcrossScopes(accountDuplicateResource, context, problems);
  },
};
