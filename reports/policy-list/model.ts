import type { PolicyConfigFile } from "../../policies/config";
import type { ProjectPolicy } from "../../policies/policy";
import { resolvePolicySettings } from "../../policies/settings";

export interface PolicyListEntry {
  id: string;
  name: string;
  definition: string;
  follows?: string;
  effect: string;
  enforcement: string;
  severity: string;
  description: string;
  remediation: string;
}

/** The pack as data: what each policy checks and how it is enforced with the given configuration. */
export function listPolicies(
  policies: readonly ProjectPolicy[],
  config: PolicyConfigFile = {},
): PolicyListEntry[] {
  return policies.map((policy) => {
    const settings = resolvePolicySettings(policy, config, { protect: true });
    const entry: PolicyListEntry = {
      id: policy.id,
      name: policy.name,
      definition:
        policy.kind === "definition" ? `policies/definitions/${policy.definitionFile}` : "stack policy",
      effect: settings.effect,
      enforcement: settings.enforcement,
      severity: policy.severity,
      description: policy.description,
      remediation: policy.remediation,
    };
    if (policy.follows !== undefined) entry.follows = policy.follows;
    return entry;
  });
}
