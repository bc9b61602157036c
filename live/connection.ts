/**
 * How aideploy reaches Azure Resource Manager: endpoint, credential, subscription and bounded retries.
 * Nothing here does work at import; credentials are created on the first token request.
 */
import { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import { PolicyClient } from "@azure/arm-policy";
import {
  bearerTokenAuthenticationPolicyName,
  type Pipeline,
  type PipelineResponse,
  type RetryStrategy,
  retryPolicy,
} from "@azure/core-rest-pipeline";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { isRequestConflict, LiveConfigError } from "./errors";

export type Env = Readonly<Record<string, string | undefined>>;

export const armEndpointVariable = "AIDEPLOY_ARM_ENDPOINT";
export const subscriptionVariable = "AZURE_SUBSCRIPTION_ID";
export const publicArmEndpoint = "https://management.azure.com";

/** Azure DevOps variables that select AzurePipelinesCredential (service connection with workload identity). */
export const azurePipelinesVariables = [
  "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID",
  "AZURESUBSCRIPTION_CLIENT_ID",
  "AZURESUBSCRIPTION_TENANT_ID",
  "SYSTEM_ACCESSTOKEN",
] as const;

// ── Endpoint ────────────────────────────────────────────────────────────────

export interface ArmTarget {
  /** Base URL without a trailing slash. */
  endpoint: string;
  /** A plain-http loopback endpoint (a local emulator): no credential is used or sent. */
  anonymous: boolean;
}

function isIPv4Loopback(hostname: string): boolean {
  const octets = hostname.split(".");
  if (octets.length !== 4 || octets[0] !== "127") return false;
  return octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

/** 127.0.0.0/8, `localhost` and `[::1]`: names that cannot leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || host === "::1" || isIPv4Loopback(host);
}

/** The ARM endpoint: the explicit option, else AIDEPLOY_ARM_ENDPOINT, else public Azure. */
export function resolveArmTarget(options: { armEndpoint?: string | undefined; env?: Env } = {}): ArmTarget {
  const configured = options.armEndpoint ?? options.env?.[armEndpointVariable];
  if (configured === undefined || configured.trim() === "") {
    return { endpoint: publicArmEndpoint, anonymous: false };
  }
  const source = options.armEndpoint === undefined ? armEndpointVariable : "the ARM endpoint option";
  let url: URL;
  try {
    url = new URL(configured.trim());
  } catch {
    throw new LiveConfigError(
      `${source} is not a URL.`,
      `Set ${armEndpointVariable} to an https:// URL such as ${publicArmEndpoint}, or unset it.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new LiveConfigError(
      `${source} must be a plain base URL without credentials, query or fragment.`,
      `Use a base URL such as ${publicArmEndpoint}.`,
    );
  }
  const endpoint = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  if (url.protocol === "https:") return { endpoint, anonymous: false };
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return { endpoint, anonymous: true };
  if (url.protocol === "http:") {
    throw new LiveConfigError(
      `${source} uses plain http to '${url.hostname}', which is not this machine; aideploy sends Azure credentials only over https.`,
      "Use https://, or an http:// address on 127.0.0.1, localhost or [::1] for a local emulator.",
    );
  }
  throw new LiveConfigError(
    `${source} uses the unsupported scheme '${url.protocol}'.`,
    `Use an https:// URL such as ${publicArmEndpoint}.`,
  );
}

// ── Subscription ────────────────────────────────────────────────────────────

export type SubscriptionSource = "option" | "file" | "environment";

export interface SubscriptionChoice {
  subscriptionId: string;
  source: SubscriptionSource;
}

const subscriptionIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The subscription: explicit option, else the deployments file's value, else AZURE_SUBSCRIPTION_ID. */
export function resolveSubscription(
  options: { subscriptionId?: string | undefined; fileSubscriptionId?: string | undefined; env?: Env } = {},
): SubscriptionChoice {
  const candidates: [string | undefined, SubscriptionSource, string][] = [
    [options.subscriptionId, "option", "the --subscription option"],
    [options.fileSubscriptionId, "file", "the deployments file"],
    [options.env?.[subscriptionVariable], "environment", subscriptionVariable],
  ];
  for (const [value, source, label] of candidates) {
    const trimmed = value?.trim();
    if (!trimmed) continue;
    if (!subscriptionIdPattern.test(trimmed)) {
      throw new LiveConfigError(
        `The subscription from ${label} ('${trimmed}') is not a subscription id.`,
        "Use the subscription's id (a GUID), as `az account show --query id` prints it.",
      );
    }
    return { subscriptionId: trimmed, source };
  }
  throw new LiveConfigError(
    "No Azure subscription is set for live access.",
    `Pass --subscription, set the subscription in the deployments file, or set ${subscriptionVariable}.`,
  );
}

// ── Credential ──────────────────────────────────────────────────────────────

export type CredentialKind = "azure-pipelines" | "default";

/** AzurePipelinesCredential when every variable of an Azure DevOps service connection is set. */
export function credentialKind(env: Env): CredentialKind {
  return azurePipelinesVariables.every((name) => (env[name] ?? "") !== "") ? "azure-pipelines" : "default";
}

async function buildCredential(env: Env): Promise<TokenCredential> {
  const identity = await import("@azure/identity");
  const fallback = new identity.DefaultAzureCredential();
  if (credentialKind(env) === "default") return fallback;
  const pipelines = new identity.AzurePipelinesCredential(
    env.AZURESUBSCRIPTION_TENANT_ID ?? "",
    env.AZURESUBSCRIPTION_CLIENT_ID ?? "",
    env.AZURESUBSCRIPTION_SERVICE_CONNECTION_ID ?? "",
    env.SYSTEM_ACCESSTOKEN ?? "",
  );
  return new identity.ChainedTokenCredential(pipelines, fallback);
}

/**
 * A credential that builds the real one (DefaultAzureCredential, preceded by AzurePipelinesCredential in
 * Azure DevOps) on the first token request, so creating a client never touches identity providers.
 */
export function createLazyCredential(env: Env): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      credential ??= buildCredential(env);
      return (await credential).getToken(scopes, options);
    },
  };
}

