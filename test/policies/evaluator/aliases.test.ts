import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  aliases,
  aliasTableSource,
  findAlias,
  type JsonValue,
  parseDefinition,
  parseJsonText,
} from "../../../policies/evaluator";
import { parsePath } from "../../../policies/evaluator/fields";
import { referenceDir } from "../../support/paths";
import { aiServicesAccount, errorOf, matches, ruleOf } from "./support";

/** Every field reference a definition makes: `field` operands, count fields and field('...') calls. */
function fieldReferences(json: JsonValue, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(json)) {
    for (const item of json) fieldReferences(item, found);
  } else if (json !== null && typeof json === "object") {
    for (const [key, value] of Object.entries(json)) {
      if (key.toLowerCase() === "field" && typeof value === "string") found.add(value);
      fieldReferences(value, found);
    }
  } else if (typeof json === "string") {
    for (const match of json.matchAll(/field\('([^']+)'\)/gi)) if (match[1]) found.add(match[1]);
  }
  return found;
}

const folder = path.join(referenceDir, "azure-policy");
const referenceFiles = fs.readdirSync(folder).filter((name) => name.endsWith(".json"));

describe("alias table", () => {
  it.each(referenceFiles)("has every Microsoft.CognitiveServices alias that %s uses", (file) => {
    const json = parseJsonText(fs.readFileSync(path.join(folder, file), "utf8"));
    const used = [...fieldReferences(json)].filter((field) =>
      field.toLowerCase().startsWith("microsoft.cognitiveservices"),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((alias) => findAlias(alias) === undefined)).toEqual([]);
  });

  it("maps the data-plane aliases into the view resource", () => {
    expect(findAlias("Microsoft.CognitiveServices.Data/accounts/deployments/model.assetId")?.path).toBe(
      "properties.model.assetId",
    );
    expect(
      findAlias(
        "Microsoft.CognitiveServices.Data/accounts/deployments/raiPolicy.contentFilters[*].severityThreshold",
      )?.path,
    ).toBe("properties.raiPolicy.contentFilters[*].severityThreshold");
    expect(findAlias("Microsoft.CognitiveServices.Data/accounts/deployments/sku.capacity")?.path).toBe(
      "sku.capacity",
    );
  });

  it("finds aliases without case", () => {
    expect(findAlias("MICROSOFT.COGNITIVESERVICES/ACCOUNTS/DEPLOYMENTS/MODEL.NAME")).toEqual({
      name: "Microsoft.CognitiveServices/accounts/deployments/model.name",
      resourceType: "Microsoft.CognitiveServices/accounts/deployments",
      path: "properties.model.name",
    });
    expect(findAlias("Microsoft.CognitiveServices/accounts/unknownThing")).toBeUndefined();
  });

  it("has unique names and paths that parse", () => {
    const names = aliases.map((alias) => alias.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const alias of aliases) expect(() => parsePath(alias.path)).not.toThrow();
  });

  it.each([
    [
      "Microsoft.CognitiveServices/accounts",
      [
        "disableLocalAuth",
        "publicNetworkAccess",
        "networkAcls.defaultAction",
        "networkAcls.ipRules[*]",
        "networkAcls.virtualNetworkRules[*]",
        "encryption.keySource",
        "encryption.keyVaultProperties.keyName",
        "restrictOutboundNetworkAccess",
        "allowedFqdnList[*]",
        "userOwnedStorage[*]",
        "customSubDomainName",
        "sku.name",
      ],
    ],
    [
      "Microsoft.CognitiveServices/accounts/deployments",
      [
        "model.format",
        "model.name",
        "model.version",
        "model.publisher",
        "sku.name",
        "sku.capacity",
        "raiPolicyName",
        "versionUpgradeOption",
        "spilloverDeploymentName",
      ],
    ],
    [
      "Microsoft.CognitiveServices/accounts/raiPolicies",
      [
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
      ],
    ],
    ["Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems", ["pattern", "isRegex"]],
    [
      "Microsoft.CognitiveServices.Data/accounts/deployments",
      [
        "model.publisher",
        "model.assetId",
        "model.format",
        "model.name",
        "model.version",
        "sku.name",
        "sku.capacity",
        "raiPolicy.mode",
        "raiPolicy.basePolicyName",
        "raiPolicy.contentFilters[*]",
      ],
    ],
  ])("covers the %s aliases the project needs", (type, suffixes) => {
    expect(suffixes.filter((suffix) => findAlias(`${type}/${suffix}`) === undefined)).toEqual([]);
  });
});

