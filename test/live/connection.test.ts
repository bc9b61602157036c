import { bearerTokenAuthenticationPolicyName } from "@azure/core-rest-pipeline";
import type { AccessToken } from "@azure/identity";
import { afterEach, describe, expect, it } from "vitest";
import {
  createCognitiveServicesClient,
  createLazyCredential,
  createPolicyClient,
  credentialKind,
  isLoopbackHost,
  resolveArmTarget,
  resolveConnection,
  resolveSubscription,
} from "../../live/connection";
import { describeLiveFailure, LiveConfigError } from "../../live/errors";
import { getAccount, listDeployments } from "../../live/read";
import { type ArmEmulator, seedFromReference, startArmEmulator } from "../support/arm-emulator";
import { fastRetry } from "./harness";

const subscription = "00000000-0000-0000-0000-000000000000";
const other = "11111111-2222-3333-4444-555555555555";

function configError(run: () => unknown): LiveConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof LiveConfigError) return error;
    throw error;
  }
  throw new Error("expected a LiveConfigError");
}

describe("ARM endpoint", () => {
  it("defaults to public Azure with a credential", () => {
    expect(resolveArmTarget({ env: {} })).toEqual({
      endpoint: "https://management.azure.com",
      anonymous: false,
    });
  });

  it("takes AIDEPLOY_ARM_ENDPOINT, and the explicit option over it", () => {
    const env = { AIDEPLOY_ARM_ENDPOINT: "https://management.usgovcloudapi.net/" };
    expect(resolveArmTarget({ env })).toEqual({
      endpoint: "https://management.usgovcloudapi.net",
      anonymous: false,
    });
    expect(resolveArmTarget({ env, armEndpoint: "http://127.0.0.1:4000" })).toEqual({
      endpoint: "http://127.0.0.1:4000",
      anonymous: true,
    });
  });

  it.each([
    ["http://127.0.0.1:8080", true],
    ["http://127.3.2.1", true],
    ["http://localhost:1234/", true],
    ["http://[::1]:9000", true],
    ["https://127.0.0.1:8443", false],
  ])("%s is reached without a credential: %s", (endpoint, anonymous) => {
    expect(resolveArmTarget({ armEndpoint: endpoint }).anonymous).toBe(anonymous);
  });

  it.each([
    "http://10.0.0.5:8080",
    "http://management.azure.com",
    "http://127.0.0.1.example.com",
    "http://localhost.example.com",
    "http://[::ffff:7f00:1]",
  ])("refuses plain http to a host that is not loopback: %s", (endpoint) => {
    const error = configError(() => resolveArmTarget({ armEndpoint: endpoint }));
    expect(error.message).toContain("plain http");
    expect(error.hint).toContain("https://");
    expect(describeLiveFailure(error)).toMatchObject({ code: "live/config" });
  });

  it.each(["ftp://example.com", "not a url", "https://user:pw@example.com", "https://example.com/?key=1"])(
    "refuses %s",
    (endpoint) => {
      expect(() => resolveArmTarget({ armEndpoint: endpoint })).toThrow(LiveConfigError);
    },
  );

  it("recognises loopback names only", () => {
    expect(["localhost", "LOCALHOST", "127.0.0.1", "127.255.255.255", "[::1]"].every(isLoopbackHost)).toBe(
      true,
    );
    expect(["127.0.0.256", "128.0.0.1", "0.0.0.0", "localhost.", "example.com"].some(isLoopbackHost)).toBe(
      false,
    );
  });
});

describe("subscription", () => {
  it.each([
    [
      { subscriptionId: subscription, fileSubscriptionId: other, env: { AZURE_SUBSCRIPTION_ID: other } },
      "option",
      subscription,
    ],
    [{ fileSubscriptionId: subscription, env: { AZURE_SUBSCRIPTION_ID: other } }, "file", subscription],
    [{ env: { AZURE_SUBSCRIPTION_ID: ` ${subscription} ` } }, "environment", subscription],
    [{ subscriptionId: "", fileSubscriptionId: subscription, env: {} }, "file", subscription],
  ])("resolves in the order option, file, AZURE_SUBSCRIPTION_ID (%#)", (options, source, expected) => {
    expect(resolveSubscription(options)).toEqual({ subscriptionId: expected, source });
  });

  it("says how to set it when none is given", () => {
    const error = configError(() => resolveSubscription({ env: {} }));
    expect(error.message).toBe("No Azure subscription is set for live access.");
    expect(error.hint).toContain("AZURE_SUBSCRIPTION_ID");
  });

  it("refuses a value that is not a subscription id", () => {
    const error = configError(() => resolveSubscription({ fileSubscriptionId: "Contoso Production" }));
    expect(error.message).toContain("the deployments file");
  });
});

