import type { Command } from "commander";
import { projectPolicies } from "../../policies/registry";
import { formatNames } from "../../reports/formatter";
import { type PolicyListFormat, policyListFormatters } from "../../reports/policy-list";
import { listPolicies } from "../../reports/policy-list/model";
import { type CommandIO, ExitCode } from "../io";
import { formatOption } from "../options";
import { type PolicyFlags, policyConfigOption, readPolicySetup } from "../policy-options";
import type { CommandContext } from "../program";

/** Lists the pack: id, definition, effect, enforcement (with the configuration, if given), description. */
export async function runPolicies(
  options: { format: PolicyListFormat } & PolicyFlags,
  io: CommandIO,
): Promise<number> {
  const setup = readPolicySetup(io, { ...options, azurePolicies: undefined }, "deployments.yaml");
  const entries = listPolicies(projectPolicies(), setup.config);
  io.stdout(policyListFormatters[options.format](entries));
  return ExitCode.ok;
}

export function registerPolicies(program: Command, context: CommandContext): void {
  program
    .command("policies")
    .description("list the policy pack: id, Azure Policy definition, effect, enforcement and description")
    .addOption(formatOption(formatNames(policyListFormatters), "text"))
    .addOption(policyConfigOption())
    .action((opts: { format: PolicyListFormat } & PolicyFlags) => {
      context.run((io) => runPolicies(opts, io));
    });
}
