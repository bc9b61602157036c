import type { cognitiveservices } from "@pulumi/azure-native/types/input";

type RaiPolicyPropertiesArgs = cognitiveservices.RaiPolicyPropertiesArgs;

import {
  apiNameOf,
  COMPLETION_ACTION_KEYS,
  type CompletionActionKey,
  PROMPT_ACTION_KEYS,
  type PromptActionKey,
  SEVERITY_KEYS,
  type SeverityKey,
} from "../loader/content-filters";
import type { DesiredContentFilter, HarmSetting } from "../loader/desired-state";
import type { Action } from "../loader/file-types.generated";
import type { FilterProfile } from "../loader/microsoft-filters";

type AzureFilter = {
  name: string;
  source: "Prompt" | "Completion";
  enabled: boolean;
  blocking: boolean;
  severityThreshold?: "Low" | "Medium" | "High";
};

/** File key and Azure name of each category, in the order Azure lists them (loader/content-filters.ts). */
export const SEVERITY_FILTERS: readonly (readonly [SeverityKey, string])[] = SEVERITY_KEYS.map(
  (key) => [key, apiNameOf(key)] as const,
);
export const PROMPT_ACTION_FILTERS: readonly (readonly [PromptActionKey, string])[] = PROMPT_ACTION_KEYS.map(
  (key) => [key, apiNameOf(key)] as const,
);
export const COMPLETION_ACTION_FILTERS: readonly (readonly [CompletionActionKey, string])[] =
  COMPLETION_ACTION_KEYS.map((key) => [key, apiNameOf(key)] as const);

const thresholds = { low: "Low", medium: "Medium", high: "High" } as const;

function severityFilter(name: string, source: AzureFilter["source"], setting: HarmSetting): AzureFilter {
  // Azure keeps a threshold on a disabled category; High is the value it reports for one that is off.
  if (setting === "off") return { name, source, enabled: false, blocking: false, severityThreshold: "High" };
  if (typeof setting === "string")
    return { name, source, enabled: true, blocking: true, severityThreshold: thresholds[setting] };
  return { name, source, enabled: true, blocking: false, severityThreshold: thresholds[setting.threshold] };
}

function actionFilter(name: string, source: AzureFilter["source"], action: Action): AzureFilter {
  return { name, source, enabled: action !== "off", blocking: action === "block" };
}

/** A harm setting in words, as drift and review show it: `medium`, `off`, `annotate only at medium`. */
export function describeHarmSetting(setting: HarmSetting): string {
  return typeof setting === "string" ? setting : `annotate only at ${setting.threshold}`;
}

type CompiledFilter = {
  mode: DesiredContentFilter["mode"];
  contentFilters: AzureFilter[];
  customBlocklists: { blocklistName: string; source: "Prompt" | "Completion"; blocking: boolean }[];
};

/**
 * The RaiPolicy `properties` for a content filter: one entry per category and source the file declares.
 * A category the file leaves out is not sent, so Azure keeps or applies its own setting for it.
 */
export function compileContentFilter(
  filter: DesiredContentFilter,
): RaiPolicyPropertiesArgs & CompiledFilter & { basePolicyName: DesiredContentFilter["base"] } {
  return { basePolicyName: filter.base, ...compileFilterSettings(filter) };
}

/** The mode, content filter entries and blocklists of a filter's settings (declared or Microsoft's). */
export function compileFilterSettings(filter: FilterProfile): CompiledFilter {
  const contentFilters: AzureFilter[] = [];
  for (const [key, azureName] of SEVERITY_FILTERS) {
    const prompt = filter.prompt[key];
    const completion = filter.completion[key];
    if (prompt !== undefined) contentFilters.push(severityFilter(azureName, "Prompt", prompt));
    if (completion !== undefined) contentFilters.push(severityFilter(azureName, "Completion", completion));
  }
  for (const [key, azureName] of PROMPT_ACTION_FILTERS) {
    const action = filter.prompt[key];
    if (action !== undefined) contentFilters.push(actionFilter(azureName, "Prompt", action));
  }
  for (const [key, azureName] of COMPLETION_ACTION_FILTERS) {
    const action = filter.completion[key];
    if (action !== undefined) contentFilters.push(actionFilter(azureName, "Completion", action));
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
  return { mode: filter.mode, contentFilters, customBlocklists };
}
