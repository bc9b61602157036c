import { Option } from "commander";
import { estimateCost } from "../../cost/estimate";
import { exitCodeFor } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { planFile } from "../../infra/plan";
import { checkPlanPolicies } from "../../policies/check-plan";
import { type ComplianceFormat, complianceFormatters } from "../../reports/compliance";
import { reportExitCodes } from "../../reports/compliance/labels";
import { buildComplianceReport } from "../../reports/compliance/model";
import { repositoryPath } from "../../reports/compliance/repository-path";
import { formatNames } from "../../text/formatter";
import { plural } from "../../text/plural";
import { writeFileAtomically } from "../atomic-write";
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
import type { CommandContext, CommandRegistration } from "../program";

export interface ReportOptions extends PolicyFlags, PriceFlags {
  file: string;
  env?: string;
  format: ComplianceFormat;
  /** Write the report here (parent directories created) instead of to stdout. */
  out?: string;
  /** Stamp the report with the time it was made (SOURCE_DATE_EPOCH when set, for reproducible builds). */
  timestamp?: boolean;
}

function toolVersion(): string {
  // Read at call time, not at import; package.json sits at the repository root.
  return (require("../../package.json") as { version: string }).version;
}

function reportTime(io: CommandIO): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

/**
 * Every resource against every policy, rendered for auditors and pull requests. Exit code 1 when a
 * mandatory policy is violated or fails to evaluate, so that a pipeline stops; file errors as `validate`.
 */
export async function runReport(options: ReportOptions, io: CommandIO): Promise<number> {
  const result = planFile(resolvePath(io, options.file), options.file, options.env);
  if (result.diagnostics.length > 0) io.stderr(formatText(result.diagnostics));
  if (!result.ok)
    return result.unreadable ? ExitCode.usage : exitCodeFor(result.diagnostics) || ExitCode.findings;
  const setup = readPolicyInputs(io, options, options.file);
  if (setup.diagnostics.length > 0) io.stderr(formatText(setup.diagnostics));
  const { results } = checkPlanPolicies(result.plan, setup);
  const buildOptions: Parameters<typeof buildComplianceReport>[2] = {
    version: toolVersion(),
    repositoryPath: repositoryPath(io, options.file),
  };
  if (options.timestamp) buildOptions.generatedAt = reportTime(io);
  const prices = readPrices(io, resolvePath(io, options.file), options);
  buildOptions.cost = estimateCost(
    result.plan.state,
    prices,
    result.plan.loaded.catalog,
    estimateOptions(options),
  );
  const report = buildComplianceReport(result.plan, results, buildOptions);
  const text = complianceFormatters[options.format](report);

  if (options.out === undefined) io.stdout(text);
  else {
    const target = resolvePath(io, options.out);
    try {
      // Written whole or not at all: an interrupted run leaves the previous report in place.
      writeFileAtomically(target, text);
    } catch (error) {
      io.stderr(`aideploy report: cannot write ${options.out}: ${(error as Error).message}\n`);
      return ExitCode.usage;
    }
    const { summary } = report;
    const verdict =
      summary.verdict === "fail"
        ? `fails: ${plural(summary.blocking, "mandatory finding", { grouped: true })}`
        : `passes: ${plural(summary.advisory, "advisory finding", { grouped: true })}`;
    io.stderr(`aideploy report: wrote ${options.out} (${options.format}); ${verdict}\n`);
  }
  const blocked = report.summary.verdict === "fail" || exitCodeFor(setup.diagnostics) === 1;
  return blocked ? ExitCode.findings : ExitCode.ok;
}

function exitCodeHelp(): string {
  return `\nExit codes:\n${reportExitCodes.map((e) => `  ${e.code}  ${e.meaning}`).join("\n")}\n
Formats: md (pull request comment, job summary), json, sarif (GitHub code scanning), junit (Azure DevOps,
GitLab test tabs), html (one self-contained page for auditors).\n`;
}

export const registerReport: CommandRegistration = (program, context: CommandContext) => {
  program
    .command("report")
    .description(
      "compliance report: every resource against every policy (compliant, non-compliant, not applicable, error)",
    )
    .argument("[file]", "deployments file", DEFAULT_FILE)
    .addOption(envOption())
    .addOption(formatOption(formatNames(complianceFormatters), "md"))
    .addOption(
      new Option("-o, --out <path>", "write the report to this file (directories created) instead of stdout"),
    )
    .addOption(
      new Option("--timestamp", "stamp the report with the current time (SOURCE_DATE_EPOCH when set)"),
    )
    .addOption(policyConfigOption())
    .addOption(azurePoliciesOption())
    .addOption(pricesOption())
    .addOption(pricesAsOfOption())
    .addHelpText("after", exitCodeHelp())
    .action((file: string, opts: Omit<ReportOptions, "file">) => {
      const options: ReportOptions = { ...opts, file };
      context.run((io) => runReport(options, io));
    });
};
