import { describe, expect, it } from "vitest";
import { formatPlanJson } from "../../reports/plan/json";
import { formatPlanMarkdown } from "../../reports/plan/markdown";
import { buildPlanReport, summarizePlan } from "../../reports/plan/model";
import { formatPlanText } from "../../reports/plan/text";
import { testCatalog } from "../support/catalog";
import { planText } from "../support/plan";

/** One account; each deployment shows one meaning of capacity. Units and bounds from the test catalog. */
const text = `version: 1
accounts:
  east: { name: acme-east, resourceGroup: rg-ai, location: eastus2 }
defaults: { sku: GlobalStandard }
deployments:
  - { name: pro, model: { format: OpenAI, name: o3-pro, version: "2025-06-10" }, rateLimit: { tokensPerMinute: 100000 } }
  - { name: mini, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 50 }
  - { name: router, model: { format: OpenAI, name: model-router, version: "2025-11-18" }, rateLimit: { tokensPerMinute: 250000 } }
  - { name: chat, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 150 }
  - { name: next, model: { format: OpenAI, name: gpt-9, version: "1" }, capacity: 5 }
  - { name: ptu, sku: ProvisionedManaged, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 50 }
  - { name: batch, sku: GlobalBatch, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 40 }
  - { name: eval, sku: DeveloperTier, model: { format: OpenAI, name: o4-mini-2025-04-16.ft-0123456789abcdef0123456789abcdef, version: "1" }, capacity: 1 }
`;

const expected: [string, string][] = [
  ["pro", "10 (100,000 TPM, 10 RPM)"],
  ["mini", "50 (50,000 TPM, 50 RPM)"],
  ["router", "250 (250,000 TPM, 250 RPM)"],
  ["chat", "150 units (TPM and RPM unknown: unit not documented)"],
  ["next", "5 units (TPM and RPM unknown: model not in the catalog)"],
  ["ptu", "50 PTU"],
  ["batch", "40 units of enqueued-token quota"],
  ["eval", "1 (Developer tier: no throughput quota)"],
];

function report() {
  return buildPlanReport(planText(text, undefined, "deployments.yaml", testCatalog()), {
    results: [],
    diagnostics: [],
  });
}

describe("plan: capacity from the model's unit", () => {
  it("sizes a rate limit by the model's unit and carries tokens and requests per minute only when known", () => {
    const rows = summarizePlan(report().plan).accounts[0]?.deployments ?? [];
    expect(rows.map((r) => [r.name, r.capacity, r.tokensPerMinute, r.requestsPerMinute])).toEqual([
      ["pro", 10, 100_000, 10],
      ["mini", 50, 50_000, 50],
      ["router", 250, 250_000, 250],
      ["chat", 150, undefined, undefined],
      ["next", 5, undefined, undefined],
      ["ptu", 50, undefined, undefined],
      ["batch", 40, undefined, undefined],
      ["eval", 1, undefined, undefined],
    ]);
  });

  it.each(expected)("text: %s shows %s", (name, capacity) => {
    const line = formatPlanText(report())
      .split("\n")
      .find((l) => l.trimStart().startsWith(`${name} `));
    expect(line).toContain(capacity);
  });

  it.each(expected)("Markdown: %s shows %s", (name, capacity) => {
    const row = formatPlanMarkdown(report())
      .split("\n")
      .find((l) => l.startsWith(`| <code>${name}</code> |`));
    expect(row?.split("|").map((cell) => cell.trim())[4]).toBe(capacity);
  });

  it("JSON: routes carry tokens and requests per minute where known, and why they are absent", () => {
    const json = JSON.parse(formatPlanJson(report())) as {
      outputs: { accounts: Record<string, { routes: Record<string, Record<string, unknown>> }> };
      resources: { name: string; inputs: { sku?: unknown } }[];
    };
    const routes = json.outputs.accounts.east?.routes ?? {};
    expect(routes.pro).toMatchObject({ capacity: 10, tokensPerMinute: 100_000, requestsPerMinute: 10 });
    expect(routes.mini).toMatchObject({ capacity: 50, tokensPerMinute: 50_000, requestsPerMinute: 50 });
    expect(routes.router).toMatchObject({ capacity: 250, tokensPerMinute: 250_000, requestsPerMinute: 250 });
    expect(routes.chat).toMatchObject({ capacity: 150, ratesUnknown: "unit not documented" });
    expect(routes.chat).not.toHaveProperty("tokensPerMinute");
    expect(routes.ptu).not.toHaveProperty("tokensPerMinute");
    expect(routes.ptu).not.toHaveProperty("ratesUnknown");
    // What Azure receives: capacity units.
    expect(json.resources.find((r) => r.name === "east/deployment/pro")?.inputs.sku).toEqual({
      name: "GlobalStandard",
      capacity: 10,
    });
  });
});
