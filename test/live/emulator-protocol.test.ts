/** Raw protocol details of the ARM emulator (status codes, headers, payload shapes) that the SDK hides. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ArmEmulator,
  type ReferenceSeed,
  seedFromReference,
  startArmEmulator,
} from "../support/arm-emulator";

let emulator: ArmEmulator;
let seeded: ReferenceSeed;
const apiVersion = "api-version=2025-09-01";

beforeEach(async () => {
  emulator = await startArmEmulator({ pageSize: 2 });
  seeded = seedFromReference(emulator);
});

afterEach(async () => {
  await emulator.stop();
});

function accountPath(): string {
  const { subscriptionId, resourceGroup, accountName } = seeded.account;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${accountName}`;
}

async function call(method: string, pathAndQuery: string, body?: unknown) {
  const url = pathAndQuery.startsWith("http") ? pathAndQuery : `${emulator.baseUrl}${pathAndQuery}`;
  const init: RequestInit = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

const deploymentBody = {
  sku: { name: "Standard", capacity: 10 },
  properties: { model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" } },
};

describe("ARM emulator protocol", () => {
  it("listens on 127.0.0.1 with an ephemeral port", () => {
    expect(emulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers 400 MissingApiVersionParameter without api-version and accepts any api-version", async () => {
    const missing = await call("GET", `${accountPath()}/deployments`);
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      error: {
        code: "MissingApiVersionParameter",
        message: "The api-version query parameter (?api-version=) is required for all requests.",
      },
    });
    expect((await call("GET", `${accountPath()}/deployments?api-version=2026-03-01`)).status).toBe(200);
  });

  it("pages with an absolute nextLink that carries api-version", async () => {
    emulator.addDeployment(seeded.account, {
      name: "b",
      skuName: "Standard",
      model: { format: "OpenAI", name: "gpt-4o" },
    });
    emulator.addDeployment(seeded.account, {
      name: "c",
      skuName: "Standard",
      model: { format: "OpenAI", name: "gpt-4o" },
    });
    const first = await call("GET", `${accountPath()}/deployments?${apiVersion}`);
    const nextLink = String(first.json?.nextLink);
    expect(first.json?.value).toHaveLength(2);
    expect(nextLink.startsWith(`${emulator.baseUrl}/subscriptions/`)).toBe(true);
    expect(new URL(nextLink).searchParams.get("api-version")).toBe("2025-09-01");
    const second = await call("GET", nextLink);
    expect(second.json?.value).toHaveLength(1);
    expect(second.json?.nextLink).toBeUndefined();
  });

  it("creates with 201, Azure-AsyncOperation (absolute) and Retry-After 0, then InProgress until Succeeded", async () => {
    emulator.configure({ inProgressPolls: 2 });
    const created = await call("PUT", `${accountPath()}/deployments/chat?${apiVersion}`, deploymentBody);
    expect(created.status).toBe(201);
    expect(created.headers.get("retry-after")).toBe("0");
    const operation = created.headers.get("azure-asyncoperation") ?? "";
    expect(operation.startsWith(emulator.baseUrl)).toBe(true);
    expect(operation).toContain(apiVersion);
    expect(created.json?.properties).toMatchObject({ provisioningState: "Accepted" });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call("GET", operation)).json?.status);
    expect(statuses).toEqual(["InProgress", "InProgress", "Succeeded"]);
    const deployment = await call("GET", `${accountPath()}/deployments/chat?${apiVersion}`);
    expect(deployment.json?.properties).toMatchObject({ provisioningState: "Succeeded" });
  });

  it("answers a failed operation's status with the error", async () => {
    emulator.configure({ inProgressPolls: 0 });
    emulator.failNextOperation({ code: "ResourceOperationFailure", message: "Deployment failed." });
    const created = await call("PUT", `${accountPath()}/deployments/chat?${apiVersion}`, deploymentBody);
    const status = await call("GET", created.headers.get("azure-asyncoperation") ?? "");
    expect(status.json).toMatchObject({
      status: "Failed",
      error: { code: "ResourceOperationFailure", message: "Deployment failed." },
    });
  });

  it("PATCH answers 202 + Location polled until 200; DELETE 202 + Location polled until 204", async () => {
    const patched = await call("PATCH", `${accountPath()}/deployments/deploymentName?${apiVersion}`, {
      sku: { name: "Standard", capacity: 2 },
    });
    expect(patched.status).toBe(202);
    const location = patched.headers.get("location") ?? "";
    expect((await call("GET", location)).status).toBe(202);
    const done = await call("GET", location);
    expect(done.status).toBe(200);
    expect(done.json?.sku).toEqual({ name: "Standard", capacity: 2 });

    const deleted = await call("DELETE", `${accountPath()}/deployments/deploymentName?${apiVersion}`);
    expect(deleted.status).toBe(202);
    const deleteLocation = deleted.headers.get("location") ?? "";
    expect((await call("GET", deleteLocation)).status).toBe(202);
    expect((await call("GET", deleteLocation)).status).toBe(204);
    expect((await call("DELETE", `${accountPath()}/deployments/deploymentName?${apiVersion}`)).status).toBe(
      204,
    );
  });

  it("rejects a PATCH body with anything but sku and tags", async () => {
    const patched = await call("PATCH", `${accountPath()}/deployments/deploymentName?${apiVersion}`, {
      properties: { raiPolicyName: "x" },
    });
    expect(patched.status).toBe(400);
    expect(patched.json).toMatchObject({ error: { code: "InvalidRequestContent" } });
  });

  it("answers 409 RequestConflict to writes under an account with an operation in progress", async () => {
    await call("PUT", `${accountPath()}/deployments/one?${apiVersion}`, deploymentBody);
    const second = await call("PUT", `${accountPath()}/deployments/two?${apiVersion}`, deploymentBody);
    expect(second.status).toBe(409);
    expect(second.json).toEqual({
      error: {
        code: "RequestConflict",
        message: `Another operation is being performed on the parent resource '${accountPath()}'. Please try again later.`,
      },
    });
    expect(
      (await call("PUT", `${accountPath()}/raiPolicies/p?${apiVersion}`, { properties: {} })).status,
    ).toBe(409);
    expect((await call("GET", `${accountPath()}/deployments/one?${apiVersion}`)).status).toBe(200);
    emulator.completeOperations();
    expect((await call("PUT", `${accountPath()}/deployments/two?${apiVersion}`, deploymentBody)).status).toBe(
      201,
    );
  });

  it("answers 404 ResourceNotFound / DeploymentNotFound / ResourceGroupNotFound in ARM's error shape", async () => {
    const { subscriptionId } = seeded.account;
    const account = await call(
      "GET",
      `/subscriptions/${subscriptionId}/resourceGroups/resourceGroupName/providers/Microsoft.CognitiveServices/accounts/nope?${apiVersion}`,
    );
    expect(account.status).toBe(404);
    expect(account.json).toMatchObject({ error: { code: "ResourceNotFound" } });
    const deployment = await call("GET", `${accountPath()}/deployments/nope?${apiVersion}`);
    expect(deployment.json).toMatchObject({ error: { code: "DeploymentNotFound" } });
    const group = await call(
      "GET",
      `/subscriptions/${subscriptionId}/resourceGroups/nope/providers/Microsoft.CognitiveServices/accounts?${apiVersion}`,
    );
    expect(group.json).toMatchObject({ error: { code: "ResourceGroupNotFound" } });
  });

  it("injects 429 with Retry-After and TooManyRequests, then serves normally", async () => {
    emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 429, retryAfter: 7 });
    const throttled = await call("GET", `${accountPath()}/deployments?${apiVersion}`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(throttled.json).toMatchObject({ error: { code: "TooManyRequests" } });
    expect((await call("GET", `${accountPath()}/deployments?${apiVersion}`)).status).toBe(200);
    expect(emulator.pendingFaults()).toBe(0);
  });

  it("injects 5xx InternalServerError a given number of times", async () => {
    emulator.failNext({ pathPattern: /\/deployments$/, status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call("GET", `${accountPath()}/deployments?${apiVersion}`)).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it("records method, path, query, headers without Authorization, and the body", async () => {
    await fetch(`${emulator.baseUrl}${accountPath()}/raiPolicies/p?${apiVersion}`, {
      method: "PUT",
      headers: { authorization: "Bearer secret-token", "content-type": "application/json" },
      body: JSON.stringify({ properties: { basePolicyName: "Microsoft.DefaultV2" } }),
    });
    const [recorded] = emulator.requests;
    expect(recorded).toMatchObject({
      method: "PUT",
      path: `${accountPath()}/raiPolicies/p`,
      query: { "api-version": "2025-09-01" },
      hadAuthorization: true,
      body: { properties: { basePolicyName: "Microsoft.DefaultV2" } },
      status: 201,
    });
    expect(recorded?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(recorded)).not.toContain("secret-token");
  });

  it("serves the seeded catalog, usages (with computed quota usage) and model capacities", async () => {
    const { subscriptionId } = seeded.account;
    emulator.setQuotaLimit(seeded.location, "OpenAI.Standard.GPT4o", 50);
    emulator.addDeployment(seeded.account, {
      name: "g",
      skuName: "Standard",
      capacity: 12,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" },
    });
    const provider = `/subscriptions/${subscriptionId}/providers/Microsoft.CognitiveServices`;
    const models = await call("GET", `${provider}/locations/westus/models?${apiVersion}`);
    expect(models.json?.value).toHaveLength(2);
    expect(models.json?.nextLink).toBeDefined();

    const usages = await call("GET", `${provider}/locations/WestUS/usages?${apiVersion}`);
    expect(usages.json?.value).toEqual([
      expect.objectContaining({
        name: expect.objectContaining({ value: "AccountCount" }),
        currentValue: 3,
        limit: 200,
      }),
      expect.objectContaining({
        name: expect.objectContaining({ value: "OpenAI.Standard.GPT4o" }),
        currentValue: 12,
        limit: 50,
      }),
    ]);

    const missing = await call("GET", `${provider}/modelCapacities?${apiVersion}&modelFormat=OpenAI`);
    expect(missing.status).toBe(400);
    const capacities = await call(
      "GET",
      `${provider}/modelCapacities?${apiVersion}&modelFormat=OpenAI&modelName=gpt-4o&modelVersion=2024-08-06`,
    );
    expect(capacities.json?.value).toEqual([
      expect.objectContaining({
        location: "westus",
        properties: expect.objectContaining({ skuName: "Standard", availableCapacity: 38 }),
      }),
    ]);
  });

  it("answers 501 for routes it does not implement and can drop a connection", async () => {
    expect((await call("GET", `${accountPath()}/listKeys?${apiVersion}`)).status).toBe(501);
    emulator.failNext({ pathPattern: "/deployments", status: 500, dropConnection: true });
    await expect(call("GET", `${accountPath()}/deployments?${apiVersion}`)).rejects.toThrow();
    expect(emulator.requests.at(-1)?.status).toBe(0);
  });
});
