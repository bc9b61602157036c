import { describe, expect, it } from "vitest";
import { formatDiffMarkdown } from "../../reports/diff/markdown";
import { formatDiffText } from "../../reports/diff/text";
import { changeOf, diffOf, edited } from "./support";

describe("diff: project connections as a resource kind", () => {
  const withConnection = edited((f) => {
    f.accounts.east.projects = {
      "chat-app": {
        connections: {
          search: {
            category: "CognitiveSearch",
            target: "https://contoso-search.search.windows.net",
            authType: "ApiKey",
            credentials: { apiKey: { config: "searchKey" } },
            metadata: { ApiType: "Azure" },
          },
        },
      },
      evals: {},
    };
  });
  const withProjects = edited((f) => {
    delete f.accounts.east.projects["chat-app"].connections;
  }, withConnection);

  it("adds a declared connection, its key shown only as the configuration key it is read from", () => {
    const report = diffOf({ base: withProjects, head: withConnection });
    expect(report.changes.map((c) => [c.kind, c.key, c.action])).toEqual([
      ["connection", "east/chat-app/search", "add"],
    ]);
    const change = changeOf(report, "connection", "east/chat-app/search");
    expect(change.fields).toEqual([
      { path: "name", before: null, after: "search" },
      { path: "category", before: null, after: "CognitiveSearch" },
      { path: "target", before: null, after: "https://contoso-search.search.windows.net" },
      { path: "authType", before: null, after: "ApiKey" },
      { path: "credentials.apiKey", before: null, after: "[secret from config searchKey]" },
      { path: "metadata.ApiType", before: null, after: "Azure" },
    ]);
    expect(formatDiffText(report)).toMatch(/project connection east\/chat-app\/search/);
  });

  it("updates a connection in place: target, metadata and the credential reference, never a value", () => {
    const head = edited((f) => {
      const search = f.accounts.east.projects["chat-app"].connections.search;
      search.target = "https://contoso-search2.search.windows.net";
      search.credentials = { apiKey: { config: "searchKey2" } };
      search.metadata = { ApiType: "Azure", ResourceId: "search2" };
    }, withConnection);
    const report = diffOf({ base: withConnection, head });
    const change = changeOf(report, "connection", "east/chat-app/search");
    expect(change.action).toBe("update");
    expect(change.fields).toEqual([
      {
        path: "target",
        before: "https://contoso-search.search.windows.net",
        after: "https://contoso-search2.search.windows.net",
      },
      {
        path: "credentials.apiKey",
        before: "[secret from config searchKey]",
        after: "[secret from config searchKey2]",
      },
      { path: "metadata.ResourceId", before: null, after: "search2" },
    ]);
    const md = formatDiffMarkdown(report);
    expect(md).toContain("searchKey2");
    expect(report.changes).toHaveLength(1);
  });

  it("tells connections of the same name in two projects apart", () => {
    const head = edited((f) => {
      f.accounts.east.projects.evals = {
        connections: {
          search: {
            category: "CognitiveSearch",
            target: "https://evals.search.windows.net",
            authType: "AAD",
          },
        },
      };
    }, withConnection);
    const report = diffOf({ base: withConnection, head });
    expect(report.changes.map((c) => [c.kind, c.key, c.action])).toEqual([
      ["connection", "east/evals/search", "add"],
    ]);
  });

  it("removes a connection that left the file, and with it every connection of a removed project", () => {
    const removed = diffOf({ base: withConnection, head: withProjects });
    expect(removed.changes.map((c) => [c.kind, c.key, c.action])).toEqual([
      ["connection", "east/chat-app/search", "remove"],
    ]);
    const projectGone = diffOf({
      base: withConnection,
      head: edited((f) => {
        delete f.accounts.east.projects["chat-app"];
      }, withConnection),
    });
    expect(projectGone.changes.map((c) => [c.kind, c.key, c.action])).toEqual([
      ["project", "east/chat-app", "remove"],
      ["connection", "east/chat-app/search", "remove"],
    ]);
  });

  it("a policy regression on a connection flags the connection, not its project", () => {
    const head = edited((f) => {
      f.accounts.east.projects["chat-app"].connections.search.target = "https://other.search.windows.net";
      f.accounts.east.projects["chat-app"].displayName = "Chat";
    }, withConnection);
    const report = diffOf({
      base: withConnection,
      head,
      evaluatePolicies: (plan) => [
        {
          policyId: "connection-targets",
          resourceKey: "east/project/chat-app/connection/search",
          outcome:
            plan.state.connections?.[0]?.target === "https://other.search.windows.net"
              ? "non-compliant"
              : "compliant",
        },
      ],
    });
    expect(changeOf(report, "connection", "east/chat-app/search").flags).toContain("policy-regression");
    expect(changeOf(report, "project", "east/chat-app").flags).not.toContain("policy-regression");
  });
});
