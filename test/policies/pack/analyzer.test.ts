// The CrossGuard pack as `pulumi preview --policy-pack policies` runs it: started by @pulumi/pulumi's
// run-policy-pack in policies/ (TypeScript loaded by the pack's index.js), then driven over gRPC the way the
// engine drives an analyzer. Requests carry the inputs of the bundled deployments.yaml's planned resources.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ResourceGraph, ResourceNode } from "../../../infra/graph";
import { evaluateGraphPolicies } from "../../../policies/evaluate-plan";
import type { ProjectPolicy } from "../../../policies/policy";
import { projectPolicies } from "../../../policies/registry";
import { resolvePolicySettings } from "../../../policies/settings";
import { repoRoot } from "../../support/paths";
import { estateText, planText } from "../../support/plan";
import {
  type AnalyzeDiagnostic,
  type AnalyzedResource,
  AnalyzerDriver,
  engineConfiguration,
  launchPack,
  type RunningPack,
  resourcesOfNodes,
  type StandInEngine,
  startEngine,
} from "../../support/policy-analyzer";

const packDir = path.join(repoRoot, "policies");
const packVersion = (
  JSON.parse(readFileSync(path.join(packDir, "package.json"), "utf8")) as { version: string }
).version;
const policySdkVersion = (
  JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@pulumi/policy/package.json"), "utf8")) as {
    version: string;
  }
).version.replace(/^v/, "");

const policies = projectPolicies();
const policy = (name: string): ProjectPolicy => {
  const found = policies.find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
};

/** The bundled file planned for the protected `prod` environment: deployments and filters carry `protect`. */
const prod = planText(estateText(), "prod");

function node(graph: ResourceGraph, name: string): ResourceNode {
  const found = graph.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
}

/** A copy of a graph with one node's inputs changed. */
function changed(
  graph: ResourceGraph,
  name: string,
  change: (inputs: Record<string, unknown>) => void,
): ResourceGraph {
  node(graph, name);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.name !== name) return n;
      const copy = structuredClone(n);
      change(copy.inputs as unknown as Record<string, unknown>);
      return copy;
    }),
  };
}

const propertiesOf = (inputs: Record<string, unknown>) => inputs.properties as Record<string, unknown>;

function resource(graph: ResourceGraph, name: string): AnalyzedResource {
  const found = resourcesOfNodes(graph.nodes).find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
}

/** The message CrossGuard shows: the policy's description, then what the pack reported. */
function packMessage(name: string, report: string): string {
  const p = policy(name);
  return `${p.description} [${p.id}]\n${p.id} ${report}. ${p.remediation}`;
}

let engine: StandInEngine | undefined;
let pack: RunningPack | undefined;
let driver: AnalyzerDriver | undefined;

/** Starts the stand-in engine and the pack, connects, and configures the pack as the engine would. */
async function startPack(userConfig: Record<string, unknown> = {}) {
  engine = await startEngine();
  pack = await launchPack(packDir, engine.address);
  driver = new AnalyzerDriver(pack.address);
  const info = await driver.analyzerInfo();
  await driver.configure(engineConfiguration(info, userConfig));
  return { driver, info, pack };
}

afterEach(async () => {
  driver?.close();
  await pack?.stop();
  await engine?.close();
  if (engine) expect(engine.logs.filter((l) => l.severity === "error")).toEqual([]);
  driver = undefined;
  pack = undefined;
  engine = undefined;
});

