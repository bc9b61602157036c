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
  validator ??= new Ajv2020({
    allErrors: false,
    strict: true,
    allowUnionTypes: true,
  }).compile<AideployModelCatalog>(schema);
  return validator(json);
}

function modelKey(format: string, name: string): string {
  return `${format}|${name}`.toLowerCase();
}

/**
 * Checks a parsed catalog against its schema and that every source id it cites exists, and indexes it.
 * `shown` names the file in findings.
 */
export function readModelCatalog(json: unknown, shown: string): ModelCatalog {
  if (!validate(json)) {
    const [first] = validator?.errors ?? [];
    const where = first?.instancePath ? first.instancePath : "the document";
    const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
    const hint =
      version === undefined
        ? " (a catalog of the older per-region format: run `aideploy catalog refresh` to write the current one)"
        : "";
    throw new CatalogFormatError(`${where} ${first?.message ?? "is not valid"}${hint}`);
  }
  const sources = json.sources;
  const byModel = new Map<string, Model[]>();
  for (const model of json.models) {
    for (const id of citedSources(model)) {
      if (sources[id] === undefined) {
        const what = [model.format, model.name, model.version].filter((part) => part !== null).join(" ");
        throw new CatalogFormatError(`${what} cites source "${id}", which \`sources\` does not define`);
      }
    }
    const key = modelKey(model.format, model.name);
    byModel.set(key, [...(byModel.get(key) ?? []), model]);
  }
  return { data: json, label: `${shown} of ${json.generatedAt}`, byModel };
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
