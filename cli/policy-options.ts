import { existsSync } from "node:fs";
import * as path from "node:path";
import { Option } from "commander";
import { UsageError } from "../diagnostics/failure";
import { FileReadError, readRegularText } from "../loader/source";
import { AZURE_POLICY_DIR, loadPolicyInputs, type PolicyInputs } from "../policies/check-plan";
import { PolicyConfigError, type PolicyConfigFile, parsePolicyConfig } from "../policies/config";
import { parseJsonText } from "../policies/evaluator";
import { projectPolicies } from "../policies/registry";
import type { CommandIO } from "./io";
import { resolvePath } from "./options";

export interface PolicyFlags {
  policyConfig?: string;
  azurePolicies?: string;
}

export function policyConfigOption(): Option {
  return new Option(
    "--policy-config <file>",
    "policy configuration JSON, as for `pulumi preview --policy-pack-config` (enforcement levels and parameters)",
  );
}

export function azurePoliciesOption(): Option {
  return new Option(
    "--azure-policies <dir>",
    `Azure Policy definitions, initiatives and assignments to enforce (default: ${AZURE_POLICY_DIR} beside the file)`,
  );
}

/** Reads `--policy-config`; an unreadable, malformed or mistyped configuration is a usage error. */
export function readPolicyConfig(io: CommandIO, file: string | undefined): PolicyConfigFile {
  if (file === undefined) return {};
  try {
    return parsePolicyConfig(parseJsonText(readRegularText(resolvePath(io, file))), projectPolicies());
  } catch (error) {
    if (error instanceof FileReadError)
      throw new UsageError(`${file}: cannot read the file: ${error.reason}`);
    if (error instanceof PolicyConfigError || error instanceof SyntaxError)
      throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads the policy options for a deployments file: the configuration and the users' Azure Policy folder
 * (`--azure-policies`, else `policies/azure/` beside the file). Problems are usage errors.
 */
export function readPolicyInputs(io: CommandIO, flags: PolicyFlags, deploymentsFile: string): PolicyInputs {
  const config = readPolicyConfig(io, flags.policyConfig);
  const explicit = flags.azurePolicies !== undefined;
  const shown = flags.azurePolicies ?? path.join(path.dirname(deploymentsFile), AZURE_POLICY_DIR);
  const dir = resolvePath(io, shown);
  if (explicit && !existsSync(dir)) throw new UsageError(`${flags.azurePolicies}: no such directory`);
  return loadPolicyInputs(config, dir, shown);
}