describe("the pack started by run-policy-pack", () => {
  it("prints its port quickly, although it is TypeScript (index.js hands .ts files to tsx)", async () => {
    const { driver, pack } = await startPack();
    expect(pack.startupMs).toBeLessThan(15_000);
    expect(await driver.pluginVersion()).toBe(policySdkVersion);
    expect(pack.stderr()).toBe("");
  });

  it("describes every registered policy: name, enforcement, type, severity, remediation", async () => {
    const { info } = await startPack();
    expect([info.name, info.version, info.supportsConfig]).toEqual(["aideploy", packVersion, true]);
    expect(info.description).toContain("Azure Policy rules");
    expect(info.policies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
    const stackTyped = new Set([
      "approved-registry-models",
      "content-filter-on-account",
      "account-capacity-cap",
    ]);
    for (const p of policies) {
      const described = info.policies.find((x) => x.name === p.name);
      expect(described).toMatchObject({
        description: `${p.description} [${p.id}]`,
        // A policy the context switches off elsewhere is registered at the level it has where it applies.
        enforcementLevel: resolvePolicySettings(p, {}, { protect: true }).enforcement,
        type: stackTyped.has(p.name) ? "stack" : "resource",
        severity: p.severity,
        remediationSteps: p.remediation,
      });
    }
    const levels = Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]));
    expect(levels).toMatchObject({
      "local-auth-disabled": "mandatory",
      "managed-identity": "advisory",
      "pinned-model-version": "mandatory",
      "content-filter-on-account": "mandatory",
      "account-capacity-cap": "advisory",
    });
  });

  it("publishes each policy's parameters as a config schema with Azure's defaults", async () => {
    const { info } = await startPack();
    const schema = (name: string) => info.policies.find((p) => p.name === name)?.configSchema;
    expect(schema("approved-models")).toEqual({
      effect: { type: "string", default: "Deny", enum: ["Audit", "Deny", "Disabled"] },
      allowedModels: { type: "array", default: ["*/*/*"] },
    });
    expect(schema("deployment-capacity-cap")).toMatchObject({
      maxTokenCapacity: { type: "integer", default: 1000 },
      maxProvisionedCapacity: { type: "integer", default: 1000 },
    });
    expect(schema("prompt-shields")).toMatchObject({
      requiredShields: { type: "array", default: ["Jailbreak"] },
      allowedBlocking: { type: "array", default: [true] },
    });
    // The engine fills schema defaults in as configured values; an effect default would beat the context.
    expect(schema("pinned-model-version")).toEqual({
      effect: { type: "string", enum: ["Audit", "Deny", "Disabled"] },
      allowedUpgradeOptions: { type: "array", default: ["NoAutoUpgrade"] },
    });
    expect(schema("account-capacity-cap")).toEqual({
      maxAccountTokenCapacity: { type: "number", default: 5000 },
      maxAccountProvisionedCapacity: { type: "number", default: 2000 },
    });
    expect(schema("content-filter-on-account")).toEqual({});
  });
});

