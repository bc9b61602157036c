/**
 * Azure Policy aliases, as data: alias name → path in the ARM resource. Aliases are looked up without
 * case. An alias applies only to resources of its own type; on any other type it reads as missing, as in
 * Azure.
 *
 * Two tables:
 * - `aliases.json`: the Microsoft.CognitiveServices aliases Azure publishes (Get-AzPolicyAlias output:
 *   name and default path; its `source` block names the repository, files, commits and date). Array
 *   sub-resources keep Azure's own paths, e.g. `privateEndpointConnections[*].privateLinkServiceConnectionState.status`
 *   → `properties.privateEndpointConnections[*].properties.privateLinkServiceConnectionState.status`.
 * - `dataPlaneAliases` below: the `Microsoft.CognitiveServices.Data` aliases, which Get-AzPolicyAlias
 *   does not list. See its note.
 *
 * A field reference in one of these namespaces that neither table has is an evaluation error with the
 * nearest alias, as Azure rejects a definition naming an alias that does not exist; it is never read as
 * a guessed path. Aliases of other namespaces (e.g. Microsoft.Search in the AI built-ins) are outside
 * the tables: they read as missing on resources of other types, and fail on a resource of their own type.
 *
 * Data-plane view (mode `Microsoft.CognitiveServices.Data`). Azure evaluates those definitions on a
 * deployment joined with its content filter. There is no ARM resource of that shape, so callers build
 * one per deployment:
 *
 *   {
 *     "id":   "<the deployment's ARM id>",
 *     "name": "<deployment name>",
 *     "type": "Microsoft.CognitiveServices.Data/accounts/deployments",
 *     "sku":  { "name": "GlobalStandard", "capacity": 10 },
 *     "properties": {
 *       "model": {
 *         "format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06",
 *         "publisher": "OpenAI",
 *         "assetId": "azureml://registries/azure-openai/models/gpt-4o/versions/2024-08-06"
 *       },
 *       "raiPolicy": {            // the raiPolicies resource the deployment names, its `properties` inlined
 *         "name": "strict-filter",
 *         "mode": "Blocking",
 *         "basePolicyName": "Microsoft.DefaultV2",
 *         "contentFilters": [{ "name": "Hate", "source": "Prompt", "enabled": true,
 *                              "blocking": true, "severityThreshold": "Medium" }],
 *         "customBlocklists": [{ "blocklistName": "words", "source": "Prompt", "blocking": true }]
 *       }
 *     }
 *   }
 *
 * A deployment without `raiPolicyName` gets the account default (`Microsoft.DefaultV2`); the view
 * should then carry that policy's filters, or omit `raiPolicy` if they are unknown (definitions
 * then see no content filters, which 930f48f9 flags).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { closest, distance } from "fastest-levenshtein";

export interface Alias {
  /** Canonical spelling, e.g. `Microsoft.CognitiveServices/accounts/disableLocalAuth`. */
  readonly name: string;
  readonly resourceType: string;
  /** Dotted path into the resource; `[*]` marks every element of an array. */
  readonly path: string;
}

/** Where a data-plane alias name comes from. */
type DataPlaneOrigin =
  | { builtin: string }
  /** Not in any Microsoft definition: the project's own reading of its data-plane view. */
  | "project view";

/**
 * `Microsoft.CognitiveServices.Data/accounts/deployments` aliases. Microsoft publishes the names only,
 * in its built-in definitions (Azure/azure-policy, built-in-policies/policyDefinitions/Cognitive
 * Services/, read from ../shared/reference/azure-policy/builtins/ at commit f4a50bac, 2026-04-29); no
 * path is published. The paths are the project's data-plane view described above (`properties.` of the
 * view, `sku` at its top). Names marked "project view" appear in no Microsoft definition.
 */
const dataPlaneAliases: readonly { suffix: string; path: string; origin: DataPlaneOrigin }[] = [
  { suffix: "model.publisher", path: "properties.model.publisher", origin: { builtin: "aafe3651" } },
  { suffix: "model.assetId", path: "properties.model.assetId", origin: { builtin: "aafe3651" } },
  { suffix: "model.format", path: "properties.model.format", origin: "project view" },
  { suffix: "model.name", path: "properties.model.name", origin: "project view" },
  { suffix: "model.version", path: "properties.model.version", origin: "project view" },
  { suffix: "raiPolicy.mode", path: "properties.raiPolicy.mode", origin: { builtin: "c1ad46c6" } },
  { suffix: "raiPolicy.basePolicyName", path: "properties.raiPolicy.basePolicyName", origin: "project view" },
  ...["", ".name", ".source", ".enabled", ".blocking", ".severityThreshold"].map((field) => ({
    suffix: `raiPolicy.contentFilters[*]${field}`,
    path: `properties.raiPolicy.contentFilters[*]${field}`,
    origin: { builtin: field === ".severityThreshold" ? "930f48f9" : "930f48f9, f3a9c2e0, af253d37" },
  })),
  ...["", ".blocklistName", ".source", ".blocking"].map((field) => ({
    suffix: `raiPolicy.customBlocklists[*]${field}`,
    path: `properties.raiPolicy.customBlocklists[*]${field}`,
    origin: "project view" as const,
  })),
  { suffix: "sku.name", path: "sku.name", origin: "project view" },
  { suffix: "sku.capacity", path: "sku.capacity", origin: "project view" },
];

