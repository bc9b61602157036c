import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { validateCommand } from "../../../cli/commands/validate";
import { UsageError } from "../../../diagnostics/failure";
import type { ModelCatalog } from "../../../live/catalog";
import type { LiveContext } from "../../../live/context";
import { checkModels } from "../../../live/validate";
import type { ArmEmulator, CatalogEntry } from "../../support/arm-emulator";
import { repoRoot } from "../../support/paths";
import { bundledText, planText } from "../../support/plan";
import { fastDeps, run, useEmulator, workspace } from "./support";

const shippedCatalog = JSON.parse(
  readFileSync(path.join(repoRoot, "catalog", "models.json"), "utf8"),
) as ModelCatalog;
const now = new Date("2026-11-24T12:00:00Z");
const deps: Partial<LiveContext> = { ...fastDeps, now: () => now };

/** The shipped catalog as ARM serves it, with usage names `<format>.<type>.<model>`. */
function armCatalog(location: string): CatalogEntry[] {
  return (shippedCatalog.locations[location]?.models ?? []).map((model) => ({
    kind: "AIServices",
    skuName: "S0",
    model: {
      format: model.format,
      name: model.name,
      version: model.version,
      ...(model.lifecycleStatus ? { lifecycleStatus: model.lifecycleStatus } : {}),
      skus: model.skus.map((sku) => ({ ...sku, usageName: `${model.format}.${sku.name}.${model.name}` })),
    },
  }));
}

function seedCatalogs(emulator: ArmEmulator, limit = 1000) {
  for (const location of ["eastus2", "swedencentral"]) {
    const catalog = armCatalog(location);
    emulator.setCatalog(location, catalog);
    for (const entry of catalog) {
      for (const sku of entry.model.skus ?? []) {
        if (sku.usageName) emulator.setQuotaLimit(location, sku.usageName, limit);
      }
    }
  }
}

const lineOf = (text: string, needle: string) => text.split("\n").indexOf(needle) + 1;
const gpt4oLine = lineOf(bundledText(), "  - name: gpt-4o");
const ptuLine = lineOf(bundledText(), "  - name: gpt-4o-ptu");

