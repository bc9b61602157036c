import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { aliases, findAlias, type JsonValue, parseJsonText } from "../../../policies/evaluator";
import { parsePath } from "../../../policies/evaluator/fields";
import { referenceDir } from "../../support/paths";

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
