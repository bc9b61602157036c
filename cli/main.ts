import { registerCatalog } from "./commands/catalog";
import { registerDiff } from "./commands/diff";
import { registerDrift } from "./commands/drift";
import { registerImport } from "./commands/import";
import { registerInit } from "./commands/init";
import { registerPlan } from "./commands/plan";
import { registerPolicies } from "./commands/policies";
import { registerPolicyEval } from "./commands/policy-eval";
import { registerPolicyPull } from "./commands/policy-pull";
import { registerPrices } from "./commands/prices";
import { registerReport } from "./commands/report";
import { registerState } from "./commands/state";
import { registerValidate } from "./commands/validate";
import { type CommandIO, processIO } from "./io";
import { type CommandRegistration, runProgram } from "./program";

/** Every command of the CLI, in the order `--help` lists them. */
export function commandRegistrations(): CommandRegistration[] {
  return [
    registerValidate,
    registerPlan,
    registerDiff,
    registerReport,
    registerPolicies,
    registerPolicyEval,
    registerPolicyPull,
    registerImport,
    registerDrift,
    registerCatalog,
    registerState,
    registerPrices,
    registerInit,
  ];
}

export async function main(argv: readonly string[], io: CommandIO = processIO()): Promise<number> {
  return runProgram(argv, io, commandRegistrations());
}
