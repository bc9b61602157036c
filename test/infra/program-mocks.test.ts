// The Pulumi program (infra/index.ts) under pulumi.runtime.setMocks: it must register exactly the resources of
// the graph planned for the same file and environment, with the same inputs, and export the plan's outputs.
// Options other than `import` (protect, retainOnDelete, dependencies) are not visible to mocks; the gRPC test
// (program-grpc.test.ts) covers them.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type DeploymentRepresentation, nodeRegistration } from "../../infra/deployment-resource";
import type { ResourceNode } from "../../infra/graph";
import { type Plan, planFile } from "../../infra/plan";
import { toArmView } from "../../policies/arm-view";
import { repoRoot } from "../support/paths";

interface Registration {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  /** Import id the program asked for ("" when none). */
  importId: string;
}

interface ProgramRun {
  registrations: Registration[];
  /** What the program's module exported, as the stack outputs it (massaged by the SDK). */
  outputs: Record<string, unknown> | undefined;
  /** What the program threw, if it failed. */
  failure: unknown;
  errors: string[];
  warnings: string[];
}

/** Loads infra/index.ts afresh inside a stack, as the Pulumi runner does, with the given stack name and config. */
async function runProgram(stack: string, config: Record<string, string>): Promise<ProgramRun> {
  const registrations: Registration[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(" "));
  });
  const warnSpy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
  });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({
          type: args.type,
          name: args.name,
          custom: args.custom ?? true,
          inputs: args.inputs,
          importId: args.id ?? "",
        });
        return { id: args.id || `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        throw new Error(`the program made an unexpected call to ${args.token}`);
      },
    },
    "aideploy",
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(config);
  vi.resetModules();
  let failure: unknown;
  try {
    // The runner loads the program inside the stack resource; a failure is kept here rather than rejecting
    // the stack, whose outputs nobody awaits (the runner's process-wide handler reports it instead).
    const outputs = await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return { ...(await import("../../infra/index.js")) };
      } catch (err) {
        failure = err;
        return undefined;
      }
    });
    return { registrations, outputs, failure, errors, warnings };
  } finally {
    // Waits for every registration in flight, then detaches from the mock monitor.
    await pulumi.runtime.disconnect();
    errorSpy.mockRestore();
    warnSpy.mockRestore();
  }
}

/** Plain JSON values, as a resource's inputs travel to the engine (undefined members dropped). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function planned(file: string, environment: string | undefined): Plan {
  const result = planFile(path.resolve(repoRoot, file), file, environment);
  if (!result.ok) throw new Error(`cannot plan ${file}: ${JSON.stringify(result.diagnostics)}`);
  return result.plan;
}

const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
/** The key of a node as Pulumi registers it (deployments through the generic resource). */
const nodeKey = (node: ResourceNode, representation?: DeploymentRepresentation) =>
  key({ type: nodeRegistration(node, representation).type, name: node.name });

/**
 * The program registered the stack, its one AiDeployments component, plus exactly the graph's nodes, each
 * with the node's inputs and import id.
 */
function expectGraphRegistered(run: ProgramRun, plan: Plan): void {
  const stacks = run.registrations.filter((r) => r.type === "pulumi:pulumi:Stack");
  expect(stacks.map((s) => s.custom)).toEqual([false]);
  const components = run.registrations.filter((r) => r.type === "aideploy:index:AiDeployments");
  expect(components.map((c) => [c.name, c.custom])).toEqual([["aideploy", false]]);
  const custom = run.registrations.filter((r) => r.custom);
  expect(custom).toHaveLength(run.registrations.length - 2);
  const nodes = plan.graph.nodes;
  expect(custom.map(key).sort()).toEqual(nodes.map((n) => nodeKey(n)).sort());
  expect(new Set(custom.map(key)).size).toBe(custom.length);
  for (const node of nodes) {
    const registration = custom.find((r) => key(r) === nodeKey(node));
    expect(registration?.inputs, key(node)).toEqual(plain(nodeRegistration(node).inputs));
    expect(registration?.importId, key(node)).toBe(node.options.import ?? "");
  }
}

/** Every property name in a value, at any depth. */
function propertyNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(propertyNames);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...propertyNames(v)]);
}

function expectOutputs(run: ProgramRun, plan: Plan): void {
  expect(run.outputs).toEqual(
    plain({ environment: plan.outputs.environment, accounts: plan.outputs.accounts }),
  );
  const names = propertyNames(run.outputs).map((n) => n.toLowerCase());
  for (const word of ["key", "secret", "password", "credential", "connectionstring", "token"]) {
    expect(
      names.filter((n) => n.includes(word) && n !== "tokensperminute"),
      word,
    ).toEqual([]);
  }
  expect(JSON.stringify(run.outputs)).not.toMatch(/1b47061264138c4ac30d75fd1eb44270/); // Pulumi's secret marker
}

/** The accounts of the stack outputs, by key. */
function accountOutputs(run: ProgramRun): Record<string, Record<string, unknown>> {
  return (run.outputs?.accounts ?? {}) as Record<string, Record<string, unknown>>;
}

let tempDir = "";
/** A path to a temporary file, relative to the project like a user would write `aideploy:file`. */
function tempFile(name: string, content: string): string {
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, content);
  return path.relative(repoRoot, file);
}

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aideploy-program-mocks-"));
});
afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("the Pulumi program under mocks, with deployments.yaml", () => {
  it("with no environment (a stack named like none of them) registers the file as written", async () => {
    const run = await runProgram("sandbox", {});
    const plan = planned("deployments.yaml", undefined);
    expectGraphRegistered(run, plan);
    expectOutputs(run, plan);
    expect(run.outputs?.environment).toBeNull();
    // Per account the OpenAI v1 base URL, the retired SDK's endpoint, and its legacy key.
    expect(accountOutputs(run).eastus2).toMatchObject({
      openAiV1BaseUrl: "https://contoso-ai-eus2.openai.azure.com/openai/v1/",
      modelInferenceEndpoint: "https://contoso-ai-eus2.services.ai.azure.com/models",
      inferenceEndpoint: "https://contoso-ai-eus2.services.ai.azure.com/models",
    });
    expect(run.errors).toEqual([]);
    expect(run.warnings.join("\n")).toContain(
      'stack "sandbox" has no environment of that name in deployments.yaml',
    );
    const accounts = run.registrations.filter((r) => r.type === "azure-native:cognitiveservices:Account");
    expect(accounts.map((a) => a.inputs.accountName).sort()).toEqual(["contoso-ai-eus2", "contoso-ai-swc"]);
  });

  it("dev: renamed accounts, dev rate limits, the disabled deployment absent", async () => {
    const run = await runProgram("dev", { "aideploy:environment": "dev" });
    const plan = planned("deployments.yaml", "dev");
    expectGraphRegistered(run, plan);
    expectOutputs(run, plan);
    expect(run.outputs?.environment).toBe("dev");
    expect(run.errors).toEqual([]);
    expect(run.warnings).toEqual([]);
    const byName = new Map(run.registrations.map((r) => [r.name, r]));
    expect(byName.get("eastus2")?.inputs).toMatchObject({
      accountName: "contoso-ai-eus2-dev",
      resourceGroupName: "rg-ai-dev",
      properties: { customSubDomainName: "contoso-ai-eus2-dev" },
    });
    expect(byName.get("swedencentral")?.inputs).toMatchObject({ accountName: "contoso-ai-swc-dev" });
    expect(byName.has("eastus2/deployment/gpt-5.4-ptu")).toBe(false);
    // Deployments are written through the generic resource: the account is in the parent path.
    expect(byName.get("eastus2/deployment/gpt-5.4")?.inputs).toMatchObject({
      parentResourcePath: "accounts/contoso-ai-eus2-dev",
      apiVersion: "2026-09-01",
      sku: { name: "GlobalStandard", capacity: 10 },
    });
    for (const r of run.registrations.filter((r) => r.custom)) {
      expect(String(r.inputs.accountName ?? r.inputs.parentResourcePath), r.name).toMatch(/-dev$/);
    }
  });

  it("dev is also chosen from the stack name when aideploy:environment is not set", async () => {
    const run = await runProgram("dev", {});
    const plan = planned("deployments.yaml", "dev");
    expectGraphRegistered(run, plan);
    expectOutputs(run, plan);
  });

  it("prod: the production names and every deployment", async () => {
    const run = await runProgram("prod", { "aideploy:environment": "prod" });
    const plan = planned("deployments.yaml", "prod");
    expectGraphRegistered(run, plan);
    expectOutputs(run, plan);
    expect(run.outputs?.environment).toBe("prod");
    const names = run.registrations.map((r) => r.name);
    expect(names).toContain("eastus2/deployment/gpt-5.4-ptu");
    expect(run.registrations.find((r) => r.name === "eastus2/deployment/gpt-5.4-ptu")?.inputs).toMatchObject({
      properties: { spilloverDeploymentName: "gpt-5.4" },
      sku: { name: "GlobalProvisionedManaged", capacity: 15 },
    });
    // protect is a resource option mocks do not receive; the graph must still ask for it.
    const protectedNodes = plan.graph.nodes.filter((n) => n.options.protect).map((n) => n.type);
    expect(new Set(protectedNodes)).toEqual(
      new Set([
        "azure-native:cognitiveservices:Account",
        "azure-native:cognitiveservices:Deployment",
        "azure-native:cognitiveservices:RaiPolicy",
      ]),
    );
  });
});

const adoptedFile = `version: 1
subscription: 11111111-1111-1111-1111-111111111111
accounts:
  main:
    name: legacy-ai
    resourceGroup: rg-legacy
    location: westeurope
    create: false
    customSubDomain: legacy-ai
defaults:
  sku: GlobalStandard
  contentFilter: adopted
  versionUpgradeOption: NoAutoUpgrade
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    capacity: 10
    import: /subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-legacy/providers/Microsoft.CognitiveServices/accounts/legacy-ai/deployments/chat
  - name: fresh
    model: { format: OpenAI, name: gpt-4o-mini, version: "2024-07-18" }
    capacity: 5
contentFilters:
  adopted:
    base: Microsoft.DefaultV2
    mode: Blocking
    prompt: { hate: low, sexual: low, violence: low, selfHarm: low, jailbreak: block, indirectAttack: block, blocklists: [words] }
    completion: { hate: low, sexual: low, violence: low, selfHarm: low, protectedMaterialText: block, protectedMaterialCode: annotate }
    import: /subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-legacy/providers/Microsoft.CognitiveServices/accounts/legacy-ai/raiPolicies/adopted
blocklists:
  words:
    items: [forbidden]
    import: /subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-legacy/providers/Microsoft.CognitiveServices/accounts/legacy-ai/raiBlocklists/words
environments:
  keep:
    retainOnDelete: true
`;

describe("the Pulumi program under mocks, with another file (aideploy:file)", () => {
  it("adopts existing resources through their import ids and creates no account for create: false", async () => {
    const file = tempFile("adopted.yaml", adoptedFile);
    const run = await runProgram("keep", { "aideploy:file": file });
    const plan = planned(file, "keep");
    expectGraphRegistered(run, plan);
    expectOutputs(run, plan);
    const imported = run.registrations.filter((r) => r.importId !== "").map((r) => r.name);
    expect(imported.sort()).toEqual([
      "main/blocklist/words",
      "main/content-filter/adopted",
      "main/deployment/chat",
    ]);
    expect(run.registrations.some((r) => r.type === "azure-native:cognitiveservices:Account")).toBe(false);
    // An existing account's endpoints are on the subdomain the file declares.
    expect(accountOutputs(run).main).toMatchObject({
      openAiV1BaseUrl: "https://legacy-ai.openai.azure.com/openai/v1/",
      modelInferenceEndpoint: "https://legacy-ai.services.ai.azure.com/models",
    });
  });

  it("a broken file fails the program with a RunError and the diagnostics logged, no stack trace", async () => {
    const file = tempFile(
      "broken.yaml",
      adoptedFile.replace("    customSubDomain: legacy-ai\n", "    customSubDomian: legacy-ai\n"),
    );
    const run = await runProgram("keep", { "aideploy:file": file });
    expect(pulumi.RunError.isInstance(run.failure)).toBe(true);
    expect((run.failure as Error).message).toBe(
      "deployments file has errors; run `npx aideploy validate` for details",
    );
    expect(run.errors).toEqual([
      `error: [runtime] ${file}:9:5: error schema/unknown-key unknown key "customSubDomian" in accounts.main (did you mean "customSubDomain"?)`,
    ]);
    expect(run.errors.join("\n")).not.toMatch(/^\s+at /m);
    expect(run.registrations.filter((r) => r.custom)).toEqual([]);
  });

  it("an environment the file does not have fails with the known ones named", async () => {
    const run = await runProgram("prod", { "aideploy:environment": "staging" });
    expect(pulumi.RunError.isInstance(run.failure)).toBe(true);
    expect(run.errors).toEqual([
      'error: [runtime] unknown environment "staging" (environments in the file: dev, prod)',
    ]);
    expect(run.registrations.filter((r) => r.custom)).toEqual([]);
  });
});

/** Registers a planned graph under mocks with deployments written one way or the other. */
async function runGraph(plan: Plan, representation: DeploymentRepresentation): Promise<Registration[]> {
  const registrations: Registration[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({
          type: args.type,
          name: args.name,
          custom: args.custom ?? true,
          inputs: args.inputs,
          importId: args.id ?? "",
        });
        return { id: args.id || `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        throw new Error(`unexpected call to ${args.token}`);
      },
    },
    "aideploy",
    "representations",
    false,
  );
  vi.resetModules();
  const { instantiateGraph } = await import("../../infra/instantiate.js");
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      instantiateGraph(plan.graph, {}, representation);
      return {};
    });
  } finally {
    await pulumi.runtime.disconnect();
  }
  return registrations;
}

