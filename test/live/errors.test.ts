import { createHttpHeaders, createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { liveCodeDocs } from "../../live/codes";
import {
  describeLiveFailure,
  isRequestConflict,
  LiveConfigError,
  liveFailureDiagnostic,
  scrubSecrets,
  summarizeCredentialError,
} from "../../live/errors";

function restError(
  statusCode: number | undefined,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const request = createPipelineRequest({ url: "https://management.azure.com/x" });
  const options: ConstructorParameters<typeof RestError>[1] = { code, request };
  if (statusCode !== undefined) {
    options.statusCode = statusCode;
    options.response = { status: statusCode, headers: createHttpHeaders(headers), request };
  }
  return new RestError(message, options);
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe("describeLiveFailure", () => {
  it.each([
    [restError(400, "InsufficientQuota", "This operation require 5 new capacity"), "live/insufficient-quota"],
    [restError(409, "RequestConflict", "Another operation is being performed"), "live/request-conflict"],
    [restError(400, "DeploymentModelNotSupported", "not supported"), "live/model-not-supported"],
    [restError(400, "ServiceModelDeprecated", "deprecated"), "live/model-not-supported"],
    [restError(400, "InvalidResourceProperties", "bad capacity"), "live/invalid-properties"],
    [restError(400, "SomethingElse", "bad request"), "live/invalid-properties"],
    [restError(429, "TooManyRequests", "throttled"), "live/throttled"],
    [restError(500, "InternalServerError", "boom"), "live/server-error"],
    [restError(503, "ServiceUnavailable", "later"), "live/server-error"],
    [restError(404, "ResourceNotFound", "missing"), "live/not-found"],
    [restError(401, "InvalidAuthenticationToken", "expired"), "live/auth"],
    [restError(403, "AuthorizationFailed", "no permission"), "live/auth"],
    [restError(undefined, "ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9"), "live/network"],
    [restError(undefined, "ENOTFOUND", "getaddrinfo ENOTFOUND management.azure.com"), "live/network"],
    [Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "live/network"],
    [new Error("The long-running operation has failed. InternalError. Boom."), "live/operation-failed"],
    [new Error("The long-running operation has failed"), "live/operation-failed"],
    [namedError("CredentialUnavailableError", "EnvironmentCredential is unavailable."), "live/auth"],
    [
      namedError("AggregateAuthenticationError", "ChainedTokenCredential authentication failed."),
      "live/auth",
    ],
    [namedError("AbortError", "The operation was aborted."), "live/cancelled"],
    [
      new LiveConfigError("No Azure subscription is set for live access.", "Set AZURE_SUBSCRIPTION_ID."),
      "live/config",
    ],
    [new Error("something odd"), "live/unexpected"],
    ["a string", "live/unexpected"],
  ] as [unknown, string][])("maps %s to %s", (error, code) => {
    const described = describeLiveFailure(error);
    expect(described.code).toBe(code);
    expect(described.hint.length).toBeGreaterThan(10);
  });

  it("keeps Azure's code, status and message, prefixed by the action", () => {
    const error = restError(400, "InsufficientQuota", "The quota limit is 30.");
    expect(describeLiveFailure(error, { action: 'Creating deployment "chat"' })).toEqual({
      code: "live/insufficient-quota",
      message: 'Creating deployment "chat" failed: The quota limit is 30. (InsufficientQuota, HTTP 400)',
      hint: expect.stringContaining("request more quota"),
      azureCode: "InsufficientQuota",
      statusCode: 400,
    });
  });

  it("reads the code and message out of a failed long-running operation", () => {
    const described = describeLiveFailure(
      new Error(
        "The long-running operation has failed. ResourceOperationFailure. The resource operation completed with terminal provisioning state 'Failed'.",
      ),
    );
    expect(described).toMatchObject({
      azureCode: "ResourceOperationFailure",
      message:
        "the operation ended in failure: The resource operation completed with terminal provisioning state 'Failed'. (ResourceOperationFailure)",
    });
  });

  it("reports how long Azure asked to wait", () => {
    expect(
      describeLiveFailure(restError(429, "TooManyRequests", "slow down", { "retry-after": "30" })),
    ).toMatchObject({
      retryAfterSeconds: 30,
      hint: expect.stringContaining("wait 30 s"),
    });
  });

  it("never lets a credential through", () => {
    const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQifQ.c2lnbmF0dXJl";
    const error = restError(401, "InvalidAuthenticationToken", `The token 'Bearer ${token}' is invalid.`);
    const described = describeLiveFailure(error);
    expect(described.message).not.toContain(token);
    expect(described.message).toContain("Bearer [redacted]");
  });

  it("becomes a Diagnostic at a place in the file", () => {
    const described = describeLiveFailure(restError(404, "ResourceNotFound", "missing"));
    expect(
      liveFailureDiagnostic(described, { file: "deployments.yaml", line: 4, column: 3, path: "accounts[0]" }),
    ).toEqual({
      code: "live/not-found",
      severity: "error",
      message: "missing (ResourceNotFound, HTTP 404)",
      hint: described.hint,
      file: "deployments.yaml",
      line: 4,
      column: 3,
      path: "accounts[0]",
    });
  });

  it("documents every code", () => {
    const codes = liveCodeDocs().map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => /^live\/[a-z-]+$/.test(code))).toBe(true);
    expect(codes).toEqual(
      expect.arrayContaining(["live/insufficient-quota", "live/operation-failed", "live/network"]),
    );
  });
});

