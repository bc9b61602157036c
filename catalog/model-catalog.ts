/**
 * The model catalog (`schemas/catalog.schema.json`): per model version its lifecycle, capacity unit and,
 * per deployment type, the regions and capacity bounds, each fact with its sources. The shipped catalog
 * (`catalog/models.json`) is compiled from Microsoft's public documentation; `aideploy catalog refresh`
 * writes the same format from Azure Resource Manager. Unknown facts are null, and every reader here keeps
 * them unknown. Pure: reading a file is the caller's business.
 */
import * as path from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import schema from "../schemas/catalog.schema.json";
import { SCHEMA_COMPILE_OPTIONS } from "../schemas/compile-options";
import type {
  AideployModelCatalog,
  CapacityUnit,
  DeploymentType,
  Model,
  Source,
} from "./catalog-types.generated";

export type {
  AideployModelCatalog,
  CapacityUnit,
  DeploymentType as CatalogOffer,
  Model as CatalogModel,
  Source,
};

/** The catalog shipped with aideploy, used when none sits beside the deployments file. */
export const SHIPPED_CATALOG_PATH = path.join(__dirname, "models.json");

/** The catalog's JSON Schema, which a written catalog names in `$schema` for editors. */
export const SCHEMA_PATH = path.join(__dirname, "..", "schemas", "catalog.schema.json");

/** A file that is not a catalog of this format: what is wrong, at which JSON path. */
export class CatalogFormatError extends Error {
  override readonly name = "CatalogFormatError";
}

/** A catalog ready for lookups, and how to name it in findings. */
export interface ModelCatalog {
  data: AideployModelCatalog;
  /** How findings name the catalog: its file as the user sees it and its date. */
  label: string;
  /** Versions by `format|name`, lower case (Azure compares model names without case). */
  byModel: ReadonlyMap<string, readonly Model[]>;
}

let validator: ValidateFunction<AideployModelCatalog> | undefined;

function validate(json: unknown): json is AideployModelCatalog {
  // Compiled on first use: no work at import time.
  validator ??= new Ajv2020({ ...SCHEMA_COMPILE_OPTIONS, allErrors: false }).compile<AideployModelCatalog>(
    schema,
  );
  return validator(json);
}

function modelKey(format: string, name: string): string {
  return `${format}|${name}`.toLowerCase();
}

/** True for a file in the format aideploy wrote before format 2: models listed per region. */
function isPerRegionFormat(json: unknown): boolean {
  return (
    typeof json === "object" &&
    json !== null &&
    !Array.isArray(json) &&
    "locations" in json &&
    !("formatVersion" in json)
  );
}

/** What to do about a catalog in the per-region format, for messages. */
export const PER_REGION_FORMAT_ADVICE =
  "it is in the older per-region format, which aideploy no longer reads: write the current format with `aideploy catalog refresh --location <region> [...]`, or remove the file to use the catalog shipped with aideploy";

/**
 * Checks a parsed catalog against its schema and that every source id it cites exists, and indexes it.
 * `shown` names the file in findings; `label` replaces the usual `<shown> of <generatedAt>`.
 */
export function readModelCatalog(json: unknown, shown: string, label?: string): ModelCatalog {
  if (isPerRegionFormat(json)) throw new CatalogFormatError(PER_REGION_FORMAT_ADVICE);
  if (!validate(json)) {
    const [first] = validator?.errors ?? [];
    const where = first?.instancePath ? first.instancePath : "the document";
    throw new CatalogFormatError(`${where} ${first?.message ?? "is not valid"}`);
  }
  const sources = json.sources;
  const byModel = new Map<string, Model[]>();
  for (const model of json.models) {
    for (const id of citedSources(model)) {
      if (sources[id] === undefined) {
        throw new CatalogFormatError(
          `${describeModel(model)} cites source "${id}", which \`sources\` does not define`,
        );
      }
    }
    const key = modelKey(model.format, model.name);
    byModel.set(key, [...(byModel.get(key) ?? []), model]);
  }
  return { data: json, label: label ?? `${shown} of ${json.generatedAt}`, byModel };
}

