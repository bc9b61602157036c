import { describe, expect, it } from "vitest";
import { formatDiffText } from "../../reports/diff/text";
import { changeOf, diffOf, edited } from "./support";

describe("diff: projects as a resource kind", () => {
  const withProject = edited((f) => {
    f.accounts.east.projects = { "chat-app": { displayName: "Chat", tags: { team: "chat" } } };
  });

  it("adds a declared project", () => {
    const change = changeOf(diffOf({ head: withProject }), "project", "east/chat-app");
    expect(change.action).toBe("add");
    expect(change.fields).toContainEqual({ path: "displayName", before: null, after: "Chat" });
    expect(change.fields).toContainEqual({ path: "tags.team", before: null, after: "chat" });
  });

  it("updates a project's display name, description, identity and tags in place", () => {
    const head = edited((f) => {
      f.accounts.east.projects["chat-app"] = {
        displayName: "Chat app",
        description: "Agents",
        identity: "SystemAssigned",
        tags: { team: "chat" },
      };
    }, withProject);
    const change = changeOf(diffOf({ base: withProject, head }), "project", "east/chat-app");
    expect(change.action).toBe("update");
    expect(change.fields).toEqual([
      { path: "displayName", before: "Chat", after: "Chat app" },
      { path: "description", before: null, after: "Agents" },
      { path: "identity", before: null, after: "SystemAssigned" },
    ]);
  });

  it("removes a project that left the file and names it in the text diff", () => {
    const report = diffOf({ base: withProject, head: edited(() => {}, withProject) });
    expect(report.changes).toEqual([]);
    const removed = diffOf({
      base: withProject,
      head: edited((f) => {
        delete f.accounts.east.projects;
      }, withProject),
    });
    expect(changeOf(removed, "project", "east/chat-app").action).toBe("remove");
    expect(formatDiffText(removed)).toMatch(/project east\/chat-app/);
  });
});
