/**
 * The model catalog file (`catalog/models.json`): per Azure region, the models with their versions,
 * lifecycle, retirement dates and deployment types (skus) with capacity bounds. `aideploy catalog refresh`
 * writes it from `locations/{l}/models`; `aideploy validate` reads it offline. Pure: no I/O here.
 */
import { locationKey } from "../loader/location";
import type { CatalogModelRecord } from "./read";

export interface CatalogCapacity {
  minimum?: number;
  maximum?: number;
  step?: number;
  default?: number;
}

export interface CatalogSku {
  /** Deployment type, e.g. `GlobalStandard`. */
  name: string;
  /** The quota (a `locations/{l}/usages` name) the capacity counts against. */
  usageName?: string;
  capacity?: CatalogCapacity;
  /** After this date the deployment type is no longer offered for this model version. */
  deprecationDate?: string;
}

export interface CatalogModel {
  format: string;
  name: string;
  version: string;
  isDefaultVersion?: boolean;
  lifecycleStatus?: string;
  /** `inference`: the retirement date (deployments stop answering); `fineTune`: end of fine-tuning. */
  deprecation?: { inference?: string; fineTune?: string };
  skus: CatalogSku[];
  /** Free text from whoever compiled the entry (hand-written catalogs only). */
  notes?: string;
}

export interface ModelCatalog {
  /** ISO date-time the catalog was produced. */
  generatedAt: string;
  /** Where the facts come from: Azure Resource Manager, or public documentation and its date. */
  source: string;
  /** Region (lower case, no spaces) → its models. */
  locations: Record<string, { models: CatalogModel[] }>;
}

