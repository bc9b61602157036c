import type { Command } from "commander";
import { projectPolicies } from "../../policies/registry";
import { type PolicyListFormat, policyListFormatters } from "../../reports/policy-list";
import { listPolicies } from "../../reports/policy-list/model";
import { formatNames } from "../../text/formatter";
import { type CommandIO, ExitCode } from "../io";
import { formatOption } from "../options";
import { type PolicyFlags, policyConfigOption, readPolicyInputs } from "../policy-options";
import type { CommandContext } from "../program";

type PolicyListOptions = { format: PolicyListFormat } & PolicyFlags;

const LIST_DESCRIPTION =
  "list the policy pack: id, Azure Policy definition, effect, enforcement and description";

/** Lists the pack: id, definition, effect, enforcement (with the configuration, if given), description. */
export async function runPolicies(options: PolicyListOptions, io: CommandIO): Promise<number> {
  const inputs = readPolicyInputs(io, { ...options, azurePolicies: undefined }, "deployments.yaml");
  const entries = listPolicies(projectPolicies(), inputs.config);
  io.stdout(policyListFormatters[options.format](entries));
  return ExitCode.ok;
}

/** The `policy` command that groups `list`, `eval` and `pull`: whichever registers first creates it. */
export function policyCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === "policy") ??
    program
      .command("policy")
      .description(
        "list the policy pack, evaluate Azure Policy definitions and pull the ones assigned in Azure",
      )
  );
}

function listOptions(command: Command, context: CommandContext): Command {
  return command
    .addOption(formatOption(formatNames(policyListFormatters), "text"))
    .addOption(policyConfigOption())
    .action((opts: PolicyListOptions) => {
      context.run((io) => runPolicies(opts, io));
    });
}

/**
 * `aideploy policy list`, and `aideploy policies`, the name it had first, kept as an alias so that
 * pipelines calling it keep working: same options, same output.
 */
export function registerPolicies(program: Command, context: CommandContext): void {
  listOptions(policyCommand(program).command("list").description(LIST_DESCRIPTION), context);
  listOptions(
    program.command("policies").description("alias of `policy list`, kept for existing pipelines"),
    context,
  );
}