const DATA_PLANE_TYPE = "Microsoft.CognitiveServices.Data/accounts/deployments";

/** Namespaces whose aliases the tables cover completely: a name they lack is an error, not a guess. */
export const coveredNamespaces: readonly string[] = [
  "Microsoft.CognitiveServices",
  "Microsoft.CognitiveServices.Data",
];

interface AliasFile {
  source: Record<string, unknown>;
  types: Record<string, Record<string, string>>;
}

interface AliasIndex {
  all: Alias[];
  byName: Map<string, Alias>;
  /** Lower-case resource type → its aliases. */
  byType: Map<string, Alias[]>;
}

let index: AliasIndex | undefined;

/** Reads the table on first use: no work at import time. */
function aliasIndex(): AliasIndex {
  if (index) return index;
  const file = JSON.parse(readFileSync(path.join(__dirname, "aliases.json"), "utf8")) as AliasFile;
  const all: Alias[] = [];
  for (const [resourceType, table] of Object.entries(file.types)) {
    for (const [name, aliasPath] of Object.entries(table)) all.push({ name, resourceType, path: aliasPath });
  }
  for (const { suffix, path: aliasPath } of dataPlaneAliases) {
    all.push({ name: `${DATA_PLANE_TYPE}/${suffix}`, resourceType: DATA_PLANE_TYPE, path: aliasPath });
  }
  const byName = new Map<string, Alias>();
  const byType = new Map<string, Alias[]>();
  for (const alias of all) {
    byName.set(alias.name.toLowerCase(), alias);
    const type = alias.resourceType.toLowerCase();
    byType.set(type, [...(byType.get(type) ?? []), alias]);
  }
  index = { all, byName, byType };
  return index;
}

/** Every alias of both tables, for documentation and convention tests. */
export function allAliases(): readonly Alias[] {
  return aliasIndex().all;
}

/**
 * Every alias, as the array it used to be. A proxy reads the table on first access, so importing it
 * does no work.
 */
export const aliases: readonly Alias[] = new Proxy([] as Alias[], {
  get: (_target, property) => Reflect.get(aliasIndex().all, property),
  has: (_target, property) => Reflect.has(aliasIndex().all, property),
  ownKeys: () => Reflect.ownKeys(aliasIndex().all),
  getOwnPropertyDescriptor: (_target, property) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(aliasIndex().all, property);
    return descriptor && property !== "length" ? { ...descriptor, configurable: true } : descriptor;
  },
});

/** Finds an alias by name, ignoring case. */
export function findAlias(name: string): Alias | undefined {
  return aliasIndex().byName.get(name.toLowerCase());
}

/** The source block of the published table (repository, files, commits, date). */
export function aliasTableSource(): Record<string, unknown> {
  return (JSON.parse(readFileSync(path.join(__dirname, "aliases.json"), "utf8")) as AliasFile).source;
}

/** The namespace and resource type an alias name is written for: everything before its last `/`. */
export function aliasResourceType(name: string): string {
  return name.slice(0, name.lastIndexOf("/"));
}

/** Whether the tables cover every alias of this name's namespace. */
export function isCoveredNamespace(name: string): boolean {
  const namespace = (name.split("/")[0] ?? "").toLowerCase();
  return coveredNamespaces.some((covered) => covered.toLowerCase() === namespace);
}

/**
 * Why an alias name of a covered namespace is not one Azure publishes, with the nearest published name
 * of the same resource type (or of the namespace when the type itself is unknown).
 */
export function unknownAliasMessage(name: string): string {
  const { byType, all } = aliasIndex();
  const type = aliasResourceType(name);
  const sameType = byType.get(type.toLowerCase());
  const namespace = (name.split("/")[0] ?? "").toLowerCase();
  const candidates = sameType ?? all.filter((alias) => alias.name.toLowerCase().startsWith(`${namespace}/`));
  const where = sameType ? type : `${name.split("/")[0]} (no resource type ${type} has aliases)`;
  const lower = name.toLowerCase();
  const nearest = candidates.length
    ? closest(
        lower,
        candidates.map((alias) => alias.name.toLowerCase()),
      )
    : undefined;
  const suggestion = nearest === undefined ? undefined : findAlias(nearest)?.name;
  const close =
    suggestion !== undefined &&
    distance(lower, suggestion.toLowerCase()) <= Math.max(3, Math.floor(lower.length / 4));
  return close
    ? `alias '${name}' does not exist for ${where}; did you mean '${suggestion}'?`
    : `alias '${name}' does not exist for ${where}`;
}
