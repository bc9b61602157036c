import type { DesiredSubscriptionRaiPolicy } from "../../loader/desired-state";
import { type FieldEntry, tagFields } from "../values";
import { filterSettingFields } from "./content-filter";
import type { ResourceKind } from "./kind";

/**
 * The subscription's RAI policy, compared setting by setting as a content filter is (one field per
 * category), plus its tags. It is on no account; Azure compares its name ignoring case.
 */
export const subscriptionRaiPolicyKind: ResourceKind<"subscriptionRaiPolicy", DesiredSubscriptionRaiPolicy> =
  {
    kind: "subscriptionRaiPolicy",
    items: (state) => (state.subscriptionRaiPolicy === undefined ? [] : [state.subscriptionRaiPolicy]),
    accountKey: () => undefined,
    matchName: (p) => p.name.toLowerCase(),
    fields(p): FieldEntry[] {
      // No blocklists at subscription scope (the schema refuses them), so none to compare.
      const settings = filterSettingFields(p).filter((f) => !f.path.endsWith(".blocklists"));
      return [...settings, ...tagFields(p.tags)];
    },
    // Settings are replaced by a PUT in place; another name (not only another case) is another resource.
    replacedBy: (path, base, head) => path === "name" && base.name.toLowerCase() !== head.name.toLowerCase(),
  };
