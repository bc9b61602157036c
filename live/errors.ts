/**
 * Every failure of a live call (ARM error, failed long-running operation, network, credential,
 * configuration) becomes one structured `{code, message, hint}` that a command turns into a Diagnostic.
 * Messages are scrubbed of credentials before they leave this module.
 */
import { isRestError, type RestError } from "@azure/core-rest-pipeline";
import type { Diagnostic, Severity, SourceLocation } from "../diagnostics/diagnostic";
import { UsageError } from "../diagnostics/failure";
import { type LiveFailureCode, liveCodes, liveDiagnostic } from "./codes";

export interface LiveFailure {
  code: LiveFailureCode;
  /** One sentence, scrubbed of secrets. */
  message: string;
  hint: string;
  /** Azure's own error code when it sent one (e.g. `InsufficientQuota`). */
  azureCode?: string;
  statusCode?: number;
  /** Seconds Azure asked the caller to wait (429, 503). */
  retryAfterSeconds?: number;
}

/** What was being done when the failure happened, e.g. `Creating deployment "chat" on account "ai-prod"`. */
export interface FailureContext {
  action?: string;
}

/** Raised for settings that make a live call impossible (endpoint, subscription). */
export class LiveConfigError extends Error {
  readonly code = "live/config";
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "LiveConfigError";
  }
}

/**
 * Runs what resolves the settings for reaching Azure (endpoint, subscription, scope, a manifest); a
 * LiveConfigError becomes the UsageError the command runner prints once: by default what is wrong, then
 * what to do.
 */
export function resolveSettings<T>(
  resolve: () => T,
  describe: (failure: LiveFailure) => string = (failure) => `${failure.message} (${failure.hint})`,
): T {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof LiveConfigError) throw new UsageError(describe(describeLiveFailure(error)));
    throw error;
  }
}

// ── Secret scrubbing ────────────────────────────────────────────────────────

const redacted = "[redacted]";

const scrubbers: ReadonlyArray<readonly [RegExp, string]> = [
  // Authorization header values.
  [/\b(Bearer|Basic|SharedAccessSignature)\s+[^\s,;"']+/gi, `$1 ${redacted}`],
  // Query-string and connection-string secrets: key=, sig=, AccountKey=, client_secret=, access_token=…
  [
    /\b([A-Za-z0-9_-]*(?:key|sig|signature|secret|token|password|pwd|assertion))=([^&\s;,"']+)/gi,
    `$1=${redacted}`,
  ],
  // JSON secrets: "key1": "…", "primaryKey": "…", "clientSecret": "…", "accessToken": "…"
  [/"([A-Za-z0-9_]*(?:key\d?|secret|token|password))"\s*:\s*"[^"]*"/gi, `"$1": "${redacted}"`],
  // JWTs (access and ID tokens).
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, redacted],
  // Padded base64 (storage and Event Hubs keys).
  [/[A-Za-z0-9+/]{30,}={1,2}/g, redacted],
  // 32 hex digits (classic Cognitive Services keys).
  [/\b[0-9a-fA-F]{32}\b/g, redacted],
  // Long mixed-case alphanumerics with digits (newer 84-character keys, SAS fragments).
  [/\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])[A-Za-z0-9]{40,}\b/g, redacted],
];

/** Removes anything that looks like a credential, token or key from a text meant for people. */
export function scrubSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of scrubbers) result = result.replace(pattern, replacement);
  return result;
}

// ── Classification ──────────────────────────────────────────────────────────

const modelNotSupportedCodes = new Set([
  "DeploymentModelNotSupported",
  "ServiceModelDeprecated",
  "ModelNotSupported",
  "InvalidModel",
  "ModelDeprecated",
]);
const invalidPropertiesCodes = new Set([
  "InvalidResourceProperties",
  "InvalidRequestContent",
  "InvalidCapacity",
  "InvalidResourceName",
  "BadRequest",
  "ValidationError",
  "InvalidParameter",
]);
const authCodes = new Set([
  "AuthenticationFailed",
  "AuthorizationFailed",
  "InvalidAuthenticationToken",
  "InvalidAuthenticationTokenTenant",
  "ExpiredAuthenticationToken",
  "LinkedAuthorizationFailed",
  "SubscriptionNotFound",
]);
const credentialErrorNames = new Set([
  "CredentialUnavailableError",
  "AuthenticationError",
  "AggregateAuthenticationError",
  "AuthenticationRequiredError",
]);
const networkErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "REQUEST_SEND_ERROR",
]);

const lroFailurePrefix = "The long-running operation has failed";
const conflictText = /another operation is being performed/i;