/** Stands in for the credential the SDK constructors require when none is used (loopback emulator). */
const noCredential: TokenCredential = {
  getToken: () => Promise.reject(new Error("No credential is used for a loopback ARM endpoint.")),
};

// ── Retries ─────────────────────────────────────────────────────────────────

export interface RetrySettings {
  /** Retries after the first attempt, for throttling, 5xx/408 and transient network errors. */
  maxRetries: number;
  /** First backoff delay for 5xx/408 and network errors; doubles each retry. */
  retryDelayInMs: number;
  maxRetryDelayInMs: number;
  /** A 429/503 asking to wait longer than this is not retried but reported (with the wait). */
  maxRetryAfterInMs: number;
}

export const defaultRetrySettings: Readonly<RetrySettings> = {
  maxRetries: 3,
  retryDelayInMs: 1000,
  maxRetryDelayInMs: 30_000,
  maxRetryAfterInMs: 60_000,
};

const retryAfterHeaders = ["retry-after-ms", "x-ms-retry-after-ms", "retry-after"] as const;
const transientNetworkCodes = new Set([
  "ECONNRESET",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** The wait a 429/503 asks for, in milliseconds. */
export function requestedRetryDelay(response: PipelineResponse | undefined): number | undefined {
  if (!response || (response.status !== 429 && response.status !== 503)) return undefined;
  for (const header of retryAfterHeaders) {
    const value = response.headers.get(header);
    if (value === undefined || value.trim() === "") continue;
    const number = Number(value);
    if (Number.isFinite(number) && number >= 0) return header === "retry-after" ? number * 1000 : number;
    const date = Date.parse(value);
    if (header === "retry-after" && Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return undefined;
}

function throttlingStrategy(settings: RetrySettings): RetryStrategy {
  return {
    name: "aideployThrottlingRetry",
    retry({ response }) {
      const wait = requestedRetryDelay(response);
      if (wait === undefined || wait > settings.maxRetryAfterInMs) return { skipStrategy: true };
      return { retryAfterInMs: wait };
    },
  };
}

function transientStrategy(settings: RetrySettings): RetryStrategy {
  return {
    name: "aideployTransientRetry",
    retry({ retryCount, response, responseError }) {
      // Responses carrying Retry-After belong to the throttling strategy (including "too long, give up").
      if (requestedRetryDelay(response) !== undefined) return { skipStrategy: true };
      const status = response?.status;
      const transientStatus =
        status !== undefined && (status === 408 || (status >= 500 && status !== 501 && status !== 505));
      const transientNetwork =
        response === undefined &&
        responseError !== undefined &&
        transientNetworkCodes.has(responseError.code ?? "");
      if (!transientStatus && !transientNetwork) return { skipStrategy: true };
      const exponential = settings.retryDelayInMs * 2 ** retryCount;
      const jittered = exponential * (0.8 + Math.random() * 0.4);
      return { retryAfterInMs: Math.min(settings.maxRetryDelayInMs, Math.round(jittered)) };
    },
  };
}

/** Replaces the SDK's retry policy (which waits as long as any Retry-After says) with a bounded one. */
function installRetryPolicy(pipeline: Pipeline, settings: RetrySettings): void {
  pipeline.removePolicy({ name: "defaultRetryPolicy" });
  pipeline.addPolicy(
    {
      name: "aideployRetryPolicy",
      sendRequest: retryPolicy([throttlingStrategy(settings), transientStrategy(settings)], {
        maxRetries: settings.maxRetries,
      }).sendRequest,
    },
    { phase: "Retry" },
  );
}

export interface ConflictRetryOptions {
  /** Attempts in total, the first included (default 6). */
  maxAttempts?: number;
  /** Wait before the second attempt; doubles each time (default 2 s). */
  initialDelayInMs?: number;
  maxDelayInMs?: number;
  sleep?: (milliseconds: number) => Promise<void>;
  /** Told before each wait, e.g. to report progress. */
  onRetry?: (info: { attempt: number; delayInMs: number; error: unknown }) => void;
}

const defaultSleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs a write and retries it, with backoff and a bounded number of attempts, while ARM answers 409
 * RequestConflict (another operation on the same account). The SDK never retries 409.
 */
export async function withConflictRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const initialDelay = options.initialDelayInMs ?? 2000;
  const maxDelay = options.maxDelayInMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !isRequestConflict(error)) throw error;
      const delayInMs = Math.min(maxDelay, initialDelay * 2 ** (attempt - 1));
      options.onRetry?.({ attempt, delayInMs, error });
      await sleep(delayInMs);
    }
  }
}

