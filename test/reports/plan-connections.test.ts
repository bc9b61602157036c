import { describe, expect, it } from "vitest";
import { buildComplianceReport } from "../../reports/compliance/model";
import { formatPlanJson } from "../../reports/plan/json";
import { formatPlanMarkdown } from "../../reports/plan/markdown";
import { buildPlanReport, summarizePlan } from "../../reports/plan/model";
import { formatPlanText } from "../../reports/plan/text";
import { testCatalog } from "../support/catalog";
import { connectionsFile } from "../support/connections";
import { planText } from "../support/plan";

function report() {
  return buildPlanReport(planText(connectionsFile, undefined, "deployments.yaml", testCatalog()), {
    results: [],
    diagnostics: [],
  });
}

describe("plan: project connections under their project", () => {
  it("lists each project's connections in file order, a secret only by its configuration key", () => {
    const east = summarizePlan(report().plan).accounts.find((a) => a.key === "east");
    expect(east?.projects.map((p) => [p.name, p.connections])).toEqual([
      [
        "chat-app",
        [
          {
            name: "search",
            category: "CognitiveSearch",
            authType: "ApiKey",
            target: "https://contoso-search.search.windows.net",
            secrets: ["[secret from config searchKey]"],
          },
          {
            name: "docs",
            category: "AzureBlob",
            authType: "AAD",
            target: "https://contosodocs.blob.core.windows.net/docs",
            secrets: [],
          },
          {
            name: "aoai",
            category: "AzureOpenAI",
            authType: "ManagedIdentity",
            target: "https://contoso-aoai.openai.azure.com/",
            secrets: [],
          },
        ],
      ],
      ["evals", []],
    ]);
  });

  it("prints the connections and their place in the write order in text and Markdown", () => {
    const text = formatPlanText(report());
    expect(text).toContain(
      "    connection search: CognitiveSearch https://contoso-search.search.windows.net, ApiKey [secret from config searchKey]\n",
    );
    expect(text).toContain(
      "    connection docs: AzureBlob https://contosodocs.blob.core.windows.net/docs, AAD\n",
    );
    expect(text).toMatch(
      / {6}3\. project chat-app\n {6}4\. project connection chat-app\/search\n {6}5\. project connection chat-app\/docs\n {6}6\. project connection chat-app\/aoai\n {6}7\. project evals\n/,
    );
    const md = formatPlanMarkdown(report());
    expect(md).toContain("| Project | Connection | Category | Target | Auth | Secrets |");
    expect(md).toContain(
      "| <code>chat-app</code> | <code>search</code> | CognitiveSearch | <code>https:&#8203;//contoso-search.search.windows.net</code> | ApiKey | \\[secret from config searchKey] |",
    );
  });

  it("writes each connection in the JSON plan with its type token, api-version, inputs and secret keys", () => {
    const json = JSON.parse(formatPlanJson(report())) as {
      resources: {
        name: string;
        type: string;
        apiVersion?: string;
        inputs: { properties: Record<string, unknown> };
        dependsOn: string[];
        secrets?: unknown;
      }[];
    };
    const search = json.resources.find((r) => r.name === "east/project/chat-app/connection/search");
    expect(search).toMatchObject({
      type: "azure-native:cognitiveservices:ProjectConnection",
      apiVersion: "2025-06-01",
      dependsOn: ["east/project/chat-app"],
      secrets: [{ input: "properties.credentials.key", config: "searchKey" }],
    });
    expect(search?.inputs.properties).toEqual({
      authType: "ApiKey",
      category: "CognitiveSearch",
      target: "https://contoso-search.search.windows.net",
      metadata: { ApiType: "Azure" },
      isSharedToAll: true,
    });
    const docs = json.resources.find((r) => r.name === "east/project/chat-app/connection/docs");
    expect(docs?.secrets).toBeUndefined();
    expect(json.resources.find((r) => r.name === "east/project/chat-app")?.apiVersion).toBe("2025-06-01");
  });
});

describe("compliance report: project connections", () => {
  it("lists a connection as a resource with its project, category, target, auth type and secret reference", () => {
    const compliance = buildComplianceReport(report().plan, [], { version: "0.0.0-test" });
    const search = compliance.resources.find((r) => r.name === "east/project/chat-app/connection/search");
    expect(search).toMatchObject({
      kind: "project connection",
      label: "search",
      type: "azure-native:cognitiveservices:ProjectConnection",
    });
    expect(search?.details).toEqual([
      { label: "project", value: "chat-app" },
      { label: "category", value: "CognitiveSearch" },
      { label: "target", value: "https://contoso-search.search.windows.net" },
      { label: "auth type", value: "ApiKey" },
      { label: "shared to all", value: "true" },
      { label: "credentials.key", value: "[secret from config searchKey]" },
    ]);
  });
});