/** `format name version` of a catalog entry, without the version when it has none. */
export function describeModel(model: Pick<Model, "format" | "name" | "version">): string {
  return [model.format, model.name, model.version].filter((part) => part !== null).join(" ");
}

function citedSources(model: Model): string[] {
  return [
    ...model.lifecycle.source,
    ...(model.capacityUnit?.source ?? []),
    ...Object.values(model.deploymentTypes).flatMap((offer) => offer?.source ?? []),
  ];
}

/** What the catalog knows of a deployment's model. */
export type ModelLookup =
  /** The version is listed. */
  | { kind: "version"; model: Model }
  /** The model is listed without a version (the documentation names none): lifecycle and units apply. */
  | { kind: "versionless"; model: Model; versions: string[] }
  /** The model is listed, this version is not. */
  | { kind: "unknown-version"; versions: string[] }
  /** Neither the model nor the version is listed. */
  | { kind: "unknown-model" };

export function lookupModel(
  catalog: ModelCatalog,
  model: { format: string; name: string; version: string },
): ModelLookup {
  const versions = catalog.byModel.get(modelKey(model.format, model.name));
  if (!versions) return { kind: "unknown-model" };
  const listed = versions.flatMap((v) => (v.version === null ? [] : [v.version]));
  const exact = versions.find(
    (v) => v.version !== null && v.version.toLowerCase() === model.version.toLowerCase(),
  );
  if (exact) return { kind: "version", model: exact };
  const versionless = versions.find((v) => v.version === null);
  if (versionless) return { kind: "versionless", model: versionless, versions: listed };
  return { kind: "unknown-version", versions: listed };
}

/** The catalog's entry of one deployment type for a model, if the catalog lists the type. */
export function offerOf(model: Model, deploymentType: string): DeploymentType | undefined {
  const entry = Object.entries(model.deploymentTypes).find(
    ([name]) => name.toLowerCase() === deploymentType.toLowerCase(),
  );
  return entry?.[1];
}

/** Every model name the catalog knows for a format, for "did you mean" suggestions. */
export function modelNames(catalog: ModelCatalog, format: string): string[] {
  return [
    ...new Set(
      catalog.data.models.filter((m) => m.format.toLowerCase() === format.toLowerCase()).map((m) => m.name),
    ),
  ];
}

/** The sources of a fact, as `title (path, date)` for findings and documentation. */
export function describeSources(catalog: ModelCatalog, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const source = catalog.data.sources[id];
      if (!source) return id;
      const where = source.path ?? (source.apiVersion ? `ARM api-version ${source.apiVersion}` : null);
      const date = source.documentDate ?? source.retrieved;
      return where ? `${source.title} (${where}, ${date})` : `${source.title} (${date})`;
    })
    .join("; ");
}

/** Whole days from the catalog's date to `asOf` (negative when the catalog is newer). */
export function catalogAgeInDays(catalog: ModelCatalog, asOf: Date): number {
  return Math.floor((asOf.getTime() - Date.parse(`${catalog.data.generatedAt}T00:00:00Z`)) / 86_400_000);
}

// ── Writing a catalog ───────────────────────────────────────────────────────

