import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Plan } from "../infra/plan";
import { type AzurePolicyUnit, loadAzurePolicies } from "./azure-policies";
import type { PolicyConfigFile } from "./config";
import { evaluateGraphPolicies, policyDiagnostics } from "./evaluate-plan";
import type { PolicyResult } from "./results";

/** Where users keep Azure Policy exported from Azure, next to their deployments file. */
export const AZURE_POLICY_DIR = path.join("policies", "azure");

/** What a policy check runs with: the configuration and the users' Azure Policy loaded from a folder. */
export interface PolicyInputs {
  config: PolicyConfigFile;
  azureUnits: AzurePolicyUnit[];
  /** Problems reading policies/azure/. */
  diagnostics: Diagnostic[];
}

/** Loads users' Azure Policy from a directory (missing directory: none) next to the configuration. */
export function loadPolicyInputs(
  config: PolicyConfigFile,
  azureDir: string | undefined,
  displayDir?: string,
): PolicyInputs {
  if (azureDir === undefined) return { config, azureUnits: [], diagnostics: [] };
  const { units, diagnostics } = loadAzurePolicies(azureDir, displayDir ?? azureDir);
  return { config, azureUnits: units, diagnostics };
}

/** Every policy on every planned resource, and the findings to show. */
export function checkPlanPolicies(
  plan: Plan,
  inputs: PolicyInputs,
): { results: PolicyResult[]; diagnostics: Diagnostic[] } {
  const options: Parameters<typeof evaluateGraphPolicies>[1] = {
    config: inputs.config,
    context: { protect: plan.state.protect },
    azureUnits: inputs.azureUnits,
  };
  if (plan.state.subscription !== undefined) options.subscription = plan.state.subscription;
  if (plan.loaded.document) options.document = plan.loaded.document;
  options.environment = plan.state.environment;
  const results = evaluateGraphPolicies(plan.graph, options);
  return { results, diagnostics: [...inputs.diagnostics, ...policyDiagnostics(results)] };
}
