import { describeHarmSetting } from "../../infra/content-filter";
import { COMPLETION_ACTION_KEYS, PROMPT_ACTION_KEYS, SEVERITY_KEYS } from "../../loader/content-filters";
import type { DesiredContentFilter, HarmSetting } from "../../loader/desired-state";
import { asSet, entries, type FieldEntry } from "../values";
import type { ResourceKind } from "./kind";

/** A category the file leaves out is not declared: left out of the fields (it reads as none). */
function harm(setting: HarmSetting | undefined): string | undefined {
  return setting === undefined ? undefined : describeHarmSetting(setting);
}

export const contentFilterKind: ResourceKind<"contentFilter", DesiredContentFilter> = {
  kind: "contentFilter",
  items: (state) => state.contentFilters,
  accountKey: (f) => f.accountKey,
  matchName: (f) => f.name,
  fields: (f) => filterSettingFields(f),
  // A content filter's settings are replaced by a PUT in place; only its name identifies a new resource.
  replacedBy: (path) => path === "name",
};

/** A filter's settings, one field per category; shared with the subscription's RAI policy. */
export function filterSettingFields(
  f: Pick<DesiredContentFilter, "name" | "base" | "mode" | "prompt" | "completion">,
): FieldEntry[] {
  const values: Record<string, string | undefined> = { name: f.name, base: f.base, mode: f.mode };
  for (const category of SEVERITY_KEYS) values[`prompt.${category}`] = harm(f.prompt[category]);
  for (const action of PROMPT_ACTION_KEYS) values[`prompt.${action}`] = f.prompt[action];
  for (const category of SEVERITY_KEYS) values[`completion.${category}`] = harm(f.completion[category]);
  for (const action of COMPLETION_ACTION_KEYS) values[`completion.${action}`] = f.completion[action];
  return [
    ...entries(values),
    { path: "prompt.blocklists", value: asSet(f.prompt.blocklists) },
    { path: "completion.blocklists", value: asSet(f.completion.blocklists) },
  ];
}
