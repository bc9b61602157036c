/**
 * `aideploy policy pull --scope <subscription or resource group id> [--out DIR]`: downloads the Azure
 * Policy assignments in force at the scope, with their definitions, initiatives and the initiatives'
 * member definitions, one JSON file each in Azure's shape, into policies/azure/ (default), which
 * `validate`, `plan` and the policy pack enforce. A pull replaces or removes only the files an earlier
 * pull wrote (listed in DIR/pull-manifest.yaml); files written by hand are kept and listed, and a pulled
 * file whose name is taken by one of them stops the pull (exit 2, nothing written).
 */
import type { Command } from "commander";
import { exitCodeFor } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import type { LiveContext } from "../../live/context";
import { pullPolicyFiles } from "../../live/policy-pull";
import { AZURE_POLICY_DIR } from "../../policies/check-plan";
import { writeFiles } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import { armEndpointOption } from "../live-options";
import { liveContext } from "../live-session";
import type { CommandContext } from "../program";

export interface PolicyPullOptions {
  scope: string;
  out?: string;
  armEndpoint?: string;
}

export async function runPolicyPull(
  options: PolicyPullOptions,
  io: CommandIO,
  injected: Partial<LiveContext> = {},
): Promise<number> {
  const out = options.out ?? AZURE_POLICY_DIR;
  const request = { scope: options.scope, out };
  const { result, diagnostics } = await pullPolicyFiles(request, liveContext(io, options, injected));
  if (result === undefined) {
    io.stderr(formatText(diagnostics));
    io.stderr(`aideploy policy pull: nothing was written to ${out}\n`);
    return exitCodeFor(diagnostics);
  }
  writeFiles(result.files, out);
  if (diagnostics.length > 0) io.stderr(formatText(diagnostics));
  io.stderr(`${result.summary}\n`);
  return ExitCode.ok;
}

/** Adds `pull` under the `policy` command (created when no other subcommand has created it yet). */
export function registerPolicyPull(
  program: Command,
  context: CommandContext,
  injected: Partial<LiveContext> = {},
): void {
  const policy =
    program.commands.find((command) => command.name() === "policy") ??
    program
      .command("policy")
      .description("evaluate Azure Policy definitions and pull the ones assigned in Azure");
  policy
    .command("pull")
    .description(
      "download the Azure Policy assignments in force at a scope, with their definitions; files written by hand are kept",
    )
    .requiredOption("--scope <id>", "subscription (/subscriptions/<id>) or resource group id")
    .option("-o, --out <dir>", `output directory (default: ${AZURE_POLICY_DIR})`)
    .addOption(armEndpointOption())
    .action((opts: PolicyPullOptions) => {
      context.run((io) => runPolicyPull(opts, io, injected));
    });
}