/** `The long-running operation has failed. <code>. <message>` → its code and message. */
function parseOperationFailure(message: string): { code?: string; message: string } | undefined {
  if (!message.startsWith(lroFailurePrefix)) return undefined;
  const rest = message.slice(lroFailurePrefix.length);
  const detail = /^\. (\S+?)\. ([\s\S]*)$/.exec(rest);
  if (!detail?.[1]) return { message: "" };
  return { code: detail[1], message: detail[2] ?? "" };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function retryAfterSeconds(error: RestError): number | undefined {
  const headers = error.response?.headers;
  const milliseconds = Number(
    headers?.get("retry-after-ms") ?? headers?.get("x-ms-retry-after-ms") ?? Number.NaN,
  );
  if (Number.isFinite(milliseconds)) return Math.ceil(milliseconds / 1000);
  const value = headers?.get("retry-after");
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

/** True for ARM's "another operation is being performed on the parent resource" (409 RequestConflict). */
export function isRequestConflict(error: unknown): boolean {
  if (isRestError(error)) {
    return error.code === "RequestConflict" || (error.statusCode === 409 && conflictText.test(error.message));
  }
  if (error instanceof Error) {
    const failure = parseOperationFailure(error.message);
    return (
      failure?.code === "RequestConflict" || (failure !== undefined && conflictText.test(failure.message))
    );
  }
  return false;
}

function classifyRestError(error: RestError): LiveFailureCode {
  const status = error.statusCode;
  const code = error.code ?? "";
  if (code === "InsufficientQuota") return "live/insufficient-quota";
  if (code === "RequestConflict" || (status === 409 && conflictText.test(error.message))) {
    return "live/request-conflict";
  }
  if (modelNotSupportedCodes.has(code)) return "live/model-not-supported";
  if (status === undefined) return networkErrorCodes.has(code) ? "live/network" : "live/unexpected";
  if (status === 401 || status === 403 || authCodes.has(code)) return "live/auth";
  if (status === 429) return "live/throttled";
  if (status >= 500) return "live/server-error";
  if (status === 404) return "live/not-found";
  if (invalidPropertiesCodes.has(code) || status === 400) return "live/invalid-properties";
  return "live/unexpected";
}

function sentence(context: FailureContext | undefined, text: string): string {
  const body = text.trim() === "" ? "no reason given" : text.trim();
  return context?.action ? `${context.action} failed: ${body}` : body;
}

function failure(
  code: LiveFailureCode,
  message: string,
  extra: Partial<Omit<LiveFailure, "code" | "message" | "hint">> = {},
  hint = liveCodes[code].hint,
): LiveFailure {
  const result: LiveFailure = { code, message: scrubSecrets(message), hint };
  if (extra.azureCode !== undefined) result.azureCode = extra.azureCode;
  if (extra.statusCode !== undefined) result.statusCode = extra.statusCode;
  if (extra.retryAfterSeconds !== undefined) result.retryAfterSeconds = extra.retryAfterSeconds;
  return result;
}

/** Turns any failure of a live call into a structured, scrubbed `{code, message, hint}`. */
export function describeLiveFailure(error: unknown, context?: FailureContext): LiveFailure {
  if (error instanceof LiveConfigError)
    return failure("live/config", sentence(context, error.message), {}, error.hint);
  if (isRestError(error)) {
    const code = classifyRestError(error);
    const wait = retryAfterSeconds(error);
    const azureCode = error.code;
    const status = error.statusCode === undefined ? "" : `HTTP ${error.statusCode}`;
    const label = [azureCode, status].filter((part) => part).join(", ");
    const text = sentence(context, label ? `${error.message} (${label})` : error.message);
    const hint =
      code === "live/throttled" && wait !== undefined
        ? `Azure asked to wait ${wait} s before retrying. ${liveCodes[code].hint}`
        : liveCodes[code].hint;
    return failure(
      code,
      text,
      {
        ...(azureCode === undefined ? {} : { azureCode }),
        ...(error.statusCode === undefined ? {} : { statusCode: error.statusCode }),
        ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
      },
      hint,
    );
  }
  const name = errorName(error);
  if (credentialErrorNames.has(name)) {
    return failure("live/auth", sentence(context, summarizeCredentialError((error as Error).message)));
  }
  if (name === "AbortError") return failure("live/cancelled", sentence(context, (error as Error).message));
  const code = errorCode(error);
  if (code !== undefined && networkErrorCodes.has(code)) {
    return failure("live/network", sentence(context, (error as Error).message), { azureCode: code });
  }
  if (error instanceof Error) {
    const operation = parseOperationFailure(error.message);
    if (operation) {
      const label = operation.code ? ` (${operation.code})` : "";
      return failure(
        "live/operation-failed",
        sentence(
          context,
          `the operation ended in failure: ${operation.message || "no reason given"}${label}`,
        ),
        operation.code ? { azureCode: operation.code } : {},
      );
    }
    return failure("live/unexpected", sentence(context, error.message));
  }
  return failure("live/unexpected", sentence(context, String(error)));
}

/** A Diagnostic for a live failure at the place in deployments.yaml it concerns. */
export function liveFailureDiagnostic(
  failureToReport: LiveFailure,
  location: SourceLocation,
  severity: Severity = "error",
): Diagnostic {
  return liveDiagnostic(failureToReport.code, location, {
    message: failureToReport.message,
    hint: failureToReport.hint,
    severity,
  });
}

/** How each credential of a chain shows in its message, and how a person knows it. */
const credentialSources: readonly [RegExp, string][] = [
  [/EnvironmentCredential/, "environment variables"],
  [/WorkloadIdentityCredential/, "workload identity"],
  [/ManagedIdentityCredential/, "managed identity"],
  [/AzurePipelinesCredential/, "Azure Pipelines service connection"],
  [/Visual Studio Code/, "VS Code"],
  [/Azure CLI/, "Azure CLI (az login)"],
  [/PowerShell/, "Azure PowerShell"],
  [/Azure Developer CLI/, "Azure Developer CLI"],
];

/**
 * A credential chain's message lists every credential it tried with its troubleshooting links: pages of
 * text. Keep what a person acts on: that no credential worked, and which sources were tried.
 */
export function summarizeCredentialError(message: string): string {
  const tried = credentialSources.filter(([pattern]) => pattern.test(message)).map(([, label]) => label);
  if (!/ChainedTokenCredential|DefaultAzureCredential/.test(message) || tried.length === 0) {
    return message.split(/(?<=\.)\s/)[0] ?? message;
  }
  return `no Azure credential could be used (tried ${tried.join(", ")})`;
}
