import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Option } from "commander";
import { AZURE_POLICY_DIR, type PolicySetup, policySetup } from "../policies/check-plan";
import { parseJsonText } from "../policies/evaluator";
import { enforcementLevels } from "../policies/policy";
import type { PolicyConfig } from "../policies/settings";
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

/** Reads the policy options; a bad configuration file is a usage error (returned as a message). */
export function readPolicySetup(
  io: CommandIO,
  flags: PolicyFlags,
  deploymentsFile: string,
): PolicySetup | string {
  let config: PolicyConfig = {};
  if (flags.policyConfig !== undefined) {
    try {
      const json = parseJsonText(readFileSync(resolvePath(io, flags.policyConfig), "utf8"));
      if (!json || typeof json !== "object" || Array.isArray(json))
        return `${flags.policyConfig}: must be a JSON object`;
      config = json as PolicyConfig;
      const problem = configProblem(config);
      if (problem) return `${flags.policyConfig}: ${problem}`;
    } catch (error) {
      return `${flags.policyConfig}: ${(error as Error).message}`;
    }
  }
  const explicit = flags.azurePolicies !== undefined;
  const shown = flags.azurePolicies ?? path.join(path.dirname(deploymentsFile), AZURE_POLICY_DIR);
  const dir = resolvePath(io, shown);
  if (explicit && !existsSync(dir)) return `${flags.azurePolicies}: no such directory`;
  return policySetup(config, dir, shown);
}

/** Pulumi refuses an unknown enforcement level; so do we, instead of silently using the default. */
function configProblem(config: PolicyConfig): string | undefined {
  const levels = enforcementLevels.join(", ");
  for (const [name, entry] of Object.entries(config)) {
    const level =
      typeof entry === "string"
        ? entry
        : entry && typeof entry === "object" && !Array.isArray(entry)
          ? (entry as { enforcementLevel?: unknown }).enforcementLevel
          : entry;
    if (level === undefined && typeof entry === "object" && entry !== null && !Array.isArray(entry)) continue;
    if (typeof level !== "string" || !(enforcementLevels as readonly string[]).includes(level)) {
      return `"${name}": enforcement level must be one of ${levels}, not ${JSON.stringify(level)}`;
    }
  }
  return undefined;
}
