/**
 * `aideploy catalog refresh --location L [...] [--out FILE]`: saves the model catalog of the regions
 * (models, versions, lifecycle, retirement dates, deployment types with their regions and capacity
 * bounds) to a committed, sorted JSON file (default catalog/models.json, the catalog format) that
 * `validate` reads offline; facts Azure does not give are carried over from the file it replaces. A
 * failed read leaves the file as it was (exit 1); so does a failed write (exit 2).
 */
import type { Command } from "commander";
import { exitCodeFor } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { refreshCatalog } from "../../live/catalog-refresh";
import type { LiveContext } from "../../live/context";
import { DEFAULT_CATALOG } from "../../live/validate";
import { writeFiles } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import { armEndpointOption, type LiveFlags, subscriptionOption } from "../live-options";
import { liveContext } from "../live-session";
import type { CommandContext } from "../program";

export interface CatalogRefreshOptions extends LiveFlags {
  location: string[];
  out?: string;
}

export async function runCatalogRefresh(
  options: CatalogRefreshOptions,
  io: CommandIO,
  injected: Partial<LiveContext> = {},
): Promise<number> {
  const out = options.out ?? DEFAULT_CATALOG;
  const request = { locations: options.location, out };
  const { result, diagnostics } = await refreshCatalog(request, liveContext(io, options, injected));
  if (result === undefined) {
    io.stderr(formatText(diagnostics));
    io.stderr(`aideploy catalog refresh: ${out} was not changed\n`);
    return exitCodeFor(diagnostics);
  }
  // Written whole or not at all: an interrupted refresh leaves the previous catalog in place.
  writeFiles([result.file], out, "; it was not changed");
  if (diagnostics.length > 0) io.stderr(formatText(diagnostics));
  io.stderr(`${result.summary}\n`);
  return ExitCode.ok;
}

export function registerCatalog(
  program: Command,
  context: CommandContext,
  injected: Partial<LiveContext> = {},
): void {
  const catalog =
    program.commands.find((command) => command.name() === "catalog") ??
    program
      .command("catalog")
      .description("the model catalog used for offline availability, lifecycle and capacity checks");
  catalog
    .command("refresh")
    .description("save the model catalog of Azure regions for offline checks")
    .requiredOption("-l, --location <regions...>", "Azure regions, e.g. eastus2 swedencentral")
    .option("-o, --out <file>", `catalog file (default: ${DEFAULT_CATALOG})`)
    .addOption(subscriptionOption(false))
    .addOption(armEndpointOption())
    .action((opts: CatalogRefreshOptions) => {
      context.run((io) => runCatalogRefresh(opts, io, injected));
    });
}