export function sameName(a: string | undefined, b: string | undefined): boolean {
  return (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
}

/**
 * Orders model versions: dates (`2024-11-20`) and dotted numbers (`1`, `3.0`) compare by value, anything
 * else as text. Negative when `a` is older than `b`.
 */
export function compareVersions(a: string, b: string): number {
  const numeric = /^\d+(?:[.-]\d+)*$/;
  if (numeric.test(a) && numeric.test(b)) {
    const left = a.split(/[.-]/).map(Number);
    const right = b.split(/[.-]/).map(Number);
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
      const difference = (left[index] ?? 0) - (right[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  }
  return a.localeCompare(b);
}

// ── Building a catalog from live records ────────────────────────────────────

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function catalogSku(sku: CatalogModelRecord["skus"][number]): CatalogSku | undefined {
  if (!sku.name) return undefined;
  const capacity = sku.capacity
    ? defined({
        minimum: sku.capacity.minimum,
        maximum: sku.capacity.maximum,
        step: sku.capacity.step,
        default: sku.capacity.default,
      })
    : undefined;
  return defined({
    name: sku.name,
    usageName: sku.usageName,
    capacity: capacity && Object.keys(capacity).length > 0 ? capacity : undefined,
    deprecationDate: sku.deprecationDate,
  });
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

/**
 * Azure lists a model once per account kind; the entries may each carry part of the facts. Keeps every
 * deployment type, any lifecycle status, and the earlier of two retirement dates.
 */
function mergeInto(existing: CatalogModel, record: CatalogModelRecord, skus: CatalogSku[]): void {
  for (const sku of skus) {
    const known = existing.skus.find((candidate) => sameName(candidate.name, sku.name));
    if (!known) {
      existing.skus.push(sku);
      continue;
    }
    known.usageName ??= sku.usageName;
    known.capacity ??= sku.capacity;
    const date = earlier(known.deprecationDate, sku.deprecationDate);
    if (date !== undefined) known.deprecationDate = date;
  }
  if (record.isDefaultVersion === true) existing.isDefaultVersion = true;
  existing.lifecycleStatus ??= record.lifecycleStatus;
  const inference = earlier(existing.deprecation?.inference, record.deprecation.inference);
  const fineTune = earlier(existing.deprecation?.fineTune, record.deprecation.fineTune);
  if (inference !== undefined || fineTune !== undefined) {
    existing.deprecation = defined({ inference, fineTune });
  }
}

function modelKey(model: { format: string; name: string; version: string }): string {
  return [model.format, model.name, model.version].map((part) => part.toLowerCase()).join("\u0000");
}

function byModel(a: CatalogModel, b: CatalogModel): number {
  return (
    a.format.localeCompare(b.format) ||
    a.name.localeCompare(b.name) ||
    compareVersions(a.version, b.version) ||
    a.version.localeCompare(b.version)
  );
}

/**
 * Models of one region in catalog form: sorted by format, name and version; skus sorted by name. Azure
 * lists a model once per account kind (OpenAI, AIServices); those entries are merged.
 */
export function catalogModels(records: readonly CatalogModelRecord[]): CatalogModel[] {
  const merged = new Map<string, CatalogModel>();
  for (const record of records) {
    if (!record.format || !record.name || !record.version) continue;
    const skus = record.skus.map(catalogSku).filter((sku): sku is CatalogSku => sku !== undefined);
    const key = modelKey({ format: record.format, name: record.name, version: record.version });
    const existing = merged.get(key);
    if (existing) {
      mergeInto(existing, record, skus);
      continue;
    }
    const deprecation = defined({
      inference: record.deprecation.inference,
      fineTune: record.deprecation.fineTune,
    });
    merged.set(
      key,
      defined({
        format: record.format,
        name: record.name,
        version: record.version,
        isDefaultVersion: record.isDefaultVersion,
        lifecycleStatus: record.lifecycleStatus,
        deprecation: Object.keys(deprecation).length > 0 ? deprecation : undefined,
        skus,
      }),
    );
  }
  return [...merged.values()].map(canonicalModel).sort(byModel);
}

/** The catalog's fields in a fixed order, so that the same facts always serialise to the same text. */
function canonicalModel(model: CatalogModel): CatalogModel {
  const skus = [...model.skus]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((sku) =>
      defined({
        name: sku.name,
        usageName: sku.usageName,
        capacity: sku.capacity
          ? defined({
              minimum: sku.capacity.minimum,
              maximum: sku.capacity.maximum,
              step: sku.capacity.step,
              default: sku.capacity.default,
            })
          : undefined,
        deprecationDate: sku.deprecationDate,
      }),
    );
  return defined({
    format: model.format,
    name: model.name,
    version: model.version,
    isDefaultVersion: model.isDefaultVersion,
    lifecycleStatus: model.lifecycleStatus,
    deprecation: model.deprecation
      ? defined({ inference: model.deprecation.inference, fineTune: model.deprecation.fineTune })
      : undefined,
    skus,
    notes: model.notes,
  });
}

/** A catalog with regions, models and skus in a stable order. */
export function buildCatalog(
  regions: readonly { location: string; models: readonly CatalogModelRecord[] }[],
  meta: { generatedAt: string; source: string },
): ModelCatalog {
  return normalizeCatalog({
    generatedAt: meta.generatedAt,
    source: meta.source,
    locations: Object.fromEntries(
      regions.map((region) => [locationKey(region.location), { models: catalogModels(region.models) }]),
    ),
  });
}

export function normalizeCatalog(catalog: ModelCatalog): ModelCatalog {
  const locations: ModelCatalog["locations"] = {};
  for (const key of Object.keys(catalog.locations).sort()) {
    const models = catalog.locations[key]?.models ?? [];
    locations[locationKey(key)] = { models: models.map(canonicalModel).sort(byModel) };
  }
  return { generatedAt: catalog.generatedAt, source: catalog.source, locations };
}

export function serializeCatalog(catalog: ModelCatalog): string {
  return `${JSON.stringify(normalizeCatalog(catalog), null, 2)}\n`;
}

// ── Reading a catalog file ──────────────────────────────────────────────────

export class CatalogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogFormatError";
  }
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: Json, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new CatalogFormatError(`${where} must be a string`);
  return value;
}

function optionalDate(value: Json, where: string): string | undefined {
  const text = optionalString(value, where);
  if (text !== undefined && !Number.isFinite(Date.parse(text))) {
    throw new CatalogFormatError(`${where} is not a date: "${text}"`);
  }
  return text;
}

function optionalNumber(value: Json, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CatalogFormatError(`${where} must be a number`);
  }
  return value;
}

function requiredString(value: Json, where: string): string {
  if (typeof value !== "string" || value === "") {
    throw new CatalogFormatError(`${where} must be a non-empty string`);
  }
  return value;
}

function readSku(value: Json, where: string): CatalogSku {
  if (!isObject(value)) throw new CatalogFormatError(`${where} must be an object`);
  let capacity: CatalogCapacity | undefined;
  if (value.capacity !== undefined) {
    if (!isObject(value.capacity)) throw new CatalogFormatError(`${where}.capacity must be an object`);
    capacity = defined({
      minimum: optionalNumber(value.capacity.minimum, `${where}.capacity.minimum`),
      maximum: optionalNumber(value.capacity.maximum, `${where}.capacity.maximum`),
      step: optionalNumber(value.capacity.step, `${where}.capacity.step`),
      default: optionalNumber(value.capacity.default, `${where}.capacity.default`),
    });
  }
  return defined({
    name: requiredString(value.name, `${where}.name`),
    usageName: optionalString(value.usageName, `${where}.usageName`),
    capacity,
    deprecationDate: optionalDate(value.deprecationDate, `${where}.deprecationDate`),
  });
}

function readModel(value: Json, where: string): CatalogModel {
  if (!isObject(value)) throw new CatalogFormatError(`${where} must be an object`);
  if (value.isDefaultVersion !== undefined && typeof value.isDefaultVersion !== "boolean") {
    throw new CatalogFormatError(`${where}.isDefaultVersion must be true or false`);
  }
  let deprecation: CatalogModel["deprecation"];
  if (value.deprecation !== undefined) {
    if (!isObject(value.deprecation)) throw new CatalogFormatError(`${where}.deprecation must be an object`);
    deprecation = defined({
      inference: optionalDate(value.deprecation.inference, `${where}.deprecation.inference`),
      fineTune: optionalDate(value.deprecation.fineTune, `${where}.deprecation.fineTune`),
    });
  }
  if (!Array.isArray(value.skus)) throw new CatalogFormatError(`${where}.skus must be an array`);
  return defined({
    format: requiredString(value.format, `${where}.format`),
    name: requiredString(value.name, `${where}.name`),
    version: requiredString(value.version, `${where}.version`),
    isDefaultVersion: value.isDefaultVersion as boolean | undefined,
    lifecycleStatus: optionalString(value.lifecycleStatus, `${where}.lifecycleStatus`),
    deprecation,
    skus: value.skus.map((sku, index) => readSku(sku, `${where}.skus[${index}]`)),
    notes: optionalString(value.notes, `${where}.notes`),
  });
}

/** Checks a parsed catalog file; throws CatalogFormatError naming the first problem. */
export function readCatalog(json: Json): ModelCatalog {
  if (!isObject(json)) throw new CatalogFormatError("the catalog must be a JSON object");
  const generatedAt = optionalDate(json.generatedAt, "generatedAt");
  if (generatedAt === undefined) throw new CatalogFormatError("generatedAt is required");
  const source = requiredString(json.source, "source");
  if (!isObject(json.locations)) throw new CatalogFormatError("locations must be an object");
  const locations: ModelCatalog["locations"] = {};
  for (const [location, entry] of Object.entries(json.locations)) {
    const where = `locations.${location}`;
    if (!isObject(entry) || !Array.isArray(entry.models)) {
      throw new CatalogFormatError(`${where} must be an object with a models array`);
    }
    locations[locationKey(location)] = {
      models: entry.models.map((model, index) => readModel(model, `${where}.models[${index}]`)),
    };
  }
  return { generatedAt, source, locations };
}

// ── Lookups ─────────────────────────────────────────────────────────────────

export interface CatalogLookup {
  /** Every version the region offers for the model (format and name ignore case). */
  versions: CatalogModel[];
  model?: CatalogModel;
  sku?: CatalogSku;
}

export function lookupModel(
  models: readonly CatalogModel[],
  wanted: { format?: string; name?: string; version?: string; sku?: string },
): CatalogLookup {
  const versions = models.filter(
    (model) => sameName(model.format, wanted.format) && sameName(model.name, wanted.name),
  );
  const model = versions.find((candidate) => candidate.version === wanted.version);
  const sku = model?.skus.find((candidate) => sameName(candidate.name, wanted.sku));
  const result: CatalogLookup = { versions };
  if (model) result.model = model;
  if (sku) result.sku = sku;
  return result;
}
