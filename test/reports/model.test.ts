import { describe, expect, it } from "vitest";
import { checkPlanPolicies, loadPolicyInputs } from "../../policies/check-plan";
import { capacityBars, usageNamesFor } from "../../reports/compliance/capacity";
import { buildComplianceReport, findingsOf, resultIndex } from "../../reports/compliance/model";
import { testCatalog } from "../support/catalog";
import { planText } from "../support/plan";
import { estateReport, hostileYaml, reportFor, SCRIPT, TEST_VERSION, violatingYaml } from "./support";

describe("compliance report model", () => {
  it("holds every resource against every policy, once", () => {
    const report = estateReport();
    expect(report.summary.checks).toBe(report.policies.length * report.resources.length);
    const lookup = resultIndex(report);
    for (const p of report.policies)
      for (const r of report.resources) expect(lookup(p.id, r.name)).toBeDefined();
    for (const p of report.policies) {
      expect(Object.values(p.counts).reduce((a, b) => a + b, 0)).toBe(report.resources.length);
    }
  });

  it("fails on findings of mandatory policies only, blocking ones listed first", () => {
    const failing = reportFor(violatingYaml);
    expect(failing.summary).toMatchObject({ verdict: "fail", blocking: 2, advisory: 0 });
    const advisory = reportFor(violatingYaml, {
      config: { "local-auth-disabled": "advisory", "deployment-capacity-cap": "disabled" },
    });
    expect(advisory.summary).toMatchObject({ verdict: "pass", blocking: 0, advisory: 1 });
    const hostile = reportFor(hostileYaml);
    expect(findingsOf(hostile).map((r) => r.enforcement)).toEqual([
      "mandatory",
      "advisory",
      "advisory",
      "advisory",
    ]);
  });

  it("counts a failed evaluation of a mandatory policy as blocking", () => {
    const report = reportFor(violatingYaml, {
      config: { "local-auth-disabled": "advisory", "deployment-capacity-cap": "advisory" },
    });
    const plan = planText(violatingYaml);
    const results = report.results.map((r) =>
      r.policy.id === "AID-CF-002" && r.outcome === "compliant"
        ? { ...r, outcome: "error" as const, message: "evaluation failed" }
        : r,
    );
    const rebuilt = buildComplianceReport(plan, results, { version: TEST_VERSION });
    expect(rebuilt.summary).toMatchObject({ verdict: "fail", blocking: 1 });
  });

  it("describes resources with their user text, unescaped (formatters escape)", () => {
    const report = reportFor(hostileYaml);
    const account = report.resources.find((r) => r.kind === "account");
    expect(account?.details).toContainEqual({
      label: "tags",
      value: expect.stringContaining(`owner=${SCRIPT}`),
    });
    const items = report.resources.filter((r) => r.kind === "blocklist item").map((r) => r.label);
    expect(items).toContain(SCRIPT);
    const blocklist = report.resources.find((r) => r.kind === "blocklist");
    expect(blocklist?.details[0]?.label).toBe("description");
    expect(report.policies.find((p) => p.id === "AID-ACC-001")?.description).toMatch(
      /local\) authentication/,
    );
  });

  it("describes a deployment's 2026 properties: service tier, state, routing, partner data", () => {
    const text = `version: 1
accounts:
  swc: { name: acme-swc, resourceGroup: rg-ai, location: swedencentral }
defaults: { sku: GlobalStandard, capacity: 10 }
deployments:
  - { name: fast, model: { format: OpenAI, name: gpt-5.4, version: "2026-03-05" }, serviceTier: Priority, state: paused }
  - name: router
    model: { format: OpenAI, name: model-router, version: "2025-11-18" }
    routing: { mode: quality, models: [{ format: OpenAI, name: gpt-5.4, version: "2026-03-05" }] }
  - name: claude
    model: { format: Anthropic, name: claude-sonnet-4-5, version: "20250929" }
    modelProviderData: { organizationName: Acme Corp, countryCode: SE, industry: retail }
  - name: candidate
    sku: DeveloperTier
    model:
      format: OpenAI
      name: gpt-4.1-mini-2025-04-14.ft-b044a9d3cf9c4228b5d393567f693b83
      version: "1"
      source: /subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/training
`;
    const report = reportFor(text, { catalog: testCatalog() });
    const details = (name: string) =>
      Object.fromEntries(
        (report.resources.find((r) => r.kind === "deployment" && r.label === name)?.details ?? []).map(
          (d) => [d.label, d.value],
        ),
      );
    expect(details("fast")).toMatchObject({ "service tier": "Priority", state: "Paused" });
    expect(details("router")).toMatchObject({ routing: "mode quality; models gpt-5.4@2026-03-05" });
    expect(details("claude")).toMatchObject({ "model provider data": "Acme Corp (SE, retail)" });
    expect(details("claude")).not.toHaveProperty("service tier");
    expect(details("candidate")).toMatchObject({
      "model source":
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/training",
      type: "DeveloperTier",
    });
    expect(details("claude")).not.toHaveProperty("model source");
  });

  it("sums capacity per account, model and deployment type: units where the model's unit is not documented, PTUs", () => {
    const report = reportFor(violatingYaml);
    expect(report.capacity.map((b) => [b.model, b.deploymentType, b.unit, b.value, b.capacityUnits])).toEqual(
      [
        ["gpt-4o", "GlobalStandard", "units", 150, 150],
        ["gpt-4o-mini", "GlobalStandard", "units", 2000, 2000],
        ["gpt-4o", "ProvisionedManaged", "PTU", 50, 50],
      ],
    );
    expect(report.capacity.every((b) => b.quota === null)).toBe(true);
    const merged = reportFor(
      violatingYaml.replace(
        "  - name: big\n",
        '  - name: gpt-4o-b\n    account: main\n    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }\n    capacity: 5\n  - name: big\n',
      ),
    );
    expect(merged.capacity[0]).toMatchObject({ value: 155, deployments: ["gpt-4o", "gpt-4o-b"] });
  });

  it("counts tokens per minute from the model's unit, PTUs per type across models, batch units apart", () => {
    const text = `version: 1
accounts:
  main: { name: acme-ai, resourceGroup: rg-ai, location: eastus2 }
defaults: { sku: GlobalStandard }
deployments:
  - { name: pro, model: { format: OpenAI, name: o3-pro, version: "2025-06-10" }, rateLimit: { tokensPerMinute: 100000 } }
  - { name: mini, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 50 }
  - { name: mini-2, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 5 }
  - { name: mini-ptu, sku: ProvisionedManaged, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 25 }
  - { name: chat-ptu, sku: ProvisionedManaged, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 50 }
  - { name: chat-batch, sku: GlobalBatch, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 40 }
  - { name: eval, sku: DeveloperTier, model: { format: OpenAI, name: o4-mini-2025-04-16.ft-0123456789abcdef0123456789abcdef, version: "1" }, capacity: 1 }
`;
    const bars = reportFor(text, { catalog: testCatalog() }).capacity;
    expect(
      bars.map((b) => [b.model, b.deploymentType, b.unit, b.value, b.capacityUnits, b.deployments]),
    ).toEqual([
      ["o3-pro", "GlobalStandard", "TPM", 100_000, 10, ["pro"]],
      ["o4-mini", "GlobalStandard", "TPM", 55_000, 55, ["mini", "mini-2"]],
      ["o4-mini, gpt-4o", "ProvisionedManaged", "PTU", 75, 75, ["mini-ptu", "chat-ptu"]],
      ["gpt-4o", "GlobalBatch", "enqueued-token units", 40, 40, ["chat-batch"]],
    ]);
    expect(bars[2]?.usageNames).toEqual(["OpenAI.ProvisionedManaged"]);
    const quota = capacityBars(planText(text, undefined, "deployments.yaml", testCatalog()).state, [
      { usageName: "OpenAI.GlobalStandard.o3-pro", region: "eastus2", limit: 30, usedElsewhere: 2 },
      { usageName: "OpenAI.ProvisionedManaged", region: "eastus2", limit: 100 },
    ]).map((b) => b.quota?.limit ?? null);
    // A quota is given in capacity units: 30 units of o3-pro are 300,000 tokens per minute.
    expect(quota).toEqual([300_000, null, 100, null]);
  });

  it("takes a quota per account or per region, by usage name or the type's regional pool", () => {
    const plan = planText(violatingYaml);
    const bars = capacityBars(plan.state, [
      { usageName: "openai.globalstandard.gpt-4o", region: "EastUS2", limit: 450, usedElsewhere: 20 },
      { usageName: "OpenAI.GlobalStandard.gpt-4o-mini", region: "eastus2", limit: 100 },
      { usageName: "OpenAI.GlobalStandard.gpt-4o-mini", account: "main", limit: 3000 },
      { usageName: "OpenAI.ProvisionedManaged", region: "eastus2", limit: 200 },
      { usageName: "OpenAI.GlobalStandard.gpt-4o", region: "westus", limit: 1 },
    ]);
    // gpt-4o and gpt-4o-mini have no documented unit: their quotas stay in units, never converted.
    expect(bars.map((b) => b.quota)).toEqual([
      { limit: 450, usedElsewhere: 20, usageName: "openai.globalstandard.gpt-4o", scope: "region" },
      {
        limit: 3000,
        usedElsewhere: 0,
        usageName: "OpenAI.GlobalStandard.gpt-4o-mini",
        scope: "account",
      },
      { limit: 200, usedElsewhere: 0, usageName: "OpenAI.ProvisionedManaged", scope: "region" },
    ]);
    expect(usageNamesFor("OpenAI", "Standard", "gpt-4o")).toEqual([
      "OpenAI.Standard.gpt-4o",
      "OpenAI.Standard",
    ]);
  });

  it("keeps results on resources the graph does not list instead of dropping them", () => {
    const plan = planText(violatingYaml);
    const { results } = checkPlanPolicies(plan, loadPolicyInputs({}, undefined));
    const [first] = results;
    if (!first) throw new Error("no results");
    const extra = { ...first, resource: { ...first.resource, name: "main/ghost" } };
    const report = buildComplianceReport(plan, [...results, extra], { version: TEST_VERSION });
    expect(report.resources.map((r) => r.name)).toContain("main/ghost");
  });
});
