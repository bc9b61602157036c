import { describeLiveFailure, LiveConfigError } from "../live/errors";
import { type LiveDeps, LiveSession } from "../live/session";
import { type CommandIO, ExitCode } from "./io";

/** A live session for a command: its progress goes to stderr, shown only on a terminal. */
export function commandSession(
  io: CommandIO,
  deps: LiveDeps,
  flags: { armEndpoint?: string | undefined; subscriptionId?: string | undefined },
): LiveSession {
  return new LiveSession({
    ...deps,
    armEndpoint: flags.armEndpoint,
    subscriptionId: flags.subscriptionId,
    env: io.env,
    progress: { write: (text) => io.stderr(text), isTTY: io.isTTY },
  });
}

/** A configuration problem (no subscription, unsafe endpoint) is a usage error; anything else is rethrown. */
export function reportConfigFailure(command: string, io: CommandIO, error: unknown): number {
  if (!(error instanceof LiveConfigError)) throw error;
  const failure = describeLiveFailure(error);
  io.stderr(`aideploy ${command}: ${failure.message} (${failure.hint})\n`);
  return ExitCode.usage;
}
