import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Plan } from "../infra/plan";
import { type AzurePolicyUnit, loadAzurePolicies } from "./azure-policies";
import { evaluateGraphPolicies, policyDiagnostics } from "./evaluate-plan";
import type { PolicyResult } from "./results";
import type { PolicyConfig } from "./settings";

/** Where users keep Azure Policy exported from Azure, next to their deployments file. */
export const AZURE_POLICY_DIR = path.join("policies", "azure");

export interface PolicySetup {
  config: PolicyConfig;
  azureUnits: AzurePolicyUnit[];
  /** Problems reading policies/azure/. */
  diagnostics: Diagnostic[];
}

/** Loads users' Azure Policy from a directory (missing directory: none). */
export function policySetup(
  config: PolicyConfig,
  azureDir: string | undefined,
  displayDir?: string,
): PolicySetup {
  if (azureDir === undefined) return { config, azureUnits: [], diagnostics: [] };
  const { units, diagnostics } = loadAzurePolicies(azureDir, displayDir ?? azureDir);
  return { config, azureUnits: units, diagnostics };
}

/** Every policy on every planned resource, and the findings to show. */
export function checkPlanPolicies(
  plan: Plan,
  setup: PolicySetup,
): { results: PolicyResult[]; diagnostics: Diagnostic[] } {
  const options: Parameters<typeof evaluateGraphPolicies>[1] = {
    config: setup.config,
    context: { protect: plan.state.protect },
    azureUnits: setup.azureUnits,
  };
  if (plan.state.subscription !== undefined) options.subscription = plan.state.subscription;
  const results = evaluateGraphPolicies(plan.graph, options);
  return { results, diagnostics: [...setup.diagnostics, ...policyDiagnostics(results)] };
}
