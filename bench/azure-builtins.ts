/**
 * Microsoft's built-in Azure Policy for Azure AI services as policy units for the benchmark: the AI
 * definitions and the "Guardrail for Cognitive Services Deployments" initiative, read in place from the
 * shared reference folder beside the repository (never copied into it), each assigned with its defaults
 * and, where a parameter has none, a test value.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { AzurePolicyUnit } from "../policies/azure-policies";
import { compileDefinition } from "../policies/compiled";
import {
  definitionLookup,
  expandAssignment,
  getProperty,
  isJsonObject,
  type JsonValue,
  parseAssignment,
  parseJsonText,
} from "../policies/evaluator";

/** `../shared/reference/azure-policy/builtins` beside the repository. */
export const BUILTINS_DIR = path.resolve(
  __dirname,
  "..",
  "..",
  "shared",
  "reference",
  "azure-policy",
  "builtins",
);

/** Values for the parameters that have no default, by definition name. */
const testParameters: Record<string, Record<string, JsonValue>> = {
  "af253d37-136a-42f8-a1fc-30010c083d41": { filterName: "Protected Material Text" },
  "930f48f9-f07e-427c-9494-52603581c6a9": { filterName: "Hate" },
  "f3a9c2e0-7b4d-4d8f-9c3a-2e1f6b9a8d4e": { filterName: "Jailbreak" },
  "db630ad5-52e9-4f4d-9c44-53912fe40053": {
    privateEndpointSubnetId:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe",
  },
  "c4bc6f10-cb41-49eb-b000-d5ab82e2a091": {
    privateDnsZoneId:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.cognitiveservices.azure.com",
  },
  "0628b917-d4b4-4af5-bc2b-b4f87cd173ab": {
    resourceLocation: "eastus2",
    eventHubAuthorizationRuleId:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/logs/providers/Microsoft.EventHub/namespaces/ns/authorizationRules/send",
  },
  "55d1f543-d1b0-4811-9663-d6d0dbc6326d": {
    logAnalytics:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/ws",
  },
  "14e81583-c89c-47db-af0d-f9ddddcccd9f": {
    resourceLocation: "eastus2",
    storageAccount:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/logs",
  },
};

/** The generic DenyAction definition in the folder is not one of the AI built-ins. */
const notAiDefinitions = new Set(["78460a36-508a-49a4-b2b2-2f5ec564f4bb"]);

function readFolder(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => parseJsonText(readFileSync(path.join(dir, file), "utf8")));
}

function text(document: unknown, key: string): string {
  const value = isJsonObject(document) ? getProperty(document, key) : undefined;
  if (typeof value !== "string") throw new Error(`a built-in without ${key}`);
  return value;
}

function displayName(document: unknown): string {
  const properties = isJsonObject(document) ? getProperty(document, "properties") : undefined;
  return isJsonObject(properties) ? String(getProperty(properties, "displayName") ?? "") : "";
}

/** The AI built-in definitions, each assigned on its own, and the Guardrail initiative's members. */
export function builtinUnits(dir = BUILTINS_DIR): AzurePolicyUnit[] {
  if (!existsSync(dir)) {
    throw new Error(
      `${dir}: Microsoft's built-in definitions are not there; leave out the azure-policy and evaluate stages (--stages)`,
    );
  }
  const definitions = readFolder(path.join(dir, "definitions")).filter(
    (document) => !notAiDefinitions.has(text(document, "name")),
  );
  const initiatives = readFolder(path.join(dir, "initiatives"));
  const lookup = definitionLookup([...definitions, ...initiatives]);
  const assigned = [
    ...definitions.map((document) => ({
      document,
      parameters: testParameters[text(document, "name")] ?? {},
    })),
    ...initiatives.map((document) => ({ document, parameters: {} })),
  ];
  return assigned.flatMap(({ document, parameters }) => {
    const name = text(document, "name");
    const assignment = parseAssignment({
      name: `bench-${name}`,
      properties: { policyDefinitionId: text(document, "id"), parameters },
    });
    const units = expandAssignment(assignment, lookup, {
      parseDefinition: (definition) => compileDefinition(definition).parsed,
    });
    return units.map((unit, index) => ({
      id: `${name}${units.length > 1 ? `-${index}` : ""}`,
      name: `builtin-${name}`,
      displayName: displayName(lookup(unit.definitionId)) || displayName(document),
      definitionId: unit.definitionId,
      definition: compileDefinition(lookup(unit.definitionId)),
      parameters: unit.parameters,
      enforced: true,
    }));
  });
}
