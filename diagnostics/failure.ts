/**
 * The failure vocabulary of every command. Findings are Diagnostics (exit 1 through `exitCodeFor`); a
 * usage or configuration problem (a flag, an environment, a configuration file) is one `UsageError`,
 * thrown where it is found and reported once by the command runner (exit 2); anything else is a defect
 * (exit 3).
 */

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A usage or configuration problem: the command prints the message and nothing else, and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
