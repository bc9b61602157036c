import type { PolicyConfigFile } from "../policies/config";
import type { ProjectPolicy } from "../policies/policy";
import { resolvePolicySettings } from "../policies/settings";
import { escapeMarkdown } from "./text/escape";

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

export function formatPolicyListText(entries: readonly PolicyListEntry[]): string {
  return entries
    .map(
      (e) =>
        `${e.id}  ${e.name}  (${e.effect}, ${e.enforcement}, ${e.severity})\n    ${e.definition}\n    ${e.description}\n`,
    )
    .join("");
}

export function formatPolicyListMarkdown(entries: readonly PolicyListEntry[]): string {
  const rows = entries.map(
    (e) =>
      `| ${escapeMarkdown(e.id)} | ${escapeMarkdown(e.name)} | ${escapeMarkdown(e.definition)} | ${escapeMarkdown(e.effect)} | ${escapeMarkdown(e.enforcement)} | ${escapeMarkdown(e.description, 400)}${e.follows ? ` Follows ${escapeMarkdown(e.follows, 200)}.` : ""} |`,
  );
  return `| Id | Name | Definition | Effect | Enforcement | Description |\n|---|---|---|---|---|---|\n${rows.join("\n")}\n`;
}

export function formatPolicyListJson(entries: readonly PolicyListEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
