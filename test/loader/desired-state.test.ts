import { describe, expect, it } from "vitest";
import type { DesiredState } from "../../loader/desired-state";
import type { LoadedFile } from "../../loader/load";
import { resolveDesiredState } from "../../loader/resolve";
import { bundledText, load, problems, where, yaml } from "./support";

function resolve(loaded: LoadedFile, environment: string | null): DesiredState {
  if (!loaded.config || !loaded.document)
    throw new Error(`did not load: ${JSON.stringify(loaded.diagnostics)}`);
  return resolveDesiredState(loaded.config, loaded.document, environment);
}

function deployment(state: DesiredState, key: string) {
  const found = state.deployments.find((d) => d.key === key);
  if (!found) throw new Error(`no deployment ${key} in ${state.deployments.map((d) => d.key).join(", ")}`);
  return found;
}

describe("desired state of the bundled file", () => {
  const bundled = load(bundledText());

  describe("as written", () => {
    const state = resolve(bundled, null);

    it("turns a rate limit into capacity in thousands of tokens per minute", () => {
      const gpt4o = deployment(state, "eastus2/gpt-4o");
      expect(gpt4o.capacity).toBe(150);
      expect(gpt4o.tokensPerMinute).toBe(150000);
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

    it("applies the environment's rate limits", () => {
      expect(deployment(state, "swedencentral/gpt-4o")).toMatchObject({
        capacity: 10,
        tokensPerMinute: 10000,
      });
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
