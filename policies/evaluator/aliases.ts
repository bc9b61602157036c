/**
 * Azure Policy aliases for Microsoft.CognitiveServices, as data: alias name → path in the ARM
 * resource. Aliases are looked up without case. An alias applies only to resources of its own type;
 * on any other type it reads as missing, as in Azure.
 *
 * Data-plane view (mode `Microsoft.CognitiveServices.Data`). Azure evaluates those definitions on
 * a deployment joined with its content filter. There is no ARM resource of that shape, so callers
 * build one per deployment:
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

export interface Alias {
  /** Canonical spelling, e.g. `Microsoft.CognitiveServices/accounts/disableLocalAuth`. */
  readonly name: string;
  readonly resourceType: string;
  /** Dotted path into the resource; `[*]` marks every element of an array. */
  readonly path: string;
}

/** Per resource type: alias suffix → resource path. `properties.` paths follow Azure's convention. */
const aliasesByType: Record<string, Record<string, string>> = {
  "Microsoft.CognitiveServices/accounts": {
    ...underProperties([
      "disableLocalAuth",
      "publicNetworkAccess",
      "networkAcls.defaultAction",
      "networkAcls.ipRules[*]",
      "networkAcls.ipRules[*].value",
      "networkAcls.virtualNetworkRules[*]",
      "networkAcls.virtualNetworkRules[*].id",
      "networkAcls.virtualNetworkRules[*].ignoreMissingVnetServiceEndpoint",
      "networkAcls.virtualNetworkRules[*].state",
      "encryption.keySource",
      "encryption.keyVaultProperties",
      "encryption.keyVaultProperties.keyName",
      "encryption.keyVaultProperties.keyVersion",
      "encryption.keyVaultProperties.keyVaultUri",
      "encryption.keyVaultProperties.identityClientId",
      "restrictOutboundNetworkAccess",
      "allowedFqdnList[*]",
      "userOwnedStorage[*]",
      "userOwnedStorage[*].resourceId",
      "userOwnedStorage[*].identityClientId",
      "customSubDomainName",
    ]),
    "sku.name": "sku.name",
  },
  "Microsoft.CognitiveServices/accounts/deployments": {
    ...underProperties([
      "model.format",
      "model.name",
      "model.version",
      "model.publisher",
      "raiPolicyName",
      "versionUpgradeOption",
      "spilloverDeploymentName",
    ]),
    "sku.name": "sku.name",
    "sku.capacity": "sku.capacity",
  },
  "Microsoft.CognitiveServices/accounts/raiPolicies": underProperties([
    "basePolicyName",
    "mode",
    "contentFilters[*]",
    "contentFilters[*].name",
    "contentFilters[*].source",
    "contentFilters[*].blocking",
    "contentFilters[*].enabled",
    "contentFilters[*].severityThreshold",
    "customBlocklists[*]",
    "customBlocklists[*].blocklistName",
    "customBlocklists[*].source",
    "customBlocklists[*].blocking",
  ]),
  "Microsoft.CognitiveServices/accounts/raiBlocklists": underProperties(["description"]),
  "Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems": underProperties([
    "pattern",
    "isRegex",
  ]),
  "Microsoft.CognitiveServices.Data/accounts/deployments": {
    ...underProperties([
      "model.publisher",
      "model.assetId",
      "model.format",
      "model.name",
      "model.version",
      "raiPolicy.mode",
      "raiPolicy.basePolicyName",
      "raiPolicy.contentFilters[*]",
      "raiPolicy.contentFilters[*].name",
      "raiPolicy.contentFilters[*].source",
      "raiPolicy.contentFilters[*].blocking",
      "raiPolicy.contentFilters[*].enabled",
      "raiPolicy.contentFilters[*].severityThreshold",
      "raiPolicy.customBlocklists[*]",
      "raiPolicy.customBlocklists[*].blocklistName",
      "raiPolicy.customBlocklists[*].source",
      "raiPolicy.customBlocklists[*].blocking",
    ]),
    "sku.name": "sku.name",
    "sku.capacity": "sku.capacity",
  },
};

function underProperties(suffixes: readonly string[]): Record<string, string> {
  return Object.fromEntries(suffixes.map((suffix) => [suffix, `properties.${suffix}`]));
}

/** Every alias of the table, for documentation and convention tests. */
export const aliases: readonly Alias[] = Object.entries(aliasesByType).flatMap(([resourceType, table]) =>
  Object.entries(table).map(([suffix, path]) => ({ name: `${resourceType}/${suffix}`, resourceType, path })),
);

let index: Map<string, Alias> | undefined;

/** Finds an alias by name, ignoring case. */
export function findAlias(name: string): Alias | undefined {
  // Built on first use: no work at import time.
  index ??= new Map(aliases.map((alias) => [alias.name.toLowerCase(), alias]));
  return index.get(name.toLowerCase());
}
