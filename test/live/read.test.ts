import { describe, expect, it } from "vitest";
import {
  getAccount,
  listDeployments,
  listLocationModels,
  listLocationUsages,
  listRaiBlocklists,
  listRaiPolicies,
  readAccountSnapshot,
} from "../../live/read";
import { loadReferenceExamples, seedFromReference } from "../support/arm-emulator";
import { useHarness } from "./harness";

describe("read helpers over the reference payloads", () => {
  const h = useHarness({ pageSize: 2 });

  it("reads an account as a plain record", async () => {
    const { account } = seedFromReference(h.emulator);
    expect(await getAccount(h.client, account)).toMatchObject({
      name: "accountName",
      resourceGroup: "resourceGroupName",
      location: "westus",
      customSubDomainName: "accountname",
      tags: {},
    });
  });

  it("returns deployments as plain records", async () => {
    const { account } = seedFromReference(h.emulator);
    const [deployment] = await listDeployments(h.client, account);
    expect(deployment).toEqual({
      id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroupName/providers/Microsoft.CognitiveServices/accounts/accountName/deployments/deploymentName",
      name: "deploymentName",
      sku: { name: "Standard", capacity: 1 },
      model: { format: "OpenAI", name: "ada", version: "1" },
      // The reference payload (API 2026-09-01) reports them; the SDK drops them, the raw response has them.
      serviceTier: "Default",
      deploymentState: "Running",
      tags: {},
    });
    expect(Object.getPrototypeOf(deployment)).toBe(Object.prototype);
  });

  it("reads content filters and blocklists with their items", async () => {
    const { account, raiPolicyName } = seedFromReference(h.emulator);
    h.emulator.addRaiBlocklist(account, "words", {
      description: "banned words",
      items: [
        { name: "i1", pattern: "foo" },
        { name: "i2", pattern: "ba[rz]", isRegex: true },
        { name: "i3", pattern: "qux" },
      ],
    });
    const [policy] = await listRaiPolicies(h.client, account);
    expect(policy).toMatchObject({
      name: raiPolicyName,
      type: "UserManaged",
      mode: "Asynchronous_filter",
      basePolicyName: "Microsoft.Default",
    });
    expect(policy?.contentFilters).toContainEqual({
      name: "Hate",
      source: "Completion",
      enabled: true,
      blocking: true,
      severityThreshold: "Medium",
    });
    const [blocklist] = await listRaiBlocklists(h.client, account);
    expect(blocklist?.description).toBe("banned words");
    expect(blocklist?.items).toEqual([
      { name: "i1", pattern: "foo", isRegex: false },
      { name: "i2", pattern: "ba[rz]", isRegex: true },
      { name: "i3", pattern: "qux", isRegex: false },
    ]);
    const snapshot = await readAccountSnapshot(h.client, account);
    expect(snapshot.deployments).toHaveLength(1);
    expect(snapshot.raiPolicies).toHaveLength(1);
    expect(snapshot.raiBlocklists[0]?.items).toHaveLength(3);
  });

  it("reads the whole model catalog of a location", async () => {
    const { location } = seedFromReference(h.emulator);
    const catalog = await listLocationModels(h.client, location);
    const reference = loadReferenceExamples().catalog.entries;
    expect(catalog).toHaveLength(reference.length);
    expect(h.emulator.requestsMatching({ pathPattern: "/models" }).length).toBe(
      Math.ceil(reference.length / 2),
    );
    const gpt4o = catalog.find((model) => model.name === "gpt-4o" && model.version === "2024-08-06");
    expect(gpt4o?.skus).toContainEqual({
      name: "Standard",
      usageName: "OpenAI.Standard.GPT4o",
      capacity: { minimum: 1, maximum: 100, step: 1, default: 10 },
    });
    const retired = catalog.find((model) => model.name === "gpt-35-turbo");
    expect(retired).toMatchObject({
      lifecycleStatus: "Deprecated",
      deprecation: { inference: "2025-04-30T00:00:00Z" },
    });
    expect(retired?.skus[0]?.deprecationDate).toBe("2025-02-13T00:00:00.000Z");
  });

  it("reads location usages", async () => {
    const { location } = seedFromReference(h.emulator);
    h.emulator.setQuotaLimit(
      location,
      "OpenAI.Standard.GPT4o",
      100,
      "Tokens Per Minute (thousands) - GPT-4o",
    );
    const usages = await listLocationUsages(h.client, location);
    expect(usages).toEqual([
      { name: "AccountCount", currentValue: 3, limit: 200 },
      { name: "OpenAI.Standard.GPT4o", currentValue: 0, limit: 100 },
    ]);
  });
});
