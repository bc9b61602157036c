import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { blocklistItemName, type ResourceNode } from "../../infra/graph";
import { planStack } from "../../infra/stack";
import { SERVER_COMPUTED_DEPLOYMENT_PROPERTIES } from "../../loader/deployment-features";
import { longestChain, summarizePlan } from "../../reports/plan/model";
import { TEST_CATALOG_JSON, testCatalog } from "../support/catalog";
import { estateText, planText } from "../support/plan";

const twoAccounts = (deployments: string, extra = "") => `
version: 1
accounts:
  a: { name: acct-a, resourceGroup: rg, location: eastus2, create: true }
  b: { name: acct-b, resourceGroup: rg, location: swedencentral }
defaults: { sku: GlobalStandard, contentFilter: Microsoft.DefaultV2 }
deployments:
${deployments}
${extra}`;

function byName(nodes: ResourceNode[], name: string): ResourceNode {
  const node = nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node ${name}; have ${nodes.map((n) => n.name).join(", ")}`);
  return node;
}

describe("resource graph of the bundled file", () => {
  const plan = planText(estateText());
  const nodes = plan.graph.nodes;

  it("sends every deployment field explicitly, as azure-native expects it", () => {
    expect(byName(nodes, "eastus2/deployment/gpt-4o-ptu")).toMatchObject({
      type: "azure-native:cognitiveservices:Deployment",
      inputs: {
        accountName: "contoso-ai-eus2",
        resourceGroupName: "rg-ai-prod",
        deploymentName: "gpt-4o-ptu",
        sku: { name: "ProvisionedManaged", capacity: 50 },
        properties: {
          model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
          raiPolicyName: "strict",
          versionUpgradeOption: "NoAutoUpgrade",
          spilloverDeploymentName: "gpt-4o-spillover",
        },
      },
    });
  });

  it("computes capacity from tokens per minute on every account of a multi-account deployment", () => {
    for (const account of ["eastus2", "swedencentral"]) {
      const node = byName(nodes, `${account}/deployment/gpt-4o`);
      expect(node.inputs).toMatchObject({ sku: { name: "GlobalStandard", capacity: 150 } });
    }
  });

  it("creates accounts with create: true as AIServices S0 with their network and auth settings", () => {
    expect(byName(nodes, "eastus2")).toMatchObject({
      type: "azure-native:cognitiveservices:Account",
      inputs: {
        accountName: "contoso-ai-eus2",
        kind: "AIServices",
        sku: { name: "S0" },
        location: "eastus2",
        identity: { type: "SystemAssigned" },
        properties: {
          customSubDomainName: "contoso-ai-eus2",
          publicNetworkAccess: "Disabled",
          disableLocalAuth: true,
        },
        tags: { costCenter: "1234" },
      },
    });
  });

  it("compiles a content filter to one Azure entry per declared category and source", () => {
    const policy = byName(nodes, "eastus2/content-filter/strict");
    const properties = (
      policy.inputs as { properties: { contentFilters: unknown[]; customBlocklists: unknown[] } }
    ).properties;
    expect(policy.inputs).toMatchObject({
      raiPolicyName: "strict",
      properties: { basePolicyName: "Microsoft.DefaultV2", mode: "Default" },
    });
    expect(properties.contentFilters).toContainEqual({
      name: "Hate",
      source: "Prompt",
      enabled: true,
      blocking: true,
      severityThreshold: "Low",
    });
    expect(properties.contentFilters).toContainEqual({
      name: "Violence",
      source: "Completion",
      enabled: true,
      blocking: true,
      severityThreshold: "Medium",
    });
    expect(properties.contentFilters).toContainEqual({
      name: "Jailbreak",
      source: "Prompt",
      enabled: true,
      blocking: true,
    });
    expect(properties.contentFilters).toContainEqual({
      name: "Indirect Attack",
      source: "Prompt",
      enabled: true,
      blocking: true,
    });
    expect(properties.contentFilters).toContainEqual({
      name: "Profanity",
      source: "Prompt",
      enabled: false,
      blocking: false,
    });
    expect(properties.contentFilters).toContainEqual({
      name: "Protected Material Code",
      source: "Completion",
      enabled: true,
      blocking: false,
    });
    expect(properties.contentFilters).toContainEqual({
      name: "Protected Material Text",
      source: "Completion",
      enabled: true,
      blocking: true,
    });
    // The bundled filter leaves completion.profanity out: it is not sent, Azure keeps its own setting.
    expect(properties.contentFilters).not.toContainEqual(
      expect.objectContaining({ name: "Profanity", source: "Completion" }),
    );
    expect(properties.contentFilters).toHaveLength(4 * 2 + 3 + 2);
    expect(properties.customBlocklists).toEqual([
      { blocklistName: "banned-terms", source: "Prompt", blocking: true },
    ]);
  });

  it("creates a blocklist with one item per entry, named from the entry's content", () => {
    const items = nodes.filter(
      (n) => n.type === "azure-native:cognitiveservices:RaiBlocklistItem" && n.account === "eastus2",
    );
    expect(items.map((n) => n.inputs)).toEqual([
      expect.objectContaining({
        raiBlocklistName: "banned-terms",
        raiBlocklistItemName: blocklistItemName({ pattern: "contoso-secret", regex: false }),
        properties: { pattern: "contoso-secret", isRegex: false },
      }),
      expect.objectContaining({
        raiBlocklistName: "banned-terms",
        properties: { pattern: "proj-[0-9]{4}", isRegex: true },
      }),
    ]);
    expect(blocklistItemName({ pattern: "x", regex: false })).not.toBe(
      blocklistItemName({ pattern: "x", regex: true }),
    );
    expect(blocklistItemName({ pattern: "x", regex: false })).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);
  });

  it("puts a content filter only on accounts where a deployment uses it", () => {
    expect(nodes.some((n) => n.name === "eastus2/content-filter/relaxed-internal")).toBe(true);
    expect(nodes.some((n) => n.name === "swedencentral/content-filter/relaxed-internal")).toBe(false);
  });

  it("records the YAML line that declared each resource", () => {
    const text = estateText().split("\n");
    const node = byName(nodes, "eastus2/deployment/deepseek-r1");
    expect(text[node.source.line - 1]).toContain("name: deepseek-r1");
    expect(node.source.file).toBe("deployments.yaml");
  });
});

describe("deployment properties of 2026", () => {
  const file = twoAccounts(`
  - name: chat
    account: b
    model: { format: OpenAI, name: gpt-5.4, version: "2026-03-05" }
    capacity: 10
    serviceTier: Priority
    state: paused
  - name: router
    account: b
    model: { format: OpenAI, name: model-router, version: "2025-11-18" }
    capacity: 10
    routing:
      mode: Balanced
      models: [{ format: OpenAI, name: gpt-5.2, version: "2025-12-11" }]
  - name: claude
    account: b
    model: { format: Anthropic, name: claude-sonnet-4-5, version: "20250929" }
    capacity: 10
    modelProviderData: { organizationName: Contoso Ltd, countryCode: us, industry: technology }
  - name: plain
    account: b
    model: { format: OpenAI, name: gpt-5.4, version: "2026-03-05" }
    capacity: 10
`);
  const nodes = planText(file, undefined, "deployments.yaml", testCatalog()).graph.nodes;

  it("sends them as the ARM properties of API 2026-09-01, in the API's spelling", () => {
    expect(byName(nodes, "b/deployment/chat").inputs).toMatchObject({
      properties: { serviceTier: "Priority", deploymentState: "Paused" },
    });
    expect(byName(nodes, "b/deployment/router").inputs).toMatchObject({
      properties: {
        routing: { mode: "balanced", models: [{ format: "OpenAI", name: "gpt-5.2", version: "2025-12-11" }] },
      },
    });
    expect(byName(nodes, "b/deployment/claude").inputs).toMatchObject({
      properties: {
        modelProviderData: { organizationName: "Contoso Ltd", countryCode: "US", industry: "technology" },
      },
    });
  });

  it("sends none of them, and no server-computed property, when the file does not set them", () => {
    for (const node of nodes.filter((n) => n.name.includes("/deployment/"))) {
      const properties = Object.keys((node.inputs as { properties: object }).properties);
      for (const computed of SERVER_COMPUTED_DEPLOYMENT_PROPERTIES) {
        expect(properties, node.name).not.toContain(computed);
      }
    }
    expect(
      Object.keys((byName(nodes, "b/deployment/plain").inputs as { properties: object }).properties),
    ).toEqual(["model", "raiPolicyName", "versionUpgradeOption"]);
  });
});

describe("write order", () => {
  it("chains every write under an account: account, blocklists and items, content filters, deployments", () => {
    const plan = planText(estateText());
    const eastus2 = plan.graph.nodes.filter((n) => n.account === "eastus2");
    expect(eastus2.map((n) => n.type.split(":")[2])).toEqual([
      "Account",
      "RaiBlocklist",
      "RaiBlocklistItem",
      "RaiBlocklistItem",
      "RaiPolicy",
      "RaiPolicy",
      ...Array(7).fill("Deployment"),
    ]);
    eastus2.forEach((node, i) => {
      if (i > 0) expect(node.dependsOn).toContain(eastus2[i - 1]?.name);
    });
  });

  it("never chains one account to another, and the longest chain is the largest account", () => {
    const plan = planText(estateText());
    const accountOf = new Map(plan.graph.nodes.map((n) => [n.name, n.account]));
    for (const node of plan.graph.nodes) {
      for (const dep of node.dependsOn) expect(accountOf.get(dep)).toBe(node.account);
    }
    const sizes = ["eastus2", "swedencentral"].map(
      (a) => plan.graph.nodes.filter((n) => n.account === a).length,
    );
    expect(longestChain(plan.graph.nodes)).toBe(Math.max(...sizes));
  });

  it("writes a spillover target before the deployment that spills to it, even when declared later", () => {
    const plan = planText(
      twoAccounts(`
  - { name: ptu, account: a, model: { format: OpenAI, name: gpt-4o, version: "1" }, sku: GlobalProvisionedManaged, capacity: 50, spillover: std }
  - { name: other, account: a, model: { format: OpenAI, name: gpt-4o, version: "1" }, capacity: 5 }
  - { name: std, account: a, model: { format: OpenAI, name: gpt-4o, version: "1" }, capacity: 5 }`),
    );
    const order = plan.graph.nodes.filter((n) => n.account === "a").map((n) => n.name);
    expect(order).toEqual(["a", "a/deployment/std", "a/deployment/ptu", "a/deployment/other"]);
    expect(byName(plan.graph.nodes, "a/deployment/ptu").dependsOn).toEqual(["a/deployment/std", "a"]);
  });

  it("names resources in lower case, so a change of case updates one Azure resource instead of replacing it", () => {
    const lower = planText(
      twoAccounts(
        `  - { name: gpt-4o, account: a, model: { format: OpenAI, name: gpt-4o, version: "1" }, capacity: 5 }`,
      ),
    );
    const upper = planText(
      twoAccounts(
        `  - { name: GPT-4o, account: a, model: { format: OpenAI, name: gpt-4o, version: "1" }, capacity: 5 }`,
      ),
    );
    const name = (p: typeof lower) => p.graph.nodes.filter((n) => n.account === "a").map((n) => n.name);
    expect(name(upper)).toEqual(name(lower));
    expect(byName(upper.graph.nodes, "a/deployment/gpt-4o").inputs).toMatchObject({
      deploymentName: "GPT-4o",
    });
  });

  it("deletes a child before creating its replacement (its Azure name is fixed), never an account", () => {
    const plan = planText(estateText());
    for (const node of plan.graph.nodes) {
      const isAccount = node.type === "azure-native:cognitiveservices:Account";
      expect(node.options.deleteBeforeReplace === true, node.name).toBe(!isAccount);
    }
  });

  it("references an existing account without creating it", () => {
    const plan = planText(
      twoAccounts(
        `  - { name: d, account: b, model: { format: OpenAI, name: gpt-4o, version: "1" }, capacity: 5 }`,
      ),
    );
    const nodes = plan.graph.nodes.filter((n) => n.account === "b");
    expect(nodes.map((n) => n.name)).toEqual(["b/deployment/d"]);
    expect(nodes[0]?.dependsOn).toEqual([]);
    expect(nodes[0]?.inputs).toMatchObject({ accountName: "acct-b", resourceGroupName: "rg" });
    expect(
      plan.graph.nodes.some((n) => n.type === "azure-native:cognitiveservices:Account" && n.account === "b"),
    ).toBe(false);
  });
});

describe("environments and safety", () => {
  it("applies dev overrides: renamed accounts, smaller rate limits, a disabled deployment left out", () => {
    const plan = planText(estateText(), "dev");
    expect(plan.state.environment).toBe("dev");
    expect(byName(plan.graph.nodes, "eastus2").inputs).toMatchObject({
      accountName: "contoso-ai-eus2-dev",
      resourceGroupName: "rg-ai-dev",
    });
    expect(byName(plan.graph.nodes, "eastus2/deployment/gpt-4o").inputs).toMatchObject({
      accountName: "contoso-ai-eus2-dev",
      sku: { capacity: 10 },
    });
    expect(plan.graph.nodes.some((n) => n.name === "eastus2/deployment/gpt-4o-ptu")).toBe(false);
    expect(plan.state.disabledDeployments.map((d) => d.key)).toEqual(["eastus2/gpt-4o-ptu"]);
  });

  it("protects deployments, content filters and created accounts in a protected environment", () => {
    const plan = planText(estateText(), "prod");
    for (const node of plan.graph.nodes) {
      const protectable = !node.type.includes("RaiBlocklist");
      expect(node.options.protect === true, node.name).toBe(protectable);
    }
    expect(planText(estateText()).graph.nodes.some((n) => n.options.protect)).toBe(false);
  });

  it("never deletes a created account from Azure, whatever the file becomes; children follow the environment", () => {
    const plan = planText(estateText());
    for (const node of plan.graph.nodes) {
      const isAccount = node.type === "azure-native:cognitiveservices:Account";
      expect(node.options.retainOnDelete === true, node.name).toBe(isAccount);
    }
  });

  it("keeps resources in Azure when the environment sets retainOnDelete", () => {
    const plan = planText(
      twoAccounts(
        `  - { name: d, account: b, model: { format: OpenAI, name: gpt-4o, version: "1" }, capacity: 5 }`,
        "environments: { keep: { retainOnDelete: true } }",
      ),
      "keep",
    );
    expect(plan.graph.nodes.every((n) => n.options.retainOnDelete === true)).toBe(true);
  });

  it("adopts existing resources through import ids, per account when given as a map", () => {
    const id = (account: string, kind: string, name: string) =>
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/${account}/${kind}/${name}`;
    const plan = planText(
      twoAccounts(
        `  - name: d
    accounts: [a, b]
    model: { format: OpenAI, name: gpt-4o, version: "1" }
    capacity: 5
    contentFilter: cf
    import: { a: "${id("acct-a", "deployments", "d")}", b: "${id("acct-b", "deployments", "d")}" }`,
        `contentFilters:
  cf: { import: { b: "${id("acct-b", "raiPolicies", "cf")}" } }`,
      ),
    );
    expect(byName(plan.graph.nodes, "a/deployment/d").options.import).toBe(id("acct-a", "deployments", "d"));
    expect(byName(plan.graph.nodes, "b/deployment/d").options.import).toBe(id("acct-b", "deployments", "d"));
    expect(byName(plan.graph.nodes, "b/content-filter/cf").options.import).toBe(
      id("acct-b", "raiPolicies", "cf"),
    );
    expect(byName(plan.graph.nodes, "a/content-filter/cf").options.import).toBeUndefined();
  });
});

