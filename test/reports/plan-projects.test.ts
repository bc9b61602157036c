import { describe, expect, it } from "vitest";
import { formatPlanJson } from "../../reports/plan/json";
import { formatPlanMarkdown } from "../../reports/plan/markdown";
import { buildPlanReport, summarizePlan } from "../../reports/plan/model";
import { formatPlanText } from "../../reports/plan/text";
import { testCatalog } from "../support/catalog";
import { planText } from "../support/plan";
import { projectsFile } from "../support/projects";

function report() {
  return buildPlanReport(planText(projectsFile, undefined, "deployments.yaml", testCatalog()), {
    results: [],
    diagnostics: [],
  });
}

describe("plan: projects under their account", () => {
  it("lists each account's projects with their endpoints, none on an account without any", () => {
    const accounts = summarizePlan(report().plan).accounts;
    expect(accounts.map((a) => [a.key, a.projects])).toEqual([
      [
        "east",
        [
          {
            name: "chat-app",
            displayName: "Chat app",
            endpoint: "https://contoso-east.services.ai.azure.com/api/projects/chat-app",
            connections: [],
          },
          {
            name: "Evals",
            endpoint: "https://contoso-east.services.ai.azure.com/api/projects/Evals",
            connections: [],
          },
        ],
      ],
      ["west", []],
    ]);
  });

  it("prints the projects and their place in the write order in text and Markdown", () => {
    const text = formatPlanText(report());
    expect(text).toContain(
      "  project chat-app (Chat app): https://contoso-east.services.ai.azure.com/api/projects/chat-app\n",
    );
    expect(text).toContain(
      "  project Evals: https://contoso-east.services.ai.azure.com/api/projects/Evals\n",
    );
    expect(text).toMatch(/ {6}3\. project chat-app\n {6}4\. project Evals\n/);
    const md = formatPlanMarkdown(report());
    expect(md).toContain(
      "| <code>chat-app</code> | Chat app | <code>https:&#8203;//contoso-east.services.ai.azure.com/api/projects/chat-app</code> |",
    );
    expect(md).toContain("3. project chat-app\n4. project Evals");
  });

  it("writes each project in the JSON plan with its azure-native type, inputs and dependencies", () => {
    const json = JSON.parse(formatPlanJson(report())) as {
      resources: { name: string; type: string; inputs: unknown; dependsOn: string[] }[];
      outputs: { accounts: Record<string, { projects?: unknown }> };
    };
    const chat = json.resources.find((r) => r.name === "east/project/chat-app");
    expect(chat?.type).toBe("azure-native:cognitiveservices:Project");
    expect(chat?.dependsOn).toEqual(["east/deployment/gpt-4o", "east"]);
    expect(chat?.inputs).toMatchObject({ accountName: "contoso-east", projectName: "chat-app" });
    expect(json.outputs.accounts.east?.projects).toEqual({
      "chat-app": {
        displayName: "Chat app",
        endpoint: "https://contoso-east.services.ai.azure.com/api/projects/chat-app",
      },
      Evals: { endpoint: "https://contoso-east.services.ai.azure.com/api/projects/Evals" },
    });
  });
});
