import { describeHarmSetting } from "../../infra/content-filter";
import type { DesiredContentFilter, HarmSetting } from "../../loader/desired-state";
import { asSet, entries, type FieldEntry } from "../values";
import type { ResourceKind } from "./kind";

const SEVERITIES = ["hate", "sexual", "violence", "selfHarm"] as const;

/** A category the file leaves out is not declared: left out of the fields (it reads as none). */
function harm(setting: HarmSetting | undefined): string | undefined {
  return setting === undefined ? undefined : describeHarmSetting(setting);
}

export const contentFilterKind: ResourceKind<"contentFilter", DesiredContentFilter> = {
  kind: "contentFilter",
  items: (state) => state.contentFilters,
  accountKey: (f) => f.accountKey,
  matchName: (f) => f.name,
  fields(f): FieldEntry[] {
    const values: Record<string, string | undefined> = { name: f.name, base: f.base, mode: f.mode };
    for (const category of SEVERITIES) values[`prompt.${category}`] = harm(f.prompt[category]);
    values["prompt.jailbreak"] = f.prompt.jailbreak;
    values["prompt.indirectAttack"] = f.prompt.indirectAttack;
    values["prompt.profanity"] = f.prompt.profanity;
    for (const category of SEVERITIES) values[`completion.${category}`] = harm(f.completion[category]);
    values["completion.protectedMaterialText"] = f.completion.protectedMaterialText;
    values["completion.protectedMaterialCode"] = f.completion.protectedMaterialCode;
    values["completion.profanity"] = f.completion.profanity;
    return [
      ...entries(values),
      { path: "prompt.blocklists", value: asSet(f.prompt.blocklists) },
      { path: "completion.blocklists", value: asSet(f.completion.blocklists) },
    ];
  },
  // A content filter's settings are replaced by a PUT in place; only its name identifies a new resource.
  replacedBy: (path) => path === "name",
};