function compareText(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The catalog's order of models: format, name, version, ignoring case; a null version first. */
export function compareModels(a: Model, b: Model): number {
  return (
    compareText(a.format, b.format) ||
    compareText(a.name, b.name) ||
    compareText(a.version ?? "", b.version ?? "")
  );
}

function sortedKeys<T>(record: { [key: string]: T | undefined }): [string, T][] {
  return Object.keys(record)
    .sort()
    .flatMap((key) => {
      const value = record[key];
      return value === undefined ? [] : [[key, value] as [string, T]];
    });
}

function canonicalOffer(offer: DeploymentType): DeploymentType {
  const { minimum, maximum, step } = offer.capacity;
  return {
    regions: offer.regions === null ? null : [...new Set(offer.regions)].sort(),
    capacity: { minimum, maximum, step, default: offer.capacity.default },
    ...(offer.retirementDate === undefined ? {} : { retirementDate: offer.retirementDate }),
    source: offer.source,
  };
}

function canonicalModel(model: Model): Model {
  const { lifecycle, capacityUnit } = model;
  return {
    format: model.format,
    name: model.name,
    version: model.version,
    publisher: model.publisher,
    soldBy: model.soldBy,
    lifecycle: {
      status: lifecycle.status,
      deprecationDate: lifecycle.deprecationDate,
      retirementDate: lifecycle.retirementDate,
      retirementNotBefore: lifecycle.retirementNotBefore,
      replacements:
        lifecycle.replacements?.map((replacement) => ({
          name: replacement.name,
          version: replacement.version,
        })) ?? null,
      source: lifecycle.source,
    },
    capacityUnit:
      capacityUnit === null
        ? null
        : {
            tokensPerMinute: capacityUnit.tokensPerMinute,
            requestsPerMinute: capacityUnit.requestsPerMinute,
            source: capacityUnit.source,
          },
    deploymentTypes: Object.fromEntries(
      sortedKeys(model.deploymentTypes).map(([type, offer]) => [type, canonicalOffer(offer)]),
    ),
  };
}

/**
 * The catalog with every object's fields in the schema's order, sources by id, models in catalog order,
 * deployment types by name and regions sorted: the same facts always give the same text.
 */
export function canonicalCatalog(catalog: AideployModelCatalog): AideployModelCatalog {
  return {
    ...(catalog.$schema === undefined ? {} : { $schema: catalog.$schema }),
    formatVersion: catalog.formatVersion,
    generatedAt: catalog.generatedAt,
    origin: catalog.origin,
    sources: Object.fromEntries(
      sortedKeys(catalog.sources).map(([id, source]) => [
        id,
        {
          title: source.title,
          repository: source.repository,
          path: source.path,
          documentDate: source.documentDate,
          retrieved: source.retrieved,
          apiVersion: source.apiVersion,
        },
      ]),
    ),
    models: catalog.models.map(canonicalModel).sort(compareModels),
  };
}

/** Width of a line in the repository's JSON style (biome.json's `lineWidth`). */
const LINE_WIDTH = 110;

function jsonLines(value: unknown, indent: string, prefix: string, suffix: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${prefix}[]${suffix}`];
    const primitive = value.every((item) => item === null || typeof item !== "object");
    const inline = `${indent}${prefix}[${value.map((item) => JSON.stringify(item)).join(", ")}]${suffix}`;
    if (primitive && inline.length <= LINE_WIDTH) return [inline];
    const inner = `${indent}  `;
    return [
      `${indent}${prefix}[`,
      ...value.flatMap((item, index) => jsonLines(item, inner, "", index < value.length - 1 ? "," : "")),
      `${indent}]${suffix}`,
    ];
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined);
    if (entries.length === 0) return [`${indent}${prefix}{}${suffix}`];
    const inner = `${indent}  `;
    return [
      `${indent}${prefix}{`,
      ...entries.flatMap(([key, field], index) =>
        jsonLines(field, inner, `${JSON.stringify(key)}: `, index < entries.length - 1 ? "," : ""),
      ),
      `${indent}}${suffix}`,
    ];
  }
  return [`${indent}${prefix}${JSON.stringify(value)}${suffix}`];
}

/**
 * The catalog file's text: canonical, two-space indented, arrays of plain values on one line when they
 * fit (the repository's formatter writes JSON the same way, so a written catalog needs no reformatting).
 */
export function serializeModelCatalog(catalog: AideployModelCatalog): string {
  return `${jsonLines(canonicalCatalog(catalog), "", "", "").join("\n")}\n`;
}
