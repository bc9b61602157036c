/**
 * The model catalog as Azure Resource Manager gives it: the records of `locations/{l}/models` of one or
 * more regions, in the catalog format (`schemas/catalog.schema.json`, origin `arm`), for
 * `aideploy catalog refresh` and for `validate --live`. Facts ARM does not give (capacity units, sold by,
 * often replacements) are null, or carried over from the catalog a refresh replaces. Pure: no I/O here.
 */
import type { AideployModelCatalog, CatalogModel, Source } from "../catalog/model-catalog";
import { locationKey } from "../loader/location";
import type { CatalogModelRecord } from "./read";

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

type Stage = CatalogModel["lifecycle"]["status"];

/**
 * ARM's `lifecycleStatus` (lower case) as the catalog's stage. Source: the `ModelLifecycleStatus` values
 * of the Microsoft.CognitiveServices API as `@azure/arm-cognitiveservices` 8.1.0 documents them
 * (`KnownModelLifecycleStatus`, api-version 2025-09-01): Stable is the legacy name of GenerallyAvailable;
 * Deprecating: "only customers with existing deployments can create new deployments" (the catalog's
 * deprecated); Deprecated: "also known as retired … inference calls … return 410 errors"; Legacy: "no
 * longer recommended for use".
 */
export const ARM_LIFECYCLE_STAGES: Readonly<Record<string, Stage>> = {
  stable: "ga",
  generallyavailable: "ga",
  preview: "preview",
  legacy: "legacy",
  deprecating: "deprecated",
  deprecated: "retired",
};

/** How far along its lifecycle a stage is: when regions disagree, the catalog keeps the furthest. */
const STAGE_ORDER: readonly Stage[] = [null, "ga", "preview", "legacy", "deprecated", "retired"];

function furthest(a: Stage, b: Stage): Stage {
  return STAGE_ORDER.indexOf(b) > STAGE_ORDER.indexOf(a) ? b : a;
}

/** The calendar date of an ARM date-time, or null when it is not a date. */
function calendarDate(value: string | undefined): string | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : null;
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return b < a ? b : a;
}

/** A capacity bound as the schema allows it (a whole number at least `least`), else unknown. */
function bound(value: number | undefined, least: number): number | null {
  return value !== undefined && Number.isInteger(value) && value >= least ? value : null;
}

/** The id of the source that stands for one region's read. */
export function armSourceId(location: string): string {
  return `arm-${locationKey(location)}`;
}

const SKU_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const API_VERSION = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?$/;

/** One region's `locations/{l}/models` records. */
export interface RegionModels {
  location: string;
  models: readonly CatalogModelRecord[];
}

export interface ArmCatalogSettings {
  /** The date of the read (YYYY-MM-DD). */
  generatedAt: string;
  /** The api-version the SDK sent. */
  apiVersion: string;
  /** Written into the file for editors. */
  schema?: string;
  /** The catalog a refresh replaces: facts ARM does not give are carried over from it. */
  previous?: { catalog: AideployModelCatalog; label: string };
}

interface Building {
  model: CatalogModel;
  /** Per deployment type and capacity field: the regions disagreed, so the bound is unknown. */
  conflicts: Set<string>;
}

const modelKey = (format: string, name: string, version: string | null) =>
  [format, name, version ?? ""].map((part) => part.toLowerCase()).join("\u0000");

function addUnique<T extends string>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

