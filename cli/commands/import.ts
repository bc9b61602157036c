/**
 * `aideploy import --subscription S --resource-group RG --account NAME [--out FILE | --into FILE]
 * [--account-key KEY] [--subscription-rai-policy NAME]`: writes a deployments file describing an existing account's deployments, content
 * filters and blocklists, each with its ARM id under `import:`, or merges them into an existing file
 * (`--into`, keeping its comments and order). The result is validated before it is written; it is not
 * written (exit 1) when it would not validate or when a name it needs is taken. Exit 2 for
 * configuration problems.
 */
import { type Command, Option } from "commander";
import { sortDiagnostics } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import type { LiveContext } from "../../live/context";
import { importAccount } from "../../live/import-account";
import { writeFiles } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import { armEndpointOption, type LiveFlags, subscriptionOption } from "../live-options";
import { liveContext, refuseFile } from "../live-session";
import type { CommandContext } from "../program";

export interface ImportOptions extends LiveFlags {
  resourceGroup: string;
  account: string;
  out?: string;
  into?: string;
  force?: boolean;
  accountKey?: string;
  subscriptionRaiPolicy?: string;
}

export async function runImport(
  options: ImportOptions,
  io: CommandIO,
  injected: Partial<LiveContext> = {},
): Promise<number> {
  const { result, diagnostics } = await importAccount(options, liveContext(io, options, injected));
  if (result.status === "unusable-into") return refuseFile(io, diagnostics, result.message);
  if (result.status === "not-imported") {
    io.stderr(formatText(sortDiagnostics(diagnostics)));
    return ExitCode.findings;
  }
  if (result.path === undefined) io.stdout(result.text);
  else writeFiles([{ path: result.path, text: result.text }], result.shown);
  io.stderr(formatText(sortDiagnostics(diagnostics)));
  for (const change of result.changes) io.stderr(`aideploy import: ${change}\n`);
  io.stderr(`${result.summary}\n`);
  return ExitCode.ok;
}

export function registerImport(
  program: Command,
  context: CommandContext,
  injected: Partial<LiveContext> = {},
): void {
  program
    .command("import")
    .description(
      "write a deployments file that adopts an existing account's deployments, content filters and blocklists, or merge them into one (--into)",
    )
    .addOption(subscriptionOption(false))
    .requiredOption("--resource-group <name>", "resource group of the account")
    .requiredOption("--account <name>", "name of the Azure AI services account")
    .option("-o, --out <file>", "write the file here instead of printing it")
    .addOption(new Option("--force", "overwrite --out when it exists"))
    .option(
      "--into <file>",
      "merge the account into this existing deployments file (comments and order kept; refuses on a name clash)",
    )
    .option(
      "--account-key <key>",
      "logical key of the account in the file (default: its location, e.g. eastus2)",
    )
    .option(
      "--subscription-rai-policy <name>",
      "also adopt the subscription's RAI policy of this name as subscriptionRaiPolicy",
    )
    .addOption(armEndpointOption())
    .action((opts: ImportOptions) => {
      context.run((io) => runImport(opts, io, injected));
    });
}