describe("blocklist items", () => {
  it("keeps an item's Azure name and adopts it with its blocklist; content-named items are not imported", () => {
    const list =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct-b/raiBlocklists/words";
    const plan = planText(`
version: 1
accounts:
  b: { name: acct-b, resourceGroup: rg, location: swedencentral }
deployments:
  - { name: d, model: { format: OpenAI, name: gpt-4o, version: "1" }, sku: Standard, capacity: 5, contentFilter: cf }
contentFilters:
  cf: { prompt: { blocklists: [words] } }
blocklists:
  words:
    import: "${list}"
    items: [ { pattern: secret, name: Item_1 }, plain ]
`);
    const items = plan.graph.nodes.filter(
      (n) => n.type === "azure-native:cognitiveservices:RaiBlocklistItem",
    );
    expect(items.map((n) => [n.name, n.options.import])).toEqual([
      ["b/blocklist/words/item_1", `${list}/raiBlocklistItems/Item_1`],
      [`b/blocklist/words/${blocklistItemName({ pattern: "plain", regex: false })}`, undefined],
    ]);
    expect(items[0]?.inputs).toMatchObject({
      raiBlocklistItemName: "Item_1",
      properties: { pattern: "secret", isRegex: false },
    });
  });
});

describe("outputs", () => {
  it("gives each account its inference endpoint and routing table, and OpenAI deployments their URL", () => {
    const plan = planText(estateText());
    const eastus2 = plan.outputs.accounts.eastus2;
    expect(eastus2?.inferenceEndpoint).toBe("https://contoso-ai-eus2.services.ai.azure.com/models");
    expect(eastus2?.modelInferenceEndpoint).toBe("https://contoso-ai-eus2.services.ai.azure.com/models");
    expect(eastus2?.openAiV1BaseUrl).toBe("https://contoso-ai-eus2.openai.azure.com/openai/v1/");
    expect(eastus2?.routes["gpt-4o"]).toEqual({
      model: "gpt-4o",
      version: "2024-11-20",
      format: "OpenAI",
      deploymentType: "GlobalStandard",
      // gpt-4o's capacity unit is not documented: no tokens or requests per minute are made up.
      capacity: 150,
      ratesUnknown: "unit not documented",
      openAiUrl: "https://contoso-ai-eus2.openai.azure.com/openai/deployments/gpt-4o",
    });
    expect(eastus2?.routes["deepseek-r1"]?.openAiUrl).toBeUndefined();
    expect(JSON.stringify(plan.outputs)).not.toMatch(/key|secret|password|token"/i);
  });

  const accounts = (existing: string) => `
version: 1
accounts:
  made: { name: acct-made, resourceGroup: rg, location: eastus2, create: true }
  named: { name: acct-named, resourceGroup: rg, location: eastus2, create: true, customSubDomain: made-sub }
  existing: { name: acct-existing, resourceGroup: rg, location: eastus2${existing} }
defaults: { sku: GlobalStandard, capacity: 1 }
deployments:
  - { name: chat, accounts: [made, named, existing], model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" } }
`;

  it.each([
    ["a created account without customSubDomain: its name, which aideploy sets", "made", "acct-made"],
    ["a created account with customSubDomain", "named", "made-sub"],
  ])("endpoints of %s", (_, key, subdomain) => {
    const output = planText(accounts("")).outputs.accounts[key];
    expect(output).toMatchObject({
      openAiV1BaseUrl: `https://${subdomain}.openai.azure.com/openai/v1/`,
      modelInferenceEndpoint: `https://${subdomain}.services.ai.azure.com/models`,
      inferenceEndpoint: `https://${subdomain}.services.ai.azure.com/models`,
    });
    expect(output?.routes.chat?.openAiUrl).toBe(
      `https://${subdomain}.openai.azure.com/openai/deployments/chat`,
    );
  });

  it("an existing account's endpoints come from its declared customSubDomain, never from its name", () => {
    const declared = planText(accounts(", customSubDomain: legacy-sub")).outputs.accounts.existing;
    expect(declared?.openAiV1BaseUrl).toBe("https://legacy-sub.openai.azure.com/openai/v1/");
    expect(declared?.routes.chat?.openAiUrl).toBe(
      "https://legacy-sub.openai.azure.com/openai/deployments/chat",
    );
    const undeclared = planText(accounts("")).outputs.accounts.existing;
    expect(undeclared).toEqual({
      name: "acct-existing",
      resourceGroup: "rg",
      location: "eastus2",
      routes: {
        chat: {
          model: "gpt-4o",
          version: "2024-11-20",
          format: "OpenAI",
          deploymentType: "GlobalStandard",
          capacity: 1,
          ratesUnknown: "unit not documented",
        },
      },
    });
  });

  it("the plan says why an existing account without customSubDomain has no endpoints", () => {
    const summary = summarizePlan(planText(accounts("")));
    const existing = summary.accounts.find((a) => a.key === "existing");
    expect(existing?.endpoints).toEqual([]);
    expect(existing?.endpointsUnknown).toMatch(/existing account \(create: false\) without customSubDomain/);
    expect(summary.accounts.find((a) => a.key === "made")?.endpoints).toEqual([
      { label: "OpenAI v1 API", url: "https://acct-made.openai.azure.com/openai/v1/" },
      { label: "model inference (retired SDK)", url: "https://acct-made.services.ai.azure.com/models" },
    ]);
    expect(summary.accounts.find((a) => a.key === "made")?.endpointsUnknown).toBeUndefined();
  });

  it("gives routes tokens and requests per minute from the model's unit where it is known", () => {
    const text = `version: 1
accounts:
  east: { name: acme-east, resourceGroup: rg, location: eastus2 }
defaults: { sku: GlobalStandard }
deployments:
  - { name: pro, model: { format: OpenAI, name: o3-pro, version: "2025-06-10" }, rateLimit: { tokensPerMinute: 100000 } }
  - { name: mini, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 50 }
  - { name: chat, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 20 }
  - { name: ptu, sku: ProvisionedManaged, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 25 }
`;
    const { routes } =
      planText(text, undefined, "deployments.yaml", testCatalog()).outputs.accounts.east ?? {};
    const rates = Object.entries(routes ?? {}).map(([name, r]) => [
      name,
      r.capacity,
      r.tokensPerMinute,
      r.requestsPerMinute,
      r.ratesUnknown,
    ]);
    expect(rates).toEqual([
      ["pro", 10, 100_000, 10, undefined],
      ["mini", 50, 50_000, 50, undefined],
      ["chat", 20, undefined, undefined, "unit not documented"],
      ["ptu", 25, undefined, undefined, undefined],
    ]);
  });
});

describe("the Pulumi program's plan (planStack)", () => {
  const text = `version: 1
accounts:
  east: { name: acme-east, resourceGroup: rg, location: eastus2 }
defaults: { sku: GlobalStandard }
deployments:
  - { name: mini, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, rateLimit: { tokensPerMinute: 50000 } }
`;

  function project(catalog?: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), "aideploy-stack-"));
    writeFileSync(path.join(dir, "deployments.yaml"), text);
    if (catalog !== undefined) {
      mkdirSync(path.join(dir, "catalog"));
      writeFileSync(path.join(dir, "catalog", "models.json"), catalog);
    }
    return dir;
  }

  it("sizes deployments with the catalog it is given", () => {
    const planned = planStack({ stackName: "dev", projectDir: project(), catalog: testCatalog() });
    if (!planned.ok) throw new Error(planned.errors.join("\n"));
    expect(planned.plan.outputs.accounts.east?.routes.mini).toMatchObject({
      capacity: 50,
      tokensPerMinute: 50_000,
      requestsPerMinute: 50,
    });
  });

  it("reads the catalog beside the file by default, and reports one it cannot use as an error", () => {
    const planned = planStack({ stackName: "dev", projectDir: project(JSON.stringify(TEST_CATALOG_JSON)) });
    expect(planned.ok).toBe(true);
    const broken = planStack({ stackName: "dev", projectDir: project("{ nope") });
    expect(broken).toMatchObject({ ok: false });
    if (!broken.ok) expect(broken.errors.join("\n")).toMatch(/catalog\/models\.json: not a model catalog: /);
  });
});
