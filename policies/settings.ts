import type { JsonValue } from "./evaluator";
import { type Enforcement, enforcementLevels, type PolicyContext, type ProjectPolicy } from "./policy";

/**
 * Policy configuration in the shape of Pulumi's `--policy-pack-config`: per policy name an enforcement
 * level, or an object with `enforcementLevel` and parameter values; the key `all` sets every policy's level.
 */
export type PolicyConfig = Record<string, unknown>;

export interface PolicySettings {
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

function isEnforcement(value: unknown): value is Enforcement {
  return typeof value === "string" && (enforcementLevels as readonly string[]).includes(value);
}

function entryFor(
  config: PolicyConfig,
  name: string,
): { level?: Enforcement; parameters: Record<string, JsonValue> } {
  const entry = config[name];
  if (isEnforcement(entry)) return { level: entry, parameters: {} };
  if (entry && typeof entry === "object" && !Array.isArray(entry)) {
    const { enforcementLevel, ...parameters } = entry as Record<string, JsonValue>;
    const result: { level?: Enforcement; parameters: Record<string, JsonValue> } = { parameters };
    if (isEnforcement(enforcementLevel)) result.level = enforcementLevel;
    return result;
  }
  return { parameters: {} };
}

function allLevel(config: PolicyConfig): Enforcement | undefined {
  const all = config.all;
  if (isEnforcement(all)) return all;
  if (
    all &&
    typeof all === "object" &&
    isEnforcement((all as { enforcementLevel?: unknown }).enforcementLevel)
  ) {
    return (all as { enforcementLevel: Enforcement }).enforcementLevel;
  }
  return undefined;
}

/** The effect an Azure Policy definition has for some parameter values, without evaluating a resource. */
export function staticEffect(definition: unknown, parameters: Record<string, JsonValue>): string {
  const body = ((definition as { properties?: unknown }).properties ?? definition) as {
    policyRule?: { then?: { effect?: unknown } };
    parameters?: Record<string, { defaultValue?: unknown }>;
  };
  const raw = String(body.policyRule?.then?.effect ?? "audit");
  const reference = /^\[parameters\('([^']+)'\)\]$/i.exec(raw);
  if (!reference?.[1]) return raw.toLowerCase();
  const name = reference[1];
  const supplied = Object.entries(parameters).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const declared = Object.entries(body.parameters ?? {}).find(
    ([k]) => k.toLowerCase() === name.toLowerCase(),
  )?.[1];
  return String(supplied ?? declared?.defaultValue ?? "audit").toLowerCase();
}

/** Enforcement and parameters of one policy: the policy's own config, else `all`, else its effect. */
export function policySettings(
  policy: ProjectPolicy,
  config: PolicyConfig,
  context: PolicyContext,
): PolicySettings {
  const entry = entryFor(config, policy.name);
  if (policy.kind === "stack") {
    const parameters = { ...policy.parameters, ...entry.parameters };
    const enforcement = entry.level ?? allLevel(config) ?? policy.defaultEnforcement;
    return { enforcement, effect: enforcement === "mandatory" ? "deny" : "audit", parameters };
  }
  const parameters = { ...(policy.contextParameters?.(context) ?? {}), ...entry.parameters };
  const effect = staticEffect(policy.definition, parameters);
  const enforcement = entry.level ?? allLevel(config) ?? enforcementForEffect(effect);
  return { enforcement, effect, parameters };
}
