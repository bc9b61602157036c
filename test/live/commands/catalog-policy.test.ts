import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readModelCatalog, serializeModelCatalog } from "../../../catalog/model-catalog";
import { registerCatalog } from "../../../cli/commands/catalog";
import { registerPolicyPull } from "../../../cli/commands/policy-pull";
import { checkModels } from "../../../live/validate";
import { loadAzurePolicies } from "../../../policies/azure-policies";
import { loadReferenceExamples, seedPolicyReference } from "../../support/arm-emulator";
import { catalogOf, model, offer, writeCatalog } from "../../support/catalog";
import { repoRoot } from "../../support/paths";
import { planText } from "../../support/plan";
import { fastDeps, run, subscriptionId, useEmulator, withDeps, workspace } from "./support";

const now = new Date("2026-11-24T08:30:00Z");
const deps = { ...fastDeps, now: () => now };

describe("aideploy catalog refresh", () => {
  const h = useEmulator({ pageSize: 2 });
  const registrations = [withDeps(registerCatalog, deps)];

  function seedCatalogs() {
    const reference = loadReferenceExamples().catalog;
    h.emulator.setCatalog("westus", reference.entries);
    h.emulator.setCatalog("eastus2", [
      {
        kind: "OpenAI",
        skuName: "S0",
        model: {
          format: "OpenAI",
          name: "gpt-4o",
          version: "2024-11-20",
          skus: [
            {
              name: "Standard",
              usageName: "OpenAI.Standard.gpt-4o",
              capacity: { minimum: 1, maximum: 1000, step: 1, default: 10 },
            },
          ],
        },
      },
      {
        kind: "AIServices",
        skuName: "S0",
        model: {
          format: "OpenAI",
          name: "gpt-4o",
          version: "2024-11-20",
          isDefaultVersion: true,
          lifecycleStatus: "GenerallyAvailable",
          deprecation: { inference: "2027-03-01T00:00:00Z" },
          skus: [
            {
              name: "GlobalStandard",
              usageName: "OpenAI.GlobalStandard.gpt-4o",
              capacity: { minimum: 1, step: 1 },
            },
            { name: "Standard", usageName: "OpenAI.Standard.gpt-4o" },
          ],
        },
      },
      {
        kind: "OpenAI",
        skuName: "S0",
        model: {
          format: "OpenAI",
          name: "gpt-4o",
          version: "2024-05-13",
          lifecycleStatus: "GenerallyAvailable",
          skus: [
            {
              name: "Provisioned",
              usageName: "OpenAI.Provisioned.Class1",
              capacity: { minimum: 50, maximum: 1000, step: 50, default: 100 },
            },
          ],
        },
      },
      {
        kind: "AIServices",
        skuName: "S0",
        model: { format: "Cohere", name: "embed-v-4-0", version: "1", skus: [{ name: "GlobalStandard" }] },
      },
    ]);
  }

  const refresh = (cwd: string, ...locations: string[]) =>
    run(["catalog", "refresh", "--location", ...locations, "--subscription", subscriptionId], registrations, {
      cwd,
      emulator: h.emulator,
    });

  const sourceOf = (location: string) => ({
    title: `Azure Resource Manager: the models of ${location} (GET locations/${location}/models)`,
    repository: null,
    path: null,
    documentDate: null,
    retrieved: "2026-11-24",
    apiVersion: "2025-09-01",
  });

  it("writes the catalog format from ARM: one entry per model version, regions merged, sorted and deterministic", async () => {
    seedCatalogs();
    const cwd = workspace();
    const first = await refresh(cwd, "westus", "EastUS2");
    expect(first.code).toBe(0);
    expect(first.err).toBe(
      "wrote catalog/models.json: 8 model version(s); per region: eastus2 3, westus 6\n",
    );
    const file = path.join(cwd, "catalog", "models.json");
    const text = readFileSync(file, "utf8");
    const catalog = readModelCatalog(JSON.parse(text), "catalog/models.json").data;
    expect(text).toBe(serializeModelCatalog(catalog));
    expect(catalog).toMatchObject({
      $schema: path.relative(
        path.join(cwd, "catalog"),
        path.join(repoRoot, "schemas", "catalog.schema.json"),
      ),
      formatVersion: 2,
      generatedAt: "2026-11-24",
      origin: "arm",
      sources: { "arm-eastus2": sourceOf("eastus2"), "arm-westus": sourceOf("westus") },
    });
    expect(catalog.models.map((model) => `${model.format} ${model.name}@${model.version}`)).toEqual([
      "Cohere embed-v-4-0@1",
      "Meta Llama-3.2-90B-Vision-Instruct@2",
      "OpenAI ada@1",
      "OpenAI dall-e-3@3.0",
      "OpenAI gpt-35-turbo@0301",
      "OpenAI gpt-4o@2024-05-13",
      "OpenAI gpt-4o@2024-08-06",
      "OpenAI gpt-4o@2024-11-20",
    ]);
    const unknownBounds = { minimum: null, maximum: null, step: null, default: null };
    // Azure lists gpt-4o 2024-11-20 twice (two account kinds): one entry, every fact of both.
    expect(catalog.models.find((model) => model.version === "2024-11-20")).toEqual({
      format: "OpenAI",
      name: "gpt-4o",
      version: "2024-11-20",
      publisher: null,
      soldBy: null,
      lifecycle: {
        status: "ga",
        deprecationDate: null,
        retirementDate: "2027-03-01",
        retirementNotBefore: null,
        replacements: null,
        source: ["arm-eastus2"],
      },
      capacityUnit: null,
      deploymentTypes: {
        GlobalStandard: {
          regions: ["eastus2"],
          capacity: { ...unknownBounds, minimum: 1, step: 1 },
          source: ["arm-eastus2"],
        },
        Standard: {
          regions: ["eastus2"],
          capacity: { minimum: 1, maximum: 1000, step: 1, default: 10 },
          source: ["arm-eastus2"],
        },
      },
    });
    // gpt-4o 2024-05-13 in both regions: ARM spells the type `Provisioned` and `provisioned`; the regions
    // disagree on the maximum (unknown, not a guess); the furthest stage (Deprecating) and the retirement.
    expect(catalog.models.find((model) => model.version === "2024-05-13")).toMatchObject({
      lifecycle: {
        status: "deprecated",
        retirementDate: "2025-09-15",
        source: ["arm-eastus2", "arm-westus"],
      },
      deploymentTypes: {
        Provisioned: {
          regions: ["eastus2", "westus"],
          capacity: { minimum: 50, maximum: null, step: 50, default: 100 },
          source: ["arm-eastus2", "arm-westus"],
        },
      },
    });
    // ARM's Deprecated is retired; a sku's deprecation date is the type's retirement.
    expect(catalog.models.find((model) => model.name === "gpt-35-turbo")).toMatchObject({
      lifecycle: { status: "retired", retirementDate: "2025-04-30" },
      deploymentTypes: {
        Provisioned: { retirementDate: "2025-05-15" },
        Standard: {
          retirementDate: "2025-02-13",
          capacity: { ...unknownBounds, maximum: 1000000, default: 120 },
        },
      },
    });
    // Every page was read (pageSize 2), and a second refresh gives the same bytes.
    expect(h.emulator.requestsMatching({ pathPattern: /westus\/models$/ }).length).toBeGreaterThan(2);
    await refresh(cwd, "westus", "EastUS2");
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("carries over what ARM does not give from the catalog it replaces, and says so", async () => {
    seedCatalogs();
    const cwd = workspace();
    mkdirSync(path.join(cwd, "catalog"));
    const before = catalogOf([
      {
        ...model({
          name: "gpt-4o",
          version: "2024-11-20",
          soldBy: "azure",
          retirementDate: "2027-04-14",
          replacements: [{ name: "gpt-5.1", version: null }],
          types: { GlobalStandard: offer({ regions: ["westus"], minimum: 1, maximum: 5000 }) },
        }),
        capacityUnit: { tokensPerMinute: 1000, requestsPerMinute: 6, source: ["quota"] },
      },
      model({ name: "gpt-3", version: "1" }),
    ]);
    before.sources.quota = {
      title: "Manage Azure OpenAI quota",
      repository: "MicrosoftDocs/azure-ai-docs",
      path: "articles/foundry/openai/includes/quota-1.md",
      documentDate: "2026-09-16",
      retrieved: "2026-12-02",
      apiVersion: null,
    };
    writeCatalog(path.join(cwd, "catalog"), before);
    const result = await refresh(cwd, "eastus2");
    expect(result.code).toBe(0);
    expect(result.err).toBe(
      "wrote catalog/models.json: 3 model version(s); per region: eastus2 3; carried over 4 fact(s) ARM does not give from catalog/models.json of 2026-12-02\n",
    );
    const catalog = readModelCatalog(
      JSON.parse(readFileSync(path.join(cwd, "catalog", "models.json"), "utf8")),
      "catalog/models.json",
    ).data;
    const gpt4o = catalog.models.find((entry) => entry.version === "2024-11-20");
    // ARM's retirement date wins; the replacement, sold-by, capacity unit and the maximum come from before.
    expect(gpt4o?.lifecycle).toEqual({
      status: "ga",
      deprecationDate: null,
      retirementDate: "2027-03-01",
      retirementNotBefore: null,
      replacements: [{ name: "gpt-5.1", version: null }],
      source: ["arm-eastus2", "test"],
    });
    expect(gpt4o?.soldBy).toBe("azure");
    expect(gpt4o?.capacityUnit).toEqual({ tokensPerMinute: 1000, requestsPerMinute: 6, source: ["quota"] });
    expect(gpt4o?.deploymentTypes.GlobalStandard).toEqual({
      regions: ["eastus2"],
      capacity: { minimum: 1, maximum: 5000, step: 1, default: null },
      source: ["arm-eastus2", "test"],
    });
    expect(catalog.sources.quota?.title).toBe(
      "Manage Azure OpenAI quota (carried over from catalog/models.json of 2026-12-02)",
    );
    expect(catalog.sources.test?.title).toBe(
      "A catalog written for a test (carried over from catalog/models.json of 2026-12-02)",
    );
    // A model version ARM does not list is not kept.
    expect(catalog.models.some((entry) => entry.name === "gpt-3")).toBe(false);
  });

  it("replaces a catalog of the older per-region format", async () => {
    seedCatalogs();
    const cwd = workspace();
    mkdirSync(path.join(cwd, "catalog"));
    const old = {
      generatedAt: "2026-11-24T00:00:00.000Z",
      source: "docs",
      locations: { eastus2: { models: [] } },
    };
    writeFileSync(path.join(cwd, "catalog", "models.json"), JSON.stringify(old));
    const result = await refresh(cwd, "eastus2");
    expect(result).toMatchObject({
      code: 0,
      err: "wrote catalog/models.json: 3 model version(s); per region: eastus2 3\n",
    });
    const text = readFileSync(path.join(cwd, "catalog", "models.json"), "utf8");
    expect(readModelCatalog(JSON.parse(text), "catalog/models.json").data.origin).toBe("arm");
  });

  it("feeds the offline checks of validate", async () => {
    seedCatalogs();
    const yaml = `version: 1
accounts:
  main: { name: ai-main, resourceGroup: rg, location: eastus2 }
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    sku: GlobalStandard
    capacity: 10
`;
    const cwd = workspace({ "deployments.yaml": yaml });
    expect((await refresh(cwd, "eastus2")).code).toBe(0);
    const result = await checkModels(planText(yaml), {}, { env: {}, cwd, now: () => new Date("2027-01-15") });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'live/version-retiring deployment "chat" on account main: OpenAI gpt-4o version 2024-11-20 retires on 2027-03-01, in 45 days (catalog/models.json of 2026-11-24)',
    ]);
  });

  it("retries a throttled page; a failing read leaves the file unchanged with exit 1", async () => {
    seedCatalogs();
    const cwd = workspace();
    h.emulator.failNext({ method: "GET", pathPattern: /eastus2\/models$/, status: 429, retryAfter: 0 });
    const ok = await run(
      ["catalog", "refresh", "-l", "eastus2", "--subscription", subscriptionId],
      registrations,
      {
        cwd,
        emulator: h.emulator,
      },
    );
    expect(ok.code).toBe(0);
    expect(h.emulator.requestsMatching({ pathPattern: /eastus2\/models$/ }).map((r) => r.status)[0]).toBe(
      429,
    );
    const before = readFileSync(path.join(cwd, "catalog", "models.json"), "utf8");
    h.emulator.failNext({ method: "GET", pathPattern: /models$/, status: 403 });
    const failed = await run(
      ["catalog", "refresh", "-l", "westus", "--subscription", subscriptionId],
      registrations,
      {
        cwd,
        emulator: h.emulator,
      },
    );
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(
      /^catalog\/models\.json:1:1: error live\/auth Reading the model catalog failed/m,
    );
    expect(readFileSync(path.join(cwd, "catalog", "models.json"), "utf8")).toBe(before);
  });

  it("exits 2 without a region or a subscription", async () => {
    const cwd = workspace();
    expect((await run(["catalog", "refresh"], registrations, { cwd, emulator: h.emulator })).code).toBe(2);
    const noSubscription = await run(["catalog", "refresh", "-l", "eastus2"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(noSubscription.code).toBe(2);
    expect(h.emulator.requests).toHaveLength(0);
  });
});

const localAuth = "/providers/Microsoft.Authorization/policyDefinitions/71ef260a-8f18-47b7-abcb-62d0673d94dc";
const networkAcls =
  "/providers/Microsoft.Authorization/policyDefinitions/037eea7a-bd0a-46c5-9a66-03aea78705d3";
const cmk = "/providers/Microsoft.Authorization/policyDefinitions/67121cc7-ff39-4ab8-b7e3-95b84dab487d";

describe("aideploy policy pull", () => {
  const h = useEmulator({ pageSize: 2 });
  const registrations = [withDeps(registerPolicyPull, deps)];
  const subscription = `/subscriptions/${subscriptionId}`;
  const resourceGroup = `${subscription}/resourceGroups/rg-ai`;

  function seedPolicies() {
    seedPolicyReference(h.emulator);
    h.emulator.setManagementGroups(subscriptionId, ["corp"]);
    const initiative = h.emulator.addPolicySetDefinition({
      name: "ai-baseline",
      managementGroupId: "corp",
      properties: {
        displayName: "AI baseline",
        parameters: { effect: { type: "String", defaultValue: "Audit" } },
        policyDefinitions: [
          {
            policyDefinitionId: localAuth,
            policyDefinitionReferenceId: "localAuth",
            parameters: { effect: { value: "[parameters('effect')]" } },
          },
          { policyDefinitionId: networkAcls, policyDefinitionReferenceId: "networkAcls", parameters: {} },
        ],
      },
    });
    const assign = (scope: string, name: string, properties: Record<string, unknown>) =>
      h.emulator.addPolicyAssignment({ scope, name, properties: { displayName: name, ...properties } });
    assign("/providers/Microsoft.Management/managementGroups/corp", "corp-baseline", {
      policyDefinitionId: initiative.id,
      parameters: { effect: { value: "Deny" } },
    });
    assign(subscription, "deny-local-auth", {
      policyDefinitionId: localAuth,
      parameters: { effect: { value: "Deny" } },
    });
    assign(resourceGroup, "cmk-audit", { policyDefinitionId: cmk, enforcementMode: "DoNotEnforce" });
    assign(`${subscription}/resourceGroups/rg-web`, "web-only", { policyDefinitionId: cmk });
    assign(subscription, "not-for-ai", { policyDefinitionId: networkAcls, notScopes: [resourceGroup] });
  }

  it("downloads the assignments in force with their definitions, which loadAzurePolicies enforces", async () => {
    seedPolicies();
    const cwd = workspace();
    const result = await run(["policy", "pull", "--scope", resourceGroup], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(result.code).toBe(0);
    expect(result.err).toContain("pulled 3 assignment(s)");
    expect(result.err).toContain("skipped 1 assignment(s) whose notScopes exclude");
    const dir = path.join(cwd, "policies", "azure");
    const files = ["assignments", "definitions", "initiatives"].flatMap((folder) =>
      readdirSync(path.join(dir, folder)).map((file) => `${folder}/${file}`),
    );
    expect(files.sort()).toEqual([
      "assignments/cmk-audit.json",
      "assignments/corp-baseline.json",
      "assignments/deny-local-auth.json",
      "definitions/037eea7a-bd0a-46c5-9a66-03aea78705d3.json",
      "definitions/67121cc7-ff39-4ab8-b7e3-95b84dab487d.json",
      "definitions/71ef260a-8f18-47b7-abcb-62d0673d94dc.json",
      "initiatives/ai-baseline.json",
    ]);
    const assignment = JSON.parse(
      readFileSync(path.join(dir, "assignments", "deny-local-auth.json"), "utf8"),
    );
    expect(assignment).toMatchObject({
      id: `${subscription}/providers/Microsoft.Authorization/policyAssignments/deny-local-auth`,
      name: "deny-local-auth",
      type: "Microsoft.Authorization/policyAssignments",
      properties: {
        policyDefinitionId: localAuth,
        parameters: { effect: { value: "Deny" } },
        scope: subscription,
      },
    });
    const definition = JSON.parse(
      readFileSync(path.join(dir, "definitions", "71ef260a-8f18-47b7-abcb-62d0673d94dc.json"), "utf8"),
    );
    expect(Object.keys(definition)).toEqual(["id", "name", "type", "properties"]);
    expect(definition.properties.policyRule.then.effect).toBe("[parameters('effect')]");

    const { units, diagnostics } = loadAzurePolicies(dir);
    expect(diagnostics).toEqual([]);
    const ids = units.map((unit) => unit.id).sort();
    expect(ids).toEqual([
      "cmk-audit/67121cc7-ff39-4ab8-b7e3-95b84dab487d",
      "corp-baseline/localAuth",
      "corp-baseline/networkAcls",
      "deny-local-auth/71ef260a-8f18-47b7-abcb-62d0673d94dc",
    ]);
    expect(units.find((unit) => unit.id === "corp-baseline/localAuth")?.parameters).toEqual({
      effect: "Deny",
    });
    expect(units.find((unit) => unit.id.startsWith("cmk-audit"))?.enforced).toBe(false);

    // Pulling again gives the same bytes; a pulled file Azure no longer has is removed, a file written by
    // hand is kept and listed.
    const before = readFileSync(path.join(dir, "initiatives", "ai-baseline.json"), "utf8");
    writeFileSync(path.join(dir, "definitions", "custom.json"), "{}");
    const cmkAudit = `${resourceGroup}/providers/Microsoft.Authorization/policyAssignments/cmk-audit`;
    h.emulator.state.policyAssignments.delete(cmkAudit.toLowerCase());
    const again = await run(["policy", "pull", "--scope", resourceGroup], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(again.code).toBe(0);
    expect(again.err).toContain(
      "removed 2 file(s) Azure no longer has: assignments/cmk-audit.json, definitions/67121cc7-ff39-4ab8-b7e3-95b84dab487d.json",
    );
    expect(again.err).toContain("kept 1 file(s) no pull wrote: definitions/custom.json");
    expect(readFileSync(path.join(dir, "definitions", "custom.json"), "utf8")).toBe("{}");
    expect(existsSync(path.join(dir, "assignments", "cmk-audit.json"))).toBe(false);
    expect(readFileSync(path.join(dir, "initiatives", "ai-baseline.json"), "utf8")).toBe(before);
  });

  describe("files a team wrote by hand are never lost", () => {
    const dirOf = (cwd: string) => path.join(cwd, "policies", "azure");
    const pull = (cwd: string) =>
      run(["policy", "pull", "--scope", resourceGroup], registrations, { cwd, emulator: h.emulator });
    const handWritten = `${JSON.stringify({ name: "team-rule", properties: { policyRule: {} } })}\n`;

    it("records what it wrote, with the scope and a hash of each file, in pull-manifest.yaml", async () => {
      seedPolicies();
      const cwd = workspace();
      expect((await pull(cwd)).code).toBe(0);
      const manifest = parse(readFileSync(path.join(dirOf(cwd), "pull-manifest.yaml"), "utf8")) as {
        scope: string;
        files: Record<string, string>;
      };
      expect(manifest.scope).toBe(resourceGroup);
      expect(Object.keys(manifest.files)).toHaveLength(7);
      const text = readFileSync(path.join(dirOf(cwd), "initiatives", "ai-baseline.json"), "utf8");
      expect(manifest.files["initiatives/ai-baseline.json"]).toBe(
        `sha256:${createHash("sha256").update(text).digest("hex")}`,
      );
      // The manifest is not read as a policy.
      expect(loadAzurePolicies(dirOf(cwd)).diagnostics).toEqual([]);
    });

    it("refuses to overwrite a hand-written file whose name a pulled one takes (exit 2, nothing written)", async () => {
      seedPolicies();
      const cwd = workspace();
      mkdirSync(path.join(dirOf(cwd), "assignments"), { recursive: true });
      writeFileSync(path.join(dirOf(cwd), "assignments", "deny-local-auth.json"), handWritten);
      const result = await pull(cwd);
      expect(result.code).toBe(2);
      expect(result.err).toContain("aideploy policy pull: nothing was written: 1 file(s)");
      expect(result.err).toContain(
        `${path.join("policies", "azure", "assignments", "deny-local-auth.json")}: not written by \`aideploy policy pull\``,
      );
      expect(readFileSync(path.join(dirOf(cwd), "assignments", "deny-local-auth.json"), "utf8")).toBe(
        handWritten,
      );
      expect(readdirSync(dirOf(cwd))).toEqual(["assignments"]);
      expect(readdirSync(path.join(dirOf(cwd), "assignments"))).toEqual(["deny-local-auth.json"]);
    });

    it("treats a pulled file edited since as the team's: not overwritten, not removed", async () => {
      seedPolicies();
      const cwd = workspace();
      await pull(cwd);
      const edited = path.join(dirOf(cwd), "assignments", "deny-local-auth.json");
      writeFileSync(edited, handWritten);
      const refused = await pull(cwd);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(
        "assignments/deny-local-auth.json: written by an earlier pull and edited since",
      );
      expect(readFileSync(edited, "utf8")).toBe(handWritten);
      // Once Azure no longer has it, the edited file is kept and listed.
      const id = `${subscription}/providers/Microsoft.Authorization/policyAssignments/deny-local-auth`;
      h.emulator.state.policyAssignments.delete(id.toLowerCase());
      const kept = await pull(cwd);
      expect(kept.code).toBe(0);
      expect(kept.err).toContain(
        "kept 1 pulled file(s) edited since the last pull, which Azure no longer has: assignments/deny-local-auth.json",
      );
      expect(readFileSync(edited, "utf8")).toBe(handWritten);
    });

    it("adopts files an older pull wrote without a manifest when they hold the same content", async () => {
      seedPolicies();
      const cwd = workspace();
      await pull(cwd);
      rmSync(path.join(dirOf(cwd), "pull-manifest.yaml"));
      const again = await pull(cwd);
      expect(again.code).toBe(0);
      expect(again.err).not.toContain("kept");
      expect(existsSync(path.join(dirOf(cwd), "pull-manifest.yaml"))).toBe(true);
    });

    it("exits 2 on a manifest that is not one, before reading Azure", async () => {
      const cwd = workspace();
      mkdirSync(dirOf(cwd), { recursive: true });
      writeFileSync(path.join(dirOf(cwd), "pull-manifest.yaml"), "files: [oops\n");
      const result = await pull(cwd);
      expect(result.code).toBe(2);
      expect(result.err).toContain("pull-manifest.yaml is not valid YAML");
      expect(h.emulator.requests).toHaveLength(0);
    });
  });

  it("pulls at a subscription into --out, retrying a throttled read", async () => {
    seedPolicies();
    const cwd = workspace();
    h.emulator.failNext({
      method: "GET",
      pathPattern: /policyDefinitions\/71ef260a/,
      status: 429,
      retryAfter: 0,
    });
    const result = await run(["policy", "pull", "--scope", subscription, "--out", "pulled"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(cwd, "pulled", "assignments")).sort()).toEqual([
      "corp-baseline.json",
      "deny-local-auth.json",
      "not-for-ai.json",
    ]);
    expect(h.emulator.pendingFaults()).toBe(0);
    // Paged assignment list (pageSize 2).
    expect(h.emulator.requestsMatching({ pathPattern: /policyAssignments$/ }).length).toBe(2);
  });

  it("writes nothing when a definition cannot be read (live/ diagnostic, exit 1)", async () => {
    h.emulator.addPolicyAssignment({
      scope: subscription,
      name: "orphan",
      properties: { policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/missing" },
    });
    const cwd = workspace();
    mkdirSync(path.join(cwd, "policies", "azure", "definitions"), { recursive: true });
    writeFileSync(path.join(cwd, "policies", "azure", "definitions", "kept.json"), "{}");
    const result = await run(["policy", "pull", "--scope", subscription], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/error live\/not-found Reading the Azure Policy in force at .* failed/);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(readdirSync(path.join(cwd, "policies", "azure", "definitions"))).toEqual(["kept.json"]);
  });

  it("exits 2 for a scope that is not a subscription or resource group", async () => {
    const result = await run(["policy", "pull", "--scope", "rg-ai"], registrations, {
      cwd: workspace(),
      emulator: h.emulator,
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain("neither a subscription nor a resource group id");
  });
});
