/**
 * Seeds the emulator from the public ARM example payloads in ../shared/reference/arm-examples, read at
 * run time (they are Microsoft's data, never copied into this project).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { referenceDir } from "../paths";
import type { ArmEmulator } from "./emulator";
import { isJsonObject } from "./http";
import type { AccountRef, CatalogEntry, JsonObject, ModelCapacitySeed, UsageEntry } from "./types";

export const armExamplesDir = path.join(referenceDir, "arm-examples");
export const azurePolicyDir = path.join(referenceDir, "azure-policy");

export interface ReferenceExamples {
  /** ListLocationModels: a location's model catalog. */
  catalog: { location: string; entries: CatalogEntry[] };
  /** ListUsages: a location's usages. */
  usages: { location: string; entries: UsageEntry[] };
  /** ListDeployments and GetDeployment bodies (one per name), with the account they were listed under. */
  deployments: { resourceGroup: string; accountName: string; items: JsonObject[] };
  /** PutRaiPolicy: a content filter. */
  raiPolicy: { name: string; properties: JsonObject };
  /** ListModelCapacities entries. */
  modelCapacities: ModelCapacitySeed[];
  /** Accounts_ListUsages entries. */
  accountUsages: UsageEntry[];
}

function readJson(file: string): unknown {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  return JSON.parse(text) as unknown;
}

/** The newest example of an operation: files are named `<api-version>_<Operation>.json`. */
function exampleFile(dir: string, operation: string): string {
  const candidates = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(`_${operation}.json`))
    .sort();
  const newest = candidates[candidates.length - 1];
  if (!newest) throw new Error(`No ARM example '${operation}' in ${dir}.`);
  return path.join(dir, newest);
}

function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function example(dir: string, operation: string): { parameters: unknown; body: unknown } {
  const document = readJson(exampleFile(dir, operation));
  const responses = field(document, "responses");
  const success = field(responses, "200") ?? field(responses, "201");
  return { parameters: field(document, "parameters"), body: field(success, "body") };
}

export function loadReferenceExamples(dir = armExamplesDir): ReferenceExamples {
  const models = example(dir, "ListLocationModels");
  const usages = example(dir, "ListUsages");
  const list = example(dir, "ListDeployments");
  const get = example(dir, "GetDeployment");
  const rai = example(dir, "PutRaiPolicy");
  const capacities = example(dir, "ListModelCapacities");
  const accountUsages = example(dir, "GetUsages_AccountsListUsages");

  const deployments = new Map<string, JsonObject>();
  for (const item of [
    ...objects(field(get.body, "value")),
    get.body,
    ...objects(field(list.body, "value")),
  ]) {
    if (isJsonObject(item) && typeof item.name === "string") deployments.set(item.name.toLowerCase(), item);
  }

  const format = text(field(capacities.parameters, "modelFormat"), "");
  const modelName = text(field(capacities.parameters, "modelName"), "");
  const version = text(field(capacities.parameters, "modelVersion"), "");
  const modelCapacities = objects(field(capacities.body, "value")).map(
    (entry): ModelCapacitySeed => ({
      location: text(entry.location, ""),
      format: text(field(entry, "properties", "model", "format"), format),
      name: text(field(entry, "properties", "model", "name"), modelName),
      version: text(field(entry, "properties", "model", "version"), version),
      skuName: text(field(entry, "properties", "skuName"), text(entry.name, "")),
      availableCapacity: Number(field(entry, "properties", "availableCapacity") ?? 0),
      availableFinetuneCapacity: Number(field(entry, "properties", "availableFinetuneCapacity") ?? 0),
    }),
  );

  return {
    catalog: {
      location: text(field(models.parameters, "location"), "westus"),
      entries: objects(field(models.body, "value")) as CatalogEntry[],
    },
    usages: {
      location: text(field(usages.parameters, "location"), "westus"),
      entries: objects(field(usages.body, "value")) as UsageEntry[],
    },
    deployments: {
      resourceGroup: text(field(list.parameters, "resourceGroupName"), "resourceGroupName"),
      accountName: text(field(list.parameters, "accountName"), "accountName"),
      items: [...deployments.values()],
    },
    raiPolicy: {
      name: text(field(rai.parameters, "raiPolicyName"), text(field(rai.body, "name"), "raiPolicyName")),
      properties: (field(rai.body, "properties") ??
        field(rai.parameters, "raiPolicy", "properties") ??
        {}) as JsonObject,
    },
    modelCapacities,
    accountUsages: objects(field(accountUsages.body, "value")) as UsageEntry[],
  };
}