describe("Analyze, one resource at a time", () => {
  it("passes the bundled file's compliant account, filter and deployment", async () => {
    const { driver } = await startPack();
    for (const name of ["eastus2", "eastus2/content-filter/strict", "eastus2/deployment/gpt-4o"]) {
      expect({ name, ...(await driver.analyze(resource(prod.graph, name))) }).toMatchObject({
        name,
        diagnostics: [],
      });
    }
  });

  it("reports a deployment over the capacity cap as mandatory", async () => {
    const { driver } = await startPack();
    const graph = changed(prod.graph, "eastus2/deployment/gpt-4o", (inputs) => {
      inputs.sku = { name: "GlobalStandard", capacity: 2000 };
    });
    const target = resource(graph, "eastus2/deployment/gpt-4o");
    const { diagnostics } = await driver.analyze(target);
    expect(diagnostics).toEqual([
      {
        policyName: "deployment-capacity-cap",
        policyPackName: "aideploy",
        policyPackVersion: packVersion,
        description: `${policy("deployment-capacity-cap").description} [AID-DEP-005]`,
        message: packMessage(
          "deployment-capacity-cap",
          "deployment gpt-4o on contoso-ai-eus2 (OpenAI gpt-4o 2024-11-20, GlobalStandard × 2000): does not comply (effect deny)",
        ),
        enforcementLevel: "mandatory",
        urn: "",
        severity: "medium",
      },
    ]);
  });

  it("reports an account with disableLocalAuth false as mandatory", async () => {
    const { driver } = await startPack();
    const graph = changed(prod.graph, "eastus2", (inputs) => {
      propertiesOf(inputs).disableLocalAuth = false;
    });
    const { diagnostics } = await driver.analyze(resource(graph, "eastus2"));
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message])).toEqual([
      [
        "local-auth-disabled",
        "mandatory",
        packMessage("local-auth-disabled", "account contoso-ai-eus2: does not comply (effect deny)"),
      ],
    ]);
  });

  it("enforces pinned-model-version on protected resources only, despite the engine's schema defaults", async () => {
    const { driver } = await startPack();
    const graph = changed(prod.graph, "eastus2/deployment/gpt-4o", (inputs) => {
      propertiesOf(inputs).versionUpgradeOption = "OnceNewDefaultVersionAvailable";
    });
    const target = resource(graph, "eastus2/deployment/gpt-4o");
    expect(target.protect).toBe(true);
    const protectedResult = await driver.analyze(target);
    expect(protectedResult.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message])).toEqual([
      [
        "pinned-model-version",
        "mandatory",
        packMessage(
          "pinned-model-version",
          "deployment gpt-4o on contoso-ai-eus2 (OpenAI gpt-4o 2024-11-20, GlobalStandard × 150): does not comply (effect deny)",
        ),
      ],
    ]);
    const unprotected = await driver.analyze({ ...target, protect: false });
    expect(unprotected.diagnostics).toEqual([]);
  });

  it("Configure sets parameters and levels: an allow-list, advisory, and a policy switched off", async () => {
    const { driver } = await startPack({
      "approved-models": { enforcementLevel: "advisory", allowedModels: ["OpenAI/gpt-4o-mini/*"] },
      "local-auth-disabled": "disabled",
    });
    const gpt4o = await driver.analyze(resource(prod.graph, "eastus2/deployment/gpt-4o"));
    expect(gpt4o.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message])).toEqual([
      [
        "approved-models",
        "advisory",
        packMessage(
          "approved-models",
          "deployment gpt-4o on contoso-ai-eus2 (OpenAI gpt-4o 2024-11-20, GlobalStandard × 150): does not comply (effect deny)",
        ),
      ],
    ]);
    expect(
      (await driver.analyze(resource(prod.graph, "eastus2/deployment/gpt-4o-mini"))).diagnostics,
    ).toEqual([]);
    const keys = changed(prod.graph, "eastus2", (inputs) => {
      propertiesOf(inputs).disableLocalAuth = false;
    });
    expect((await driver.analyze(resource(keys, "eastus2"))).diagnostics).toEqual([]);
  });

  it('Configure with {"all": "advisory"} downgrades every finding', async () => {
    const { driver } = await startPack({ all: "advisory" });
    const graph = changed(prod.graph, "eastus2", (inputs) => {
      propertiesOf(inputs).disableLocalAuth = false;
    });
    const { diagnostics } = await driver.analyze(resource(graph, "eastus2"));
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["local-auth-disabled", "advisory"],
    ]);
  });
});

/** A diagnostic as `policy|resource|level`, naming the resource by its URN's last segment. */
function finding(d: AnalyzeDiagnostic, fallback?: string): string {
  const name = d.urn === "" ? fallback : d.urn.split("::").pop();
  return `${d.policyName}|${name}|${d.enforcementLevel}`;
}