const builtinsFolder = path.join(referenceDir, "azure-policy", "builtins", "definitions");
const builtinFiles = fs.readdirSync(builtinsFolder).filter((name) => name.endsWith(".json"));

/** Fields a definition's `if` reads (the `then.details` conditions are evaluated on other resources). */
function ruleFields(file: string): string[] {
  const json = parseJsonText(fs.readFileSync(path.join(builtinsFolder, file), "utf8")) as {
    properties: { policyRule: { if: JsonValue } };
  };
  return [...fieldReferences(json.properties.policyRule.if)];
}

const builtInFields = new Set([
  "type",
  "name",
  "kind",
  "location",
  "id",
  "identity.type",
  "fullname",
  "tags",
]);

/** Aliases of other namespaces the AI built-ins read, which the tables do not cover by design. */
const otherNamespaces = new Set([
  "Microsoft.Search/searchServices/disableLocalAuth",
  "Microsoft.Search/searchServices/privateEndpointConnections[*]",
  "Microsoft.Search/searchServices/privateEndpointConnections[*].privateLinkServiceConnectionState.status",
  "Microsoft.Search/searchServices/publicNetworkAccess",
  "Microsoft.Search/searchServices/networkRuleSet.ipRules[*].value",
  "Microsoft.Network/privateEndpoints/privateLinkServiceConnections[*]",
  "Microsoft.Network/privateEndpoints/privateLinkServiceConnections[*].privateLinkServiceId",
  "Microsoft.Network/privateEndpoints/privateLinkServiceConnections[*].groupIds[*]",
]);

describe("the published alias table", () => {
  it("holds Azure's 693 Microsoft.CognitiveServices aliases of 23 types and the 19 data-plane ones", () => {
    const published = aliases.filter((alias) => !alias.resourceType.includes(".Data/"));
    expect(published).toHaveLength(693);
    expect(new Set(published.map((alias) => alias.resourceType)).size).toBe(23);
    expect(aliases.filter((alias) => alias.resourceType.includes(".Data/"))).toHaveLength(19);
  });

  it("names its source: repository, files with their commits, and the date it was read", () => {
    const source = aliasTableSource() as {
      repository: string;
      paths: string[];
      fileCommits: Record<string, string>;
      retrieved: string;
    };
    expect(source.repository).toBe("maciejporebski/azure-policy-aliases");
    expect(source.paths).toHaveLength(23);
    for (const file of source.paths) expect(source.fileCommits[file]).toMatch(/^[0-9a-f]{40}$/);
    expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ["Microsoft.CognitiveServices/accounts/sku", "sku"],
    [
      "Microsoft.CognitiveServices/accounts/privateEndpointConnections[*].privateLinkServiceConnectionState.status",
      "properties.privateEndpointConnections[*].properties.privateLinkServiceConnectionState.status",
    ],
    [
      "Microsoft.CognitiveServices/accounts/privateEndpointConnections[*].id",
      "properties.privateEndpointConnections[*].id",
    ],
    ["Microsoft.CognitiveServices/accounts/capabilities[*]", "properties.capabilities[*]"],
    ["Microsoft.CognitiveServices/accounts/capabilities[*].name", "properties.capabilities[*].name"],
    ["Microsoft.CognitiveServices/accounts/encryption", "properties.encryption"],
    ["Microsoft.CognitiveServices/accounts/networkAcls", "properties.networkAcls"],
  ])("resolves %s, which the AI built-ins use, to Azure's path %s", (name, expected) => {
    expect(findAlias(name)?.path).toBe(expected);
  });

  it.each(builtinFiles)("resolves every field the rule of %s reads", (file) => {
    const unresolved = ruleFields(file).filter((field) => {
      if (builtInFields.has(field.toLowerCase())) return false;
      if (otherNamespaces.has(field)) return false;
      return findAlias(field) === undefined;
    });
    expect(unresolved).toEqual([]);
  });

  it("reads a field the built-ins use on an array sub-resource through the element's own properties", () => {
    const account = {
      type: "Microsoft.CognitiveServices/accounts",
      properties: {
        privateEndpointConnections: [
          { id: "pec", properties: { privateLinkServiceConnectionState: { status: "Approved" } } },
        ],
      },
    };
    const field =
      "Microsoft.CognitiveServices/accounts/privateEndpointConnections[*].privateLinkServiceConnectionState.status";
    expect(matches({ field, equals: "Approved" }, account)).toBe(true);
    expect(matches({ count: { field: field.replace(/\.privateLink.*$/, "") }, equals: 1 }, account)).toBe(
      true,
    );
  });
});

