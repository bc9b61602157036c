import { describe, expect, it } from "vitest";
import { CONNECTIONS } from "../../loader/connections";
import { connectionsFile, connectionsState } from "../support/connections";
import { load, where } from "./support";

describe("project connections in the desired state", () => {
  it("resolves each connection under its project, in file order, with the secret's config key and never a value", () => {
    const state = connectionsState();
    expect(
      state.connections?.map((c) => ({
        key: c.key,
        projectName: c.projectName,
        name: c.name,
        category: c.category,
        target: c.target,
        authType: c.authType,
        credentials: c.credentials,
        metadata: c.metadata,
        isSharedToAll: c.isSharedToAll,
        line: c.source.line,
        path: c.source.path,
      })),
    ).toEqual([
      {
        key: "east/chat-app/search",
        projectName: "chat-app",
        name: "search",
        category: "CognitiveSearch",
        target: "https://contoso-search.search.windows.net",
        authType: "ApiKey",
        credentials: { apiKeyConfig: "searchKey" },
        metadata: { ApiType: "Azure" },
        isSharedToAll: true,
        line: 13,
        path: "accounts.east.projects.chat-app.connections.search",
      },
      {
        key: "east/chat-app/docs",
        projectName: "chat-app",
        name: "docs",
        category: "AzureBlob",
        target: "https://contosodocs.blob.core.windows.net/docs",
        authType: "AAD",
        credentials: undefined,
        metadata: {},
        isSharedToAll: undefined,
        line: 20,
        path: "accounts.east.projects.chat-app.connections.docs",
      },
      {
        key: "east/chat-app/aoai",
        projectName: "chat-app",
        name: "aoai",
        category: "AzureOpenAI",
        target: "https://contoso-aoai.openai.azure.com/",
        authType: "ManagedIdentity",
        credentials: { clientId: "11111111-2222-3333-4444-555555555555" },
        metadata: {},
        isSharedToAll: undefined,
        line: 24,
        path: "accounts.east.projects.chat-app.connections.aoai",
      },
    ]);
  });

  it("leaves connections out of the state when no project declares one", () => {
    const text = connectionsFile.replace(/ {8}connections:\n(?: {10}.*\n| {12}.*\n)+/, "");
    expect(text).not.toContain("connections:");
    expect(connectionsState(text).connections).toBeUndefined();
  });
});

describe("project connections in the schema", () => {
  const cases = [
    {
      behaviour: "an auth type the file cannot declare, listing the supported ones",
      change: ["authType: AAD", "authType: OAuth2"],
      code: "schema/enum",
      line: 22,
      message: /is "OAuth2", which is not one of: AAD, ApiKey, ManagedIdentity, None/,
    },
    {
      behaviour: "an API key written as a value instead of a config key",
      change: ["credentials: { apiKey: { config: searchKey } }", 'credentials: { apiKey: "s3cr3t-value" }'],
      code: "schema/type",
      line: 16,
      message: /credentials.apiKey must be a mapping, not the string/,
    },
    {
      behaviour: "a connection without its category",
      change: ["            category: AzureBlob\n", ""],
      code: "schema/required",
      line: 19,
      message: /category/,
    },
  ];
  it.each(cases)("rejects $behaviour", ({ change, code, line, message }) => {
    const [from, to] = change as [string, string];
    const loaded = load(connectionsFile.replace(from, to));
    const found = loaded.diagnostics.filter((d) => d.severity === "error");
    const match = found.find((d) => d.code === code);
    expect(match, found.map(where).join(", ")).toBeDefined();
    expect(match?.line).toBe(line);
    expect(match?.message).toMatch(message);
  });

  it("lists in its facts table every auth type the schema accepts, and only supported ones", async () => {
    const schema = (await import("../../schemas/deployments.schema.json")).default as {
      $defs: { connection: { properties: { authType: { enum: string[] } } } };
    };
    expect(schema.$defs.connection.properties.authType.enum).toEqual(
      CONNECTIONS.authTypes.supported.map((t) => t.name),
    );
    for (const name of schema.$defs.connection.properties.authType.enum)
      expect(CONNECTIONS.authTypes.all).toContain(name);
  });
});
