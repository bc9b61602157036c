import { describe, expect, it } from "vitest";
import { registerDrift } from "../../../cli/commands/drift";
import type { DriftReport } from "../../../live/drift";
import { estateText, planText } from "../../support/plan";
import { run, seedFromPlan, useEmulator, withDeps, workspace } from "./support";

const registrations = [withDeps(registerDrift)];

function driftOf(json: string): DriftReport {
  return JSON.parse(json) as DriftReport;
}

const small = `version: 1
subscription: 00000000-0000-0000-0000-000000000000
accounts:
  main: { name: ai-main, resourceGroup: rg-ai, location: eastus2 }
deployments:
  - name: auto
    model: { format: OpenAI, name: gpt-4o, version: "2024-08-06" }
    sku: GlobalStandard
    capacity: 10
    versionUpgradeOption: OnceNewDefaultVersionAvailable
  - name: pinned
    model: { format: OpenAI, name: gpt-4o, version: "2024-08-06" }
    sku: GlobalStandard
    capacity: 10
    versionUpgradeOption: NoAutoUpgrade
`;

describe("aideploy drift", () => {
  const h = useEmulator({ pageSize: 2 });

  it("reports no drift (exit 0) when Azure holds what the file declares", async () => {
    seedFromPlan(h.emulator, planText(estateText()));
    const cwd = workspace({ "deployments.yaml": estateText() });
    const result = await run(["drift"], registrations, { cwd, emulator: h.emulator });
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("account eastus2: contoso-ai-eus2 (rg-ai-prod, eastus2)\n  no drift");
    expect(result.out).toContain(
      "account swedencentral: contoso-ai-swc (rg-ai-prod, swedencentral)\n  no drift",
    );
    expect(result.out.trimEnd().split("\n").at(-1)).toBe(
      "no drift: 0 missing, 0 unmanaged, 0 changed, 0 upgraded",
    );
  });

  it("reports missing, unmanaged and changed resources field by field, as JSON", async () => {
    const refs = seedFromPlan(h.emulator, planText(estateText()));
    const east = refs.get("eastus2");
    const sweden = refs.get("swedencentral");
    if (!east || !sweden) throw new Error("accounts not seeded");
    const gpt4o = h.emulator.deployment(east, "gpt-4o");
    if (gpt4o) gpt4o.sku.capacity = 100;
    h.emulator.account(sweden)?.deployments.delete("phi-4");
    h.emulator.addDeployment(east, {
      name: "portal-test",
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "OpenAI", name: "gpt-4o-mini", version: "2024-07-18" },
    });
    const strict = h.emulator.account(east)?.raiPolicies.get("strict")?.properties as {
      contentFilters: { name: string; source: string; severityThreshold?: string }[];
    };
    const hate = strict.contentFilters.find((entry) => entry.name === "Hate" && entry.source === "Prompt");
    if (hate) hate.severityThreshold = "Medium";
    h.emulator.addRaiPolicy(east, "portal-filter", {
      basePolicyName: "Microsoft.DefaultV2",
      contentFilters: [],
    });
    h.emulator.addRaiPolicy(east, "Microsoft.DefaultV2", { type: "SystemManaged" });
    h.emulator
      .account(sweden)
      ?.blocklists.get("banned-terms")
      ?.items.set("extra", {
        id: "x",
        name: "extra",
        type: "Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems",
        properties: { pattern: "new-term", isRegex: false },
      });

    const cwd = workspace({ "deployments.yaml": estateText() });
    const result = await run(["drift", "deployments.yaml", "--format", "json"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    const report = driftOf(result.out);
    expect(report.environment).toBeNull();
    expect(report.accounts.map((account) => [account.key, account.status])).toEqual([
      ["eastus2", "read"],
      ["swedencentral", "read"],
    ]);
    const byKey = (key: string) => report.drift.find((entry) => entry.key === key);
    expect(byKey("eastus2/gpt-4o")).toEqual({
      kind: "deployment",
      key: "eastus2/gpt-4o",
      status: "changed",
      fields: [{ path: "sku.capacity", declared: 150, live: 100 }],
    });
    expect(byKey("swedencentral/phi-4")).toEqual({
      kind: "deployment",
      key: "swedencentral/phi-4",
      status: "missing",
      fields: [],
    });
    expect(byKey("eastus2/portal-test")).toMatchObject({ kind: "deployment", status: "unmanaged" });
    expect(byKey("eastus2/strict")).toEqual({
      kind: "contentFilter",
      key: "eastus2/strict",
      status: "changed",
      fields: [{ path: "prompt.hate", declared: "low", live: "medium" }],
    });
    expect(byKey("eastus2/portal-filter")).toMatchObject({ kind: "contentFilter", status: "unmanaged" });
    expect(byKey("eastus2/Microsoft.DefaultV2")).toBeUndefined();
    expect(byKey("swedencentral/banned-terms")).toEqual({
      kind: "blocklist",
      key: "swedencentral/banned-terms",
      status: "changed",
      fields: [{ path: "items", declared: [], live: [{ pattern: "new-term", regex: false }] }],
    });
    expect(report.summary).toEqual({
      missing: 1,
      unmanaged: 2,
      changed: 3,
      upgraded: 0,
      total: 6,
      unreadAccounts: 0,
    });
  });

  it("calls a newer live version upgraded only when the upgrade option lets Azure move it", async () => {
    seedFromPlan(h.emulator, planText(small));
    const ref = { subscriptionId: h.emulator.subscriptionId, resourceGroup: "rg-ai", accountName: "ai-main" };
    for (const name of ["auto", "pinned"]) {
      const deployment = h.emulator.deployment(ref, name);
      if (deployment) deployment.properties.model.version = "2024-11-20";
    }
    const cwd = workspace({ "deployments.yaml": small });
    const result = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(result.code).toBe(1);
    const report = driftOf(result.out);
    const version = { path: "properties.model.version", declared: "2024-08-06", live: "2024-11-20" };
    expect(report.drift).toEqual([
      { kind: "deployment", key: "main/auto", status: "upgraded", fields: [version] },
      { kind: "deployment", key: "main/pinned", status: "changed", fields: [version] },
    ]);
    expect(report.summary.upgraded).toBe(1);
  });

  it("applies an environment, and notes a live deployment the environment switches off", async () => {
    const plan = planText(estateText(), "dev");
    const refs = seedFromPlan(h.emulator, plan);
    const east = refs.get("eastus2");
    if (!east) throw new Error("account not seeded");
    h.emulator.addDeployment(east, {
      name: "gpt-4o-ptu",
      skuName: "ProvisionedManaged",
      capacity: 50,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    });
    const cwd = workspace({ "deployments.yaml": estateText() });
    const text = await run(["drift", "--env", "dev"], registrations, { cwd, emulator: h.emulator });
    expect(text.code).toBe(1);
    expect(text.out).toContain("drift of environment dev");
    expect(text.out).toContain("account eastus2: contoso-ai-eus2-dev (rg-ai-dev, eastus2)");
    expect(text.out).toContain(
      "  unmanaged deployment gpt-4o-ptu (declared with enabled: false in this environment)",
    );
    const md = await run(["drift", "--env", "dev", "--format", "md"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(md.out).toContain("## Drift of environment `dev`");
    expect(md.out).toContain(
      "| unmanaged | deployment | `eastus2/gpt-4o-ptu` | declared with enabled: false in this environment |  |  |",
    );
  });

  it("reports everything of an account that does not exist as missing", async () => {
    const cwd = workspace({ "deployments.yaml": small });
    const result = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(result.code).toBe(1);
    const report = driftOf(result.out);
    expect(report.accounts[0]).toMatchObject({ key: "main", status: "missing" });
    expect(report.drift.map((entry) => `${entry.key} ${entry.status}`)).toEqual([
      "main/auto missing",
      "main/pinned missing",
    ]);
  });

  it("retries a 409 and a throttled read across paged lists, and still finds no drift", async () => {
    seedFromPlan(h.emulator, planText(estateText()));
    h.emulator.failNext({ method: "GET", pathPattern: /\/deployments$/, status: 409 });
    h.emulator.failNext({
      method: "GET",
      pathPattern: "/raiBlocklistItems",
      status: 429,
      retryAfter: 0,
      times: 2,
    });
    const cwd = workspace({ "deployments.yaml": estateText() });
    const result = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(result.code).toBe(0);
    expect(driftOf(result.out).summary.total).toBe(0);
    expect(h.emulator.pendingFaults()).toBe(0);
    const statuses = h.emulator.requests.map((request) => request.status);
    expect(statuses.filter((status) => status === 409)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    // Paging: the eastus2 account has 7 deployments, 4 pages of 2.
    const pages = h.emulator.requestsMatching({
      method: "GET",
      pathPattern: /contoso-ai-eus2\/deployments$/,
    });
    expect(pages.filter((request) => request.status === 200)).toHaveLength(4);
  });

  it("reports an account that cannot be read as a live/ diagnostic, exit 1, and compares the others", async () => {
    seedFromPlan(h.emulator, planText(estateText()));
    h.emulator.failNext({ method: "GET", pathPattern: /contoso-ai-eus2$/, status: 403 });
    const cwd = workspace({ "deployments.yaml": estateText() });
    const result = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(result.code).toBe(1);
    const report = driftOf(result.out);
    expect(report.accounts.map((account) => account.status)).toEqual(["error", "read"]);
    expect(report.summary).toMatchObject({ total: 0, unreadAccounts: 1 });
    expect(result.err).toMatch(/^deployments\.yaml:8:5: error live\/auth drift unknown for account eastus2/m);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for configuration problems: no subscription, unknown environment, bad endpoint", async () => {
    const noSubscription = small.replace(/^subscription: .*\n/m, "");
    const cwd = workspace({ "deployments.yaml": estateText(), "nosub.yaml": noSubscription });
    const missing = await run(["drift", "nosub.yaml"], registrations, { cwd, emulator: h.emulator });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("No Azure subscription is set");
    expect(
      (await run(["drift", "--env", "staging"], registrations, { cwd, emulator: h.emulator })).code,
    ).toBe(2);
    const endpoint = await run(["drift"], registrations, { cwd, env: { AIDEPLOY_ARM_ENDPOINT: "ftp://x" } });
    expect(endpoint.code).toBe(2);
    expect(h.emulator.requests).toHaveLength(0);
  });
});

describe("aideploy drift: the accounts' own settings", () => {
  const h = useEmulator();
  type Resource = { properties: Record<string, unknown>; tags?: Record<string, string>; identity?: unknown };

  function seedBundled(): Resource {
    const refs = seedFromPlan(h.emulator, planText(estateText()));
    const east = refs.get("eastus2");
    const resource = east ? h.emulator.account(east)?.resource : undefined;
    if (!resource) throw new Error("account not seeded");
    return resource as unknown as Resource;
  }

  it("reports key access re-enabled in the portal on an account the file creates (exit 1)", async () => {
    seedBundled().properties.disableLocalAuth = false;
    const cwd = workspace({ "deployments.yaml": estateText() });
    const json = await run(["drift", "--format", "json"], registrations, { cwd, emulator: h.emulator });
    expect(json.code).toBe(1);
    const report = driftOf(json.out);
    expect(report.drift).toEqual([
      {
        kind: "account",
        key: "eastus2/contoso-ai-eus2",
        status: "changed",
        fields: [{ path: "properties.disableLocalAuth", declared: true, live: false }],
      },
    ]);
    expect(report.summary).toMatchObject({ changed: 1, total: 1 });
    const text = await run(["drift"], registrations, { cwd, emulator: h.emulator });
    expect(text.code).toBe(1);
    expect(text.out).toContain(
      "  changed   account contoso-ai-eus2\n      properties.disableLocalAuth: declared true, live false",
    );
  });

  const changes: { name: string; edit: (account: Resource) => void; field: object }[] = [
    {
      name: "public network access enabled",
      edit: (a) => {
        a.properties.publicNetworkAccess = "Enabled";
      },
      field: { path: "properties.publicNetworkAccess", declared: "Disabled", live: "Enabled" },
    },
    {
      name: "network rules opened",
      edit: (a) => {
        a.properties.networkAcls = { defaultAction: "Allow", ipRules: [], virtualNetworkRules: [] };
      },
      field: { path: "properties.networkAcls.defaultAction", declared: "Deny", live: "Allow" },
    },
    {
      name: "an IP rule added",
      edit: (a) => {
        a.properties.networkAcls = { defaultAction: "Deny", ipRules: [{ value: "203.0.113.7" }] };
      },
      field: { path: "properties.networkAcls.ipRules", declared: [], live: ["203.0.113.7"] },
    },
    {
      name: "a subnet allowed in",
      edit: (a) => {
        a.properties.networkAcls = { defaultAction: "Deny", virtualNetworkRules: [{ id: "/subnets/x" }] };
      },
      field: { path: "properties.networkAcls.virtualNetworkRules", declared: [], live: ["/subnets/x"] },
    },
    {
      name: "the managed identity removed",
      edit: (a) => {
        a.identity = undefined;
      },
      field: { path: "identity.type", declared: "SystemAssigned", live: null },
    },
    {
      name: "another custom subdomain",
      edit: (a) => {
        a.properties.customSubDomainName = "elsewhere";
      },
      field: { path: "properties.customSubDomainName", declared: "contoso-ai-eus2", live: "elsewhere" },
    },
    {
      name: "a tag added",
      edit: (a) => {
        a.tags = { ...a.tags, temp: "yes" };
      },
      field: { path: "tags.temp", declared: null, live: "yes" },
    },
    {
      name: "key access left out by Azure (absent means on)",
      edit: (a) => {
        delete a.properties.disableLocalAuth;
      },
      field: { path: "properties.disableLocalAuth", declared: true, live: null },
    },
  ];
  it.each(changes)("$name", async ({ edit, field }) => {
    edit(seedBundled());
    const cwd = workspace({ "deployments.yaml": estateText() });
    const result = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(result.code).toBe(1);
    const report = driftOf(result.out);
    expect(report.drift.map((entry) => [entry.kind, entry.key, entry.status])).toEqual([
      ["account", "eastus2/contoso-ai-eus2", "changed"],
    ]);
    expect(report.drift[0]?.fields).toEqual([field]);
  });

  it("compares encryption when the file declares it", async () => {
    const text = estateText().replace(
      '    tags: { costCenter: "1234", owner: platform-ai }\n  swedencentral:',
      '    tags: { costCenter: "1234", owner: platform-ai }\n    encryption: { keyVaultUri: "https://kv.vault.azure.net/", keyName: cmk }\n  swedencentral:',
    );
    expect(text).toContain("keyName: cmk");
    const refs = seedFromPlan(h.emulator, planText(text));
    const east = refs.get("eastus2");
    const account = east ? h.emulator.account(east)?.resource : undefined;
    const cwd = workspace({ "deployments.yaml": text });
    const clean = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(driftOf(clean.out).drift).toEqual([]);
    (account?.properties as Record<string, unknown>).encryption = {
      keySource: "Microsoft.CognitiveServices",
    };
    const changed = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(driftOf(changed.out).drift[0]?.fields.map((field) => field.path)).toEqual([
      "properties.encryption.keySource",
      "properties.encryption.keyVaultProperties.keyVaultUri",
      "properties.encryption.keyVaultProperties.keyName",
    ]);
  });

  it("reports an existing account's settings (create: false) as information, not drift (exit 0)", async () => {
    const declared = small.replace(
      "main: { name: ai-main, resourceGroup: rg-ai, location: eastus2 }",
      "main: { name: ai-main, resourceGroup: rg-ai, location: eastus2, disableLocalAuth: true }",
    );
    seedFromPlan(h.emulator, planText(declared));
    const cwd = workspace({ "deployments.yaml": declared });
    const json = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(json.code).toBe(0);
    const report = driftOf(json.out);
    expect(report.drift).toEqual([]);
    expect(report.summary.total).toBe(0);
    expect(report.information).toEqual([
      {
        kind: "account",
        key: "main/ai-main",
        status: "changed",
        fields: [{ path: "properties.disableLocalAuth", declared: true, live: false }],
        note: "create: false: the file does not manage this account",
      },
    ]);
    const text = await run(["drift"], registrations, { cwd, emulator: h.emulator });
    expect(text.code).toBe(0);
    expect(text.out).toContain("  no drift\n  info      account ai-main (create: false");
    const md = await run(["drift", "-f", "md"], registrations, { cwd, emulator: h.emulator });
    expect(md.out).toContain("- `main/ai-main` `properties.disableLocalAuth`: declared true, live false");
  });

  it("notes a Developer tier deployment Azure deleted after its 24 hours as expected, not as drift", async () => {
    const declared = `${small}  - name: candidate
    model: { format: OpenAI, name: gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef, version: "1" }
    sku: DeveloperTier
    capacity: 50
`;
    // Azure holds what the file declares except the Developer tier deployment, deleted after its lifetime.
    seedFromPlan(h.emulator, planText(small));
    const cwd = workspace({ "deployments.yaml": declared });
    const json = await run(["drift", "-f", "json"], registrations, { cwd, emulator: h.emulator });
    expect(json.code).toBe(0);
    const report = driftOf(json.out);
    expect(report.drift).toEqual([]);
    expect(report.information).toEqual([
      {
        kind: "deployment",
        key: "main/candidate",
        status: "missing",
        fields: [],
        note: "expected: Azure deletes a DeveloperTier deployment 24 hours after it is created (MicrosoftDocs/azure-ai-docs articles/foundry-classic/openai/how-to/fine-tune-test.md (2025-09-30)); the next deployment of the stack creates it again",
      },
    ]);
  });
});
