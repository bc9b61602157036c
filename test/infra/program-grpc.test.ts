// The Pulumi program booted exactly as `pulumi up` boots it — the Node.js language host's command line
// (Pulumi.yaml `nodeargs`, @pulumi/pulumi/cmd/run, --monitor/--engine/--stack/--pwd …, entry point), working
// directory and PULUMI_CONFIG from Pulumi.<stack>.yaml — against a stand-in engine and resource monitor that
// speak Pulumi's gRPC protocol. What reaches the monitor must be exactly the planned resource graph.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nodeRegistration } from "../../infra/deployment-resource";
import type { ResourceNode } from "../../infra/graph";
import { type Plan, planFile } from "../../infra/plan";
import { repoRoot } from "../support/paths";
import {
  containsSecret,
  type ProgramRun,
  type ResourceRegistration,
  readStackConfig,
  runPulumiProgram,
  SecretValue,
  stopPulumiRuns,
} from "../support/pulumi-engine";

const azureNativeVersion = (
  JSON.parse(
    fs.readFileSync(path.join(repoRoot, "node_modules/@pulumi/azure-native/package.json"), "utf8"),
  ) as { version: string }
).version;

function planned(file: string, environment: string | undefined): Plan {
  const result = planFile(path.resolve(repoRoot, file), file, environment);
  if (!result.ok) throw new Error(`cannot plan ${file}: ${JSON.stringify(result.diagnostics)}`);
  return result.plan;
}

/** Plain JSON values, as a resource's inputs travel on the wire (undefined members dropped). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
/** A node as the program registers it: deployments through the generic resource (infra/deployment-resource.ts). */
const registeredKey = (node: ResourceNode) => key({ type: nodeRegistration(node).type, name: node.name });

/** A JavaScript stack frame, as printed by V8. */
const stackFrame = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

function describeRun(run: ProgramRun): string {
  const logs = run.engine.logs
    .filter((l) => l.severity !== "debug")
    .map((l) => `${l.severity}: ${l.message}`)
    .join("\n");
  return `exit ${run.exitCode} (signal ${run.signal}, timed out ${run.timedOut})\nlogs:\n${logs}\nstderr:\n${run.stderr}`;
}