describe("validate --live", () => {
  const h = useEmulator({ pageSize: 2 });
  const registrations = [validateCommand(deps)];

  function bundledWorkspace(text = bundledText()) {
    return workspace({ "deployments.yaml": text });
  }

  it("passes the bundled file when every model is offered and quota is left", async () => {
    seedCatalogs(h.emulator);
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(),
      emulator: h.emulator,
    });
    expect(result.out).toBe("");
    expect(result.code).toBe(0);
    // One catalog and one usage read per region (paged by 2), deployments per account (create: true, 404):
    // the file as written and prod name the same two accounts, read once; dev names two others.
    const models = h.emulator.requestsMatching({ pathPattern: /locations\/eastus2\/models$/ });
    expect(models.length).toBeGreaterThan(1);
    const reads = h.emulator.requestsMatching({ pathPattern: /\/deployments$/ });
    expect(reads.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(reads.map((r) => r.path.split("/accounts/")[1]?.split("/")[0])).size).toBe(4);
    expect(h.emulator.requests.every((request) => !request.hadAuthorization)).toBe(true);
  });

  it("refuses capacity beyond the quota left, with the numbers, at the deployment's line", async () => {
    seedCatalogs(h.emulator);
    h.emulator.setQuotaLimit("eastus2", "OpenAI.GlobalStandard.gpt-4o", 200);
    const ref = h.emulator.addAccount({
      resourceGroup: "rg-ai-prod",
      name: "contoso-ai-eus2",
      location: "eastus2",
    });
    h.emulator.addDeployment(ref, {
      name: "someone-elses",
      skuName: "GlobalStandard",
      capacity: 100,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    });
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      `deployments.yaml:${gpt4oLine}:5: error live/quota-exceeded quota OpenAI.GlobalStandard.gpt-4o in eastus2: the file needs 150 more (gpt-4o on eastus2 +150), but only 100 is available (usage 100 of limit 200) (${"Lower the capacity, free capacity held by other deployments of this model in the same subscription and region, or request more quota (https://aka.ms/oai/quotaincrease)."})\n`,
    );
  });

  it("counts only what the file adds to deployments that already exist", async () => {
    seedCatalogs(h.emulator);
    h.emulator.setQuotaLimit("eastus2", "OpenAI.GlobalStandard.gpt-4o", 160);
    const ref = h.emulator.addAccount({
      resourceGroup: "rg-ai-prod",
      name: "contoso-ai-eus2",
      location: "eastus2",
    });
    h.emulator.addDeployment(ref, {
      name: "gpt-4o",
      skuName: "GlobalStandard",
      capacity: 150,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    });
    const unchanged = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(),
      emulator: h.emulator,
    });
    expect(unchanged.code).toBe(0);
    const grown = bundledText().replace("capacity: 150", "capacity: 180");
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(grown),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      "the file needs 30 more (gpt-4o on eastus2 +30), but only 10 is available (usage 150 of limit 160)",
    );
  });

  it("reports unavailable models and types, capacity off the step, retired and retiring versions", async () => {
    seedCatalogs(h.emulator);
    const east = armCatalog("eastus2");
    const mini = east.find((entry) => entry.model.name === "gpt-4o-mini");
    if (mini) mini.model.deprecation = { inference: "2026-12-20T00:00:00Z" };
    const embedding = east.find((entry) => entry.model.name === "text-embedding-3-large");
    if (embedding) embedding.model.deprecation = { inference: "2026-06-30T00:00:00Z" };
    h.emulator.setCatalog(
      "eastus2",
      east.filter((entry) => entry.model.name !== "DeepSeek-R1"),
    );
    const text = bundledText()
      .replace(
        "    sku: ProvisionedManaged\n    capacity: 50",
        "    sku: ProvisionedManaged\n    capacity: 60",
      )
      .replace('name: Phi-4, version: "7"', 'name: Phi-4, version: "3"');
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(text),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `deployments.yaml:${ptuLine}:5: error live/capacity-out-of-range deployment "gpt-4o-ptu" on account eastus2: capacity 60 is not a multiple of the step 50 (minimum 50, step 50) for deployment type ProvisionedManaged of OpenAI gpt-4o version 2024-11-20 in eastus2 (live catalog)`,
    );
    expect(result.out).toMatch(
      /warning live\/version-retiring deployment "gpt-4o-mini" on account eastus2: the model version \(OpenAI gpt-4o-mini version 2024-07-18\) retires on 2026-12-20, in 26 days in eastus2/,
    );
    expect(result.out).toMatch(
      /error live\/version-deprecated deployment "text-embedding-3-large" on account eastus2: the model version .* retired on 2026-06-30/,
    );
    expect(result.out).toMatch(
      /error live\/model-unavailable deployment "deepseek-r1" on account eastus2: model DeepSeek DeepSeek-R1 is not offered in eastus2/,
    );
    expect(result.out).toMatch(
      /error live\/model-unavailable deployment "phi-4" on account swedencentral: version 3 of Phi-4 is not offered in swedencentral \(live catalog\); offered versions: 7/,
    );
    // A shorter window: the retirement in 26 days is no longer reported.
    const shorter = await run(["validate", "--live", "--retirement-days", "10"], registrations, {
      cwd: bundledWorkspace(text),
      emulator: h.emulator,
    });
    expect(shorter.out).not.toContain("version-retiring");
  });

  it("reports a region Azure lists no models for once per account", async () => {
    const text = bundledText().replace("    location: swedencentral\n", "    location: norwayeast\n");
    seedCatalogs(h.emulator);
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(text),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    const findings = result.out.trimEnd().split("\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(
      /^deployments\.yaml:19:5: error live\/model-unavailable Azure lists no models in norwayeast/,
    );
  });

  it("requires the account's location", async () => {
    seedCatalogs(h.emulator);
    const text = bundledText().replace("    location: eastus2\n    create: true\n", "");
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(text),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/error live\/location-missing account eastus2 declares no location/);
  });

  it("retries a throttled catalog read and a 409 on usages, across pages", async () => {
    seedCatalogs(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: /\/models$/, status: 429, retryAfter: 0 });
    h.emulator.failNext({ method: "GET", pathPattern: /\/usages$/, status: 409 });
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(),
      emulator: h.emulator,
    });
    expect(result.code).toBe(0);
    expect(h.emulator.pendingFaults()).toBe(0);
    const usages = h.emulator.requestsMatching({ pathPattern: /locations\/eastus2\/usages$/ });
    expect(usages.map((request) => request.status).slice(0, 2)).toEqual([409, 200]);
  });

  it("turns a failing read into a live/ diagnostic at the account, exit 1, no stack trace", async () => {
    seedCatalogs(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: /eastus2\/usages$/, status: 500, times: 4 });
    const result = await run(["validate", "--live"], registrations, {
      cwd: bundledWorkspace(),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /^deployments\.yaml:8:5: error live\/server-error Reading the quota usages of eastus2 failed/m,
    );
    expect(result.out + result.err).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for configuration problems", async () => {
    const noSubscription = bundledText().replace(/^subscription: .*\n/m, "");
    const cwd = workspace({ "deployments.yaml": noSubscription });
    const missing = await run(["validate", "--live"], registrations, { cwd, emulator: h.emulator });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("No Azure subscription is set");
    const days = await run(["validate", "--live", "--retirement-days", "soon"], registrations, { cwd });
    expect(days.code).toBe(2);
    const asOf = await run(["validate", "--as-of", "someday"], registrations, { cwd });
    expect(asOf.code).toBe(2);
    expect(h.emulator.requests).toHaveLength(0);
  });
});

