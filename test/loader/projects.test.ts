import { describe, expect, it } from "vitest";
import { projectsFile, projectsState } from "../support/projects";

describe("projects in the desired state", () => {
  it("resolves each declared project under its account, in file order, with where it was declared", () => {
    const state = projectsState();
    expect(
      state.projects?.map((p) => ({
        key: p.key,
        accountKey: p.accountKey,
        name: p.name,
        displayName: p.displayName,
        description: p.description,
        identity: p.identity,
        tags: p.tags,
        line: p.source.line,
        path: p.source.path,
      })),
    ).toEqual([
      {
        key: "east/chat-app",
        accountKey: "east",
        name: "chat-app",
        displayName: "Chat app",
        description: "Agents of the chat application",
        identity: "SystemAssigned",
        tags: { team: "chat" },
        line: 10,
        path: "accounts.east.projects.chat-app",
      },
      {
        key: "east/Evals",
        accountKey: "east",
        name: "Evals",
        displayName: undefined,
        description: undefined,
        identity: undefined,
        tags: {},
        line: 14,
        path: "accounts.east.projects.Evals",
      },
    ]);
  });

  it("leaves projects out of the state when no account declares one", () => {
    const text = projectsFile.replace(/ {4}projects:\n(?: {6}.*\n| {8}.*\n)+/, "");
    expect(text).not.toContain("projects:");
    expect(projectsState(text).projects).toBeUndefined();
  });
});
