import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { AideployModelCatalog } from "../../../catalog/model-catalog";
import { validateCommand } from "../../../cli/commands/validate";
import type { LiveContext } from "../../../live/context";
import { checkModels } from "../../../live/validate";
import { type ArmEmulator, armCatalogPayload, type CatalogEntry } from "../../support/arm-emulator";
import { CATALOG_DATE, catalogOffering, writeCatalog } from "../../support/catalog";
import { estateText, planText } from "../../support/plan";
import { fastDeps, run, useEmulator, workspace } from "./support";

const now = new Date("2026-11-24T12:00:00Z");
const deps: Partial<LiveContext> = { ...fastDeps, now: () => now };

/**
 * A catalog offering what the bundled file deploys in each environment, with the documented PTU bounds of
 * regional provisioned gpt-4o (50, step 50): what these tests need, whatever the shipped catalog says
 * about the bundled file's models today.
 */
function estateCatalog(): AideployModelCatalog {
  const catalog = catalogOffering([undefined, "dev", "prod"].map((env) => planText(estateText(), env)));
  for (const model of catalog.models) {
    const ptu = model.deploymentTypes.ProvisionedManaged;
    if (ptu) ptu.capacity = { minimum: 50, maximum: null, step: 50, default: null };
  }
  return catalog;
}

