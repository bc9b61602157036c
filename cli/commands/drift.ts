/**
 * `aideploy drift [FILE] [--env NAME] [--format text|md|json]`: live versus declared for every account of
 * the file, the account's own settings included (drift for `create: true`, information otherwise). Exit 0
 * without drift, 1 with drift or when an account could not be read (its diagnostics say so), 2 for
 * configuration problems (file, environment, subscription, endpoint).
 */
import type { Command } from "commander";
import { exitCodeFor } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { planFile } from "../../infra/plan";
import type { LiveContext } from "../../live/context";
import { readAndCompare } from "../../live/drift";
import { type DriftFormat, driftFormatters } from "../../reports/drift";
import { formatNames } from "../../text/formatter";
import { type CommandIO, ExitCode } from "../io";
import { armEndpointOption, type LiveFlags, subscriptionOption } from "../live-options";
import { liveContext, refuseFile } from "../live-session";
import { DEFAULT_FILE, envOption, formatOption, resolvePath } from "../options";
import type { CommandContext } from "../program";

export interface DriftOptions extends LiveFlags {
  file: string;
  env?: string;
  format: DriftFormat;
}

export async function runDrift(
  options: DriftOptions,
  io: CommandIO,
  injected: Partial<LiveContext> = {},
): Promise<number> {
  const planned = planFile(resolvePath(io, options.file), options.file, options.env);
  // The declared side cannot be built: a configuration problem of the file, not drift.
  if (!planned.ok) {
    const reason = "the file has errors; fix them before comparing it with Azure";
    return refuseFile(io, planned.diagnostics, planned.unreadable ? undefined : reason);
  }
  const { result, diagnostics } = await readAndCompare(planned.plan, liveContext(io, options, injected));
  io.stdout(driftFormatters[options.format](result));
  if (diagnostics.length > 0) io.stderr(formatText(diagnostics));
  return result.summary.total > 0 ? ExitCode.findings : exitCodeFor(diagnostics);
}

export function registerDrift(
  program: Command,
  context: CommandContext,
  injected: Partial<LiveContext> = {},
): void {
  program
    .command("drift")
    .description("compare live Azure with the file: missing, unmanaged, changed and upgraded resources")
    .argument("[file]", "deployments file", DEFAULT_FILE)
    .addOption(envOption())
    .addOption(formatOption(formatNames(driftFormatters), "text"))
    .addOption(subscriptionOption())
    .addOption(armEndpointOption())
    .action((file: string, opts: Omit<DriftOptions, "file">) => {
      context.run((io) => runDrift({ ...opts, file }, io, injected));
    });
}