describe("credential", () => {
  const pipelineVariables = {
    AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "connection",
    AZURESUBSCRIPTION_CLIENT_ID: "client",
    AZURESUBSCRIPTION_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    SYSTEM_ACCESSTOKEN: "pipeline-token-value",
  };

  it("uses AzurePipelinesCredential only when every Azure DevOps variable is set", () => {
    expect(credentialKind(pipelineVariables)).toBe("azure-pipelines");
    expect(credentialKind({ ...pipelineVariables, SYSTEM_ACCESSTOKEN: "" })).toBe("default");
    expect(credentialKind({})).toBe("default");
  });

  it("creates nothing until a token is requested, then reports a credential problem as live/auth", async () => {
    const oidc = process.env.SYSTEM_OIDCREQUESTURI;
    delete process.env.SYSTEM_OIDCREQUESTURI;
    try {
      const credential = createLazyCredential(pipelineVariables);
      const error = await credential
        .getToken("https://management.azure.com/.default")
        .catch((e: unknown) => e);
      expect((error as Error).name).toBe("CredentialUnavailableError");
      const described = describeLiveFailure(error);
      expect(described.code).toBe("live/auth");
      expect(described.message).not.toContain("pipeline-token-value");
    } finally {
      if (oidc !== undefined) process.env.SYSTEM_OIDCREQUESTURI = oidc;
    }
  });

  it("keeps the bearer token policy for https and removes it for a loopback endpoint", () => {
    const names = (endpoint: string) =>
      createCognitiveServicesClient(
        resolveConnection({ armEndpoint: endpoint, subscriptionId: subscription, env: {} }),
      )
        .pipeline.getOrderedPolicies()
        .map((policy) => policy.name);
    const secure = names("https://management.azure.com");
    const local = names("http://127.0.0.1:1");
    expect(secure).toContain(bearerTokenAuthenticationPolicyName);
    expect(local).not.toContain(bearerTokenAuthenticationPolicyName);
    for (const policies of [secure, local]) {
      expect(policies).toContain("aideployRetryPolicy");
      expect(policies).not.toContain("defaultRetryPolicy");
    }
  });
});

describe("clients against the loopback emulator", () => {
  let emulator: ArmEmulator | undefined;

  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it("are configured from AIDEPLOY_ARM_ENDPOINT and AZURE_SUBSCRIPTION_ID and never send Authorization", async () => {
    emulator = await startArmEmulator();
    const { account } = seedFromReference(emulator);
    let tokenRequests = 0;
    const connection = resolveConnection({
      env: { AIDEPLOY_ARM_ENDPOINT: emulator.baseUrl, AZURE_SUBSCRIPTION_ID: emulator.subscriptionId },
      credential: {
        getToken: async (): Promise<AccessToken> => {
          tokenRequests++;
          return { token: "must-not-be-sent", expiresOnTimestamp: Date.now() + 3_600_000 };
        },
      },
      retry: fastRetry,
    });
    expect(connection).toMatchObject({ anonymous: true, subscriptionSource: "environment" });
    const client = createCognitiveServicesClient(connection);
    await getAccount(client, account);
    await listDeployments(client, account);
    await client.deployments.beginDeleteAndWait(
      account.resourceGroup,
      account.accountName,
      "deploymentName",
      {
        updateIntervalInMs: 0,
      },
    );
    await createPolicyClient(connection).policyAssignments.list().next();

    expect(emulator.requests.length).toBeGreaterThanOrEqual(6);
    expect(emulator.requests.every((request) => !request.hadAuthorization)).toBe(true);
    expect(tokenRequests).toBe(0);
    expect(emulator.requests[0]?.headers["user-agent"]).toContain("aideploy");
  });
});
