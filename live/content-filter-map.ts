/**
 * Reads a live content filter (RAI policy) in the terms of the deployments file: harm categories as
 * thresholds that block or only annotate, or off; actions block/annotate/off; blocklists per side; a
 * category Azure has no entry for is left out (undefined), as the file leaves it out. The inverse of
 * infra/content-filter.ts, with every setting the file cannot express reported instead of dropped.
 */
import {
  ACTION_WORDS,
  COMPLETION_ACTION_FILTERS,
  PROMPT_ACTION_FILTERS,
  SEVERITY_FILTERS,
} from "../infra/content-filter";
import { FILTER_ACTIONS, fileActionOfApi } from "../loader/content-filters";
import type { HarmSetting, ThresholdAction } from "../loader/desired-state";
import type { Action } from "../loader/file-types.generated";
import { sameName } from "./catalog";
import type { ContentFilterRecord, RaiPolicyRecord } from "./read";

export type Side = "prompt" | "completion";
export type SeverityKey = (typeof SEVERITY_FILTERS)[number][0];
export type PromptActionKey = (typeof PROMPT_ACTION_FILTERS)[number][0];
export type CompletionActionKey = (typeof COMPLETION_ACTION_FILTERS)[number][0];

/** One setting of the file read from Azure: the closest file value, and whether it says exactly that. */
export interface MappedSetting<T> {
  /** Undefined when Azure has no entry: the file leaves the category out. */
  value: T | undefined;
  /** False when Azure's entry means something the file cannot say. */
  exact: boolean;
  /** Azure's entry in words, e.g. `medium`, `annotate only at medium`, `absent`. */
  live: string;
}

export interface MappedBlocklist {
  name: string;
  /** False when Azure annotates matches instead of blocking them (the file always blocks). */
  blocking: boolean;
}

export interface MappedSide {
  severities: Record<SeverityKey, MappedSetting<HarmSetting>>;
  actions: Record<string, MappedSetting<Action>>;
  blocklists: MappedBlocklist[];
}

export interface MappedContentFilter {
  base: { value: "Microsoft.Default" | "Microsoft.DefaultV2"; exact: boolean; live: string };
  mode: { value: "Default" | "Blocking" | "Asynchronous_filter" | "Deferred"; exact: boolean; live: string };
  prompt: MappedSide;
  completion: MappedSide;
  /** Azure entries the file has no setting for (another category, or a category on the other side). */
  extras: { name: string; source: string; live: string }[];
  /** Azure entries listed twice for one category and side: only the first is read. */
  duplicates: { name: string; source: string }[];
}

const sources: Record<Side, "Prompt" | "Completion"> = { prompt: "Prompt", completion: "Completion" };
const bases = ["Microsoft.Default", "Microsoft.DefaultV2"] as const;
const modes = ["Default", "Blocking", "Asynchronous_filter", "Deferred"] as const;

/**
 * The file action an entry's `action` says, for the actions the file writes with `action` (humanReview,
 * retry); undefined for none, and for the API's other actions, which the file never writes: whether they
 * mean what `blocking` says is not documented, so `blocking` is read for those entries as before.
 */
export function entryAction(entry: ContentFilterRecord): ThresholdAction["action"] | undefined {
  if (entry.action === undefined) return undefined;
  const action = fileActionOfApi(entry.action);
  if (action === undefined || FILTER_ACTIONS[action].apiAction === null) return undefined;
  return action as ThresholdAction["action"];
}

/** Azure's entry in words. */
export function describeEntry(entry: ContentFilterRecord | undefined, withThreshold: boolean): string {
  if (!entry) return "absent";
  if (entry.enabled !== true) return "off";
  const threshold = entry.severityThreshold?.toLowerCase();
  const action = entryAction(entry);
  if (action !== undefined) {
    const words = ACTION_WORDS[action];
    return withThreshold && threshold !== undefined ? `${words} at ${threshold}` : words;
  }
  if (!withThreshold) return entry.blocking === true ? "block" : "annotate";
  if (threshold === undefined) return entry.blocking === true ? "block, no threshold" : "annotate only";
  return entry.blocking === true ? threshold : `annotate only at ${threshold}`;
}

const THRESHOLDS = ["low", "medium", "high"] as const;

