import type { Command } from "commander";
import { type Diagnostic, exitCodeFor } from "../../diagnostics/diagnostic";
import { formatGithub } from "../../diagnostics/formatters/github";
import { formatJson } from "../../diagnostics/formatters/json";
import { formatText, summarize } from "../../diagnostics/formatters/text";
import { planLoaded } from "../../infra/plan";
import type { LiveDeps } from "../../live/session";
import { chooseEnvironment } from "../../loader/environment";
import { loadDeploymentsFile } from "../../loader/load";
import { checkPlanPolicies } from "../../policies/check-plan";
import { type CommandIO, ExitCode } from "../io";
import { DEFAULT_FILE, envOption, formatOption, resolvePath } from "../options";
import {
  azurePoliciesOption,
  type PolicyFlags,
  policyConfigOption,
  readPolicySetup,
} from "../policy-options";
import type { CommandContext, CommandRegistration } from "../program";
import { type LiveValidateOptions, liveValidateOptions, runLiveChecks } from "./validate-live";

export const VALIDATE_FORMATS = ["text", "json", "github"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface ValidateOptions extends PolicyFlags, LiveValidateOptions {
  files: string[];
  env?: string;
  format: ValidateFormat;
}

const formatters: Record<ValidateFormat, (diagnostics: readonly Diagnostic[]) => string> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
};

/** Validates deployments files; exit 0 without errors, 1 with errors, 2 when a file cannot be read. */
export async function runValidate(options: ValidateOptions, io: CommandIO): Promise<number> {
  const files = options.files.length > 0 ? options.files : [DEFAULT_FILE];
  const diagnostics: Diagnostic[] = [];
  let usageFailure = false;
  for (const file of files) {
    const loaded = loadDeploymentsFile(resolvePath(io, file), file);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.ioError) usageFailure = true;
    if (loaded.config && options.env !== undefined) {
      const choice = chooseEnvironment(loaded.config, options.env);
      if (!choice.ok) {
        io.stderr(`aideploy validate: ${file}: ${choice.message}\n`);
        usageFailure = true;
        continue;
      }
    }
    const planned = planLoaded(loaded, options.env);
    if (!planned.ok) continue;
    const setup = readPolicySetup(io, options, file);
    if (typeof setup === "string") {
      io.stderr(`aideploy validate: ${setup}\n`);
      usageFailure = true;
      continue;
    }
    diagnostics.push(...checkPlanPolicies(planned.plan, setup).diagnostics);
    // Catalog checks run offline when a catalog is at hand; quota and availability live with --live.
    const live = await runLiveChecks(planned.plan, options, io);
    if (live.usageError !== undefined) {
      io.stderr(`aideploy validate: ${file}: ${live.usageError}\n`);
      usageFailure = true;
    }
    diagnostics.push(...live.diagnostics);
  }
  io.stdout(formatters[options.format](diagnostics));
  if (options.format === "text") io.stderr(`${summarize(diagnostics)} in ${files.length} file(s)\n`);
  return usageFailure ? ExitCode.usage : exitCodeFor(diagnostics);
}

/** The `validate` command; `deps` lets tests set the clock and retry delays of the live checks. */
export function validateCommand(deps: LiveDeps = {}): CommandRegistration {
  return (program: Command, context: CommandContext) => {
    const command = program
      .command("validate")
      .description("check deployments files against the schema and the rules a schema cannot express")
      .argument("[files...]", `deployments files (default: ${DEFAULT_FILE})`)
      .addOption(envOption())
      .addOption(formatOption(VALIDATE_FORMATS, "text"))
      .addOption(policyConfigOption())
      .addOption(azurePoliciesOption());
    for (const option of liveValidateOptions()) command.addOption(option);
    command.action(
      (
        files: string[],
        opts: { env?: string; format: ValidateFormat } & PolicyFlags & LiveValidateOptions,
      ) => {
        const options: ValidateOptions = { ...opts, ...deps, files };
        context.run((io) => runValidate(options, io));
      },
    );
  };
}

export const registerValidate: CommandRegistration = validateCommand();
