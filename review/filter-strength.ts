import { COMPLETION_ACTION_KEYS, PROMPT_ACTION_KEYS, SEVERITY_KEYS } from "../loader/content-filters";
import { isMicrosoftBasePolicy } from "../loader/deployment-types";
import type { DesiredState, HarmSetting } from "../loader/desired-state";
import type { Action, Threshold } from "../loader/file-types.generated";
import {
  type FilterProfile,
  MICROSOFT_FILTER_PROFILES,
  microsoftFilterProfile,
} from "../loader/microsoft-filters";

/** The one table of Microsoft's built-in filters lives with the other content filter facts. */
export { type FilterProfile, MICROSOFT_FILTER_PROFILES };

/** Higher is weaker: a threshold of low filters the most. */
const THRESHOLD_RANK: Record<Threshold, number> = { low: 0, medium: 1, high: 2 };

/**
 * Higher is weaker: blocking at any threshold, then annotating only (blocks nothing), then off. Undefined
 * for an action whose behaviour no document describes (loader/content-filters.ts FILTER_ACTIONS).
 */
function harmRank(setting: HarmSetting): number | undefined {
  if (setting === "off") return 6;
  if (typeof setting === "string") return THRESHOLD_RANK[setting];
  if (setting.action !== "annotate") return undefined;
  return 3 + THRESHOLD_RANK[setting.threshold];
}

/** The action of a setting, and its threshold (none for off and for the actions without one). */
function harmParts(setting: HarmSetting): { action: string; threshold: number | undefined } {
  if (setting === "off") return { action: "off", threshold: undefined };
  if (typeof setting === "string") return { action: "block", threshold: THRESHOLD_RANK[setting] };
  return { action: setting.action, threshold: THRESHOLD_RANK[setting.threshold] };
}

/**
 * Whether `after` guarantees less than `before` for one category. A category the file leaves out is not
 * declared (Azure keeps its own setting): dropping a declared category loses what the file guaranteed, so
 * it counts as weaker; declaring a category that was left out adds a guarantee and is never weaker.
 */
function weaker<T>(
  before: T | undefined,
  after: T | undefined,
  rank: (value: T) => number | undefined,
  parts: (value: T) => { action: string; threshold: number | undefined },
): boolean {
  if (before === undefined) return false;
  if (after === undefined) return true;
  const [was, is] = [rank(before), rank(after)];
  if (was !== undefined && is !== undefined) return is > was;
  // An action whose behaviour no document describes cannot be ranked: a move to one counts as weaker, as
  // a filter that cannot be found does; from one, only a move to blocking (at a threshold as strict) is
  // known not to be; the same action at a stricter or equal threshold is not weaker either.
  const [p, q] = [parts(before), parts(after)];
  const noLooser = (q.threshold ?? 0) <= (p.threshold ?? 0);
  if (q.action === p.action) return !noLooser;
  return !(q.action === "block" && noLooser);
}
/** Higher is weaker: block stops content, annotate only labels it, off does not run; undefined: undocumented. */
const ACTION_RANK: Record<Action, number | undefined> = {
  block: 0,
  annotate: 1,
  off: 2,
  humanReview: undefined,
  retry: undefined,
};
const actionRank = (action: Action) => ACTION_RANK[action];
const actionParts = (action: Action) => ({ action, threshold: undefined });
/** Modes in which content reaches the client before it is filtered. */
const ASYNCHRONOUS_MODES: ReadonlySet<string> = new Set(["Asynchronous_filter", "Deferred"]);

/**
 * The profile of the filter a deployment names on an account: a declared filter, or a Microsoft one as
 * documented (undefined for Microsoft.Default, whose settings no document gives).
 */
export function filterProfile(
  state: DesiredState,
  accountKey: string,
  name: string,
): FilterProfile | undefined {
  const declared = state.contentFilters.find((f) => f.accountKey === accountKey && f.name === name);
  if (declared !== undefined) return declared;
  return microsoftFilterProfile(name);
}

/** Paths of the settings `after` lets more through than `before` (empty: not weaker anywhere). */
export function weakenedSettings(before: FilterProfile, after: FilterProfile): string[] {
  const weakened: string[] = [];
  if (ASYNCHRONOUS_MODES.has(after.mode) && !ASYNCHRONOUS_MODES.has(before.mode)) weakened.push("mode");
  for (const side of ["prompt", "completion"] as const) {
    for (const category of SEVERITY_KEYS) {
      if (weaker(before[side][category], after[side][category], harmRank, harmParts)) {
        weakened.push(`${side}.${category}`);
      }
    }
    const kept = new Set(after[side].blocklists);
    if (before[side].blocklists.some((b) => !kept.has(b))) weakened.push(`${side}.blocklists`);
  }
  for (const action of PROMPT_ACTION_KEYS) {
    if (weaker(before.prompt[action], after.prompt[action], actionRank, actionParts))
      weakened.push(`prompt.${action}`);
  }
  for (const action of COMPLETION_ACTION_KEYS) {
    if (weaker(before.completion[action], after.completion[action], actionRank, actionParts)) {
      weakened.push(`completion.${action}`);
    }
  }
  return weakened;
}

/**
 * Whether moving a deployment from one filter to another weakens what it gets. Leaving a team's own
 * filter for a Microsoft default always counts: the team chose stricter or extra settings on purpose.
 * A filter that cannot be found counts as weaker rather than passing silently.
 */
export function filterSwitchWeakens(
  base: { state: DesiredState; accountKey: string; name: string },
  head: { state: DesiredState; accountKey: string; name: string },
): boolean {
  if (isMicrosoftBasePolicy(head.name) && !isMicrosoftBasePolicy(base.name)) return true;
  const before = filterProfile(base.state, base.accountKey, base.name);
  const after = filterProfile(head.state, head.accountKey, head.name);
  if (before === undefined || after === undefined) return true;
  return weakenedSettings(before, after).length > 0;
}