/** The bundled file's catalog as ARM serves it, with usage names `<format>.<type>.<model>`. */
function armCatalog(location: string): CatalogEntry[] {
  return armCatalogPayload(estateCatalog(), location);
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
const gpt4oLine = lineOf(estateText(), "  - name: gpt-4o");
const ptuLine = lineOf(estateText(), "  - name: gpt-4o-ptu");
const spilloverLine = lineOf(estateText(), "  - name: gpt-4o-spillover");

describe("validate --live", () => {
  const h = useEmulator({ pageSize: 2 });
  const registrations = [validateCommand(deps)];

  function estateWorkspace(text = estateText()) {
    return workspace({ "deployments.yaml": text });
  }

  it("passes the bundled file when every model is offered and quota is left", async () => {
    seedCatalogs(h.emulator);
    const result = await run(["validate", "--live"], registrations, {
      cwd: estateWorkspace(),
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
      cwd: estateWorkspace(),
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
      cwd: estateWorkspace(),
      emulator: h.emulator,
    });
    expect(unchanged.code).toBe(0);
    const grown = estateText().replace("capacity: 150", "capacity: 180");
    const result = await run(["validate", "--live"], registrations, {
      cwd: estateWorkspace(grown),
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
    // Azure's bounds may differ from the offline catalog's, which the file meets (minimum 50, step 50).
    const gpt4o = east.find((entry) => entry.model.name === "gpt-4o");
    for (const sku of gpt4o?.model.skus ?? []) {
      if (sku.name === "ProvisionedManaged") sku.capacity = { minimum: 100, step: 100 };
    }
    h.emulator.setCatalog(
      "eastus2",
      east.filter((entry) => entry.model.name !== "DeepSeek-R1"),
    );
    const text = estateText().replace('name: Phi-4, version: "7"', 'name: Phi-4, version: "3"');
    const result = await run(["validate", "--live"], registrations, {
      cwd: estateWorkspace(text),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `deployments.yaml:${ptuLine}:5: error live/capacity-out-of-range deployment "gpt-4o-ptu" on account eastus2: capacity 50 is below the minimum 100 (minimum 100, step 100; nearest valid: 100) for deployment type ProvisionedManaged of OpenAI gpt-4o version 2024-11-20 (live catalog of eastus2)`,
    );
    expect(result.out).toMatch(
      /warning live\/version-retiring deployment "gpt-4o-mini" on account eastus2: OpenAI gpt-4o-mini version 2024-07-18 retires on 2026-12-20, in 26 days \(live catalog of eastus2\)/,
    );
    expect(result.out).toMatch(
      /error live\/version-retired deployment "text-embedding-3-large" on account eastus2: OpenAI text-embedding-3-large version 1 retired on 2026-06-30 \(live catalog of eastus2\)/,
    );
    expect(result.out).toMatch(
      /error live\/model-unavailable deployment "deepseek-r1" on account eastus2: model DeepSeek DeepSeek-R1 is not offered in eastus2/,
    );
    expect(result.out).toMatch(
      /error live\/model-unavailable deployment "phi-4" on account swedencentral: version 3 of Phi-4 is not offered in swedencentral \(live catalog of swedencentral\); offered versions: 7/,
    );
    // A shorter window: the retirement in 26 days is no longer reported.
    const shorter = await run(["validate", "--live", "--retirement-days", "10"], registrations, {
      cwd: estateWorkspace(text),
      emulator: h.emulator,
    });
    expect(shorter.out).not.toContain("version-retiring");
  });

  it("reports a region Azure lists no models for once per account", async () => {
    const text = estateText().replace("    location: swedencentral\n", "    location: norwayeast\n");
    seedCatalogs(h.emulator);
    const result = await run(["validate", "--live"], registrations, {
      cwd: estateWorkspace(text),
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
    const text = estateText().replace("    location: eastus2\n    create: true\n", "");
    const result = await run(["validate", "--live"], registrations, {
      cwd: estateWorkspace(text),
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
      cwd: estateWorkspace(),
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
      cwd: estateWorkspace(),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /^deployments\.yaml:8:5: error live\/server-error Reading the quota usages of eastus2 failed/m,
    );
    expect(result.out + result.err).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for configuration problems", async () => {
    const noSubscription = estateText().replace(/^subscription: .*\n/m, "");
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

describe("validate --live against ARM's lifecycle", () => {
  const h = useEmulator({ pageSize: 2 });
  const registrations = [validateCommand(deps)];

  it("names ARM's replacement, and refuses a deprecated version for a deployment Azure does not have", async () => {
    seedCatalogs(h.emulator);
    const east = armCatalog("eastus2");
    const gpt4o = east.find((entry) => entry.model.name === "gpt-4o");
    if (gpt4o) {
      gpt4o.model.lifecycleStatus = "Deprecating";
      gpt4o.model.deprecation = { inference: "2027-01-10T00:00:00Z" };
      gpt4o.model.replacementConfig = { targetModelName: "gpt-5.1", targetModelVersion: "2025-11-13" };
    }
    h.emulator.setCatalog("eastus2", east);
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
    const result = await run(["validate", "--live", "--env", "prod"], registrations, {
      cwd: workspace({ "deployments.yaml": estateText() }),
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    const lines = result.out.trimEnd().split("\n");
    const replacement = "replacement: gpt-5.1 (2025-11-13)";
    // The existing gpt-4o keeps answering until retirement; gpt-4o-ptu would be a new deployment.
    expect(lines.filter((line) => line.includes("live/version-deprecated"))).toEqual(
      [
        ["gpt-4o-ptu", ptuLine],
        ["gpt-4o-spillover", spilloverLine],
      ].map(
        ([name, line]) =>
          `deployments.yaml:${line}:5: error live/version-deprecated deployment "${name}" on account eastus2: OpenAI gpt-4o version 2024-11-20 is deprecated as of 2026-11-24 (live catalog of eastus2): Azure accepts no new deployments of it, and this one does not exist yet; it retires on 2027-01-10; ${replacement} [environment prod] (Deploy a current version (the catalog's replacement) instead; an existing deployment keeps working until the retirement date.)`,
      ),
    );
    expect(
      lines.filter((line) => line.includes("live/version-retiring")).map((line) => line.split(": ")[0]),
    ).toEqual([
      `deployments.yaml:${gpt4oLine}:5`,
      `deployments.yaml:${ptuLine}:5`,
      `deployments.yaml:${spilloverLine}:5`,
    ]);
  });
});

describe("validate with the offline catalog (no Azure)", () => {
  /** A workspace holding the bundled file and, beside it, a catalog offering what it deploys. */
  function estateWorkspace(catalog = estateCatalog()): string {
    const cwd = workspace({ "deployments.yaml": estateText() });
    mkdirSync(path.join(cwd, "catalog"));
    writeCatalog(path.join(cwd, "catalog"), catalog);
    return cwd;
  }

  it("passes the bundled file against a catalog offering what it deploys; a year on, says the catalog aged", async () => {
    const cwd = estateWorkspace();
    for (const env of [undefined, "dev", "prod"]) {
      const planned = planText(estateText(), env);
      const result = await checkModels(planned, { asOf: new Date(CATALOG_DATE) }, { env: {}, cwd });
      expect(result).toEqual({ diagnostics: [] });
    }
    const later = await checkModels(
      planText(estateText()),
      { asOf: new Date("2027-12-02") },
      { env: {}, cwd },
    );
    expect(later.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      [
        "live/catalog-stale",
        1,
        "catalog/models.json of 2026-12-02 is 365 days old on 2027-12-02: models, versions and retirement dates published since are not in it",
      ],
    ]);
  });

  it("checks availability, retirement and capacity from --catalog, without quota", async () => {
    const catalog = estateCatalog();
    const gpt4o = catalog.models.find((model) => model.name === "gpt-4o");
    if (gpt4o) gpt4o.lifecycle.retirementDate = "2027-01-15";
    const ptu = gpt4o?.deploymentTypes.ProvisionedManaged;
    if (ptu) ptu.retirementDate = "2026-10-01";
    const mini = catalog.models.find((model) => model.name === "gpt-4o-mini")?.deploymentTypes.GlobalStandard;
    if (mini) mini.regions = ["eastus2"];
    const cwd = workspace({ "deployments.yaml": estateText() });
    writeCatalog(cwd, catalog, "other.json");
    const result = await checkModels(
      planText(estateText()),
      { catalog: "other.json" },
      { env: {}, cwd, now: () => now },
    );
    const miniLine = lineOf(estateText(), "  - name: gpt-4o-mini");
    expect(result.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`)).toEqual([
      `${gpt4oLine} warning live/version-retiring`,
      `${gpt4oLine} warning live/version-retiring`,
      `${miniLine} error live/model-unavailable`,
      `${ptuLine} error live/version-retired`,
      `${spilloverLine} warning live/version-retiring`,
    ]);
    expect(result.diagnostics[0]?.message).toBe(
      'deployment "gpt-4o" on account eastus2: OpenAI gpt-4o version 2024-11-20 retires on 2027-01-15, in 52 days (other.json of 2026-12-02); the catalog names no replacement',
    );
    expect(result.diagnostics[2]?.message).toBe(
      'deployment "gpt-4o-mini" on account swedencentral: deployment type GlobalStandard of OpenAI gpt-4o-mini version 2024-07-18 is not offered in swedencentral (other.json of 2026-12-02); offered in eastus2',
    );
    expect(result.diagnostics[3]?.message).toBe(
      'deployment "gpt-4o-ptu" on account eastus2: deployment type ProvisionedManaged of OpenAI gpt-4o version 2024-11-20 retired on 2026-10-01 (other.json of 2026-12-02); the catalog names no replacement',
    );
  });

  it("uses the catalog shipped with aideploy when none sits beside the file", async () => {
    const text = estateText().replace(
      /name: gpt-4o-mini, version: "[^"]+"/,
      'name: gpt-4o-mini, version: "2099-01-01"',
    );
    const cwd = workspace({ "deployments.yaml": text });
    const result = await checkModels(planText(text), { asOf: new Date(CATALOG_DATE) }, { env: {}, cwd });
    const unknown = result.diagnostics.filter((d) => d.code === "live/version-unknown");
    expect(unknown.map((d) => d.message)).toEqual([
      'deployment "gpt-4o-mini" on account eastus2: version 2099-01-01 of OpenAI gpt-4o-mini is unknown to aideploy\'s shipped catalog of 2026-12-02; known versions: 2024-07-18',
      'deployment "gpt-4o-mini" on account swedencentral: version 2099-01-01 of OpenAI gpt-4o-mini is unknown to aideploy\'s shipped catalog of 2026-12-02; known versions: 2024-07-18',
    ]);
  });
});
