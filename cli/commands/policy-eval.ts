import * as path from "node:path";
import { type FileReadError, readRegularText } from "../../loader/source";
import {
  DefinitionError,
  evaluatePolicy,
  JsonDepthError,
  type JsonValue,
  normalizeParameterValues,
  type PolicyDefinition,
  parseDefinition,
  parseJsonText,
} from "../../policies/evaluator";
import { type CommandIO, ExitCode } from "../io";
import type { CommandRegistration } from "../program";
import { policyCommand } from "./policies";

export interface PolicyEvalArgs {
  /** Path of the policy definition JSON, relative to the working directory. */
  definition: string;
  /** Path of the resource JSON in ARM shape. */
  resource: string;
  /** Path of the parameter values: `{name: value}`, `{name: {value}}` or an ARM parameter file. */
  parameters?: string | undefined;
}

/** Input problems (unreadable file, invalid JSON, malformed definition): reported, exit 2. */
class InputError extends Error {}

/**
 * `aideploy policy eval`: prints one JSON object.
 * - rule matches: `{"effect": "<effect, lower case>"}`, exit 0;
 * - rule does not match, or does not apply (mode, type, disabled effect): `{"effect": null}`, exit 0;
 * - bad input (files, JSON, malformed definition): `{"error": "..."}`, exit 2;
 * - evaluation error (a failing expression, a missing or disallowed parameter): Azure counts it as
 *   non-compliant, yet no effect was decided, so `{"effect": null, "error": "..."}` and exit 1, the
 *   findings code, so that scripts checking only the exit code do not take it for a pass.
 */
export async function runPolicyEval(args: PolicyEvalArgs, io: CommandIO): Promise<number> {
  let definition: PolicyDefinition;
  let resource: JsonValue;
  let parameters: Record<string, JsonValue>;
  try {
    definition = parseDefinition(readJson(args.definition, io));
    resource = readJson(args.resource, io);
    if (typeof resource !== "object" || resource === null || Array.isArray(resource)) {
      throw new InputError(`${args.resource}: the resource must be a JSON object`);
    }
    parameters = args.parameters === undefined ? {} : readParameters(readJson(args.parameters, io));
  } catch (error) {
    if (error instanceof InputError || error instanceof DefinitionError) {
      print(io, { error: error.message });
      return ExitCode.usage;
    }
    throw error;
  }
  const evaluation = evaluatePolicy(definition, resource, { parameters });
  switch (evaluation.outcome) {
    case "non-compliant":
      print(io, { effect: evaluation.effect });
      return ExitCode.ok;
    case "compliant":
    case "not-applicable":
      print(io, { effect: null });
      return ExitCode.ok;
    case "undetermined":
      print(io, { effect: null, undetermined: evaluation.reason });
      return ExitCode.ok;
    case "error":
      print(io, { effect: null, error: evaluation.message });
      return ExitCode.findings;
  }
}

export const registerPolicyEval: CommandRegistration = (program, context) => {
  policyCommand(program)
    .command("eval")
    .description(
      "evaluate an Azure Policy definition against one resource in ARM shape; prints the effect as JSON",
    )
    .argument("<definition>", "policy definition JSON file")
    .requiredOption("--resource <file>", "resource JSON file in ARM shape")
    .option("--parameters <file>", "parameter values JSON file")
    .action((definition: string, options: { resource: string; parameters?: string }) => {
      context.run((io) =>
        runPolicyEval({ definition, resource: options.resource, parameters: options.parameters }, io),
      );
    });
};

function readJson(file: string, io: CommandIO): JsonValue {
  let text: string;
  try {
    text = readRegularText(path.resolve(io.cwd, file));
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as FileReadError).reason}`);
  }
  try {
    return parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonDepthError) throw new InputError(`${file}: ${error.message}`);
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function readParameters(json: JsonValue): Record<string, JsonValue> {
  try {
    return normalizeParameterValues(json);
  } catch (error) {
    if (error instanceof DefinitionError) throw new InputError(`parameters: ${error.message}`);
    throw error;
  }
}

function print(io: CommandIO, result: Record<string, JsonValue>): void {
  io.stdout(`${JSON.stringify(result)}\n`);
}
