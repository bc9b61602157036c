/**
 * Where in deployments.yaml a value Azure Policy reads was written: from the ARM path of a field (as the
 * alias table maps it) to the key of the resource's declaration that sets it, or the `defaults` key it
 * falls back to. The mapping is the inverse of infra/graph.ts (file → azure-native inputs) and
 * policies/arm-view.ts (inputs → ARM shape).
 */
import type { SourceLocation } from "../diagnostics/diagnostic";
import { categoryOfApiName } from "../loader/content-filters";
import type { JsonValue, PathSegment } from "./evaluator";

interface FieldKey {
  /** Lower-case ARM path prefix, dotted. */
  arm: string;
  /** The key under the resource's declaration. */
  yaml: string;
  /** The key under `defaults` the value comes from when the declaration does not set it. */
  defaults?: string;
}

const account: FieldKey[] = [
  { arm: "properties.disablelocalauth", yaml: "disableLocalAuth" },
  { arm: "properties.publicnetworkaccess", yaml: "publicNetworkAccess" },
  { arm: "properties.networkacls", yaml: "networkAcls" },
  { arm: "properties.encryption", yaml: "encryption" },
  { arm: "properties.customsubdomainname", yaml: "customSubDomain" },
  { arm: "identity", yaml: "identity" },
  { arm: "tags", yaml: "tags" },
  { arm: "location", yaml: "location" },
  { arm: "kind", yaml: "kind" },
];

const deployment: FieldKey[] = [
  { arm: "sku.capacity", yaml: "capacity" },
  { arm: "sku", yaml: "sku", defaults: "sku" },
  { arm: "properties.model", yaml: "model" },
  { arm: "properties.raipolicyname", yaml: "contentFilter", defaults: "contentFilter" },
  { arm: "properties.raipolicy", yaml: "contentFilter", defaults: "contentFilter" },
  { arm: "properties.versionupgradeoption", yaml: "versionUpgradeOption", defaults: "versionUpgradeOption" },
  { arm: "properties.ratelimits", yaml: "rateLimit" },
];

const contentFilter: FieldKey[] = [
  { arm: "properties.mode", yaml: "mode" },
  { arm: "properties.baseraipolicyname", yaml: "base" },
];

const keysByType: Record<string, FieldKey[]> = {
  "microsoft.cognitiveservices/accounts": account,
  "microsoft.cognitiveservices/accounts/deployments": deployment,
  "microsoft.cognitiveservices.data/accounts/deployments": deployment,
  "microsoft.cognitiveservices/accounts/raipolicies": contentFilter,
};

/** The parsed file, as far as locating a key in it goes. */
export interface LocatableDocument {
  value: unknown;
  locate(path: readonly (string | number)[], options?: { key?: boolean }): SourceLocation;
}

function dotted(segments: readonly PathSegment[]): string {
  const names: string[] = [];
  for (const segment of segments) {
    if (segment.kind !== "property") break;
    names.push(segment.name.toLowerCase());
  }
  return names.join(".");
}

/** `deployments[2]`, `accounts.main` → `["deployments", 2]`, `["accounts", "main"]`. */
function docPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [];
    if (match[1]) out.push(match[1]);
    for (const index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

function readAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

function has(value: unknown, path: readonly (string | number)[]): boolean {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== "object") return false;
    at = (at as Record<string | number, unknown>)[key];
    if (at === undefined) return false;
  }
  return true;
}

/**
 * The location of the YAML key that sets the value at `armPath` on a resource declared at `source`,
 * or undefined when the file does not write it (the value is derived or a default of Azure's).
 */
export function fieldLocation(
  document: LocatableDocument,
  resourceType: string,
  source: SourceLocation,
  armPath: readonly PathSegment[],
  environment: string | null = null,
  selector?: Record<string, JsonValue>,
): SourceLocation | undefined {
  const keys = keysByType[resourceType.toLowerCase()];
  if (!keys) return undefined;
  const path = dotted(armPath);
  if (selector && /(^|\.)contentfilters$/.test(path)) {
    const at = filterEntryLocation(document, resourceType, source, environment, selector);
    if (at) return at;
  }
  const key = keys.find((k) => path === k.arm || path.startsWith(`${k.arm}.`));
  if (!key) return undefined;
  const declared = docPath(source.path);
  // An environment's override wins over the declaration: environments.<env>.accounts.<key> for an
  // account, environments.<env>.deployments.<name> for a deployment.
  if (environment !== null && declared.length === 2) {
    const [section, id] = declared;
    const name =
      section === "deployments"
        ? readAt(document.value, [...declared, "name"])
        : section === "accounts"
          ? id
          : undefined;
    const override = ["environments", environment, String(section), String(name), key.yaml];
    if (name !== undefined && has(document.value, override)) return document.locate(override);
  }
  const own = [...declared, key.yaml];
  if (source.path !== "" && has(document.value, own)) return document.locate(own);
  if (key.defaults && has(document.value, ["defaults", key.defaults]))
    return document.locate(["defaults", key.defaults]);
  return undefined;
}

/** The value of a key of an object, the key compared in any case (Azure's names are case-insensitive). */
function entry(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object") return undefined;
  const found = Object.entries(value).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return found?.[1];
}

/** The key of `contentFilters` a deployment uses: its environment's override, its own, or the default. */
function filterKeyOf(
  document: LocatableDocument,
  declared: (string | number)[],
  environment: string | null,
): string | undefined {
  const name = readAt(document.value, [...declared, "name"]);
  const override =
    environment !== null && name !== undefined
      ? readAt(document.value, ["environments", environment, "deployments", String(name), "contentFilter"])
      : undefined;
  const chosen =
    override ??
    readAt(document.value, [...declared, "contentFilter"]) ??
    readAt(document.value, ["defaults", "contentFilter"]);
  if (typeof chosen !== "string") return undefined;
  const filters = readAt(document.value, ["contentFilters"]);
  if (filters === null || typeof filters !== "object") return undefined;
  return Object.keys(filters).find((k) => k.toLowerCase() === chosen.toLowerCase());
}

/**
 * Where a content filter entry a count singled out (`name`, `source`) is written: the category's key under
 * the filter's `prompt` or `completion`, or the filter's own key when the filter leaves the category out.
 * Filters Microsoft manages (`Microsoft.DefaultV2`) are not in the file: undefined.
 */
function filterEntryLocation(
  document: LocatableDocument,
  resourceType: string,
  source: SourceLocation,
  environment: string | null,
  selector: Record<string, JsonValue>,
): SourceLocation | undefined {
  const declared = docPath(source.path);
  const filterKey =
    resourceType.toLowerCase() === "microsoft.cognitiveservices/accounts/raipolicies"
      ? declared[0] === "contentFilters" && declared.length === 2
        ? String(declared[1])
        : undefined
      : filterKeyOf(document, declared, environment);
  if (filterKey === undefined) return undefined;
  const filter = ["contentFilters", filterKey];
  const name = entry(selector, "name");
  const side = String(entry(selector, "source") ?? "").toLowerCase();
  const category = typeof name === "string" ? categoryOfApiName(name) : undefined;
  if (category && (side === "prompt" || side === "completion")) {
    const key = [...filter, side, category.key];
    if (has(document.value, key)) return document.locate(key);
  }
  return document.locate(filter, { key: true });
}
