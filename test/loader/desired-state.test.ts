import { describe, expect, it } from "vitest";
import type { DesiredState } from "../../loader/desired-state";
import type { LoadedFile } from "../../loader/load";
import { resolveDesiredState } from "../../loader/resolve";
import { testCatalog } from "../support/catalog";
import { estateText, load, problems, where, yaml } from "./support";

function resolve(loaded: LoadedFile, environment: string | null): DesiredState {
  if (!loaded.config || !loaded.document || !loaded.catalog)
    throw new Error(`did not load: ${JSON.stringify(loaded.diagnostics)}`);
  return resolveDesiredState(loaded.config, loaded.document, environment, loaded.catalog);
}

function deployment(state: DesiredState, key: string) {
  const found = state.deployments.find((d) => d.key === key);
  if (!found) throw new Error(`no deployment ${key} in ${state.deployments.map((d) => d.key).join(", ")}`);
  return found;
}

describe("desired state of the bundled file", () => {
  const bundled = load(estateText());

  describe("as written", () => {
    const state = resolve(bundled, null);

    it("keeps capacity in units, without tokens per minute, for a model whose unit is not documented", () => {
      const gpt4o = deployment(state, "eastus2/gpt-4o");
      expect(gpt4o.capacity).toBe(150);
      expect(gpt4o.capacityMeaning).toEqual({ kind: "tokens-unknown", reason: "unit not documented" });
      expect(gpt4o.tokensPerMinute).toBeUndefined();
      expect(gpt4o.requestsPerMinute).toBeUndefined();
    });

    it("puts a deployment with `accounts` on each of them", () => {
      expect(state.deployments.filter((d) => d.name === "gpt-4o").map((d) => d.accountKey)).toEqual([
        "eastus2",
        "swedencentral",
      ]);
    });

    it("applies the defaults a deployment does not override", () => {
      const embed = deployment(state, "eastus2/embed-v-4-0");
      expect(embed).toMatchObject({
        sku: "GlobalStandard",
        capacity: 10,
        contentFilter: "strict",
        contentFilterExplicit: true,
        versionUpgradeOption: "NoAutoUpgrade",
      });
      expect(deployment(state, "eastus2/text-embedding-3-large").sku).toBe("Standard");
      expect(deployment(state, "eastus2/deepseek-r1").contentFilter).toBe("relaxed-internal");
    });

    it("sizes a provisioned deployment in PTUs, without tokens per minute, and keeps its spillover", () => {
      const ptu = deployment(state, "eastus2/gpt-4o-ptu");
      expect(ptu).toMatchObject({ sku: "ProvisionedManaged", capacity: 50, spillover: "gpt-4o-spillover" });
      expect(ptu.capacityMeaning).toEqual({ kind: "provisioned" });
      expect(ptu.tokensPerMinute).toBeUndefined();
    });

    it("keeps where each deployment was declared", () => {
      expect(deployment(state, "swedencentral/phi-4").source).toMatchObject({ line: 80, column: 5 });
    });

    it("creates content filters and blocklists only on the accounts whose deployments use them", () => {
      expect(state.contentFilters.map((f) => f.key)).toEqual([
        "eastus2/strict",
        "eastus2/relaxed-internal",
        "swedencentral/strict",
      ]);
      expect(state.blocklists.map((b) => b.key)).toEqual([
        "eastus2/banned-terms",
        "swedencentral/banned-terms",
      ]);
      expect(state.blocklists[0]?.items).toEqual([
        { pattern: "contoso-secret", regex: false },
        { pattern: "proj-[0-9]{4}", regex: true },
      ]);
    });

    it("starts with nothing disabled", () => {
      expect(state.disabledDeployments).toEqual([]);
      expect(state.protect).toBe(false);
    });
  });

  describe("in dev", () => {
    const state = resolve(bundled, "dev");

    it("renames the accounts", () => {
      expect(state.accounts.map((a) => [a.key, a.name, a.resourceGroup, a.customSubDomain])).toEqual([
        ["eastus2", "contoso-ai-eus2-dev", "rg-ai-dev", "contoso-ai-eus2-dev"],
        ["swedencentral", "contoso-ai-swc-dev", "rg-ai-dev", "contoso-ai-swc-dev"],
      ]);
      expect(state.accounts[0]?.location).toBe("eastus2");
    });

    it("applies the environment's capacities", () => {
      expect(deployment(state, "swedencentral/gpt-4o")).toMatchObject({ capacity: 10 });
      expect(deployment(state, "eastus2/gpt-4o-mini").capacity).toBe(20);
    });

    it("moves the disabled provisioned deployment to disabledDeployments", () => {
      expect(state.deployments.some((d) => d.name === "gpt-4o-ptu")).toBe(false);
      expect(state.disabledDeployments.map((d) => d.key)).toEqual(["eastus2/gpt-4o-ptu"]);
    });
  });

  it("protects resources in prod", () => {
    expect(resolve(bundled, "prod").protect).toBe(true);
  });
});

