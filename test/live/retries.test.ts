import * as net from "node:net";
import { describe, expect, it } from "vitest";
import { createCognitiveServicesClient, resolveConnection } from "../../live/connection";
import { describeLiveFailure } from "../../live/errors";
import { listDeployments } from "../../live/read";
import { seedFromReference } from "../support/arm-emulator";
import { fastRetry, useHarness } from "./harness";

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("bounded retries through the real SDK pipeline", () => {
  const h = useHarness();

  it("retries a 429 after its Retry-After and succeeds", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 429, retryAfter: 0, times: 2 });
    const deployments = await listDeployments(h.client, account);
    expect(deployments.map((deployment) => deployment.name)).toEqual(["deploymentName"]);
    expect(h.emulator.requests.map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it("waits as long as Retry-After says before retrying", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 429, retryAfter: 1 });
    await listDeployments(h.client, account);
    const [throttled, retried] = h.emulator.requests;
    expect(retried?.status).toBe(200);
    expect((retried?.receivedAt ?? 0) - (throttled?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("does not wait beyond the bound: a long Retry-After is reported as live/throttled", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 429, retryAfter: 120 });
    const error = await failureOf(listDeployments(h.client, account));
    const described = describeLiveFailure(error);
    expect(described).toMatchObject({
      code: "live/throttled",
      retryAfterSeconds: 120,
      azureCode: "TooManyRequests",
    });
    expect(described.hint).toContain("wait 120 s");
    expect(h.emulator.requests).toHaveLength(1);
  });

  it("does not retry a 429 without Retry-After", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 429 });
    const error = await failureOf(listDeployments(h.client, account));
    expect(describeLiveFailure(error).code).toBe("live/throttled");
    expect(h.emulator.requests).toHaveLength(1);
  });

  it("retries 5xx and succeeds", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 500, times: 2 });
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 503 });
    await listDeployments(h.client, account);
    expect(h.emulator.requests.map((request) => request.status)).toEqual([500, 500, 503, 200]);
  });

  it("gives up on 5xx after maxRetries and reports live/server-error", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 500, times: 10 });
    const error = await failureOf(listDeployments(h.client, account));
    expect(describeLiveFailure(error)).toMatchObject({ code: "live/server-error", statusCode: 500 });
    expect(h.emulator.requests).toHaveLength(1 + fastRetry.maxRetries);
  });

  it("never retries 400 or 409", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 409 });
    await failureOf(listDeployments(h.client, account));
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 400 });
    await failureOf(listDeployments(h.client, account));
    expect(h.emulator.requests.map((request) => request.status)).toEqual([409, 400]);
  });

  it("retries a dropped connection", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ method: "GET", pathPattern: "/deployments", status: 500, dropConnection: true });
    await listDeployments(h.client, account);
    expect(h.emulator.requests.map((request) => request.status)).toEqual([0, 200]);
  });

  it("retries a poll of a long-running operation that fails transiently", async () => {
    const { account } = seedFromReference(h.emulator);
    h.emulator.failNext({ pathPattern: "/operationStatuses/", status: 503 });
    await h.client.deployments.beginCreateOrUpdateAndWait(
      account.resourceGroup,
      account.accountName,
      "chat",
      {
        sku: { name: "Standard", capacity: 1 },
        properties: { model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" } },
      },
      { updateIntervalInMs: 0 },
    );
    expect(
      h.emulator.requestsMatching({ pathPattern: "/operationStatuses/" }).map((request) => request.status),
    ).toEqual([503, 200, 200]);
  });
});

/** A loopback port that was just free: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("network failures", () => {
  it("reports an unreachable endpoint as live/network after bounded retries", async () => {
    const connection = resolveConnection({
      armEndpoint: `http://127.0.0.1:${await closedPort()}`,
      subscriptionId: "00000000-0000-0000-0000-000000000000",
      env: {},
      retry: { ...fastRetry, maxRetries: 1 },
    });
    const client = createCognitiveServicesClient(connection);
    const error = await failureOf(listDeployments(client, { resourceGroup: "rg", accountName: "a" }));
    const described = describeLiveFailure(error);
    expect(described.code).toBe("live/network");
    expect(described.hint).toContain("AIDEPLOY_ARM_ENDPOINT");
  });
});