describe("validate with the offline catalog (no Azure)", () => {
  it("passes the bundled file against the shipped catalog today and years from now", async () => {
    for (const date of ["2026-11-24", "2031-06-30"]) {
      const planned = planText(bundledText());
      const result = await checkModels(planned, {}, { env: {}, cwd: repoRoot, now: () => new Date(date) });
      expect(result).toEqual({ diagnostics: [] });
    }
    for (const env of ["dev", "prod"]) {
      const result = await checkModels(
        planText(bundledText(), env),
        {},
        { env: {}, cwd: repoRoot, now: () => now },
      );
      expect(result.diagnostics).toEqual([]);
    }
  });

  it("checks availability, retirement and capacity from --catalog, without quota", async () => {
    const catalog: ModelCatalog = structuredClone(shippedCatalog);
    const east = catalog.locations.eastus2?.models ?? [];
    const gpt4o = east.find((model) => model.name === "gpt-4o" && model.version === "2024-11-20");
    if (gpt4o) gpt4o.deprecation = { inference: "2027-01-15" };
    const ptu = gpt4o?.skus.find((sku) => sku.name === "ProvisionedManaged");
    if (ptu) ptu.deprecationDate = "2026-10-01";
    delete catalog.locations.swedencentral;
    const cwd = workspace({ "deployments.yaml": bundledText(), "models.json": JSON.stringify(catalog) });
    const result = await checkModels(
      planText(bundledText()),
      { catalog: "models.json" },
      { env: {}, cwd, now: () => now },
    );
    const summary = result.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`);
    expect(summary).toEqual([
      "19 info live/catalog-not-applicable",
      `${gpt4oLine} warning live/version-retiring`,
      `${ptuLine} error live/version-deprecated`,
    ]);
    expect(result.diagnostics[0]?.message).toContain(
      "models.json, generated 2026-11-24 has no data for swedencentral",
    );
    expect(result.diagnostics[1]?.message).toContain(
      "retires on 2027-01-15, in 52 days in eastus2 (models.json, generated 2026-11-24)",
    );
    expect(result.diagnostics[2]?.message).toContain(
      "deployment type ProvisionedManaged for the model version",
    );
  });

  it("uses catalog/models.json next to the file by default, and nothing when there is none", async () => {
    const cwd = workspace({ "deployments.yaml": bundledText() });
    const none = await checkModels(planText(bundledText()), {}, { env: {}, cwd });
    expect(none).toEqual({ diagnostics: [] });
  });

  it("is a usage error, naming the deployments file, when --catalog is missing or not a catalog", async () => {
    const cwd = workspace({ "bad.json": JSON.stringify({ generatedAt: "x", source: "s", locations: {} }) });
    const context = { env: {}, cwd };
    const missing = checkModels(planText(bundledText()), { catalog: "nope.json" }, context);
    await expect(missing).rejects.toStrictEqual(
      new UsageError("deployments.yaml: nope.json: no such catalog file"),
    );
    const bad = checkModels(planText(bundledText()), { catalog: "bad.json" }, context);
    await expect(bad).rejects.toStrictEqual(
      new UsageError('deployments.yaml: bad.json: not a model catalog: generatedAt is not a date: "x"'),
    );
  });
});
