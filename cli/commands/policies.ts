import type { Command } from "commander";
import { projectPolicies } from "../../policies/registry";
import {
  formatPolicyListJson,
  formatPolicyListMarkdown,
  formatPolicyListText,
  listPolicies,
} from "../../reports/policy-list";
import { type CommandIO, ExitCode } from "../io";
import { formatOption } from "../options";
import { type PolicyFlags, policyConfigOption, readPolicyInputs } from "../policy-options";
import type { CommandContext } from "../program";

export const POLICIES_FORMATS = ["text", "md", "json"] as const;
type PoliciesFormat = (typeof POLICIES_FORMATS)[number];

/** Lists the pack: id, definition, effect, enforcement (with the configuration, if given), description. */
export async function runPolicies(
  options: { format: PoliciesFormat } & PolicyFlags,
  io: CommandIO,
): Promise<number> {
  const setup = readPolicyInputs(io, { ...options, azurePolicies: undefined }, "deployments.yaml");
  const entries = listPolicies(projectPolicies(), setup.config);
  const format = { text: formatPolicyListText, md: formatPolicyListMarkdown, json: formatPolicyListJson }[
    options.format
  ];
  io.stdout(format(entries));
  return ExitCode.ok;
}

export function registerPolicies(program: Command, context: CommandContext): void {
  program
    .command("policies")
    .description("list the policy pack: id, Azure Policy definition, effect, enforcement and description")
    .addOption(formatOption(POLICIES_FORMATS, "text"))
    .addOption(policyConfigOption())
    .action((opts: { format: PoliciesFormat } & PolicyFlags) => {
      context.run((io) => runPolicies(opts, io));
    });
}
