import type { Deployment } from "@azure/arm-cognitiveservices";
import { describe, expect, it } from "vitest";
import { withConflictRetry } from "../../live/connection";
import { describeLiveFailure } from "../../live/errors";
import { seedFromReference } from "../support/arm-emulator";
import { noPollDelay, useHarness } from "./harness";

const gpt4o = (capacity: number, version = "2024-08-06"): Deployment => ({
  sku: { name: "Standard", capacity },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version },
    raiPolicyName: "Microsoft.DefaultV2",
    versionUpgradeOption: "NoAutoUpgrade",
  },
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("deployments through the real SDK client", () => {
  const h = useHarness({ pageSize: 2, now: () => new Date("2025-11-01T00:00:00Z") });

  function seed() {
    return seedFromReference(h.emulator);
  }

  it("gets a seeded deployment and lists every page", async () => {
    const { account } = seed();
    for (const name of ["a", "b", "c"]) {
      h.emulator.addDeployment(account, {
        name,
        skuName: "Standard",
        capacity: 1,
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" },
      });
    }
    const got = await h.client.deployments.get(account.resourceGroup, account.accountName, "deploymentName");
    expect(got.properties?.model).toMatchObject({ format: "OpenAI", name: "ada", version: "1" });

    const names: string[] = [];
    for await (const deployment of h.client.deployments.list(account.resourceGroup, account.accountName)) {
      names.push(deployment.name ?? "");
    }
    expect(names.sort()).toEqual(["a", "b", "c", "deploymentName"]);
    const listCalls = h.emulator.requestsMatching({ method: "GET", pathPattern: /\/deployments$/ });
    expect(listCalls).toHaveLength(2);
    expect(listCalls[1]?.query.$skiptoken).toBe("2");
    expect(listCalls[1]?.query["api-version"]).toBe("2025-09-01");
  });

  it("creates a deployment through the Azure-AsyncOperation long-running operation", async () => {
    const { account } = seed();
    h.emulator.configure({ inProgressPolls: 2 });
    const created = await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      gpt4o(10),
      noPollDelay,
    );
    expect(created.properties?.provisioningState).toBe("Succeeded");
    expect(created.properties?.rateLimits).toContainEqual(
      expect.objectContaining({ key: "token", count: 10_000 }),
    );

    const methods = h.emulator.requests.map(
      (request) => `${request.method} ${request.status} ${request.path.split("/").slice(-2).join("/")}`,
    );
    const statusPolls = h.emulator.requestsMatching({ pathPattern: "/operationStatuses/" });
    expect(methods[0]).toBe("PUT 201 deployments/chat");
    expect(statusPolls.map((request) => request.status)).toEqual([200, 200, 200]);
    // The SDK reads the resource once the operation has succeeded.
    expect(methods.at(-1)).toBe("GET 200 deployments/chat");
  });

  it("updates capacity with PATCH (202 + Location polled until 200)", async () => {
    const { account } = seed();
    await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      gpt4o(10),
      noPollDelay,
    );
    h.emulator.clearRequests();

    const updated = await h.client.deployments.beginUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      { sku: { name: "Standard", capacity: 20 }, tags: { team: "search" } },
      noPollDelay,
    );
    expect(updated.sku?.capacity).toBe(20);
    expect(updated.tags).toEqual({ team: "search" });
    const [patch, ...polls] = h.emulator.requests;
    expect(patch?.method).toBe("PATCH");
    expect(patch?.status).toBe(202);
    expect(patch?.body).toEqual({ sku: { name: "Standard", capacity: 20 }, tags: { team: "search" } });
    expect(polls.map((request) => request.status)).toEqual([202, 200]);
    expect(h.emulator.deployment(account, "chat")?.sku.capacity).toBe(20);
  });

  it("updates an existing deployment with PUT (200 + Azure-AsyncOperation)", async () => {
    const { account } = seed();
    await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      gpt4o(10),
      noPollDelay,
    );
    h.emulator.clearRequests();
    const updated = await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      gpt4o(12),
      noPollDelay,
    );
    expect(updated.sku?.capacity).toBe(12);
    expect(h.emulator.requests[0]).toMatchObject({ method: "PUT", status: 200 });
    expect(h.emulator.requestsMatching({ pathPattern: "/operationStatuses/" }).length).toBeGreaterThan(0);
  });

  it("fills in the version Azure picks when none is sent", async () => {
    const { account } = seed();
    const created = await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      { sku: { name: "Standard", capacity: 1 }, properties: { model: { format: "OpenAI", name: "gpt-4o" } } },
      noPollDelay,
    );
    expect(created.properties?.model?.version).toBe("2024-08-06");
  });

  it("deletes a deployment (202 + Location polled until 204)", async () => {
    const { account } = seed();
    await h.client.deployments.beginDeleteAndWait(
      account.resourceGroup,
      account.accountName,
      "deploymentName",
      noPollDelay,
    );
    expect(h.emulator.deployment(account, "deploymentName")).toBeUndefined();
    expect(h.emulator.requests.map((request) => request.status)).toEqual([202, 202, 204]);
    const missing = await failureOf(
      h.client.deployments.get(account.resourceGroup, account.accountName, "deploymentName"),
    );
    expect(describeLiveFailure(missing)).toMatchObject({
      code: "live/not-found",
      azureCode: "DeploymentNotFound",
    });
  });

  it("deletes at once when configured to answer 200 or 204", async () => {
    const { account } = seed();
    h.emulator.configure({ delete: "sync204" });
    await h.client.deployments.beginDeleteAndWait(
      account.resourceGroup,
      account.accountName,
      "deploymentName",
      noPollDelay,
    );
    expect(h.emulator.requests.map((request) => request.status)).toEqual([204]);
  });

  it("refuses a second write under the account while the first runs, and the bounded retry succeeds", async () => {
    const { account } = seed();
    h.emulator.configure({ inProgressPolls: 3 });
    const first = await h.client.deployments.beginCreateOrUpdate(
      account.resourceGroup,
      account.accountName,
      "one",
      gpt4o(5),
      noPollDelay,
    );

    const refused = await failureOf(
      h.client.deployments.beginCreateOrUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "two",
        gpt4o(5),
        noPollDelay,
      ),
    );
    const described = describeLiveFailure(refused);
    expect(described.code).toBe("live/request-conflict");
    expect(described.message).toContain("Another operation is being performed on the parent resource");

    const retries: number[] = [];
    const [, second] = await Promise.all([
      first.pollUntilDone(),
      withConflictRetry(
        () =>
          h.client.deployments.beginCreateOrUpdateAndWait(
            account.resourceGroup,
            account.accountName,
            "two",
            gpt4o(5),
            noPollDelay,
          ),
        {
          maxAttempts: 10,
          initialDelayInMs: 5,
          maxDelayInMs: 20,
          onRetry: ({ attempt }) => retries.push(attempt),
        },
      ),
    ]);
    expect(second.properties?.provisioningState).toBe("Succeeded");
    expect(
      h.emulator
        .requestsMatching({ method: "PUT", pathPattern: "/deployments/two" })
        .filter((r) => r.status === 409).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it("gives up on 409 after the configured number of attempts", async () => {
    const { account } = seed();
    h.emulator.failNext({ method: "PUT", pathPattern: "/deployments/chat", status: 409, times: 5 });
    const error = await failureOf(
      withConflictRetry(
        () =>
          h.client.deployments.beginCreateOrUpdateAndWait(
            account.resourceGroup,
            account.accountName,
            "chat",
            gpt4o(5),
            noPollDelay,
          ),
        { maxAttempts: 3, initialDelayInMs: 1 },
      ),
    );
    expect(describeLiveFailure(error).code).toBe("live/request-conflict");
    expect(h.emulator.requestsMatching({ method: "PUT" })).toHaveLength(3);
  });

  it("refuses a deployment beyond the quota with InsufficientQuota and the numbers", async () => {
    const { account, location } = seed();
    h.emulator.setQuotaLimit(location, "OpenAI.Standard.GPT4o", 30);
    await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      gpt4o(20),
      noPollDelay,
    );

    const error = await failureOf(
      h.client.deployments.beginCreateOrUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "chat-2",
        gpt4o(15),
        noPollDelay,
      ),
    );
    const described = describeLiveFailure(error, { action: 'Creating deployment "chat-2"' });
    expect(described).toMatchObject({
      code: "live/insufficient-quota",
      azureCode: "InsufficientQuota",
      statusCode: 400,
    });
    expect(described.message).toContain('Creating deployment "chat-2" failed:');
    expect(described.message).toContain(
      "This operation require 15 new capacity in quota Tokens Per Minute (thousands) - gpt-4o, which is bigger than the current available capacity 10. The current quota usage is 20 and the quota limit is 30",
    );
    expect(h.emulator.deployment(account, "chat-2")).toBeUndefined();
  });

  it("counts only the increase when an existing deployment grows", async () => {
    const { account, location } = seed();
    h.emulator.setQuotaLimit(location, "OpenAI.Standard.GPT4o", 30);
    await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      gpt4o(20),
      noPollDelay,
    );
    await h.client.deployments.beginUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      { sku: { name: "Standard", capacity: 30 } },
      noPollDelay,
    );
    const error = await failureOf(
      h.client.deployments.beginUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "chat",
        { sku: { name: "Standard", capacity: 31 } },
        noPollDelay,
      ),
    );
    expect(describeLiveFailure(error).message).toContain("This operation require 1 new capacity");
  });

  it.each([
    ["an unknown model", gpt4o(10, "2099-01-01")],
    [
      "a retired model version",
      {
        sku: { name: "Standard", capacity: 10 },
        properties: { model: { format: "OpenAI", name: "gpt-35-turbo", version: "0301" } },
      },
    ],
    [
      "a deployment type the model does not offer",
      {
        sku: { name: "GlobalBatch", capacity: 10 },
        properties: { model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" } },
      },
    ],
  ] as [string, Deployment][])("refuses %s with DeploymentModelNotSupported", async (_label, deployment) => {
    const { account } = seed();
    const error = await failureOf(
      h.client.deployments.beginCreateOrUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "x",
        deployment,
        noPollDelay,
      ),
    );
    expect(describeLiveFailure(error)).toMatchObject({
      code: "live/model-not-supported",
      azureCode: "DeploymentModelNotSupported",
    });
  });

  it("refuses a capacity off the sku's step with InvalidResourceProperties", async () => {
    const { account } = seed();
    const error = await failureOf(
      h.client.deployments.beginCreateOrUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "ptu",
        {
          sku: { name: "provisioned", capacity: 75 },
          properties: { model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" } },
        },
        noPollDelay,
      ),
    );
    const described = describeLiveFailure(error);
    expect(described).toMatchObject({
      code: "live/invalid-properties",
      azureCode: "InvalidResourceProperties",
    });
    expect(described.message).toContain("multiple of 50");
  });

  it("refuses a deployment naming a content filter the account lacks", async () => {
    const { account } = seed();
    const deployment = gpt4o(10);
    if (deployment.properties) deployment.properties.raiPolicyName = "strict";
    const error = await failureOf(
      h.client.deployments.beginCreateOrUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "chat",
        deployment,
        noPollDelay,
      ),
    );
    expect(describeLiveFailure(error).message).toContain("RAI policy 'strict' was not found");
  });

  it("reports a failed operation as live/operation-failed and leaves the deployment Failed", async () => {
    const { account } = seed();
    h.emulator.failNextOperation({
      pathPattern: "/deployments/chat",
      code: "InternalError",
      message: "The model could not be loaded.",
    });
    const error = await failureOf(
      h.client.deployments.beginCreateOrUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "chat",
        gpt4o(10),
        noPollDelay,
      ),
    );
    expect(String(error)).toContain(
      "The long-running operation has failed. InternalError. The model could not be loaded.",
    );
    expect(describeLiveFailure(error)).toMatchObject({
      code: "live/operation-failed",
      azureCode: "InternalError",
      message: "the operation ended in failure: The model could not be loaded. (InternalError)",
    });
    expect(h.emulator.deployment(account, "chat")?.properties.provisioningState).toBe("Failed");
  });

  it("reports a failed PATCH (Location poll answering an error) and keeps the previous deployment", async () => {
    const { account } = seed();
    h.emulator.failNextOperation({
      method: "PATCH",
      code: "CapacityNotAvailable",
      message: "No capacity in region.",
      httpStatus: 409,
    });
    const error = await failureOf(
      h.client.deployments.beginUpdateAndWait(
        account.resourceGroup,
        account.accountName,
        "deploymentName",
        { sku: { name: "Standard", capacity: 2 } },
        noPollDelay,
      ),
    );
    expect(describeLiveFailure(error)).toMatchObject({ azureCode: "CapacityNotAvailable", statusCode: 409 });
    expect(h.emulator.deployment(account, "deploymentName")?.sku.capacity).toBe(1);
  });
});

