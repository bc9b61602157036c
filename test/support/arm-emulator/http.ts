import type { ArmErrorBody, JsonObject } from "./types";

/** What a route handler answers; the server serialises it. */
export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One parsed request as route handlers see it. */
export interface RequestContext {
  method: string;
  /** Decoded path without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  params: Record<string, string>;
  /** `http://127.0.0.1:<port>`, for absolute URLs in headers and nextLinks. */
  baseUrl: string;
}

/** An ARM error response; thrown by handlers and turned into `{"error": {...}}` by the server. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ArmError";
  }

  toBody(): { error: ArmErrorBody } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): EmulatorResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(status = 204): EmulatorResponse {
  return { status };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function requireObjectBody(ctx: RequestContext): JsonObject {
  if (!isJsonObject(ctx.body)) {
    throw new ArmError(
      400,
      "InvalidRequestContent",
      "The request content was invalid and could not be deserialized.",
    );
  }
  return ctx.body;
}

/** The api-version of the request, echoed into URLs the emulator hands out. */
export function apiVersionOf(ctx: RequestContext): string {
  return ctx.query.get("api-version") ?? "";
}

/** An absolute URL on this emulator carrying the request's api-version (ARM clients fetch such URLs verbatim). */
export function absoluteUrl(
  ctx: RequestContext,
  path: string,
  extraQuery: Record<string, string> = {},
): string {
  const query = new URLSearchParams({ "api-version": apiVersionOf(ctx), ...extraQuery });
  return `${ctx.baseUrl}${encodePath(path)}?${query.toString()}`;
}

function encodePath(path: string): string {
  return path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

const skipTokenParam = "$skiptoken";

/**
 * One page of a list: `{value, nextLink}` with an absolute nextLink that keeps the request's query
 * (including api-version) and adds a `$skiptoken` offset.
 */
export function paged(ctx: RequestContext, items: readonly unknown[], pageSize: number): EmulatorResponse {
  const rawOffset = ctx.query.get(skipTokenParam);
  const offset = rawOffset === null ? 0 : Number.parseInt(rawOffset, 10);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ArmError(400, "InvalidSkipToken", `The skip token '${rawOffset}' is not valid.`);
  }
  const size = Math.max(1, pageSize);
  const value = items.slice(offset, offset + size);
  const body: JsonObject = { value };
  if (offset + size < items.length) {
    const query = new URLSearchParams(ctx.query);
    query.set(skipTokenParam, String(offset + size));
    body.nextLink = `${ctx.baseUrl}${encodePath(ctx.path)}?${query.toString()}`;
  }
  return ok(body);
}
