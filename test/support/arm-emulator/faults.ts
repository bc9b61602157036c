import type { OperationFailure } from "./lro";

/** Selects requests: method (any when omitted) and a path pattern (a case-insensitive substring or a RegExp). */
export interface RequestSelector {
  method?: string;
  pathPattern?: string | RegExp;
}

/** An injected error response (or a dropped connection) for the next matching requests. */
export interface FaultSpec extends RequestSelector {
  status: number;
  /** ARM error code; defaults by status (429 TooManyRequests, 409 RequestConflict, 500 InternalServerError…). */
  code?: string;
  message?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  headers?: Record<string, string>;
  /** Destroy the socket instead of answering (a network error on the client side). */
  dropConnection?: boolean;
}

/** Makes the next long-running operations started by matching requests end in failure. */
export interface OperationFaultSpec extends RequestSelector, OperationFailure {
  times?: number;
}

export interface PlannedFault {
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  dropConnection: boolean;
}

const defaultErrors: Record<number, { code: string; message: string }> = {
  400: { code: "BadRequest", message: "The request is invalid." },
  401: {
    code: "AuthenticationFailed",
    message: "Authentication failed. The 'Authorization' header is missing.",
  },
  403: {
    code: "AuthorizationFailed",
    message: "The client does not have authorization to perform this action over this scope.",
  },
  404: { code: "ResourceNotFound", message: "The resource was not found." },
  409: {
    code: "RequestConflict",
    message: "Another operation is being performed on the parent resource. Please try again later.",
  },
  429: {
    code: "TooManyRequests",
    message:
      "The request is being throttled as the limit has been reached for operation type - Write_ObservationWindow_00:01:00. For more information, refer to - https://aka.ms/srpthrottlinglimits",
  },
  500: {
    code: "InternalServerError",
    message: "An internal server error occurred. Please retry the request.",
  },
  502: { code: "BadGateway", message: "The gateway did not receive a response in time." },
  503: { code: "ServiceUnavailable", message: "The service is temporarily unavailable. Please retry later." },
  504: {
    code: "GatewayTimeout",
    message: "The gateway did not receive a response within the specified time.",
  },
};

export function defaultErrorFor(status: number): { code: string; message: string } {
  return (
    defaultErrors[status] ?? { code: status >= 500 ? "InternalServerError" : "BadRequest", message: "Error." }
  );
}

function matches(selector: RequestSelector, method: string, path: string): boolean {
  if (selector.method && selector.method.toUpperCase() !== method.toUpperCase()) return false;
  const pattern = selector.pathPattern;
  if (pattern === undefined) return true;
  if (typeof pattern === "string") return path.toLowerCase().includes(pattern.toLowerCase());
  return pattern.test(path);
}

interface Armed<T> {
  spec: T;
  remaining: number;
}

function take<T extends RequestSelector>(queue: Armed<T>[], method: string, path: string): T | undefined {
  const index = queue.findIndex((armed) => matches(armed.spec, method, path));
  const armed = queue[index];
  if (!armed) return undefined;
  armed.remaining -= 1;
  if (armed.remaining <= 0) queue.splice(index, 1);
  return armed.spec;
}

/** Faults armed by tests, consumed first-armed-first by matching requests. */
export class FaultInjector {
  private readonly faults: Armed<FaultSpec>[] = [];
  private readonly operationFaults: Armed<OperationFaultSpec>[] = [];

  failNext(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 });
  }

  failNextOperation(spec: OperationFaultSpec): void {
    this.operationFaults.push({ spec, remaining: spec.times ?? 1 });
  }

  /** Faults not yet consumed (each counts its remaining times). */
  pending(): number {
    return [...this.faults, ...this.operationFaults].reduce((sum, armed) => sum + armed.remaining, 0);
  }

  clear(): void {
    this.faults.length = 0;
    this.operationFaults.length = 0;
  }

  takeFault(method: string, path: string): PlannedFault | undefined {
    const spec = take(this.faults, method, path);
    if (!spec) return undefined;
    const fallback = defaultErrorFor(spec.status);
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.retryAfter !== undefined) headers["Retry-After"] = String(spec.retryAfter);
    return {
      status: spec.status,
      code: spec.code ?? fallback.code,
      message: spec.message ?? fallback.message,
      headers,
      dropConnection: spec.dropConnection ?? false,
    };
  }

  takeOperationFailure(method: string, path: string): OperationFailure | undefined {
    const spec = take(this.operationFaults, method, path);
    if (!spec) return undefined;
    const failure: OperationFailure = { code: spec.code, message: spec.message };
    if (spec.httpStatus !== undefined) failure.httpStatus = spec.httpStatus;
    return failure;
  }
}