describe("deployments under mocks, in both representations", () => {
  it("the generic resource at 2026-09-01 and the typed one give every deployment the same ARM view", async () => {
    const plan = planned("deployments.yaml", "prod");
    const generic = await runGraph(plan, "generic");
    const typed = await runGraph(plan, "typed");
    const deployments = plan.graph.nodes.filter(
      (n) => n.type === "azure-native:cognitiveservices:Deployment",
    );
    expect(deployments.length).toBeGreaterThan(0);
    for (const node of deployments) {
      const g = generic.find((r) => r.name === node.name);
      const t = typed.find((r) => r.name === node.name);
      expect(g?.type, node.name).toBe("azure-native:resources:Resource");
      expect(t?.type, node.name).toBe("azure-native:cognitiveservices:Deployment");
      expect(g?.inputs, node.name).toMatchObject({
        resourceProviderNamespace: "Microsoft.CognitiveServices",
        resourceType: "deployments",
        apiVersion: "2026-09-01",
        resourceName: node.inputs.deploymentName,
        parentResourcePath: `accounts/${node.inputs.accountName}`,
      });
      const genericView = toArmView(g?.type ?? "", g?.inputs ?? {});
      const typedView = toArmView(t?.type ?? "", t?.inputs ?? {});
      // The typed resource (api-version 2025-06-01) cannot say the 2026 properties; all else is equal.
      const properties = { ...genericView?.properties };
      for (const name of ["serviceTier", "deploymentState", "routing", "modelProviderData"])
        delete properties[name];
      expect({ ...genericView, properties }, node.name).toEqual(typedView);
      expect(genericView, node.name).toEqual(toArmView(node.type, { ...node.inputs }));
    }
    // Other resources are registered the same way in both.
    const others = (rs: Registration[]) =>
      rs
        .filter((r) => !/\/(deployment|content-filter)\//.test(r.name))
        .map((r) => [r.type, r.name, r.inputs]);
    expect(others(generic)).toEqual(others(typed));
  });

  it("the generic resource at 2026-09-01 and the typed RaiPolicy give every content filter the same ARM view", async () => {
    const plan = planned("deployments.yaml", "prod");
    const generic = await runGraph(plan, "generic");
    const typed = await runGraph(plan, "typed");
    const filters = plan.graph.nodes.filter((n) => n.type === "azure-native:cognitiveservices:RaiPolicy");
    expect(filters.length).toBeGreaterThan(0);
    for (const node of filters) {
      const g = generic.find((r) => r.name === node.name);
      const t = typed.find((r) => r.name === node.name);
      expect(g?.type, node.name).toBe("azure-native:resources:Resource");
      expect(t?.type, node.name).toBe("azure-native:cognitiveservices:RaiPolicy");
      expect(g?.inputs, node.name).toEqual({
        resourceGroupName: node.inputs.resourceGroupName,
        resourceProviderNamespace: "Microsoft.CognitiveServices",
        parentResourcePath: `accounts/${node.inputs.accountName}`,
        resourceType: "raiPolicies",
        resourceName: node.inputs.raiPolicyName,
        apiVersion: "2026-09-01",
        properties: plain(node.inputs.properties),
      });
      const genericView = toArmView(g?.type ?? "", g?.inputs ?? {});
      expect(genericView?.type, node.name).toBe("Microsoft.CognitiveServices/accounts/raiPolicies");
      expect(genericView, node.name).toEqual(toArmView(t?.type ?? "", t?.inputs ?? {}));
    }
  });
});

/** A project with an API-key connection (its key in the stack's configuration) and a managed-identity one. */
const connectionsFile = `version: 1
accounts:
  east:
    name: contoso-east
    resourceGroup: rg-ai
    location: eastus2
    create: true
    projects:
      chat-app:
        connections:
          search:
            category: CognitiveSearch
            target: https://contoso-search.search.windows.net
            authType: ApiKey
            credentials: { apiKey: { config: searchKey } }
          aoai:
            category: AzureOpenAI
            target: https://contoso-aoai.openai.azure.com/
            authType: ManagedIdentity
            credentials: { clientId: 11111111-2222-3333-4444-555555555555 }
defaults:
  sku: GlobalStandard
  capacity: 10
deployments:
  - name: gpt-4o
    account: east
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
`;

/** Pulumi's marker of a secret in serialized inputs. */
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

describe("project connections in the Pulumi program under mocks", () => {
  it("registers typed ProjectConnections with the graph's inputs, the API key only from the stack's secret", async () => {
    const file = tempFile("connections.yaml", connectionsFile);
    const run = await runProgram("conn", { "aideploy:file": file, "aideploy:searchKey": "k-123" });
    expect(run.failure).toBeUndefined();
    const plan = planned(file, undefined);
    const connections = run.registrations.filter(
      (r) => r.type === "azure-native:cognitiveservices:ProjectConnection",
    );
    expect(connections.map((r) => r.name)).toEqual([
      "east/project/chat-app/connection/search",
      "east/project/chat-app/connection/aoai",
    ]);
    const search = plan.graph.nodes.find((n) => n.name === "east/project/chat-app/connection/search");
    expect(search?.inputs).not.toHaveProperty("properties.credentials");
    expect(connections[0]?.inputs).toEqual({
      accountName: "contoso-east",
      resourceGroupName: "rg-ai",
      projectName: "chat-app",
      connectionName: "search",
      properties: {
        ...SECRET,
        value: {
          authType: "ApiKey",
          category: "CognitiveSearch",
          target: "https://contoso-search.search.windows.net",
          credentials: { key: "k-123" },
        },
      },
    });
    const aoai = plan.graph.nodes.find((n) => n.name === "east/project/chat-app/connection/aoai");
    expect(connections[1]?.inputs).toEqual(plain(aoai?.inputs));
    expect(connections[1]?.inputs).toMatchObject({
      properties: {
        authType: "ManagedIdentity",
        credentials: { clientId: "11111111-2222-3333-4444-555555555555" },
      },
    });
    // The key reaches no output.
    expect(JSON.stringify(run.outputs)).not.toContain("k-123");
    expect(accountOutputs(run).east).toMatchObject({
      projects: {
        "chat-app": {
          connections: {
            search: { category: "CognitiveSearch", authType: "ApiKey" },
            aoai: { category: "AzureOpenAI", authType: "ManagedIdentity" },
          },
        },
      },
    });
  });

  it("fails before registering anything when the secret's key is not set, saying where and how to set it", async () => {
    const file = tempFile("connections-unset.yaml", connectionsFile);
    const run = await runProgram("conn", { "aideploy:file": file });
    expect(pulumi.RunError.isInstance(run.failure)).toBe(true);
    expect((run.failure as Error).message).toBe(
      "a secret the deployments file names is not set in the stack's configuration",
    );
    expect(run.errors).toEqual([
      `error: [runtime] ${file}:12:13: accounts.east.projects.chat-app.connections.search reads a secret from the stack's configuration key "searchKey", which is not set; set it with \`pulumi config set --secret searchKey <value>\``,
    ]);
    expect(run.registrations.filter((r) => r.custom)).toEqual([]);
  });
});

/** Two environments in two subscriptions, with an org baseline at subscription scope. */
const baselineFile = `version: 1
subscription: 11111111-1111-1111-1111-111111111111
accounts:
  main: { name: contoso-ai, resourceGroup: rg-ai, location: eastus2, create: true }
defaults:
  sku: GlobalStandard
  capacity: 10
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
subscriptionRaiPolicy:
  name: Org-Baseline
  mode: Asynchronous_filter
  prompt: { hate: low, jailbreak: block }
  completion: { violence: medium, protectedMaterialText: annotate }
  tags: { owner: security }
environments:
  dev:
    subscription: 22222222-2222-2222-2222-222222222222
    accounts:
      main: { name: contoso-ai-dev }
  prod:
    protect: true
`;

/** RaiPolicy's body as the 2025-10-01-preview specification documents it (GetRaiPolicy example's fields). */
const baselineInputs = {
  raiPolicyName: "Org-Baseline",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Asynchronous_filter",
    contentFilters: [
      { name: "Hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Low" },
      { name: "Violence", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: false },
    ],
  },
  tags: { owner: "security" },
};

