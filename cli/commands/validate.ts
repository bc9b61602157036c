import type { Command } from "commander";
import { type Diagnostic, exitCodeFor, sortDiagnostics } from "../../diagnostics/diagnostic";
import { type DiagnosticFormat, diagnosticFormatters } from "../../diagnostics/formatters";
import { summarize } from "../../diagnostics/formatters/text";
import type { LiveContext } from "../../live/context";
import { validateFile } from "../../live/validate";
import { formatNames } from "../../text/formatter";
import { type CommandIO, ExitCode } from "../io";
import { type LiveValidateFlags, liveValidateOptions } from "../live-options";
import { liveContext } from "../live-session";
import { DEFAULT_FILE, envOption, formatOption, maxFileSizeOption } from "../options";
import {
  azurePoliciesOption,
  type PolicyFlags,
  policyConfigOption,
  readPolicyInputs,
} from "../policy-options";
import type { CommandContext, CommandRegistration } from "../program";

export interface ValidateOptions extends PolicyFlags, LiveValidateFlags {
  files: string[];
  env?: string;
  format: DiagnosticFormat;
  /** `--max-file-size`, in bytes. */
  maxFileSize?: number;
}

/** Validates deployments files; exit 0 without errors, 1 with errors, 2 when a file cannot be read. */
export async function runValidate(
  options: ValidateOptions,
  io: CommandIO,
  injected: Partial<LiveContext> = {},
): Promise<number> {
  const files = options.files.length > 0 ? options.files : [DEFAULT_FILE];
  const live = liveContext(io, options, injected);
  const diagnostics: Diagnostic[] = [];
  let unreadable = false;
  for (const file of files) {
    const policyInputs = () => readPolicyInputs(io, options, file);
    const checked = await validateFile(
      { file, env: options.env, policyInputs, models: options, maxFileBytes: options.maxFileSize },
      live,
    );
    diagnostics.push(...sortDiagnostics(checked.diagnostics));
    if (checked.result.unreadable) unreadable = true;
  }
  io.stdout(diagnosticFormatters[options.format](diagnostics));
  if (options.format === "text") io.stderr(`${summarize(diagnostics)} in ${files.length} file(s)\n`);
  return unreadable ? ExitCode.usage : exitCodeFor(diagnostics);
}

/** The `validate` command; `injected` lets tests set the clock and retry delays of the live checks. */
export function validateCommand(injected: Partial<LiveContext> = {}): CommandRegistration {
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
      .addOption(azurePoliciesOption())
      .addOption(maxFileSizeOption());
    for (const option of liveValidateOptions()) command.addOption(option);
    command.action((files: string[], opts: Omit<ValidateOptions, "files">) => {
      context.run((io) => runValidate({ ...opts, files }, io, injected));
    });
  };
}

export const registerValidate: CommandRegistration = validateCommand();