/** The run succeeded cleanly, as the engine would see it. */
function expectCleanRun(run: ProgramRun): void {
  expect(run.exitCode, describeRun(run)).toBe(0);
  const { engine } = run;
  expect(engine.logs.filter((l) => l.severity === "error" || l.severity === "warning")).toEqual([]);
  expect(engine.violations).toEqual([]);
  expect(engine.unimplemented).toEqual([]);
  expect(engine.shutdownSignalled).toBe(true);
  expect(engine.rootResource).toBe(engine.stackResource()?.urn);
  // Anything on stderr reaches the user as a diagnostic; only Node's own deprecation notices are tolerated.
  const stderr = run.stderr
    .split("\n")
    .filter((line) => !/^\(node:\d+\) \[DEP\d+\]|^\(Use `node --trace-deprecation/.test(line));
  expect(stderr.join("\n").trim()).toBe("");
}

/**
 * The monitor received the stack plus exactly the graph's nodes: same type and name, the node's inputs,
 * dependencies on exactly the nodes of `dependsOn`, and the node's protect / retainOnDelete / import options.
 */
function expectGraphRegistered(run: ProgramRun, plan: Plan, stack: string): void {
  const { engine } = run;
  const stackResource = engine.stackResource();
  expect(stackResource?.urn).toBe(`urn:pulumi:${stack}::aideploy::pulumi:pulumi:Stack::aideploy-${stack}`);
  // One component, the AiDeployments of infra/index.ts, under the stack; the graph's resources under it.
  const components = engine.registrations.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
  expect(components.map((c) => [c.type, c.name, c.parent])).toEqual([
    ["aideploy:index:AiDeployments", "aideploy", stackResource?.urn],
  ]);
  const component = components[0];
  const custom = engine.customResources();
  expect(custom).toHaveLength(engine.registrations.length - 2);
  const nodes = plan.graph.nodes;
  expect(custom.map(key).sort()).toEqual(nodes.map(registeredKey).sort());
  const byUrn = new Map<string, ResourceRegistration>(engine.registrations.map((r) => [r.urn, r]));
  for (const node of nodes) {
    const registration = nodeRegistration(node);
    const r = custom.find((c) => key(c) === registeredKey(node));
    if (r === undefined) throw new Error(`${registeredKey(node)} not registered`);
    const label = registeredKey(node);
    expect(r.urn, label).toBe(
      `urn:pulumi:${stack}::aideploy::aideploy:index:AiDeployments$${registration.type}::${node.name}`,
    );
    expect(r.parent, label).toBe(component?.urn);
    // The URN the program gave it before the component (a top-level resource of the stack) is its alias, so
    // an existing stack sees the same resource, not a replace. (azure-native adds aliases of its own: the
    // type's other API versions.) A deployment also has the URNs of the typed resource it was written as
    // before api-version 2026-09-01, at the top level and under the component.
    expect(r.aliasUrns, label).toContain(`urn:pulumi:${stack}::aideploy::${node.type}::${node.name}`);
    if (registration.type !== node.type) {
      expect(r.aliasUrns, label).toContain(
        `urn:pulumi:${stack}::aideploy::aideploy:index:AiDeployments$${node.type}::${node.name}`,
      );
      expect(r.ignoreChanges, label).toEqual([]);
    }
    // A node with secret inputs is checked by its own test (the secret is filled in by the program).
    if (node.secrets === undefined) expect(r.inputs, label).toEqual(plain(registration.inputs));
    const dependsOn = r.dependencies.map((urn) => byUrn.get(urn)?.name ?? `unregistered ${urn}`);
    expect(dependsOn.sort(), label).toEqual([...node.dependsOn].sort());
    expect(Object.values(r.propertyDependencies).flat(), label).toEqual([]);
    expect(r.protect ?? false, label).toBe(node.options.protect ?? false);
    expect(r.retainOnDelete ?? false, label).toBe(node.options.retainOnDelete ?? false);
    expect(r.importId, label).toBe(node.options.import ?? "");
    expect(r.deleteBeforeReplace ?? false, label).toBe(node.options.deleteBeforeReplace ?? false);
    expect(r.provider, label).toBe("");
    expect(r.version, label).toBe(azureNativeVersion);
  }
  // Nothing is written before what it depends on (the engine would otherwise run them concurrently).
  const order = new Map(engine.registrations.map((r, i) => [r.urn, i]));
  for (const r of custom) {
    for (const dep of r.dependencies) expect(order.get(dep), r.name).toBeLessThan(order.get(r.urn) ?? -1);
  }
}

function expectOutputs(run: ProgramRun, plan: Plan): void {
  const outputs = run.engine.stackOutputs();
  expect(outputs).toEqual(plain({ environment: plan.outputs.environment, accounts: plan.outputs.accounts }));
  expect(containsSecret(outputs)).toBe(false);
  const text = JSON.stringify(outputs).toLowerCase();
  for (const word of ['key":', "secret", "password", "credential", "connectionstring"]) {
    expect(text, word).not.toContain(word);
  }
}

let tempDir = "";
/** A temporary deployments file, named relative to the project as `aideploy:file` would be. */
function tempFile(name: string, content: string): string {
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, content);
  return path.relative(repoRoot, file);
}

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aideploy-program-grpc-"));
});
afterEach(async () => {
  await stopPulumiRuns();
});
afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("the Pulumi program booted like `pulumi up`, against a stand-in engine", () => {
  it("is launched with the language host's command line, directory and config", async () => {
    expect(readStackConfig(repoRoot, "dev")).toEqual({
      "aideploy:file": "deployments.yaml",
      "aideploy:environment": "dev",
      "azure-native:location": "eastus2",
    });
    const run = await runPulumiProgram({ projectDir: repoRoot, stack: "dev", dryRun: true });
    const { invocation } = run;
    expect(invocation.args.slice(0, 2)).toEqual(["--require", "tsx/cjs"]);
    expect(invocation.args[2]).toBe(require.resolve("@pulumi/pulumi/cmd/run"));
    expect(invocation.args).toContain("--dry-run");
    expect(invocation.args.at(-1)).toBe("index.ts");
    expect(invocation.cwd).toBe(path.join(repoRoot, "infra"));
    expect(JSON.parse(invocation.env.PULUMI_CONFIG ?? "")).toEqual({
      "aideploy:config:file": "deployments.yaml",
      "aideploy:config:environment": "dev",
      "azure-native:config:location": "eastus2",
    });
    expect(invocation.env.PULUMI_NODEJS_TYPESCRIPT).toBeUndefined();
    // A preview: the program still registers the whole graph, with nothing known about ids yet.
    expectCleanRun(run);
    expectGraphRegistered(run, planned("deployments.yaml", "dev"), "dev");
    expect(run.engine.customResources().every((r) => r.id === "")).toBe(true);
  });

  for (const stack of ["dev", "prod"]) {
    it(`stack ${stack}: the monitor receives exactly the graph, dependencies and options, and the outputs`, async () => {
      const run = await runPulumiProgram({ projectDir: repoRoot, stack });
      expectCleanRun(run);
      const plan = planned("deployments.yaml", stack);
      expect(plan.graph.environment).toBe(stack);
      expectGraphRegistered(run, plan, stack);
      expectOutputs(run, plan);
      const accounts = (run.engine.stackOutputs() as { accounts: Record<string, Record<string, unknown>> })
        .accounts;
      const subdomain = stack === "dev" ? "contoso-ai-swc-dev" : "contoso-ai-swc";
      expect(accounts.swedencentral).toMatchObject({
        openAiV1BaseUrl: `https://${subdomain}.openai.azure.com/openai/v1/`,
        modelInferenceEndpoint: `https://${subdomain}.services.ai.azure.com/models`,
        inferenceEndpoint: `https://${subdomain}.services.ai.azure.com/models`,
      });
      const custom = run.engine.customResources();
      const isProtected = (type: string) =>
        custom
          .filter((r) => r.type === `azure-native:cognitiveservices:${type}`)
          .map((r) => r.protect === true);
      if (stack === "prod") {
        // The prod environment has `protect: true`: deployments and content filters are protected; both
        // are written through the generic resource at 2026-09-01.
        const generic = custom.filter((r) => r.type === "azure-native:resources:Resource");
        const ofType = (resourceType: string) =>
          generic.filter((r) => r.inputs.resourceType === resourceType);
        expect(ofType("deployments")).toHaveLength(13);
        expect(ofType("raiPolicies")).toHaveLength(3);
        expect(generic).toHaveLength(16);
        expect(generic.every((r) => r.protect === true && r.inputs.apiVersion === "2026-09-01")).toBe(true);
        expect(isProtected("Deployment")).toEqual([]);
        expect(isProtected("RaiPolicy")).toEqual([]);
        expect(isProtected("RaiBlocklistItem").some(Boolean)).toBe(false);
      } else {
        expect(custom.some((r) => r.protect === true)).toBe(false);
        expect(custom.map((r) => r.name)).not.toContain("eastus2/deployment/gpt-4o-ptu");
        expect(custom.find((r) => r.name === "eastus2")?.inputs.accountName).toBe("contoso-ai-eus2-dev");
      }
      // Only created accounts are retained in Azure; nothing is imported from the bundled file.
      expect(custom.filter((r) => r.retainOnDelete === true).map((r) => r.type)).toEqual([
        "azure-native:cognitiveservices:Account",
        "azure-native:cognitiveservices:Account",
      ]);
      expect(custom.some((r) => r.importId !== "")).toBe(false);
    });
  }

  it("carries import ids and retainOnDelete from another file (aideploy:file, environment from the stack name)", async () => {
    const file = tempFile(
      "adopted.yaml",
      `version: 1
subscription: 11111111-1111-1111-1111-111111111111
accounts:
  main:
    name: legacy-ai
    resourceGroup: rg-legacy
    location: westeurope
    create: true
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
    items: [forbidden, { pattern: "proj-[0-9]+", regex: true }]
environments:
  keep:
    retainOnDelete: true
`,
    );
    const run = await runPulumiProgram({
      projectDir: repoRoot,
      stack: "keep",
      config: { "aideploy:file": file },
    });
    expectCleanRun(run);
    const plan = planned(file, "keep");
    expectGraphRegistered(run, plan, "keep");
    expectOutputs(run, plan);
    const custom = run.engine.customResources();
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.every((r) => r.retainOnDelete === true)).toBe(true);
    expect(custom.some((r) => r.protect === true)).toBe(false);
    const imported = Object.fromEntries(
      custom.filter((r) => r.importId !== "").map((r) => [r.name, r.importId]),
    );
    expect(imported).toEqual({
      "main/deployment/chat":
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-legacy/providers/Microsoft.CognitiveServices/accounts/legacy-ai/deployments/chat",
      "main/content-filter/adopted":
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-legacy/providers/Microsoft.CognitiveServices/accounts/legacy-ai/raiPolicies/adopted",
    });
    // An adopted resource is known by its Azure id from the start.
    expect(custom.find((r) => r.name === "main/deployment/chat")?.id).toBe(imported["main/deployment/chat"]);
  });

  it("registers the subscription RAI policy as the typed SubscriptionRaiPolicy, on its own, protected in prod", async () => {
    const file = tempFile(
      "baseline.yaml",
      `version: 1
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
  name: org-baseline
  prompt: { hate: medium, jailbreak: block }
  import: /subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.CognitiveServices/raiPolicy/org-baseline
environments:
  prod:
    protect: true
`,
    );
    const run = await runPulumiProgram({
      projectDir: repoRoot,
      stack: "prod",
      config: { "aideploy:file": file },
    });
    expectCleanRun(run);
    const plan = planned(file, "prod");
    expectGraphRegistered(run, plan, "prod");
    const baselines = run.engine
      .customResources()
      .filter((r) => r.type === "azure-native:cognitiveservices:SubscriptionRaiPolicy");
    expect(baselines).toHaveLength(1);
    const [baseline] = baselines;
    expect(baseline?.urn).toBe(
      "urn:pulumi:prod::aideploy::aideploy:index:AiDeployments$azure-native:cognitiveservices:SubscriptionRaiPolicy::subscription/rai-policy/org-baseline",
    );
    expect(baseline?.inputs).toEqual({
      raiPolicyName: "org-baseline",
      properties: {
        basePolicyName: "Microsoft.DefaultV2",
        mode: "Default",
        contentFilters: [
          { name: "Hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
          { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
        ],
      },
    });
    // Neither waits for the other: the baseline is in no account's write chain.
    expect(baseline?.dependencies).toEqual([]);
    expect(baseline?.protect).toBe(true);
    expect(baseline?.importId).toBe(
      "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.CognitiveServices/raiPolicy/org-baseline",
    );
  });

  it("registers a project connection as the typed ProjectConnection, its API key a secret from the stack's config", async () => {
    const file = tempFile(
      "connections.yaml",
      `version: 1
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
            metadata: { ApiType: Azure }
defaults:
  sku: GlobalStandard
  capacity: 10
deployments:
  - name: gpt-4o
    account: east
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
environments:
  conn: {}
`,
    );
    const run = await runPulumiProgram({
      projectDir: repoRoot,
      stack: "conn",
      config: { "aideploy:file": file, "aideploy:searchKey": "k-456" },
      secretKeys: ["aideploy:searchKey"],
    });
    expectCleanRun(run);
    const plan = planned(file, "conn");
    expectGraphRegistered(run, plan, "conn");
    expectOutputs(run, plan);
    const connection = run.engine
      .customResources()
      .find((r) => r.type === "azure-native:cognitiveservices:ProjectConnection");
    expect(connection?.name).toBe("east/project/chat-app/connection/search");
    expect(connection?.dependencies).toEqual([
      run.engine.customResources().find((r) => r.name === "east/project/chat-app")?.urn,
    ]);
    expect(connection?.inputs).toEqual({
      accountName: "contoso-east",
      resourceGroupName: "rg-ai",
      projectName: "chat-app",
      connectionName: "search",
      // Only the key travels as a secret; the rest of the connection stays readable in the engine's state.
      properties: {
        authType: "ApiKey",
        category: "CognitiveSearch",
        target: "https://contoso-search.search.windows.net",
        metadata: { ApiType: "Azure" },
        credentials: { key: new SecretValue("k-456") },
      },
    });
    expect(JSON.stringify(run.engine.stackOutputs())).not.toContain("k-456");
  });

  it("a broken deployments file: non-zero exit, the diagnostics in the engine log, no stack trace", async () => {
    const file = tempFile(
      "broken.yaml",
      `version: 1
subscription: 11111111-1111-1111-1111-111111111111
accounts:
  main:
    name: legacy-ai
    resourceGroup: rg-legacy
    customSubDomian: legacy-ai
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    capacity: 10
`,
    );
    const run = await runPulumiProgram({
      projectDir: repoRoot,
      stack: "prod",
      config: { "aideploy:file": file },
    });
    // 32: the program already told the user what went wrong; the CLI adds nothing.
    expect(run.exitCode, describeRun(run)).toBe(32);
    expect(run.timedOut).toBe(false);
    const errors = run.engine.logs.filter((l) => l.severity === "error").map((l) => l.message);
    expect(errors).toEqual([
      `${file}:7:5: error schema/unknown-key unknown key "customSubDomian" in accounts.main (did you mean "customSubDomain"?)`,
      "deployments file has errors; run `npx aideploy validate` for details",
    ]);
    for (const log of run.engine.logs.filter((l) => l.severity !== "debug")) {
      expect(log.message).not.toMatch(stackFrame);
    }
    expect(run.stderr).not.toMatch(stackFrame);
    expect(run.stdout).not.toMatch(stackFrame);
    expect(run.engine.customResources()).toEqual([]);
    expect(run.engine.violations).toEqual([]);
  });
});
