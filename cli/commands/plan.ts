import type { Command } from "commander";
import { estimateCost } from "../../cost/estimate";
import { exitCodeFor } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { planFile } from "../../infra/plan";
import { checkPlanPolicies } from "../../policies/check-plan";
import { type PlanFormat, planFormatters } from "../../reports/plan";
import { buildPlanReport } from "../../reports/plan/model";
import { formatNames } from "../../text/formatter";
import {
  estimateOptions,
  type PriceFlags,
  pricesAsOfOption,
  pricesOption,
  readPrices,
} from "../cost-options";
import { type CommandIO, ExitCode } from "../io";
import { DEFAULT_FILE, envOption, formatOption, resolvePath } from "../options";
import {
  azurePoliciesOption,
  type PolicyFlags,
  policyConfigOption,
  readPolicyInputs,
} from "../policy-options";
import type { CommandContext } from "../program";

export interface PlanOptions extends PolicyFlags, PriceFlags {
  file: string;
  env?: string;
  format: PlanFormat;
}

/** Plans the file offline: no credentials, no Pulumi CLI. Exit codes as `validate`. */
export async function runPlan(options: PlanOptions, io: CommandIO): Promise<number> {
  const result = planFile(resolvePath(io, options.file), options.file, options.env);
  if (result.diagnostics.length > 0) io.stderr(formatText(result.diagnostics));
  if (!result.ok)
    return result.unreadable ? ExitCode.usage : exitCodeFor(result.diagnostics) || ExitCode.findings;
  const { plan } = result;
  const setup = readPolicyInputs(io, options, options.file);
  const policies = checkPlanPolicies(plan, setup);
  const prices = readPrices(io, resolvePath(io, options.file), options);
  const cost = estimateCost(plan.state, prices, plan.loaded.catalog, estimateOptions(options));
  io.stdout(planFormatters[options.format](buildPlanReport(plan, policies, cost)));
  return exitCodeFor([...result.diagnostics, ...policies.diagnostics]);
}

export function registerPlan(program: Command, context: CommandContext): void {
  program
    .command("plan")
    .description("show the resources a deployment would create, in write order, without Azure or Pulumi")
    .argument("[file]", "deployments file", DEFAULT_FILE)
    .addOption(envOption())
    .addOption(formatOption(formatNames(planFormatters), "text"))
    .addOption(policyConfigOption())
    .addOption(azurePoliciesOption())
    .addOption(pricesOption())
    .addOption(pricesAsOfOption())
    .action((file: string, opts: { env?: string; format: PlanFormat } & PolicyFlags & PriceFlags) => {
      const options: PlanOptions = { ...opts, file };
      context.run((io) => runPlan(options, io));
    });
}