// ── Connection and clients ──────────────────────────────────────────────────

export interface ConnectionOptions {
  /** Overrides AIDEPLOY_ARM_ENDPOINT. */
  armEndpoint?: string;
  subscriptionId?: string;
  /** The subscription named in the deployments file, if any. */
  fileSubscriptionId?: string;
  /** Environment to read (default: process.env). */
  env?: Env;
  /** A credential to use instead of the default chain (ignored for a loopback endpoint). */
  credential?: TokenCredential;
  retry?: Partial<RetrySettings>;
  userAgentPrefix?: string;
}

export interface ArmConnection extends ArmTarget {
  subscriptionId: string;
  subscriptionSource: SubscriptionSource;
  retry: RetrySettings;
  credential: TokenCredential;
  userAgentPrefix: string;
}

/** Resolves endpoint, subscription and credential; throws LiveConfigError when one cannot be resolved. */
export function resolveConnection(options: ConnectionOptions = {}): ArmConnection {
  const env = options.env ?? process.env;
  const target = resolveArmTarget({ armEndpoint: options.armEndpoint, env });
  const subscription = resolveSubscription({
    subscriptionId: options.subscriptionId,
    fileSubscriptionId: options.fileSubscriptionId,
    env,
  });
  return {
    ...target,
    subscriptionId: subscription.subscriptionId,
    subscriptionSource: subscription.source,
    retry: { ...defaultRetrySettings, ...options.retry },
    credential: target.anonymous ? noCredential : (options.credential ?? createLazyCredential(env)),
    userAgentPrefix: options.userAgentPrefix ?? "aideploy",
  };
}

function clientOptions(connection: ArmConnection) {
  return {
    endpoint: connection.endpoint,
    allowInsecureConnection: connection.anonymous,
    userAgentOptions: { userAgentPrefix: connection.userAgentPrefix },
    retryOptions: {
      maxRetries: connection.retry.maxRetries,
      retryDelayInMs: connection.retry.retryDelayInMs,
      maxRetryDelayInMs: connection.retry.maxRetryDelayInMs,
    },
  };
}

function finishPipeline(pipeline: Pipeline, connection: ArmConnection): void {
  if (connection.anonymous) pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
  installRetryPolicy(pipeline, connection.retry);
}

export function createCognitiveServicesClient(connection: ArmConnection): CognitiveServicesManagementClient {
  const client = new CognitiveServicesManagementClient(
    connection.credential,
    connection.subscriptionId,
    clientOptions(connection),
  );
  finishPipeline(client.pipeline, connection);
  return client;
}

export function createPolicyClient(connection: ArmConnection): PolicyClient {
  const client = new PolicyClient(
    connection.credential,
    connection.subscriptionId,
    clientOptions(connection),
  );
  finishPipeline(client.pipeline, connection);
  return client;
}