describe("desired state: import ids", () => {
  const file = yaml`
    version: 1
    accounts:
      east: { name: contoso-east, resourceGroup: rg-ai, location: eastus2 }
      west: { name: contoso-west, resourceGroup: rg-ai, location: westus3 }
    defaults: { sku: GlobalStandard, capacity: 10, contentFilter: strict }
    deployments:
      - name: single
        account: east
        model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
        import: /subscriptions/0000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-east/deployments/single
      - name: both
        accounts: [east, west]
        model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
        import:
          west: /subscriptions/0000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-west/deployments/both
      - name: ambiguous
        accounts: [east, west]
        model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
        import: /subscriptions/0000/whatever
    contentFilters:
      strict:
        prompt: { hate: low }
        import:
          east: /subscriptions/0000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-east/raiPolicies/strict
  `;
  const loaded = load(file);
  const state = resolve(loaded, null);

  it("reports the one id it cannot use, and nothing else", () => {
    expect(problems(loaded).map(where)).toEqual(["import/ignored-id@19:13"]);
  });

  it("uses a plain id for a deployment on one account", () => {
    expect(deployment(state, "east/single").import).toMatch(/deployments\/single$/);
  });

  it("uses the map entry of each account for a deployment on several", () => {
    expect(deployment(state, "west/both").import).toMatch(/contoso-west\/deployments\/both$/);
    expect(deployment(state, "east/both").import).toBeUndefined();
  });

  it("ignores a plain id when the deployment is on several accounts (which one would it be?)", () => {
    expect(deployment(state, "east/ambiguous").import).toBeUndefined();
    expect(deployment(state, "west/ambiguous").import).toBeUndefined();
  });

  it("imports a content filter on the account its map names", () => {
    const byKey = Object.fromEntries(state.contentFilters.map((f) => [f.key, f.import]));
    expect(byKey["east/strict"]).toMatch(/raiPolicies\/strict$/);
    expect(byKey["west/strict"]).toBeUndefined();
  });
});

describe("desired state: what capacity means, from the model catalog", () => {
  const file = yaml`
    version: 1
    accounts:
      east: { name: contoso-east, resourceGroup: rg-ai, location: eastus2 }
    defaults: { sku: GlobalStandard }
    deployments:
      - { name: pro, account: east, model: { format: OpenAI, name: o3-pro, version: "2025-06-10" }, rateLimit: { tokensPerMinute: 100000 } }
      - { name: mini, account: east, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 50 }
      - { name: router, account: east, model: { format: OpenAI, name: model-router, version: "2025-11-18" }, rateLimit: { tokensPerMinute: 250000 } }
      - { name: chat, account: east, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 150 }
      - { name: next, account: east, model: { format: OpenAI, name: gpt-9, version: "1" }, capacity: 5 }
      - { name: ptu, account: east, sku: ProvisionedManaged, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 25 }
      - { name: batch, account: east, sku: GlobalBatch, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 40 }
      - { name: eval, account: east, sku: DeveloperTier, model: { format: OpenAI, name: o4-mini-2025-04-16.ft-0123456789abcdef0123456789abcdef, version: "1" }, capacity: 1 }
    environments:
      dev:
        deployments:
          pro: { modelVersion: "2099-01-01", capacity: 3 }
  `;
  const loaded = load(file, testCatalog());
  const state = resolve(loaded, null);
  const quota = "Quota units (articles/foundry/openai/includes/quota-1.md, 2026-09-16)";

  it("loads without findings against the test catalog", () => {
    expect(problems(loaded).map(where)).toEqual([]);
  });

  it.each([
    [
      "east/pro",
      10,
      100_000,
      10,
      { kind: "tokens", unit: { tokensPerMinute: 10_000, requestsPerMinute: 1, source: quota } },
    ],
    [
      "east/mini",
      50,
      50_000,
      50,
      { kind: "tokens", unit: { tokensPerMinute: 1000, requestsPerMinute: 1, source: quota } },
    ],
    [
      "east/router",
      250,
      250_000,
      250,
      {
        kind: "tokens",
        unit: {
          tokensPerMinute: 1000,
          requestsPerMinute: 1,
          source:
            "Model router quotas (https://learn.microsoft.com/en-us/azure/foundry/openai/concepts/model-router-quotas, 2026-12-02)",
        },
      },
    ],
    ["east/chat", 150, undefined, undefined, { kind: "tokens-unknown", reason: "unit not documented" }],
    ["east/next", 5, undefined, undefined, { kind: "tokens-unknown", reason: "model not in the catalog" }],
    ["east/ptu", 25, undefined, undefined, { kind: "provisioned" }],
    ["east/batch", 40, undefined, undefined, { kind: "batch" }],
    ["east/eval", 1, undefined, undefined, { kind: "developer" }],
  ])("%s: capacity %i, %s TPM, %s RPM", (key, capacity, tokensPerMinute, requestsPerMinute, meaning) => {
    const d = deployment(state, key);
    expect(d.capacity).toBe(capacity);
    expect(d.tokensPerMinute).toBe(tokensPerMinute);
    expect(d.requestsPerMinute).toBe(requestsPerMinute);
    expect(d.capacityMeaning).toEqual(meaning);
  });

  it("reads the unit of the model version an environment pins", () => {
    const pro = deployment(resolve(loaded, "dev"), "east/pro");
    expect(pro).toMatchObject({
      capacity: 3,
      capacityMeaning: { kind: "tokens-unknown", reason: "version not in the catalog" },
    });
    expect(pro.tokensPerMinute).toBeUndefined();
  });

  it("never turns a rate limit into capacity with an assumed unit", () => {
    const unknown = load(
      file.replace("capacity: 150", "rateLimit: { tokensPerMinute: 150000 }"),
      testCatalog(),
    );
    expect(problems(unknown).map(where)).toEqual(["capacity/unit-unknown@9:98"]);
    // Resolving anyway (the state is total on any schema-valid file) gives no capacity, not 150.
    expect(deployment(resolve(unknown, null), "east/chat")).toMatchObject({ capacity: 0 });
  });
});