describe("content filters and blocklists through the real SDK client", () => {
  const h = useHarness();

  it("puts synchronously (201 then 200), lists, and deletes through a long-running operation", async () => {
    const { account, raiPolicyName } = seedFromReference(h.emulator);
    const { resourceGroup, accountName } = account;
    const existing = await h.client.raiPolicies.get(resourceGroup, accountName, raiPolicyName);
    expect(existing.properties?.contentFilters).toHaveLength(12);

    const policy = {
      properties: { basePolicyName: "Microsoft.DefaultV2", mode: "Blocking" as const, contentFilters: [] },
    };
    await h.client.raiPolicies.createOrUpdate(resourceGroup, accountName, "strict", policy);
    await h.client.raiPolicies.createOrUpdate(resourceGroup, accountName, "strict", policy);
    expect(h.emulator.requestsMatching({ method: "PUT" }).map((request) => request.status)).toEqual([
      201, 200,
    ]);

    await h.client.raiBlocklists.createOrUpdate(resourceGroup, accountName, "words", {
      properties: { description: "banned" },
    });
    await h.client.raiBlocklistItems.createOrUpdate(resourceGroup, accountName, "words", "w1", {
      properties: { pattern: "foo", isRegex: false },
    });
    const items = [];
    for await (const item of h.client.raiBlocklistItems.list(resourceGroup, accountName, "words"))
      items.push(item);
    expect(items.map((item) => item.properties?.pattern)).toEqual(["foo"]);

    await h.client.raiBlocklistItems.beginDeleteAndWait(
      resourceGroup,
      accountName,
      "words",
      "w1",
      noPollDelay,
    );
    await h.client.raiBlocklists.beginDeleteAndWait(resourceGroup, accountName, "words", noPollDelay);
    await h.client.raiPolicies.beginDeleteAndWait(resourceGroup, accountName, "strict", noPollDelay);
    const policies = [];
    for await (const item of h.client.raiPolicies.list(resourceGroup, accountName)) policies.push(item.name);
    expect(policies).toEqual([raiPolicyName]);
    expect(h.emulator.requestsMatching({ method: "DELETE" }).map((request) => request.status)).toEqual([
      202, 202, 202,
    ]);
  });

  it("answers 404 for an item of a blocklist that does not exist", async () => {
    const { account } = seedFromReference(h.emulator);
    const error = await failureOf(
      h.client.raiBlocklistItems.get(account.resourceGroup, account.accountName, "none", "x"),
    );
    expect(describeLiveFailure(error)).toMatchObject({ code: "live/not-found", statusCode: 404 });
  });
});
