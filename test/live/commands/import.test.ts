import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { registerDrift } from "../../../cli/commands/drift";
import { registerImport } from "../../../cli/commands/import";
import { blocklistItemName, ResourceTypes } from "../../../infra/graph";
import { planFile, planLoaded } from "../../../infra/plan";
import { loadDeploymentsText } from "../../../loader/load";
import type { AccountRef } from "../../support/arm-emulator";
import { completeFilters, run, subscriptionId, useEmulator, withDeps, workspace } from "./support";

const account = { resourceGroup: "rg-ai", name: "contoso-ai-eus2", location: "eastus2" };
const importArgs = [
  "import",
  "--subscription",
  subscriptionId,
  "--resource-group",
  "rg-ai",
  "--account",
  account.name,
];
const registrations = [withDeps(registerImport)];

function sortedSet<T>(items: readonly T[]): string[] {
  return items.map((item) => JSON.stringify(item, Object.keys(item as object).sort())).sort();
}

describe("aideploy import", () => {
  const h = useEmulator({ pageSize: 2 });

  function seedAccount(): AccountRef {
    const ref = h.emulator.addAccount(account);
    h.emulator.addRaiPolicy(ref, "Microsoft.DefaultV2", {
      type: "SystemManaged",
      basePolicyName: "Microsoft.DefaultV2",
    });
    h.emulator.addRaiPolicy(ref, "strict", {
      basePolicyName: "Microsoft.DefaultV2",
      mode: "Blocking",
      contentFilters: completeFilters(),
      customBlocklists: [
        { blocklistName: "banned-terms", source: "Prompt", blocking: true },
        { blocklistName: "banned-terms", source: "Completion", blocking: true },
      ],
    });
    h.emulator.addRaiBlocklist(ref, "banned-terms", {
      description: "Terms never sent to a model",
      items: [
        { name: "i1", pattern: "contoso-secret" },
        { name: "i2", pattern: "proj-[0-9]{4}", isRegex: true },
        { name: blocklistItemName({ pattern: "forbidden", regex: false }), pattern: "forbidden" },
      ],
    });
    h.emulator.addDeployment(ref, {
      name: "gpt-4o",
      skuName: "GlobalStandard",
      capacity: 150,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: "strict", versionUpgradeOption: "NoAutoUpgrade" },
    });
    h.emulator.addDeployment(ref, {
      name: "gpt-4o-ptu",
      skuName: "GlobalProvisionedManaged",
      capacity: 50,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: {
        raiPolicyName: "strict",
        versionUpgradeOption: "OnceNewDefaultVersionAvailable",
        spilloverDeploymentName: "gpt-4o",
      },
    });
    h.emulator.addDeployment(ref, {
      name: "phi-4",
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "Microsoft", name: "Phi-4", version: "7", publisher: "Microsoft" },
      properties: { raiPolicyName: "Microsoft.DefaultV2", versionUpgradeOption: "OnceCurrentVersionExpired" },
      tags: { team: "search" },
    });
    return ref;
  }

  it("round trip: the imported file validates and plans exactly the live resources, each with its import id", async () => {
    const ref = seedAccount();
    const cwd = workspace();
    const result = await run([...importArgs, "--out", "imported.yaml"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(result.err).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.out).toBe("");
    const text = readFileSync(path.join(cwd, "imported.yaml"), "utf8");
    expect(text).toContain("create: false # exists in Azure");
    expect(text).toContain('model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }');

    const loaded = loadDeploymentsText("imported.yaml", text);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const planned = planLoaded(loaded, undefined);
    if (!planned.ok) throw new Error("the imported file does not plan");
    const nodes = planned.plan.graph.nodes;
    expect(nodes.some((node) => node.type === ResourceTypes.account)).toBe(false);

    const deployments = nodes.filter((node) => node.type === ResourceTypes.deployment);
    expect(deployments.map((node) => node.inputs.deploymentName).sort()).toEqual([
      "gpt-4o",
      "gpt-4o-ptu",
      "phi-4",
    ]);
    for (const node of deployments) {
      const live = h.emulator.deployment(ref, String(node.inputs.deploymentName));
      if (!live) throw new Error("missing live deployment");
      const inputs = node.inputs as unknown as {
        accountName: string;
        resourceGroupName: string;
        sku: unknown;
        properties: Record<string, unknown>;
        tags?: unknown;
      };
      expect(inputs.accountName).toBe(account.name);
      expect(inputs.resourceGroupName).toBe(account.resourceGroup);
      expect(inputs.sku).toEqual(live.sku);
      expect(inputs.properties.model).toEqual(live.properties.model);
      expect(inputs.properties.raiPolicyName).toBe(live.properties.raiPolicyName);
      expect(inputs.properties.versionUpgradeOption).toBe(live.properties.versionUpgradeOption);
      expect(inputs.properties.spilloverDeploymentName).toBe(live.properties.spilloverDeploymentName);
      expect(inputs.tags).toEqual(live.tags);
      expect(node.options.import).toBe(live.id);
    }

    const [filter] = nodes.filter((node) => node.type === ResourceTypes.contentFilter);
    const livePolicy = h.emulator.account(ref)?.raiPolicies.get("strict");
    const liveProperties = livePolicy?.properties as Record<string, unknown[]>;
    const planned_ = filter?.inputs.properties as unknown as Record<string, unknown[] | string>;
    expect(planned_.basePolicyName).toBe("Microsoft.DefaultV2");
    expect(planned_.mode).toBe("Blocking");
    expect(sortedSet(planned_.contentFilters as unknown[])).toEqual(
      sortedSet(liveProperties.contentFilters ?? []),
    );
    expect(sortedSet(planned_.customBlocklists as unknown[])).toEqual(
      sortedSet(liveProperties.customBlocklists ?? []),
    );
    expect(filter?.options.import).toBe(livePolicy?.id);

    const [blocklist] = nodes.filter((node) => node.type === ResourceTypes.blocklist);
    const liveBlocklist = h.emulator.account(ref)?.blocklists.get("banned-terms");
    expect(blocklist?.inputs.properties).toEqual({ description: "Terms never sent to a model" });
    expect(blocklist?.options.import).toBe(liveBlocklist?.resource.id);
    const items = nodes.filter((node) => node.type === ResourceTypes.blocklistItem);
    const liveItems = [...(liveBlocklist?.items.values() ?? [])].map((item) => item.properties);
    expect(sortedSet(items.map((node) => node.inputs.properties))).toEqual(sortedSet(liveItems));
    // Every item keeps its Azure name. Items Azure holds under other names than aideploy would give them
    // are adopted through ids derived from the blocklist's; content-named items are plain upserts.
    const liveNames = [...(liveBlocklist?.items.values() ?? [])].map((item) => String(item.name)).sort();
    expect(items.map((node) => node.inputs.raiBlocklistItemName).sort()).toEqual(liveNames);
    const derivedName = blocklistItemName({ pattern: "forbidden", regex: false });
    expect(liveNames).toContain(derivedName);
    for (const node of items) {
      const name = String(node.inputs.raiBlocklistItemName);
      const expected =
        name === derivedName ? undefined : `${liveBlocklist?.resource.id}/raiBlocklistItems/${name}`;
      expect(node.options.import, name).toBe(expected);
    }
    expect(liveNames.length).toBeGreaterThan(1);
    expect(result.err).not.toContain("item(s) have Azure names");
    // Paged reads: pageSize 2 means more than one page for deployments and policies.
    expect(h.emulator.requestsMatching({ method: "GET", pathPattern: "/deployments" }).length).toBe(2);
    expect(h.emulator.requests.every((request) => !request.hadAuthorization)).toBe(true);
  });

  /** Imports an account with one deployment whose Azure subdomain is `subdomain`; returns the folder. */
  async function importAccountWithSubdomain(subdomain: string): Promise<string> {
    const ref = h.emulator.addAccount({ ...account, properties: { customSubDomainName: subdomain } });
    h.emulator.addDeployment(ref, {
      name: "chat",
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: "Microsoft.DefaultV2", versionUpgradeOption: "NoAutoUpgrade" },
    });
    const cwd = workspace();
    const imported = await run([...importArgs, "--out", "deployments.yaml"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(imported.code).toBe(0);
    return cwd;
  }

  it("keeps an account subdomain that is not its name, so that drift on the imported file says nothing of the account", async () => {
    const cwd = await importAccountWithSubdomain("contoso-eus2-x7");
    expect(readFileSync(path.join(cwd, "deployments.yaml"), "utf8")).toContain(
      "customSubDomain: contoso-eus2-x7",
    );
    const drift = await run(["drift", "-f", "json"], [withDeps(registerDrift)], {
      cwd,
      emulator: h.emulator,
    });
    expect(drift.code).toBe(0);
    expect(JSON.parse(drift.out)).toMatchObject({ drift: [], information: [] });
  });

  it("writes the subdomain even when it equals the account name: the endpoints of an existing account come from it", async () => {
    const cwd = await importAccountWithSubdomain(account.name);
    expect(readFileSync(path.join(cwd, "deployments.yaml"), "utf8")).toContain(
      `customSubDomain: ${account.name}`,
    );
    const planned = planFile(path.join(cwd, "deployments.yaml"), "deployments.yaml", undefined);
    if (!planned.ok) throw new Error(planned.diagnostics.map((d) => d.message).join("\n"));
    expect(Object.values(planned.plan.outputs.accounts).map((a) => a.openAiV1BaseUrl)).toEqual([
      `https://${account.name}.openai.azure.com/openai/v1/`,
    ]);
  });

  it("prints the file on stdout without --out, and refuses to overwrite a file without --force", async () => {
    seedAccount();
    const cwd = workspace({ "deployments.yaml": "# mine\n" });
    const printed = await run(importArgs, registrations, { cwd, emulator: h.emulator });
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^# Imported by `aideploy import` from account contoso-ai-eus2/);
    expect(printed.out).toContain("subscription: 00000000-0000-0000-0000-000000000000");
    const refused = await run([...importArgs, "--out", "deployments.yaml"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(refused.code).toBe(2);
    expect(readFileSync(path.join(cwd, "deployments.yaml"), "utf8")).toBe("# mine\n");
    const forced = await run([...importArgs, "--out", "deployments.yaml", "--force"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(cwd, "deployments.yaml"), "utf8")).toBe(printed.out);
  });

  it("says what the file cannot express, in a comment and a diagnostic, instead of dropping it", async () => {
    const ref = h.emulator.addAccount(account);
    const filters = completeFilters({
      "Hate/Prompt": { blocking: false, severityThreshold: "Medium" },
    }).filter((entry) => !(entry.name === "Profanity" && entry.source === "Completion"));
    h.emulator.addRaiPolicy(ref, "loose", {
      basePolicyName: "Microsoft.DefaultV2",
      mode: "Default",
      contentFilters: [
        ...filters,
        { name: "Ungrounded Material", source: "Completion", enabled: true, blocking: true },
      ],
      customBlocklists: [{ blocklistName: "words", source: "Prompt", blocking: false }],
    });
    h.emulator.addRaiBlocklist(ref, "words", { items: [{ name: "a", pattern: "x" }] });
    h.emulator.addDeployment(ref, {
      name: "chat",
      skuName: "GlobalStandard",
      capacity: 10,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: "loose", capacitySettings: { designatedCapacity: 5 } },
    });
    const result = await run(importArgs, registrations, { cwd: workspace(), emulator: h.emulator });
    expect(result.code).toBe(0);
    const warnings = result.err.split("\n").filter((line) => line.includes("live/import-unexpressible"));
    const text = warnings.join("\n");
    // Annotate-only harm categories and categories Azure has no entry for are expressible: no note.
    expect(text).not.toContain("Hate on prompts");
    expect(text).not.toContain("Profanity");
    expect(result.out).toContain("hate: { threshold: medium, action: annotate }");
    expect(text).toContain("Azure has Ungrounded Material on completions");
    expect(text).toContain("blocklist words on prompts only annotates in Azure");
    expect(text).toContain(
      "properties.versionUpgradeOption: Azure has nothing, the file gives OnceCurrentVersionExpired",
    );
    expect(text).toContain('properties.capacitySettings: Azure has {"designatedCapacity":5}');
    // Each warning points at the line of the resource in the printed file.
    const lines = result.out.split("\n");
    const filterLine = lines.findIndex((line) => line.startsWith("  loose:")) + 1;
    expect(warnings.some((line) => line.startsWith(`<stdout>:${filterLine}:`))).toBe(true);
    expect(result.out).toContain('# WARNING: content filter "loose": Azure has Ungrounded Material');
  });

  it("does not write a file that would not validate (exit 1, with the reasons)", async () => {
    const ref = h.emulator.addAccount(account);
    h.emulator.addDeployment(ref, {
      name: "unfiltered",
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: "Microsoft.Nil" },
    });
    const cwd = workspace();
    const result = await run([...importArgs, "--out", "out.yaml"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(result.code).toBe(1);
    expect(existsSync(path.join(cwd, "out.yaml"))).toBe(false);
    expect(result.err).toContain("live/import-invalid");
    expect(result.err).toContain('content filter "Microsoft.Nil" is neither a custom filter');
  });

  it("retries a 409 RequestConflict and a throttled read, then succeeds", async () => {
    seedAccount();
    h.emulator.failNext({ method: "GET", pathPattern: "/raiPolicies", status: 409 });
    h.emulator.failNext({ method: "GET", pathPattern: "/raiBlocklists", status: 429, retryAfter: 0 });
    const result = await run(importArgs, registrations, { cwd: workspace(), emulator: h.emulator });
    expect(result.code).toBe(0);
    const policies = h.emulator.requestsMatching({ method: "GET", pathPattern: /\/raiPolicies$/ });
    expect(policies.map((request) => request.status)).toContain(409);
    expect(policies.filter((request) => request.status === 200).length).toBeGreaterThanOrEqual(1);
    const blocklists = h.emulator.requestsMatching({ method: "GET", pathPattern: /\/raiBlocklists$/ });
    expect(blocklists.map((request) => request.status)).toContain(429);
    expect(h.emulator.pendingFaults()).toBe(0);
  });

  it("turns a live failure into a live/ diagnostic with exit 1, without a stack trace", async () => {
    const result = await run(importArgs, registrations, { cwd: workspace(), emulator: h.emulator });
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toMatch(/^<stdout>:1:1: error live\/not-found Reading account contoso-ai-eus2/m);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it("exits 2 without a subscription or with an unsafe endpoint", async () => {
    const cwd = workspace();
    const noSubscription = await run(["import", "--resource-group", "rg", "--account", "a"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(noSubscription.code).toBe(2);
    expect(noSubscription.err).toContain("No Azure subscription is set");
    const badEndpoint = await run(importArgs, registrations, {
      cwd,
      env: { AIDEPLOY_ARM_ENDPOINT: "http://example.com" },
    });
    expect(badEndpoint.code).toBe(2);
    expect(badEndpoint.err).toContain("plain http");
    expect(h.emulator.requests).toHaveLength(0);
  });
});
