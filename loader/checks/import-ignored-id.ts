import { didYouMean } from "../../diagnostics/suggest";
import type { ImportIds } from "../file-types.generated";
import type { DocPath } from "../path";
import { deploymentAccountKeys } from "../resolve";
import type { CheckContext, SemanticCheck } from "./check";
import { scopeViews } from "./shared/effective";
import { entries, own, reportAcrossScopes, type ScopedProblem } from "./shared/scopes";
import { blocklistNamesOf } from "./shared/usage";

/**
 * An import id the desired state cannot use is dropped, and the resource would be created instead of
 * adopted: a single id for a resource on several accounts, or a map entry for an account it is never on.
 */
export const importIgnoredId: SemanticCheck = {
  code: "import/ignored-id",
  severity: "error",
  description:
    "An `import` id would be ignored: one id for a resource on several accounts, or an id for an account the resource is never on.",
  run(context) {
    const problems: ScopedProblem[] = [];
    for (const resource of importingResources(context)) {
      const { ids, path, what } = resource;
      if (typeof ids === "string") {
        for (const [environment, accounts] of resource.accountsByScope) {
          if (accounts.length <= 1) continue;
          problems.push({
            key: path.join("\u0000"),
            environment,
            path: [...path, "import"],
            message: (where) =>
              `${what} is on accounts ${accounts.join(", ")}${where}, so a single import id would be ignored`,
            hint: `write \`import:\` as a map from account key to id (${accounts.map((a) => `${a}: <id>`).join(", ")})`,
          });
        }
        continue;
      }
      const everywhere = [...new Set([...resource.accountsByScope.values()].flat())];
      // A resource on no account at all is reported by the checks of its references or of its use.
      if (everywhere.length === 0) continue;
      for (const [account] of entries(ids)) {
        if (everywhere.includes(account)) continue;
        problems.push({
          key: `${path.join("\u0000")}\u0000${account}`,
          environment: null,
          path: [...path, "import", account],
          pointAtKey: true,
          message: () => `${what} is never on account "${account}", so its import id there would be ignored`,
          hint: didYouMean(account, everywhere) ?? `it is on: ${everywhere.join(", ")}`,
        });
      }
    }
    return reportAcrossScopes(importIgnoredId, context, problems);
  },
};

interface ImportingResource {
  ids: ImportIds;
  path: DocPath;
  what: string;
  /** The accounts the resource is on, as written (null) and in each environment. */
  accountsByScope: Map<string | null, string[]>;
}

/** Every resource with `import`, and the accounts it lands on in each scope. */
function importingResources(context: CheckContext): ImportingResource[] {
  const { file } = context;
  const resources: ImportingResource[] = [];
  const views = scopeViews(context);
  const placements = file.deployments.map((deployment) => [
    ...new Set(
      deploymentAccountKeys(deployment, file).filter((key) => own(file.accounts, key) !== undefined),
    ),
  ]);
  file.deployments.forEach((deployment, index) => {
    if (deployment.import === undefined) return;
    const accounts = placements[index] ?? [];
    resources.push({
      ids: deployment.import,
      path: ["deployments", index],
      what: `deployment "${deployment.name}"`,
      accountsByScope: new Map(views.map((view) => [view.scope.environment, accounts])),
    });
  });

  const filtersWithImport = entries(file.contentFilters).filter(([, f]) => f.import !== undefined);
  const blocklistsWithImport = entries(file.blocklists).filter(([, b]) => b.import !== undefined);
  if (filtersWithImport.length === 0 && blocklistsWithImport.length === 0) return resources;

  const filterResources = new Map<string, ImportingResource>();
  for (const [name, filter] of filtersWithImport) {
    filterResources.set(name, {
      ids: filter.import as ImportIds,
      path: ["contentFilters", name],
      what: `content filter "${name}"`,
      accountsByScope: new Map(),
    });
  }
  const blocklistResources = new Map<string, ImportingResource>();
  for (const [name, blocklist] of blocklistsWithImport) {
    blocklistResources.set(name, {
      ids: blocklist.import as ImportIds,
      path: ["blocklists", name],
      what: `blocklist "${name}"`,
      accountsByScope: new Map(),
    });
  }
  // Content filters are on the accounts whose enabled deployments use them; blocklists go with them.
  for (const { scope, deployments } of views) {
    const filterAccounts = new Map<string, Set<string>>();
    deployments.forEach((deployment, index) => {
      const filter = deployment.contentFilter;
      if (!deployment.enabled || filter === undefined) return;
      const set = filterAccounts.get(filter) ?? new Set<string>();
      for (const account of placements[index] ?? []) set.add(account);
      filterAccounts.set(filter, set);
    });
    const blocklistAccounts = new Map<string, Set<string>>();
    for (const [name, filter] of entries(file.contentFilters)) {
      const accounts = filterAccounts.get(name) ?? new Set<string>();
      filterResources.get(name)?.accountsByScope.set(scope.environment, [...accounts]);
      for (const blocklist of blocklistNamesOf(filter)) {
        const set = blocklistAccounts.get(blocklist) ?? new Set<string>();
        for (const account of accounts) set.add(account);
        blocklistAccounts.set(blocklist, set);
      }
    }
    for (const [name, resource] of blocklistResources) {
      resource.accountsByScope.set(scope.environment, [...(blocklistAccounts.get(name) ?? [])]);
    }
  }
  return [...resources, ...filterResources.values(), ...blocklistResources.values()];
}
