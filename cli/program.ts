import { Command, CommanderError } from "commander";
import { ExitCode, UsageError } from "../diagnostics/failure";
import type { CommandIO } from "./io";

/** A command's action resolves to its exit code; nothing below the CLI calls `process.exit`. */
export type CommandRunner = (io: CommandIO) => Promise<number>;

export interface CommandContext {
  io: CommandIO;
  /** Hands the command's work to `main`, which awaits it and returns its exit code. */
  run(runner: CommandRunner): void;
}

export type CommandRegistration = (program: Command, context: CommandContext) => void;

/** `policy eval`, not `eval`: the words a user types after `aideploy`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) {
    names.unshift(current.name());
  }
  return names.join(" ");
}

export function buildProgram(
  io: CommandIO,
  registrations: readonly CommandRegistration[],
): { program: Command; pending: () => Promise<number> | undefined; invoked: () => string } {
  let pending: Promise<number> | undefined;
  let invoked = "";
  const program = new Command("aideploy")
    .description(
      "Declarative Azure AI services model deployments: validate, plan, review, report and check live Azure.",
    )
    .version(readVersion(), "-V, --version")
    .showHelpAfterError("(run `aideploy --help` for usage)")
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride()
    .hook("preAction", (_program, action) => {
      invoked = commandPath(action);
    });
  const context: CommandContext = {
    io,
    run(runner) {
      pending = runner(io);
    },
  };
  for (const register of registrations) register(program, context);
  for (const sub of program.commands) applyCommonSettings(sub, io);
  return { program, pending: () => pending, invoked: () => invoked };
}

function applyCommonSettings(command: Command, io: CommandIO): void {
  command
    .exitOverride()
    .showHelpAfterError(`(run \`aideploy ${commandPath(command)} --help\` for usage)`)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  for (const sub of command.commands) applyCommonSettings(sub, io);
}

function readVersion(): string {
  // package.json sits at the repository root; resolved at call time, not at import.
  const pkg = require("../package.json") as { version: string };
  return pkg.version;
}

/**
 * Runs the CLI with the given arguments; returns the exit code. The one place failures become exit
 * codes: commander's usage errors and a `UsageError` from a command are 2, printed once; anything
 * else thrown is a defect, reported as an internal error (3).
 */
export async function runProgram(
  argv: readonly string[],
  io: CommandIO,
  registrations: readonly CommandRegistration[],
): Promise<number> {
  const { program, pending, invoked } = buildProgram(io, registrations);
  try {
    await program.parseAsync([...argv], { from: "user" });
    const result = pending();
    if (result === undefined) {
      io.stdout(program.helpInformation());
      return argv.length === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return await result;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
      if (error.code === "commander.help") return ExitCode.ok;
      return ExitCode.usage;
    }
    if (error instanceof UsageError) {
      const prefix = invoked() === "" ? "aideploy" : `aideploy ${invoked()}`;
      io.stderr(`${prefix}: ${error.message}\n`);
      return ExitCode.usage;
    }
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`aideploy: internal error: ${reason}\n`);
    return ExitCode.internal;
  }
}
