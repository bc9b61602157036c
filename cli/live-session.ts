import type { Diagnostic } from "../diagnostics/diagnostic";
import { UsageError } from "../diagnostics/failure";
import { formatText } from "../diagnostics/formatters/text";
import type { LiveContext } from "../live/context";
import { type CommandIO, ExitCode } from "./io";
import type { LiveFlags } from "./live-options";

/**
 * The LiveContext of a command: what tests inject (clock, retries, credential), then the command's
 * environment, directory and connection flags, with progress on stderr (shown only on a terminal).
 */
export function liveContext(
  io: CommandIO,
  flags: LiveFlags,
  injected: Partial<LiveContext> = {},
): LiveContext {
  return {
    ...injected,
    env: io.env,
    cwd: io.cwd,
    armEndpoint: flags.armEndpoint,
    subscriptionId: flags.subscription,
    progress: { write: (text) => io.stderr(text), isTTY: io.isTTY },
  };
}

/**
 * An input file a live command cannot use (unreadable, or with errors): its findings on stderr, then the
 * reason as a usage error when there is one to add; exit 2 either way.
 */
export function refuseFile(io: CommandIO, diagnostics: readonly Diagnostic[], reason?: string): number {
  io.stderr(formatText(diagnostics));
  if (reason !== undefined) throw new UsageError(reason);
  return ExitCode.usage;
}