export interface ReferenceSeedOptions {
  subscriptionId?: string;
  resourceGroup?: string;
  accountName?: string;
  kind?: string;
  dir?: string;
}

export interface ReferenceSeed {
  account: AccountRef;
  location: string;
  raiPolicyName: string;
  deploymentNames: string[];
  examples: ReferenceExamples;
}

const serverComputed = new Set(["provisioningState", "rateLimits", "callRateLimit", "capabilities"]);

/**
 * One account in the examples' location holding the example deployments and content filter, with the
 * example catalog, usages and model capacities.
 */
export function seedFromReference(emulator: ArmEmulator, options: ReferenceSeedOptions = {}): ReferenceSeed {
  const examples = loadReferenceExamples(options.dir);
  const location = examples.catalog.location;
  const account = emulator.addAccount({
    resourceGroup: options.resourceGroup ?? examples.deployments.resourceGroup,
    name: options.accountName ?? examples.deployments.accountName,
    location,
    kind: options.kind ?? "AIServices",
    ...(options.subscriptionId ? { subscriptionId: options.subscriptionId } : {}),
  });
  emulator.setCatalog(location, examples.catalog.entries);
  emulator.setLocationUsages(examples.usages.location, examples.usages.entries);
  emulator.setAccountUsages(account, examples.accountUsages);
  for (const capacity of examples.modelCapacities) emulator.addModelCapacity(capacity);
  emulator.addRaiPolicy(account, examples.raiPolicy.name, examples.raiPolicy.properties);

  const deploymentNames: string[] = [];
  for (const item of examples.deployments.items) {
    const properties = isJsonObject(item.properties) ? item.properties : {};
    const model = isJsonObject(properties.model) ? properties.model : {};
    const sku = isJsonObject(item.sku) ? item.sku : {};
    const extra = Object.fromEntries(
      Object.entries(properties).filter(([key]) => key !== "model" && !serverComputed.has(key)),
    );
    const name = text(item.name, "deployment");
    emulator.addDeployment(account, {
      name,
      skuName: text(sku.name, "Standard"),
      ...(typeof sku.capacity === "number" ? { capacity: sku.capacity } : {}),
      model: { ...model, format: text(model.format, ""), name: text(model.name, "") },
      properties: extra,
      provisioningState: text(properties.provisioningState, "Succeeded"),
    });
    deploymentNames.push(name);
  }
  return { account, location, raiPolicyName: examples.raiPolicy.name, deploymentNames, examples };
}

/**
 * The public Azure Policy definitions in ../shared/reference/azure-policy: built-ins under their ids,
 * community definitions (no id) as custom definitions of the subscription.
 */
export function seedPolicyReference(emulator: ArmEmulator, dir = azurePolicyDir): string[] {
  const ids: string[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const document = readJson(path.join(dir, file));
    const name = field(document, "name");
    const properties = field(document, "properties");
    if (typeof name !== "string" || !isJsonObject(properties)) continue;
    const builtIn = typeof field(document, "id") === "string";
    const definition = emulator.addPolicyDefinition(
      builtIn ? { name, properties } : { name, properties, subscriptionId: emulator.subscriptionId },
    );
    ids.push(definition.id);
  }
  return ids;
}
