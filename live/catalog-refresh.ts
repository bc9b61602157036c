/**
 * `aideploy catalog refresh`'s use case: reads the model catalog of the regions named
 * (`locations/{l}/models`: models, versions, lifecycle, retirement dates, deployment types with their
 * regions and capacity bounds) and serialises it in the catalog format (origin `arm`, one source per
 * region) that `validate` reads offline. Facts ARM does not give are carried over from the catalog the
 * file holds now, for the same model versions. Nothing is written here.
 */
import * as path from "node:path";
import { SCHEMA_PATH, serializeModelCatalog } from "../catalog/model-catalog";
import { UsageError } from "../diagnostics/failure";
import { previousCatalog } from "../loader/catalog-file";
import { locationKey } from "../loader/location";
import { catalogFromArm, type RegionModels } from "./catalog";
import { fileStart, liveDiagnostic } from "./codes";
import type { FileChange, LiveContext, LiveOutcome } from "./context";
import { describeLiveFailure, liveFailureDiagnostic, resolveSettings } from "./errors";
import { listLocationModels } from "./read";
import { LiveSession } from "./session";

export interface CatalogRefreshRequest {
  /** `--location`: regions, each possibly a comma-separated list. */
  locations: readonly string[];
  /** The catalog file, relative to the context's directory. */
  out: string;
}

/** The catalog file to write, and the line that says what it holds. */
export interface CatalogRefresh {
  file: FileChange;
  summary: string;
}

/** The regions named, once each, in the order of their keys; none is a usage error. */
function regionsOf(values: readonly string[]): string[] {
  const locations = [...new Set(values.flatMap((value) => value.split(",")).map((value) => value.trim()))]
    .filter((value) => value !== "")
    .sort((a, b) => locationKey(a).localeCompare(locationKey(b)));
  if (locations.length === 0) throw new UsageError("name at least one region with --location");
  return locations;
}

/** The catalog of the regions; undefined (nothing to write) when a read fails, which the findings say. */
export async function refreshCatalog(
  request: CatalogRefreshRequest,
  context: LiveContext,
): Promise<LiveOutcome<CatalogRefresh | undefined>> {
  const locations = regionsOf(request.locations);
  const session = resolveSettings(() => new LiveSession(context));
  resolveSettings(() => session.connection());
  const regions: RegionModels[] = [];
  let apiVersion = "";
  try {
    await session.run("reading the model catalog", async () => {
      const client = session.cognitive(session.connection());
      apiVersion = client.apiVersion;
      for (const location of locations) {
        regions.push({
          location,
          models: await session.read(`models of ${location}`, () => listLocationModels(client, location)),
        });
      }
    });
  } catch (error) {
    const failure = describeLiveFailure(error, { action: "Reading the model catalog" });
    return { result: undefined, diagnostics: [liveFailureDiagnostic(failure, fileStart(request.out))] };
  }
  const file = path.resolve(context.cwd, request.out);
  const before = previousCatalog(file, request.out);
  const generatedAt = session.now().toISOString().slice(0, 10);
  const { catalog, carriedFacts } = catalogFromArm(regions, {
    generatedAt,
    apiVersion,
    schema: path.relative(path.dirname(file), SCHEMA_PATH).split(path.sep).join("/"),
    ...(before ? { previous: { catalog: before, label: `${request.out} of ${before.generatedAt}` } } : {}),
  });
  const empty = regions.filter((region) => region.models.length === 0).map((region) => region.location);
  const diagnostics =
    empty.length === 0
      ? []
      : [
          liveDiagnostic("live/catalog-not-applicable", fileStart(request.out), {
            message: `Azure lists no models in ${empty.join(", ")}: check the region names`,
            hint: false,
          }),
        ];
  const counts = regions
    .map((region) => {
      const location = locationKey(region.location);
      const versions = catalog.models.filter((model) =>
        Object.values(model.deploymentTypes).some((offer) => offer?.regions?.includes(location)),
      );
      return `${location} ${versions.length}`;
    })
    .join(", ");
  const carried =
    before && carriedFacts > 0
      ? `; carried over ${carriedFacts} fact(s) ARM does not give from ${request.out} of ${before.generatedAt}`
      : "";
  const summary = `wrote ${request.out}: ${catalog.models.length} model version(s); per region: ${counts}${carried}`;
  return { result: { file: { path: file, text: serializeModelCatalog(catalog) }, summary }, diagnostics };
}