describe("the subscription RAI policy under mocks", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack}: one typed SubscriptionRaiPolicy, in the stack's own subscription, with the documented body`, async () => {
      const file = tempFile("baseline.yaml", baselineFile);
      const run = await runProgram(stack, { "aideploy:file": file });
      const plan = planned(file, stack);
      expectGraphRegistered(run, plan);
      expect(run.errors).toEqual([]);
      const baselines = run.registrations.filter(
        (r) => r.type === "azure-native:cognitiveservices:SubscriptionRaiPolicy",
      );
      expect(baselines.map((r) => r.name)).toEqual(["subscription/rai-policy/org-baseline"]);
      // No subscription or resource group input: azure-native writes it where the stack's provider writes.
      expect(baselines[0]?.inputs).toEqual(baselineInputs);
      expect(baselines[0]?.importId).toBe("");
      expect(plan.state.subscription).toBe(
        stack === "dev" ? "22222222-2222-2222-2222-222222222222" : "11111111-1111-1111-1111-111111111111",
      );
      const node = plan.graph.nodes.find(
        (n) => n.type === "azure-native:cognitiveservices:SubscriptionRaiPolicy",
      );
      expect(node?.dependsOn).toEqual([]);
      expect(node?.options.protect ?? false).toBe(stack === "prod");
    });
  }
});
