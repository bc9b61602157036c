import { describe, expect, it } from "vitest";
import { formatPlanJson } from "../../reports/plan/json";
import { formatPlanMarkdown } from "../../reports/plan/markdown";
import { buildPlanReport } from "../../reports/plan/model";
import { formatPlanText } from "../../reports/plan/text";
import { testCatalog } from "../support/catalog";
import { planText } from "../support/plan";

const text = `version: 1
accounts:
  swc: { name: acme-swc, resourceGroup: rg-ai, location: swedencentral }
defaults: { sku: GlobalStandard, capacity: 10 }
deployments:
  - { name: fast, model: { format: OpenAI, name: gpt-5.4, version: "2026-03-05" }, serviceTier: Priority, state: paused }
  - name: router
    model: { format: OpenAI, name: model-router, version: "2025-11-18" }
    routing: { models: [{ format: OpenAI, name: gpt-5.2, version: "2025-12-11" }] }
  - name: claude
    model: { format: Anthropic, name: claude-sonnet-4-5, version: "20250929" }
    modelProviderData: { organizationName: Acme Corp, countryCode: SE, industry: retail }
  - { name: plain, model: { format: OpenAI, name: gpt-5.4, version: "2026-03-05" } }
`;

function report() {
  return buildPlanReport(planText(text, undefined, "deployments.yaml", testCatalog()), {
    results: [],
    diagnostics: [],
  });
}

const lines = [
  "fast: priority processing (priced per token above standard)",
  "fast: paused: every call gets HTTP 423 until it runs again",
  "router: routing balanced (Azure's default) over gpt-5.2 2025-12-11",
  "claude: accepts the provider's Marketplace terms as Acme Corp (SE, retail)",
];

describe("plan: the deployment properties of 2026", () => {
  it("text: one line per property under the account's table, none for a deployment without them", () => {
    const out = formatPlanText(report());
    for (const line of lines) expect(out).toContain(`  ${line}\n`);
    expect(out).not.toMatch(/^ {2}plain: /m);
  });

  it("Markdown: the same, as a list after the table", () => {
    const out = formatPlanMarkdown(report());
    expect(out).toMatch(/^- <code>fast<\/code>: priority processing \(priced per token above standard\)$/m);
    expect(out).toMatch(
      /^- <code>claude<\/code>: accepts the provider.{1,6}s Marketplace terms as Acme Corp/m,
    );
    expect(out).not.toMatch(/<code>plain<\/code>: /);
  });

  it("JSON: the generic resource's inputs carry the ARM properties", () => {
    const plan = JSON.parse(formatPlanJson(report())) as {
      resources: { name: string; type: string; apiVersion?: string; inputs: { properties: object } }[];
    };
    const fast = plan.resources.find((r) => r.name === "swc/deployment/fast");
    expect(fast).toMatchObject({
      type: "azure-native:resources:Resource",
      apiVersion: "2026-09-01",
      inputs: { properties: { serviceTier: "Priority", deploymentState: "Paused" } },
    });
    const router = plan.resources.find((r) => r.name === "swc/deployment/router");
    expect(router?.inputs.properties).toMatchObject({
      routing: { models: [{ format: "OpenAI", name: "gpt-5.2", version: "2025-12-11" }] },
    });
    expect(router?.inputs.properties).not.toHaveProperty("routing.mode");
  });
});