function mapSeverity(entry: ContentFilterRecord | undefined): MappedSetting<HarmSetting> {
  const live = describeEntry(entry, true);
  if (!entry) return { value: undefined, exact: true, live };
  if (entry.enabled !== true) return { value: "off", exact: true, live };
  const known = THRESHOLDS.find((threshold) => sameName(threshold, entry.severityThreshold));
  // Without a threshold the file cannot say it; medium is the closest reading that keeps the category on.
  const threshold = known ?? "medium";
  const action = entryAction(entry);
  const value: HarmSetting =
    action !== undefined
      ? { threshold, action }
      : entry.blocking === true
        ? threshold
        : { threshold, action: "annotate" };
  return { value, exact: known !== undefined, live };
}

function mapAction(entry: ContentFilterRecord | undefined): MappedSetting<Action> {
  const live = describeEntry(entry, false);
  if (!entry) return { value: undefined, exact: true, live };
  if (entry.enabled !== true) return { value: "off", exact: true, live };
  const action = entryAction(entry);
  if (action !== undefined) return { value: action, exact: true, live };
  return { value: entry.blocking === true ? "block" : "annotate", exact: true, live };
}

function entryKey(name: string | undefined, source: string | undefined): string {
  return `${(name ?? "").toLowerCase()}|${(source ?? "").toLowerCase()}`;
}

export function mapContentFilter(policy: RaiPolicyRecord): MappedContentFilter {
  const entries = new Map<string, ContentFilterRecord>();
  const duplicates: MappedContentFilter["duplicates"] = [];
  for (const entry of policy.contentFilters) {
    const key = entryKey(entry.name, entry.source);
    if (entries.has(key)) duplicates.push({ name: entry.name ?? "", source: entry.source ?? "" });
    else entries.set(key, entry);
  }
  const used = new Set<string>();
  const take = (azureName: string, side: Side) => {
    const key = entryKey(azureName, sources[side]);
    used.add(key);
    return entries.get(key);
  };
  const sideOf = (side: Side, actionNames: readonly (readonly [string, string])[]): MappedSide => {
    const severities = {} as Record<SeverityKey, MappedSetting<HarmSetting>>;
    for (const [key, azureName] of SEVERITY_FILTERS) severities[key] = mapSeverity(take(azureName, side));
    const actions: Record<string, MappedSetting<Action>> = {};
    for (const [key, azureName] of actionNames) actions[key] = mapAction(take(azureName, side));
    const blocklists = policy.customBlocklists
      .filter((blocklist) => sameName(blocklist.source, sources[side]) && blocklist.blocklistName)
      .map((blocklist) => ({ name: blocklist.blocklistName ?? "", blocking: blocklist.blocking === true }));
    return { severities, actions, blocklists };
  };
  const prompt = sideOf("prompt", PROMPT_ACTION_FILTERS);
  const completion = sideOf("completion", COMPLETION_ACTION_FILTERS);
  const extras: MappedContentFilter["extras"] = [];
  for (const [key, entry] of entries) {
    if (used.has(key)) continue;
    extras.push({
      name: entry.name ?? "",
      source: entry.source ?? "",
      live: describeEntry(entry, entry.severityThreshold !== undefined),
    });
  }
  const base = bases.find((candidate) => sameName(candidate, policy.basePolicyName));
  const mode = modes.find((candidate) => sameName(candidate, policy.mode));
  return {
    base: {
      value: base ?? "Microsoft.DefaultV2",
      exact: base !== undefined,
      live: policy.basePolicyName ?? "absent",
    },
    mode: { value: mode ?? "Default", exact: mode !== undefined, live: policy.mode ?? "absent" },
    prompt,
    completion,
    extras,
    duplicates,
  };
}

/** Microsoft's built-in filters (Microsoft.Default, Microsoft.DefaultV2…): referenced by name, never declared. */
export function isBuiltInRaiPolicy(policy: RaiPolicyRecord): boolean {
  return sameName(policy.type, "SystemManaged") || policy.name.toLowerCase().startsWith("microsoft.");
}

/** Deferred is the older name of Asynchronous_filter (Azure renamed it in 2025-06-01). */
export function sameMode(a: string | undefined, b: string | undefined): boolean {
  const normal = (mode: string | undefined) =>
    (mode ?? "").toLowerCase() === "deferred" ? "asynchronous_filter" : (mode ?? "").toLowerCase();
  return normal(a) === normal(b);
}
