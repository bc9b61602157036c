import { type CompiledPolicy, compilePolicy, staticEffect } from "./compiled";
import { levelForAll, type PolicyConfigEntry, type PolicyConfigFile, readPolicyEntry } from "./config";
import type { JsonValue } from "./evaluator";
import type { Enforcement, PolicyContext, ProjectPolicy } from "./policy";

/** One policy's enforcement, effect and parameters, once the configuration and the context are applied. */
export interface ResolvedPolicySettings {
  enforcement: Enforcement;
  /** The effect the policy has with these parameters, lower case. */
  effect: string;
  parameters: Record<string, JsonValue>;
}

/**
 * Deny blocks: mandatory. Audit, AuditIfNotExists and Manual report: advisory. Disabled: disabled.
 * Effects that change the resource (Modify, Append, DeployIfNotExists, ...): remediate.
 * An effect Azure does not know makes every evaluation fail, which Azure counts as non-compliant: mandatory.
 */
export function enforcementForEffect(effect: string): Enforcement {
  switch (effect.toLowerCase()) {
    case "audit":
    case "auditifnotexists":
    case "manual":
      return "advisory";
    case "disabled":
      return "disabled";
    case "modify":
    case "append":
    case "mutate":
    case "addtonetworkgroup":
    case "deployifnotexists":
      return "remediate";
    default:
      return "mandatory";
  }
}

/**
 * The parameter values a policy is evaluated with: a stack policy's defaults, or the values the deployment
 * context sets, overridden by the configured ones. The offline check and the pack both call this.
 */
export function policyParameters(
  policy: CompiledPolicy,
  entry: PolicyConfigEntry,
  context: PolicyContext,
): Record<string, JsonValue> {
  const defaults =
    policy.kind === "stack" ? policy.policy.parameters : (policy.policy.contextParameters?.(context) ?? {});
  return { ...defaults, ...entry.parameters };
}

/** Enforcement and parameters of one policy: the policy's own config, else `all`, else its effect. */
export function resolvePolicySettings(
  policy: ProjectPolicy | CompiledPolicy,
  config: PolicyConfigFile,
  context: PolicyContext,
): ResolvedPolicySettings {
  const compiled = "policy" in policy ? policy : compilePolicy(policy);
  const entry = readPolicyEntry(config[compiled.policy.name]);
  const parameters = policyParameters(compiled, entry, context);
  if (compiled.kind === "stack") {
    const enforcement = entry.enforcementLevel ?? levelForAll(config) ?? compiled.policy.defaultEnforcement;
    return { enforcement, effect: enforcement === "mandatory" ? "deny" : "audit", parameters };
  }
  const effect = staticEffect(compiled.definition.parsed, parameters);
  const enforcement = entry.enforcementLevel ?? levelForAll(config) ?? enforcementForEffect(effect);
  return { enforcement, effect, parameters };
}
