import type { DesiredProject } from "../../loader/desired-state";
import { entries, type FieldEntry, tagFields } from "../values";
import type { ResourceKind } from "./kind";

export const projectKind: ResourceKind<"project", DesiredProject> = {
  kind: "project",
  items: (state) => state.projects ?? [],
  accountKey: (p) => p.accountKey,
  matchName: (p) => p.name,
  fields(p): FieldEntry[] {
    return [
      ...entries({
        name: p.name,
        displayName: p.displayName,
        description: p.description,
        identity: p.identity,
        // A set: its order never shows as a change.
        userAssignedIdentities: p.userAssignedIdentities?.map((id) => id.toLowerCase()).sort(),
      }),
      ...tagFields(p.tags),
    ];
  },
  // The name is the project's Azure name; everything else is written in place.
  replacedBy: (path) => path === "name",
};