describe("AnalyzeStack, over every resource", () => {
  it("passes the bundled stack", async () => {
    const { driver } = await startPack();
    expect((await driver.analyzeStack(resourcesOfNodes(prod.graph.nodes))).diagnostics).toEqual([]);
  });

  it("data plane: models of publishers not allowed, unless an asset id prefix admits them", async () => {
    const { driver } = await startPack({
      "approved-registry-models": {
        allowedPublishers: ["OpenAI"],
        allowedAssetIds: ["azureml://registries/azureml-cohere/*"],
      },
    });
    const { diagnostics } = await driver.analyzeStack(resourcesOfNodes(prod.graph.nodes));
    expect(diagnostics.map((d) => finding(d)).sort()).toEqual(
      [
        "eastus2/deployment/deepseek-r1",
        "swedencentral/deployment/llama-3-3-70b",
        "swedencentral/deployment/mistral-large",
        "swedencentral/deployment/phi-4",
      ].map((n) => `approved-registry-models|${n}|advisory`),
    );
    const mistral = diagnostics.find((d) => d.urn.endsWith("::swedencentral/deployment/mistral-large"));
    expect(mistral?.message).toBe(
      packMessage(
        "approved-registry-models",
        "deployment mistral-large on contoso-ai-swc (Mistral AI Mistral-Large-2411 2, GlobalStandard × 1): does not comply (effect audit)",
      ),
    );
  });

  it("cross-resource: a filter missing on one account, and an account over its capacity cap", async () => {
    const { driver } = await startPack({ "account-capacity-cap": { maxAccountTokenCapacity: 500 } });
    const graph: ResourceGraph = {
      ...prod.graph,
      nodes: prod.graph.nodes.filter((n) => n.name !== "swedencentral/content-filter/strict"),
    };
    const { diagnostics } = await driver.analyzeStack(resourcesOfNodes(graph.nodes));
    expect(diagnostics.map((d) => finding(d)).sort()).toEqual(
      [
        "account-capacity-cap|eastus2/deployment/gpt-4o|advisory",
        ...["gpt-4o", "gpt-4o-mini", "llama-3-3-70b", "mistral-large", "phi-4"].map(
          (d) => `content-filter-on-account|swedencentral/deployment/${d}|mandatory`,
        ),
      ].sort(),
    );
    expect(diagnostics.find((d) => d.policyName === "account-capacity-cap")?.message).toBe(
      `${policy("account-capacity-cap").description} [AID-STK-002]\nAID-STK-002 account "contoso-ai-eus2" adds up to 631 thousand tokens per minute, over the cap of 500. ${policy("account-capacity-cap").remediation}`,
    );
  });
});

describe("the pack and the offline check agree", () => {
  it("on a stack with violations of resource, data-plane and stack policies", async () => {
    const userConfig = {
      "approved-models": { allowedModels: ["OpenAI/*/*", "Cohere/*/*", "Meta/*/*"] },
      "approved-registry-models": { allowedPublishers: ["OpenAI", "Cohere", "Meta", "Microsoft"] },
      "account-capacity-cap": { maxAccountTokenCapacity: 500 },
      "managed-identity": "mandatory",
    };
    let graph = changed(prod.graph, "swedencentral", (inputs) => {
      delete inputs.identity;
      propertiesOf(inputs).disableLocalAuth = false;
    });
    graph = changed(graph, "eastus2/content-filter/relaxed-internal", (inputs) => {
      propertiesOf(inputs).mode = "Asynchronous_filter";
    });
    graph = changed(graph, "eastus2/deployment/gpt-4o-mini", (inputs) => {
      propertiesOf(inputs).versionUpgradeOption = "OnceCurrentVersionExpired";
    });

    const offline = evaluateGraphPolicies(graph, { context: { protect: true }, config: userConfig })
      .filter((r) => (r.outcome === "non-compliant" || r.outcome === "error") && r.enforcement !== "disabled")
      .map((r) => `${r.policy.name}|${r.resource.name}|${r.enforcement}`)
      .sort();
    expect(offline.length).toBeGreaterThanOrEqual(8);

    const { driver } = await startPack(userConfig);
    const resources = resourcesOfNodes(graph.nodes);
    const reported: string[] = [];
    for (const r of resources)
      reported.push(...(await driver.analyze(r)).diagnostics.map((d) => finding(d, r.name)));
    reported.push(...(await driver.analyzeStack(resources)).diagnostics.map((d) => finding(d)));
    expect(reported.sort()).toEqual(offline);
  });
});