function mergeOffer(
  building: Building,
  type: string,
  record: CatalogModelRecord,
  index: number,
  location: string,
) {
  const sku = record.skus[index];
  if (!sku) return;
  const region = locationKey(location);
  const source = armSourceId(location);
  const capacity = {
    minimum: bound(sku.capacity?.minimum, 0),
    maximum: bound(sku.capacity?.maximum, 1),
    step: bound(sku.capacity?.step, 1),
    default: bound(sku.capacity?.default, 0),
  };
  const retirement = calendarDate(sku.deprecationDate);
  const offers = building.model.deploymentTypes;
  const existing = offers[type];
  if (!existing) {
    offers[type] = {
      regions: [region],
      capacity,
      ...(retirement === null ? {} : { retirementDate: retirement }),
      source: [source],
    };
    return;
  }
  addUnique(existing.regions ?? [], region);
  addUnique(existing.source, source);
  for (const field of ["minimum", "maximum", "step", "default"] as const) {
    const conflictKey = `${type}|${field}`;
    if (building.conflicts.has(conflictKey)) continue;
    const known = existing.capacity[field];
    const value = capacity[field];
    if (known === null) existing.capacity[field] = value;
    else if (value !== null && value !== known) {
      // Regions disagree on the bound: unknown rather than a guess.
      existing.capacity[field] = null;
      building.conflicts.add(conflictKey);
    }
  }
  const date = earlier(existing.retirementDate ?? null, retirement);
  if (date !== null) existing.retirementDate = date;
}

function newModel(
  record: CatalogModelRecord & { format: string; name: string; version: string },
  location: string,
): Building {
  return {
    model: {
      format: record.format,
      name: record.name,
      version: record.version,
      publisher: record.publisher ?? null,
      soldBy: null,
      lifecycle: {
        status: null,
        deprecationDate: null,
        retirementDate: null,
        retirementNotBefore: null,
        replacements: null,
        source: [armSourceId(location)],
      },
      capacityUnit: null,
      deploymentTypes: {},
    },
    conflicts: new Set(),
  };
}

function mergeRecord(building: Building, record: CatalogModelRecord, location: string): void {
  const { model } = building;
  const { lifecycle } = model;
  addUnique(lifecycle.source, armSourceId(location));
  model.publisher ??= record.publisher ?? null;
  const stage = ARM_LIFECYCLE_STAGES[(record.lifecycleStatus ?? "").toLowerCase()] ?? null;
  lifecycle.status = furthest(lifecycle.status, stage);
  lifecycle.retirementDate = earlier(lifecycle.retirementDate, calendarDate(record.deprecation.inference));
  if (record.replacement) {
    const replacement = { name: record.replacement.name, version: record.replacement.version ?? null };
    const replacements = lifecycle.replacements ?? [];
    if (
      !replacements.some((known) => known.name === replacement.name && known.version === replacement.version)
    ) {
      replacements.push(replacement);
    }
    lifecycle.replacements = replacements;
  }
  record.skus.forEach((sku, index) => {
    if (!sku.name || !SKU_NAME.test(sku.name)) return;
    // ARM spells a type differently in different entries (`provisioned`, `Provisioned`): one type.
    const types = Object.keys(building.model.deploymentTypes);
    const type = types.find((known) => sameName(known, sku.name)) ?? sku.name;
    mergeOffer(building, type, record, index, location);
  });
}

/** Carries one fact over: true when it was carried (the target was unknown and the previous known). */
function carry<T>(current: T | null, previous: T | null, set: (value: T) => void): boolean {
  if (current !== null || previous === null) return false;
  set(previous);
  return true;
}

interface Carried {
  /** Source ids of the previous catalog that carried facts cite. */
  sources: Set<string>;
  facts: number;
}

