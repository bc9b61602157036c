/**
 * `aideploy catalog refresh`'s use case: reads the model catalog of the regions named (models, versions,
 * lifecycle, retirement dates, deployment types with capacity bounds) and serialises it as the committed,
 * sorted catalog file (format 1, live/catalog.ts) that `validate` reads offline. Nothing is written here.
 */
import * as path from "node:path";
import { UsageError } from "../diagnostics/failure";
import { locationKey } from "../loader/location";
import { buildCatalog, serializeCatalog } from "./catalog";
import { fileStart, liveDiagnostic } from "./codes";
import type { FileChange, LiveContext, LiveOutcome } from "./context";
import { describeLiveFailure, liveFailureDiagnostic, resolveSettings } from "./errors";
import { type CatalogModelRecord, listLocationModels } from "./read";
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
  const regions: { location: string; models: CatalogModelRecord[] }[] = [];
  try {
    await session.run("reading the model catalog", async () => {
      const client = session.cognitive(session.connection());
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
  const catalog = buildCatalog(regions, {
    generatedAt: session.now().toISOString(),
    source: "Azure Resource Manager, GET locations/{location}/models",
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
  const counts = Object.entries(catalog.locations)
    .map(([location, entry]) => `${location} ${entry.models.length}`)
    .join(", ");
  const file = { path: path.resolve(context.cwd, request.out), text: serializeCatalog(catalog) };
  return { result: { file, summary: `wrote ${request.out}: models per region: ${counts}` }, diagnostics };
}
