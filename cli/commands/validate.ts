import type { Command } from "commander";
import {
  type Diagnostic,
  type EnvironmentFindings,
  exitCodeFor,
  mergeEnvironmentFindings,
  sortDiagnostics,
} from "../../diagnostics/diagnostic";
import { UsageError } from "../../diagnostics/failure";
import { type DiagnosticFormat, diagnosticFormatters } from "../../diagnostics/formatters";
import { summarize } from "../../diagnostics/formatters/text";
import { planLoaded } from "../../infra/plan";
import type { LiveDeps } from "../../live/session";
import { chooseEnvironment } from "../../loader/environment";
import { type LoadedFile, loadDeploymentsFile } from "../../loader/load";
import { checkPlanPolicies, type PolicyInputs } from "../../policies/check-plan";
import { formatNames } from "../../reports/formatter";
import { type CommandIO, ExitCode } from "../io";
import { DEFAULT_FILE, envOption, formatOption, resolvePath } from "../options";
import {
  azurePoliciesOption,
  type PolicyFlags,
  policyConfigOption,
  readPolicyInputs,
} from "../policy-options";
import type { CommandContext, CommandRegistration } from "../program";
import { type LiveValidateOptions, liveReads, liveValidateOptions, runLiveChecks } from "./validate-live";

export interface ValidateOptions extends PolicyFlags, LiveValidateOptions {
  files: string[];
  env?: string;
  format: DiagnosticFormat;
}

/**
 * What to check of a file: the environment asked for, or else the file as written and every
 * environment it declares (an environment's overrides can break what the file as written keeps).
 */
function environmentsToCheck(
  file: string,
  loaded: LoadedFile,
  requested: string | undefined,
): (string | null)[] {
  const config = loaded.config;
  if (!config) return [];
  if (requested !== undefined) {
    const choice = chooseEnvironment(config, requested);
    if (!choice.ok) throw new UsageError(`${file}: ${choice.message}`);
    return [choice.name];
  }
  return [null, ...Object.keys(config.environments ?? {})];
}

async function checkFile(
  options: ValidateOptions,
  io: CommandIO,
  file: string,
): Promise<LoadedFile & { findings: Diagnostic[] }> {
  const loaded = loadDeploymentsFile(resolvePath(io, file), file);
  const environments = environmentsToCheck(file, loaded, options.env);
  const runs: EnvironmentFindings[] = [];
  const live = { ...options, reads: liveReads() };
  let setup: PolicyInputs | undefined;
  for (const environment of environments) {
    const planned = planLoaded(loaded, environment ?? undefined);
    if (!planned.ok) break;
    setup ??= readPolicyInputs(io, options, file);
    // Catalog checks run offline when a catalog is at hand; quota and availability live with --live.
    const checked = await runLiveChecks(planned.plan, live, io);
    if (checked.usageError !== undefined) throw new UsageError(`${file}: ${checked.usageError}`);
    runs.push({
      environment,
      diagnostics: [...checkPlanPolicies(planned.plan, setup).diagnostics, ...checked.diagnostics],
    });
  }
  return { ...loaded, findings: [...loaded.diagnostics, ...mergeEnvironmentFindings(runs)] };
}

/** Validates deployments files; exit 0 without errors, 1 with errors, 2 when a file cannot be read. */
export async function runValidate(options: ValidateOptions, io: CommandIO): Promise<number> {
  const files = options.files.length > 0 ? options.files : [DEFAULT_FILE];
  const diagnostics: Diagnostic[] = [];
  let unreadable = false;
  for (const file of files) {
    const checked = await checkFile(options, io, file);
    diagnostics.push(...sortDiagnostics(checked.findings));
    if (checked.ioError) unreadable = true;
  }
  io.stdout(diagnosticFormatters[options.format](diagnostics));
  if (options.format === "text") io.stderr(`${summarize(diagnostics)} in ${files.length} file(s)\n`);
  return unreadable ? ExitCode.usage : exitCodeFor(diagnostics);
}

/** The `validate` command; `deps` lets tests set the clock and retry delays of the live checks. */
export function validateCommand(deps: LiveDeps = {}): CommandRegistration {
  return (program: Command, context: CommandContext) => {
    const command = program
      .command("validate")
      .description(
        "check deployments files against the schema and the rules a schema cannot express, as written and in every environment",
      )
      .argument("[files...]", `deployments files (default: ${DEFAULT_FILE})`)
      .addOption(
        envOption("check only this environment (default: the file as written and every environment)"),
      )
      .addOption(formatOption(formatNames(diagnosticFormatters), "text"))
      .addOption(policyConfigOption())
      .addOption(azurePoliciesOption());
    for (const option of liveValidateOptions()) command.addOption(option);
    command.action(
      (
        files: string[],
        opts: { env?: string; format: DiagnosticFormat } & PolicyFlags & LiveValidateOptions,
      ) => {
        const options: ValidateOptions = { ...opts, ...deps, files };
        context.run((io) => runValidate(options, io));
      },
    );
  };
}

export const registerValidate: CommandRegistration = validateCommand();