/** Facts ARM does not give, from the same model version in the catalog a refresh replaces. */
function carryOver(model: CatalogModel, previous: CatalogModel, carried: Carried): void {
  const { lifecycle } = model;
  const before = previous.lifecycle;
  let lifecycleFacts = 0;
  const count = (done: boolean) => {
    if (done) lifecycleFacts++;
  };
  count(carry(lifecycle.deprecationDate, before.deprecationDate, (v) => (lifecycle.deprecationDate = v)));
  count(carry(lifecycle.retirementDate, before.retirementDate, (v) => (lifecycle.retirementDate = v)));
  count(
    carry(
      lifecycle.retirementNotBefore,
      before.retirementNotBefore,
      (v) => (lifecycle.retirementNotBefore = v),
    ),
  );
  count(carry(lifecycle.replacements, before.replacements, (v) => (lifecycle.replacements = v)));
  if (lifecycleFacts > 0) {
    for (const id of before.source) {
      addUnique(lifecycle.source, id);
      carried.sources.add(id);
    }
  }
  let facts = lifecycleFacts;
  if (carry(model.soldBy, previous.soldBy, (v) => (model.soldBy = v))) facts++;
  if (carry(model.publisher, previous.publisher, (v) => (model.publisher = v))) facts++;
  if (model.capacityUnit === null && previous.capacityUnit !== null) {
    model.capacityUnit = previous.capacityUnit;
    for (const id of previous.capacityUnit.source) carried.sources.add(id);
    facts++;
  }
  for (const [type, offer] of Object.entries(model.deploymentTypes)) {
    const before = previous.deploymentTypes[type];
    if (!offer || !before) continue;
    let offerFacts = 0;
    for (const field of ["minimum", "maximum", "step", "default"] as const) {
      if (carry(offer.capacity[field], before.capacity[field], (v) => (offer.capacity[field] = v)))
        offerFacts++;
    }
    if (offerFacts > 0) {
      for (const id of before.source) {
        addUnique(offer.source, id);
        carried.sources.add(id);
      }
    }
    facts += offerFacts;
  }
  carried.facts += facts;
}

/** What `catalogFromArm` built, and how many facts it carried over from the previous catalog. */
export interface ArmCatalog {
  catalog: AideployModelCatalog;
  carriedFacts: number;
}

/**
 * The catalog of the regions read: one entry per model version (Azure lists a model once per account
 * kind and region; the entries are merged: every deployment type with the regions that offer it, the
 * furthest lifecycle stage, the earliest retirement, a capacity bound only where the regions agree), one
 * source per region. Records without a format, name or version are left out.
 */
export function catalogFromArm(regions: readonly RegionModels[], settings: ArmCatalogSettings): ArmCatalog {
  const models = new Map<string, Building>();
  for (const region of regions) {
    for (const record of region.models) {
      const { format, name, version } = record;
      if (!format || !name || !version) continue;
      const key = modelKey(format, name, version);
      const building = models.get(key) ?? newModel({ ...record, format, name, version }, region.location);
      models.set(key, building);
      mergeRecord(building, record, region.location);
    }
  }
  const apiVersion = API_VERSION.test(settings.apiVersion) ? settings.apiVersion : null;
  const sources: Record<string, Source> = {};
  for (const region of regions) {
    const location = locationKey(region.location);
    sources[armSourceId(location)] = {
      title: `Azure Resource Manager: the models of ${location} (GET locations/${location}/models)`,
      repository: null,
      path: null,
      documentDate: null,
      retrieved: settings.generatedAt,
      apiVersion,
    };
  }
  const carried: Carried = { sources: new Set(), facts: 0 };
  const previous = settings.previous;
  if (previous) {
    const before = new Map(
      previous.catalog.models.map((model) => [modelKey(model.format, model.name, model.version), model]),
    );
    for (const [key, building] of models) {
      const match = before.get(key);
      if (match) carryOver(building.model, match, carried);
    }
    for (const id of carried.sources) {
      const source = previous.catalog.sources[id];
      // A carried source keeps its id; one of the same id as this read's is the older read of the region.
      if (source && sources[id] === undefined) {
        sources[id] = { ...source, title: `${source.title} (carried over from ${previous.label})` };
      }
    }
  }
  return {
    catalog: {
      ...(settings.schema === undefined ? {} : { $schema: settings.schema }),
      formatVersion: 2,
      generatedAt: settings.generatedAt,
      origin: "arm",
      sources,
      models: [...models.values()].map((building) => building.model),
    },
    carriedFacts: carried.facts,
  };
}