describe("an alias that does not exist", () => {
  it.each([
    [
      "Microsoft.CognitiveServices/accounts/disableLocalAuthentication",
      "alias 'Microsoft.CognitiveServices/accounts/disableLocalAuthentication' does not exist for Microsoft.CognitiveServices/accounts; did you mean 'Microsoft.CognitiveServices/accounts/disableLocalAuth'?",
    ],
    [
      "Microsoft.CognitiveServices/accounts/deployments/model.nmae",
      "did you mean 'Microsoft.CognitiveServices/accounts/deployments/model.name'?",
    ],
    [
      "Microsoft.CognitiveServices/accounts/privateEndpointConnections[*].properties.privateLinkServiceConnectionState.status",
      "did you mean 'Microsoft.CognitiveServices/accounts/privateEndpointConnections[*].privateLinkServiceConnectionState.status'?",
    ],
    [
      "Microsoft.CognitiveServices/vaults/keys",
      "alias 'Microsoft.CognitiveServices/vaults/keys' does not exist for Microsoft.CognitiveServices (no resource type Microsoft.CognitiveServices/vaults has aliases)",
    ],
  ])("%s is an evaluation error naming the nearest alias", (field, message) => {
    expect(errorOf({ field, exists: true }, aiServicesAccount())).toContain(message);
  });

  it("is an error on a resource of another type too, never read as missing or as a guessed path", () => {
    expect(
      errorOf(
        { field: "Microsoft.CognitiveServices/accounts/deployments/model.nmae", exists: false },
        aiServicesAccount(),
      ),
    ).toContain("does not exist");
    expect(
      errorOf(
        { value: "[field('Microsoft.CognitiveServices/accounts/customSubdomain')]", equals: "acct" },
        aiServicesAccount(),
      ),
    ).toContain("did you mean 'Microsoft.CognitiveServices/accounts/customSubDomainName'?");
  });

  it("does not stop the definition from being read, as the error belongs to evaluation", () => {
    expect(() =>
      parseDefinition({
        policyRule: ruleOf({ field: "Microsoft.CognitiveServices/accounts/nope", exists: true }),
      }),
    ).not.toThrow();
  });

  it("of a namespace the tables do not cover reads as missing on other types and fails on its own", () => {
    const field = "Microsoft.Search/searchServices/disableLocalAuth";
    expect(matches({ field, exists: false }, aiServicesAccount())).toBe(true);
    expect(errorOf({ field, exists: false }, { type: "Microsoft.Search/searchServices" })).toContain(
      "is outside the alias tables",
    );
  });
});
