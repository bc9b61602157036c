import type { cognitiveservices } from "@pulumi/azure-native/types/input";

type RaiPolicyPropertiesArgs = cognitiveservices.RaiPolicyPropertiesArgs;

import type { DesiredContentFilter } from "../loader/desired-state";
import type { Action, Severity } from "../loader/file-types.generated";

type AzureFilter = {
  name: string;
  source: "Prompt" | "Completion";
  enabled: boolean;
  blocking: boolean;
  severityThreshold?: "Low" | "Medium" | "High";
};

/** Azure names of the filter categories, in the order Azure lists them. */
export const SEVERITY_FILTERS = [
  ["hate", "Hate"],
  ["sexual", "Sexual"],
  ["violence", "Violence"],
  ["selfHarm", "Selfharm"],
] as const;
export const PROMPT_ACTION_FILTERS = [
  ["jailbreak", "Jailbreak"],
  ["indirectAttack", "Indirect Attack"],
  ["profanity", "Profanity"],
] as const;
export const COMPLETION_ACTION_FILTERS = [
  ["protectedMaterialText", "Protected Material Text"],
  ["protectedMaterialCode", "Protected Material Code"],
  ["profanity", "Profanity"],
] as const;

const thresholds = { low: "Low", medium: "Medium", high: "High" } as const;

function severityFilter(name: string, source: AzureFilter["source"], severity: Severity): AzureFilter {
  // Azure keeps a threshold on a disabled category; High is the value it reports for one that is off.
  if (severity === "off") return { name, source, enabled: false, blocking: false, severityThreshold: "High" };
  return { name, source, enabled: true, blocking: true, severityThreshold: thresholds[severity] };
}

function actionFilter(name: string, source: AzureFilter["source"], action: Action): AzureFilter {
  return { name, source, enabled: action !== "off", blocking: action === "block" };
}

/** The RaiPolicy `properties` for a content filter: one entry per category and source. */
export function compileContentFilter(filter: DesiredContentFilter): RaiPolicyPropertiesArgs & {
  contentFilters: AzureFilter[];
  customBlocklists: { blocklistName: string; source: "Prompt" | "Completion"; blocking: boolean }[];
} {
  const contentFilters: AzureFilter[] = [];
  for (const [key, azureName] of SEVERITY_FILTERS) {
    contentFilters.push(severityFilter(azureName, "Prompt", filter.prompt[key]));
    contentFilters.push(severityFilter(azureName, "Completion", filter.completion[key]));
  }
  for (const [key, azureName] of PROMPT_ACTION_FILTERS) {
    contentFilters.push(actionFilter(azureName, "Prompt", filter.prompt[key]));
  }
  for (const [key, azureName] of COMPLETION_ACTION_FILTERS) {
    contentFilters.push(actionFilter(azureName, "Completion", filter.completion[key]));
  }
  const customBlocklists = [
    ...filter.prompt.blocklists.map((blocklistName) => ({
      blocklistName,
      source: "Prompt" as const,
      blocking: true,
    })),
    ...filter.completion.blocklists.map((blocklistName) => ({
      blocklistName,
      source: "Completion" as const,
      blocking: true,
    })),
  ];
  return { basePolicyName: filter.base, mode: filter.mode, contentFilters, customBlocklists };
}