describe("isRequestConflict", () => {
  it("recognises ARM's 409 RequestConflict, also inside a failed operation, and nothing else", () => {
    expect(isRequestConflict(restError(409, "RequestConflict", "Another operation is being performed"))).toBe(
      true,
    );
    expect(
      isRequestConflict(
        restError(409, "Conflict", "Another operation is being performed on the parent resource"),
      ),
    ).toBe(true);
    expect(
      isRequestConflict(new Error("The long-running operation has failed. RequestConflict. Try later.")),
    ).toBe(true);
    expect(
      isRequestConflict(restError(409, "FlagMustBeSetForRestore", "A soft-deleted account exists")),
    ).toBe(false);
    expect(isRequestConflict(restError(400, "InsufficientQuota", "quota"))).toBe(false);
    expect(isRequestConflict(new Error("other"))).toBe(false);
  });
});

describe("scrubSecrets", () => {
  it.each([
    ["Authorization: Bearer abc.def-ghi", "Authorization: Bearer [redacted]"],
    [
      "https://x.blob.core.windows.net/c?sv=2022&sig=AbC%2Bdef&se=1",
      "https://x.blob.core.windows.net/c?sv=2022&sig=[redacted]&se=1",
    ],
    ["https://host/path?key=12345&api-version=1", "https://host/path?key=[redacted]&api-version=1"],
    [
      "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFy;EndpointSuffix=x",
      "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=[redacted];EndpointSuffix=x",
    ],
    ['{"key1":"0123456789abcdef0123456789abcdef","key2":"x"}', '{"key1": "[redacted]","key2": "[redacted]"}'],
    [
      "client_secret=s3cr3t&grant_type=client_credentials",
      "client_secret=[redacted]&grant_type=client_credentials",
    ],
    ["the key 0123456789abcdef0123456789ABCDEF leaked", "the key [redacted] leaked"],
    [`storage ${"A".repeat(20)}bc12+/${"x".repeat(60)}== end`, "storage [redacted] end"],
    [`new-format ${"7xQ2".repeat(21)} key`, "new-format [redacted] key"],
  ])("scrubs %s", (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });

  it.each([
    "This operation require 15 new capacity in quota Tokens Per Minute (thousands) - gpt-4o, which is bigger than the current available capacity 10.",
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.CognitiveServices/accounts/ai-prod",
    "azureml://registries/azure-openai/models/gpt-4o/versions/2024-08-06",
    "The api-version query parameter (?api-version=2025-09-01) is required.",
  ])("leaves ordinary text alone: %s", (text) => {
    expect(scrubSecrets(text)).toBe(text);
  });
});

describe("credential failures", () => {
  it("summarize a credential chain's pages of text into the sources tried", () => {
    const chain =
      "ChainedTokenCredential authentication failed. CredentialUnavailableError: EnvironmentCredential is unavailable. No underlying credential could be used. To troubleshoot, visit https://aka.ms/x. CredentialUnavailableError: ManagedIdentityCredential: Network unreachable. CredentialUnavailableError: Azure CLI could not be found. Please visit https://aka.ms/azure-cli. CredentialUnavailableError: Azure Developer CLI couldn't be found.";
    expect(summarizeCredentialError(chain)).toBe(
      "no Azure credential could be used (tried environment variables, managed identity, Azure CLI (az login), Azure Developer CLI)",
    );
    expect(summarizeCredentialError("EnvironmentCredential is unavailable. See the docs.")).toBe(
      "EnvironmentCredential is unavailable.",
    );
  });
});
