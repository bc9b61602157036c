import * as path from "node:path";
import { UsageError } from "../../diagnostics/failure";
import { migrateState, StateFormatError } from "../../infra/state-migration";
import { type FileReadError, readRegularText } from "../../loader/source";
import { jsonDocument } from "../../text/json";
import { writeFiles } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import type { CommandRegistration } from "../program";

export interface StateMigrateArgs {
  /** `pulumi stack export` output, relative to the working directory. */
  file: string;
  /** Where to write the prepared state; default stdout. */
  out?: string | undefined;
}

/**
 * `aideploy state migrate` (alias `migrate-deployments`, its name before content filters moved too): reads
 * a stack export, completes the inputs of the deployments and content filters written by the typed resources (infra/state-migration.ts), writes the state for `pulumi stack import`.
 * What was done goes to stderr, so that stdout is the state alone.
 */
export async function runStateMigrate(args: StateMigrateArgs, io: CommandIO): Promise<number> {
  let exported: unknown;
  try {
    exported = JSON.parse(readRegularText(path.resolve(io.cwd, args.file), 512 * 1024 * 1024));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `not JSON: ${error.message}` : (error as FileReadError).reason;
    throw new UsageError(`cannot read ${args.file}: ${reason}`);
  }
  let result: ReturnType<typeof migrateState>;
  try {
    result = migrateState(exported);
  } catch (error) {
    if (error instanceof StateFormatError) throw new UsageError(`${args.file}: ${error.message}`);
    throw error;
  }
  const text = jsonDocument(result.state);
  if (args.out === undefined) io.stdout(text);
  else writeFiles([{ path: path.resolve(io.cwd, args.out), text }], args.out);
  const filters = result.migrated.filter((urn) => urn.includes("cognitiveservices:RaiPolicy::")).length;
  const deployments = result.migrated.length - filters;
  io.stderr(
    result.migrated.length === 0
      ? "no deployment or content filter needed preparing\n"
      : `prepared ${deployments} deployment(s) and ${filters} content filter(s) for the generic resource; run \`pulumi stack import\` with the result, then \`pulumi up\`\n`,
  );
  return ExitCode.ok;
}

export const registerState: CommandRegistration = (program, context) => {
  program
    .command("state")
    .description("prepare a Pulumi stack's state for a change in how aideploy writes resources")
    .command("migrate")
    .alias("migrate-deployments")
    .description(
      "complete the inputs of deployments and content filters written as azure-native's typed Deployment and RaiPolicy, so that the move to the generic resource (api-version 2026-09-01) is an update, not a replace",
    )
    .argument("<file>", "the output of `pulumi stack export`")
    .option("--out <file>", "write the prepared state there instead of stdout")
    .action((file: string, options: { out?: string }) => {
      context.run((io) => runStateMigrate({ file, out: options.out }, io));
    });
};
