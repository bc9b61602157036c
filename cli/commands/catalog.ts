/**
 * `aideploy catalog refresh --location L [...] [--out FILE]`: saves the model catalog of the regions
 * (models, versions, lifecycle, retirement dates, deployment types with capacity bounds) to a committed,
 * sorted JSON file (default catalog/models.json) that `validate` reads offline.
 */
import type { Command } from "commander";
import { diagnosticAt } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { buildCatalog, serializeCatalog } from "../../live/catalog";
import { liveCodes } from "../../live/codes";
import { describeLiveFailure, liveFailureDiagnostic } from "../../live/errors";
import { type CatalogModelRecord, listLocationModels } from "../../live/read";
import type { LiveDeps, LiveSession } from "../../live/session";
import { locationKey } from "../../loader/location";
import { writeFileAtomically } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import { commandSession, reportConfigFailure } from "../live-session";
import { resolvePath } from "../options";
import type { CommandContext } from "../program";
import { armEndpointOption, DEFAULT_CATALOG, subscriptionOption } from "./validate-live";

export interface CatalogRefreshOptions {
  location: string[];
  out?: string;
  subscription?: string;
  armEndpoint?: string;
}

export async function runCatalogRefresh(
  options: CatalogRefreshOptions,
  io: CommandIO,
  deps: LiveDeps = {},
): Promise<number> {
  const out = options.out ?? DEFAULT_CATALOG;
  const locations = [
    ...new Set(options.location.flatMap((value) => value.split(",")).map((value) => value.trim())),
  ]
    .filter((value) => value !== "")
    .sort((a, b) => locationKey(a).localeCompare(locationKey(b)));
  if (locations.length === 0) {
    io.stderr("aideploy catalog refresh: name at least one region with --location\n");
    return ExitCode.usage;
  }
  let session: LiveSession;
  try {
    session = commandSession(io, deps, {
      armEndpoint: options.armEndpoint,
      subscriptionId: options.subscription,
    });
    session.connection();
  } catch (error) {
    return reportConfigFailure("catalog refresh", io, error);
  }
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
    io.stderr(formatText([liveFailureDiagnostic(failure, { file: out, line: 1, column: 1, path: "" })]));
    io.stderr(`aideploy catalog refresh: ${out} was not changed\n`);
    return ExitCode.findings;
  }
  const empty = regions.filter((region) => region.models.length === 0).map((region) => region.location);
  const catalog = buildCatalog(regions, {
    generatedAt: session.now().toISOString(),
    source: "Azure Resource Manager, GET locations/{location}/models",
  });
  try {
    // Written whole or not at all: an interrupted refresh leaves the previous catalog in place.
    writeFileAtomically(resolvePath(io, out), serializeCatalog(catalog));
  } catch (error) {
    io.stderr(
      `aideploy catalog refresh: cannot write ${out}: ${(error as Error).message}; it was not changed\n`,
    );
    return ExitCode.usage;
  }
  if (empty.length > 0) {
    io.stderr(
      formatText([
        diagnosticAt(
          { file: out, line: 1, column: 1, path: "" },
          {
            code: "live/catalog-not-applicable",
            severity: liveCodes["live/catalog-not-applicable"].severity,
            message: `Azure lists no models in ${empty.join(", ")}: check the region names`,
          },
        ),
      ]),
    );
  }
  const counts = Object.entries(catalog.locations)
    .map(([location, entry]) => `${location} ${entry.models.length}`)
    .join(", ");
  io.stderr(`wrote ${out}: models per region: ${counts}\n`);
  return ExitCode.ok;
}

export function registerCatalog(program: Command, context: CommandContext, deps: LiveDeps = {}): void {
  const catalog =
    program.commands.find((command) => command.name() === "catalog") ??
    program
      .command("catalog")
      .description("the model catalog used for offline availability and retirement checks");
  catalog
    .command("refresh")
    .description("save the model catalog of Azure regions for offline checks")
    .requiredOption("-l, --location <regions...>", "Azure regions, e.g. eastus2 swedencentral")
    .option("-o, --out <file>", `catalog file (default: ${DEFAULT_CATALOG})`)
    .addOption(subscriptionOption(false))
    .addOption(armEndpointOption())
    .action((opts: CatalogRefreshOptions) => {
      context.run((io) => runCatalogRefresh(opts, io, deps));
    });
}
