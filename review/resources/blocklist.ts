import type { DesiredBlocklist } from "../../loader/desired-state";
import { asSet, entries, type FieldEntry } from "../values";
import type { ResourceKind } from "./kind";

export const blocklistKind: ResourceKind<"blocklist", DesiredBlocklist> = {
  kind: "blocklist",
  items: (state) => state.blocklists,
  accountKey: (b) => b.accountKey,
  matchName: (b) => b.name,
  fields(b): FieldEntry[] {
    return [
      ...entries({ name: b.name, description: b.description }),
      // Items are child resources named by their content: a set, whatever their order in the file.
      { path: "items", value: asSet(b.items.map((item) => ({ pattern: item.pattern, regex: item.regex }))) },
    ];
  },
  replacedBy: (path) => path === "name",
};
