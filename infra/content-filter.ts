import type { cognitiveservices } from "@pulumi/azure-native/types/input";

type RaiPolicyPropertiesArgs = cognitiveservices.RaiPolicyPropertiesArgs;

import {
  apiNameOf,
  COMPLETION_ACTION_KEYS,
  type CompletionActionKey,
  FILTER_ACTIONS,
  INTERVENTION_POINTS,
  type InterventionPoint,
  PROMPT_ACTION_KEYS,
  type PromptActionKey,
  type RaiActionType,
  type RaiContentSource,
  SEVERITY_KEYS,
  type SeverityKey,
  TOOL_ACTION_KEYS,
  type ToolActionKey,
} from "../loader/content-filters";
import type { DesiredContentFilter, HarmSetting, ToolSide } from "../loader/desired-state";
import type { Action } from "../loader/file-types.generated";
import type { FilterProfile } from "../loader/microsoft-filters";

/**
 * One `contentFilters` entry. `blocking` is left out, and `action` written, only for an action the file
 * can say with `action` alone (loader/content-filters.ts FILTER_ACTIONS); every other entry is written
 * with `enabled`/`blocking` as before api-version 2026-09-01.
 */
type AzureFilter = {
  name: string;
  source: RaiContentSource;
  enabled: boolean;
  blocking?: boolean;
  severityThreshold?: "Low" | "Medium" | "High";
  action?: RaiActionType;
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
export const TOOL_ACTION_FILTERS: readonly (readonly [ToolActionKey, string])[] = TOOL_ACTION_KEYS.map(
  (key) => [key, apiNameOf(key)] as const,
);

const thresholds = { low: "Low", medium: "Medium", high: "High" } as const;

function severityFilter(name: string, source: AzureFilter["source"], setting: HarmSetting): AzureFilter {
  // Azure keeps a threshold on a disabled category; High is the value it reports for one that is off.
  if (setting === "off") return { name, source, enabled: false, blocking: false, severityThreshold: "High" };
  if (typeof setting === "string")
    return { name, source, enabled: true, blocking: true, severityThreshold: thresholds[setting] };
  const severityThreshold = thresholds[setting.threshold];
  const apiAction = FILTER_ACTIONS[setting.action].apiAction;
  if (apiAction !== null) return { name, source, enabled: true, severityThreshold, action: apiAction };
  return { name, source, enabled: true, blocking: false, severityThreshold };
}

function actionFilter(name: string, source: AzureFilter["source"], action: Action): AzureFilter {
  const apiAction = FILTER_ACTIONS[action].apiAction;
  if (apiAction !== null) return { name, source, enabled: true, action: apiAction };
  return { name, source, enabled: action !== "off", blocking: action === "block" };
}

/** How the file's actions read in words (drift, review): `human review`, not `humanReview`. */
export const ACTION_WORDS: Readonly<Record<Exclude<HarmSetting, string>["action"], string>> = {
  annotate: "annotate only",
  humanReview: "human review",
  retry: "retry",
};

/** A harm setting in words, as drift and review show it: `medium`, `off`, `annotate only at medium`. */
export function describeHarmSetting(setting: HarmSetting): string {
  return typeof setting === "string" ? setting : `${ACTION_WORDS[setting.action]} at ${setting.threshold}`;
}

/** The entries of an agent's tool call or tool response, at `source`. */
function toolFilters(side: ToolSide, source: AzureFilter["source"]): AzureFilter[] {
  const filters: AzureFilter[] = [];
  for (const [key, azureName] of SEVERITY_FILTERS) {
    const setting = side[key];
    if (setting !== undefined) filters.push(severityFilter(azureName, source, setting));
  }
  for (const [key, azureName] of TOOL_ACTION_FILTERS) {
    const action = side[key];
    if (action !== undefined) filters.push(actionFilter(azureName, source, action));
  }
  return filters;
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

/**
 * The mode, content filter entries and blocklists of a filter's settings (declared or Microsoft's). An
 * agent's tool call and tool response are written only at the intervention points marked generally
 * available (loader/content-filters.ts INTERVENTION_POINTS; a check refuses the others before this).
 */
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
  // Widened from the table's literals, so that turning a point generally available needs no edit here.
  const points: readonly InterventionPoint[] = INTERVENTION_POINTS;
  for (const point of points) {
    if (point.key !== "toolCall" && point.key !== "toolResponse") continue;
    const side = filter[point.key];
    if (point.generallyAvailable && side !== undefined)
      contentFilters.push(...toolFilters(side, point.apiSource));
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
