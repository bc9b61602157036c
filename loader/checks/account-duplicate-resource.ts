import type { AideployDeploymentsFile } from "../file-types.generated";
import type { DocPath } from "../path";
import type { SemanticCheck } from "./check";
import { entries, own, reportAcrossScopes, type Scope, type ScopedProblem, scopes } from "./shared/scopes";

/**
 * Two account keys that resolve to one Azure account (often a copied environment override) would
 * write the deployments of both keys into the same account, each key undoing the other.
 */
export const accountDuplicateResource: SemanticCheck = {
  code: "account/duplicate-resource",
  severity: "error",
  description:
    "Two account keys name the same Azure account (subscription, resource group and name), as written or in an environment.",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const scope of scopes(context.file)) {
      const firstByIdentity = new Map<string, string>();
      for (const account of effectiveAccounts(context.file, scope)) {
        const first = firstByIdentity.get(account.identity);
        if (first === undefined) {
          firstByIdentity.set(account.identity, account.key);
          continue;
        }
        problems.push({
          key: `${first}\u0000${account.key}`,
          environment: scope.environment,
          path: account.namePath,
          message: (where) =>
            `accounts "${first}" and "${account.key}" both name the Azure account "${account.name}" in resource group "${account.resourceGroup}"${where}`,
          hint: "give each account key its own Azure account; deployments of both keys would land in one account",
        });
      }
    }
    return reportAcrossScopes(accountDuplicateResource, context, problems);
  },
};

function effectiveAccounts(file: AideployDeploymentsFile, scope: Scope) {
  return entries(file.accounts).map(([key, declared]) => {
    const override = scope.environment === null ? undefined : own(scope.env.accounts, key);
    const name = override?.name ?? declared.name;
    const resourceGroup = override?.resourceGroup ?? declared.resourceGroup;
    const subscription =
      override?.subscription ?? declared.subscription ?? scope.env.subscription ?? file.subscription;
    const namePath: DocPath =
      override?.name !== undefined && scope.environment !== null
        ? ["environments", scope.environment, "accounts", key, "name"]
        : ["accounts", key, "name"];
    const identity = [subscription ?? "", resourceGroup, name].join("\u0000").toLowerCase();
    return { key, name, resourceGroup, namePath, identity };
  });
}
