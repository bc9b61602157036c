import type { DesiredSubscriptionRaiPolicy } from "../loader/desired-state";
import { SUBSCRIPTION_RAI_POLICY } from "../loader/subscription-rai-policy";
import { compileFilterSettings } from "./content-filter";

type CompiledSettings = ReturnType<typeof compileFilterSettings>;

/**
 * What the graph passes to azure-native's typed `cognitiveservices.SubscriptionRaiPolicy` (api-version
 * 2025-10-01-preview), as plain values; assignable to `SubscriptionRaiPolicyArgs`. It has no subscription
 * input: azure-native writes it into the provider's subscription (SUBSCRIPTION_RAI_POLICY.apiVersion).
 */
export interface SubscriptionRaiPolicyInputs {
  raiPolicyName: string;
  properties: { basePolicyName: string } & Omit<CompiledSettings, "customBlocklists">;
  tags?: Record<string, string>;
}

/**
 * The subscription policy's inputs: the settings compiled exactly as an account content filter's
 * (infra/content-filter.ts), without blocklists, which have no subscription scope.
 */
export function compileSubscriptionRaiPolicy(
  policy: DesiredSubscriptionRaiPolicy,
): SubscriptionRaiPolicyInputs {
  const { customBlocklists: _accountOnly, ...settings } = compileFilterSettings(policy);
  const inputs: SubscriptionRaiPolicyInputs = {
    raiPolicyName: policy.name,
    properties: { basePolicyName: policy.base, ...settings },
  };
  if (Object.keys(policy.tags).length > 0) inputs.tags = { ...policy.tags };
  return inputs;
}

/** One value of the compiled properties that the api-version it is written at does not accept. */
export interface UnsupportedSetting {
  /** Where in RaiPolicyProperties: `mode`, `contentFilters[Hate/Prompt].action`. */
  field: string;
  value: string;
  accepted: readonly string[];
}

/**
 * The values of `properties` that 2025-10-01-preview does not accept (SUBSCRIPTION_RAI_POLICY.accepted):
 * mode, and each content filter entry's source, severityThreshold and action. Entries are read as plain
 * records, so that settings the compiler may write later are checked too.
 */
export function unsupportedSettings(
  properties: SubscriptionRaiPolicyInputs["properties"],
  accepted: Pick<
    typeof SUBSCRIPTION_RAI_POLICY.accepted,
    "modes" | "sources" | "actions" | "severityThresholds"
  > = SUBSCRIPTION_RAI_POLICY.accepted,
): UnsupportedSetting[] {
  const found: UnsupportedSetting[] = [];
  const check = (field: string, value: unknown, allowed: readonly string[]) => {
    if (typeof value === "string" && !allowed.includes(value))
      found.push({ field, value, accepted: allowed });
  };
  check("mode", properties.mode, accepted.modes);
  for (const entry of properties.contentFilters as readonly Record<string, unknown>[]) {
    const at = `contentFilters[${String(entry.name)}/${String(entry.source)}]`;
    check(`${at}.source`, entry.source, accepted.sources);
    check(`${at}.severityThreshold`, entry.severityThreshold, accepted.severityThresholds);
    check(`${at}.action`, entry.action, accepted.actions);
  }
  return found;
}
