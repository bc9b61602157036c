// Import and drift of the deployment properties of 2026 against the ARM emulator, seeded with the payloads
// the documentation and the specification give: `serviceTier` and `deploymentState` (Cognitive Services
// REST API 2026-09-01), a model router's `routing` (the model router how-to's REST body), a Claude
// deployment's `modelProviderData` (the Claude deployment guide). The SDK (api-version 2025-09-01) drops
// these from what it returns; import and drift read them from the raw response.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { registerDrift } from "../../../cli/commands/drift";
import { registerImport } from "../../../cli/commands/import";
import type { DriftReport } from "../../../live/drift";
import { loadDeploymentsText } from "../../../loader/load";
import type { AccountRef } from "../../support/arm-emulator";
import { run, subscriptionId, useEmulator, withDeps, workspace } from "./support";

const account = { resourceGroup: "rg-ai", name: "contoso-ai-swc", location: "swedencentral" };
const importArgs = [
  "import",
  "--subscription",
  subscriptionId,
  "--resource-group",
  "rg-ai",
  "--account",
  account.name,
];
const registrations = [withDeps(registerImport), withDeps(registerDrift)];
const common = { raiPolicyName: "Microsoft.DefaultV2", versionUpgradeOption: "NoAutoUpgrade" };

describe("import and drift of the 2026 deployment properties", () => {
  const h = useEmulator({ pageSize: 2 });

  function seed(): AccountRef {
    const ref = h.emulator.addAccount(account);
    h.emulator.addRaiPolicy(ref, "Microsoft.DefaultV2", { type: "SystemManaged" });
    h.emulator.addDeployment(ref, {
      name: "chat",
      skuName: "GlobalStandard",
      capacity: 50,
      model: { format: "OpenAI", name: "gpt-5.4", version: "2026-03-05" },
      properties: { ...common, serviceTier: "Priority", deploymentState: "Paused" },
    });
    h.emulator.addDeployment(ref, {
      name: "router",
      skuName: "GlobalStandard",
      capacity: 100,
      model: { format: "OpenAI", name: "model-router", version: "2025-11-18" },
      properties: {
        ...common,
        routing: {
          mode: "balanced",
          models: [
            { format: "OpenAI", name: "gpt-5.2", version: "2025-12-11" },
            { format: "Anthropic", name: "claude-sonnet-4-5", version: "20250929" },
          ],
        },
      },
    });
    h.emulator.addDeployment(ref, {
      name: "claude",
      skuName: "GlobalStandard",
      capacity: 10,
      model: { format: "Anthropic", name: "claude-sonnet-4-5", version: "20250929" },
      properties: {
        ...common,
        modelProviderData: { organizationName: "Contoso Ltd", countryCode: "US", industry: "technology" },
      },
    });
    return ref;
  }

  async function importedFile(cwd: string): Promise<string> {
    const result = await run([...importArgs, "--out", "imported.yaml"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(result.err).not.toMatch(/error/);
    expect(result.code).toBe(0);
    return readFileSync(path.join(cwd, "imported.yaml"), "utf8");
  }

  it("import writes them as the file spells them, and the file validates", async () => {
    seed();
    const cwd = workspace();
    const text = await importedFile(cwd);
    const loaded = loadDeploymentsText("imported.yaml", text);
    expect(loaded.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const byName = new Map((loaded.config?.deployments ?? []).map((d) => [d.name, d]));
    expect(byName.get("chat")).toMatchObject({ serviceTier: "Priority", state: "paused" });
    expect(byName.get("router")?.routing).toEqual({
      mode: "balanced",
      models: [
        { format: "OpenAI", name: "gpt-5.2", version: "2025-12-11" },
        { format: "Anthropic", name: "claude-sonnet-4-5", version: "20250929" },
      ],
    });
    expect(byName.get("claude")?.modelProviderData).toEqual({
      organizationName: "Contoso Ltd",
      countryCode: "US",
      industry: "technology",
    });
  });

  it("drift of the imported file is none; a resumed deployment and another routing mode are drift", async () => {
    const ref = seed();
    const cwd = workspace();
    await importedFile(cwd);
    const clean = await run(["drift", "imported.yaml", "--format", "json"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(clean.err).toBe("");
    expect((JSON.parse(clean.out) as DriftReport).drift).toEqual([]);
    expect(clean.code).toBe(0);

    const chat = h.emulator.deployment(ref, "chat");
    const router = h.emulator.deployment(ref, "router");
    if (!chat || !router) throw new Error("not seeded");
    chat.properties.deploymentState = "Running";
    (router.properties.routing as { mode: string }).mode = "cost";
    const drifted = await run(["drift", "imported.yaml", "--format", "json"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(drifted.code).toBe(1);
    const report = JSON.parse(drifted.out) as DriftReport;
    const byKey = (key: string) => report.drift.find((entry) => entry.key.endsWith(`/${key}`));
    expect(byKey("chat")).toMatchObject({
      status: "changed",
      fields: [{ path: "properties.deploymentState", declared: "Paused", live: "Running" }],
    });
    expect(byKey("router")).toMatchObject({
      status: "changed",
      fields: [{ path: "properties.routing.mode", declared: "balanced", live: "cost" }],
    });
    expect(byKey("claude")).toBeUndefined();
  });
});

describe("import and drift of a fine-tuned model on the Developer tier, trained on another account", () => {
  const h = useEmulator({ pageSize: 2 });
  // The fine-tuning deployment guide's cross-region body: a fine-tuned model's name, version "1", and
  // `model.source`, the ARM id of the account that trained it.
  const fineTuned = "gpt-4.1-mini-2025-04-14.ft-b044a9d3cf9c4228b5d393567f693b83";
  const source = `/subscriptions/${subscriptionId}/resourceGroups/rg-training/providers/Microsoft.CognitiveServices/accounts/contoso-training`;

  function seed(): AccountRef {
    const ref = h.emulator.addAccount(account);
    h.emulator.addRaiPolicy(ref, "Microsoft.DefaultV2", { type: "SystemManaged" });
    h.emulator.addDeployment(ref, {
      name: "candidate",
      skuName: "DeveloperTier",
      capacity: 50,
      model: { format: "OpenAI", name: fineTuned, version: "1", source },
      properties: common,
    });
    return ref;
  }

  it("import writes model.source, the file validates, drift is none; another source is drift", async () => {
    const ref = seed();
    const cwd = workspace();
    const imported = await run([...importArgs, "--out", "imported.yaml"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(imported.code).toBe(0);
    const text = readFileSync(path.join(cwd, "imported.yaml"), "utf8");
    const loaded = loadDeploymentsText("imported.yaml", text);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(loaded.config?.deployments[0]).toMatchObject({
      name: "candidate",
      sku: "DeveloperTier",
      model: { format: "OpenAI", name: fineTuned, version: "1", source },
    });
    const clean = await run(["drift", "imported.yaml", "--format", "json"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect((JSON.parse(clean.out) as DriftReport).drift).toEqual([]);
    expect(clean.code).toBe(0);

    const live = h.emulator.deployment(ref, "candidate");
    if (!live) throw new Error("not seeded");
    const other = source.replace("contoso-training", "contoso-training-2");
    (live.properties.model as { source: string }).source = other;
    const drifted = await run(["drift", "imported.yaml", "--format", "json"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(drifted.code).toBe(1);
    expect((JSON.parse(drifted.out) as DriftReport).drift).toMatchObject([
      {
        key: "swedencentral/candidate",
        status: "changed",
        fields: [{ path: "properties.model.source", declared: source, live: other }],
      },
    ]);
  });
});
