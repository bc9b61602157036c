import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { FaultInjector } from "./faults";
import { ArmError, type EmulatorResponse, type RequestContext } from "./http";
import type { Router } from "./router";

/** One request as the emulator saw it; the Authorization header itself is never kept. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names, without `authorization`. */
  headers: Record<string, string>;
  hadAuthorization: boolean;
  body: unknown;
  /** Status answered; 0 when the connection was dropped on purpose. */
  status?: number;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
}

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

interface Dependencies {
  router: Router;
  faults: FaultInjector;
  record(request: RecordedRequest): void;
}

const invalidJson = Symbol("invalidJson");

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalidJson;
  }
}

function headersOf(req: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "authorization" || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function errorResponse(error: ArmError): EmulatorResponse {
  return { status: error.status, body: error.toBody(), headers: error.headers };
}

async function route(deps: Dependencies, ctx: RequestContext, rawPath: string): Promise<EmulatorResponse> {
  if (ctx.body === invalidJson) {
    throw new ArmError(
      400,
      "InvalidRequestContent",
      "The request content was invalid and could not be deserialized.",
    );
  }
  if (!ctx.query.get("api-version")) {
    throw new ArmError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    );
  }
  const match = deps.router.match(ctx.method, rawPath);
  if (match === "methodMismatch") {
    throw new ArmError(
      405,
      "MethodNotAllowed",
      `The method '${ctx.method}' is not allowed on '${ctx.path}'.`,
    );
  }
  if (!match) {
    throw new ArmError(
      501,
      "NotImplementedInEmulator",
      `The ARM emulator does not serve ${ctx.method} ${ctx.path}.`,
    );
  }
  return match.handler({ ...ctx, params: match.params });
}

function send(res: http.ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = {
    "x-ms-request-id": randomUUID(),
    "x-ms-correlation-request-id": randomUUID(),
    ...response.headers,
  };
  if (response.body === undefined) {
    res.writeHead(response.status, { ...headers, "Content-Length": "0" });
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

async function handle(
  deps: Dependencies,
  baseUrl: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const text = await readBody(req);
  // Not `new URL(req.url, base)`: a scope-first path such as `//subscriptions/…` (the policy SDK sends
  // `/{scope}/…` with a scope that starts with `/`) would be read as a host name.
  const target = req.url ?? "/";
  const queryStart = target.indexOf("?");
  const rawPath = (queryStart < 0 ? target : target.slice(0, queryStart)).replace(/\/{2,}/g, "/");
  const searchParams = new URLSearchParams(queryStart < 0 ? "" : target.slice(queryStart + 1));
  const method = (req.method ?? "GET").toUpperCase();
  const path = decodePath(rawPath);
  const body = parseBody(text);
  const recorded: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(searchParams),
    headers: headersOf(req),
    hadAuthorization: req.headers.authorization !== undefined,
    body: body === invalidJson ? text : body,
    receivedAt: Date.now(),
  };
  deps.record(recorded);

  const fault = deps.faults.takeFault(method, path);
  if (fault?.dropConnection) {
    recorded.status = 0;
    req.socket.destroy();
    return;
  }
  let response: EmulatorResponse;
  if (fault) {
    response = errorResponse(new ArmError(fault.status, fault.code, fault.message, fault.headers));
  } else {
    const ctx: RequestContext = { method, path, query: searchParams, body, params: {}, baseUrl };
    try {
      response = await route(deps, ctx, rawPath);
    } catch (error) {
      response =
        error instanceof ArmError
          ? errorResponse(error)
          : errorResponse(new ArmError(500, "InternalServerError", `Emulator failure: ${String(error)}`));
    }
  }
  recorded.status = response.status;
  send(res, response);
}

/** Listens on 127.0.0.1 with an ephemeral port. */
export async function startServer(deps: Dependencies): Promise<RunningServer> {
  let baseUrl = "";
  const server = http.createServer((req, res) => {
    handle(deps, baseUrl, req, res).catch(() => {
      if (!res.headersSent)
        send(res, errorResponse(new ArmError(500, "InternalServerError", "Emulator failure.")));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
