import { randomUUID } from "node:crypto";
import { ArmError, absoluteUrl, type EmulatorResponse, ok, type RequestContext } from "./http";
import type { ArmErrorBody } from "./types";

/**
 * How a long-running operation is announced: `Azure-AsyncOperation` (a status resource answering
 * `{"status": ...}`) or `Location` (202 until done, then the result itself).
 */
export type OperationStyle = "azure-async-operation" | "location";

export interface OperationFailure {
  code: string;
  message: string;
  /** Status a `Location` poll answers with when the operation fails (default 400). */
  httpStatus?: number;
}

export interface OperationSpec {
  style: OperationStyle;
  subscriptionId: string;
  location: string;
  /** Writes under the same key are refused with 409 while this operation runs (the parent account). */
  lockKey?: string;
  inProgressPolls: number;
  failure?: OperationFailure | undefined;
  /** Applies the operation's effect; the value is the body of the final `Location` poll (none → 204). */
  onSucceeded: () => unknown;
  onFailed: () => void;
}

type OperationStatus = "InProgress" | "Succeeded" | "Failed";

interface OperationRecord {
  id: string;
  spec: OperationSpec;
  pollsRemaining: number;
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  result?: unknown;
}

const statusSegment: Record<OperationStyle, string> = {
  "azure-async-operation": "operationStatuses",
  location: "operationResults",
};

/** Tracks running operations, answers their status URLs and holds the per-account write lock. */
export class OperationTracker {
  private readonly operations = new Map<string, OperationRecord>();

  constructor(private readonly now: () => Date) {}

  /** Starts an operation; returns the response headers announcing it. */
  begin(ctx: RequestContext, spec: OperationSpec): Record<string, string> {
    const record: OperationRecord = {
      id: randomUUID(),
      spec,
      pollsRemaining: Math.max(0, spec.inProgressPolls),
      status: "InProgress",
      startTime: this.now().toISOString(),
    };
    this.operations.set(record.id, record);
    const url = absoluteUrl(
      ctx,
      `/subscriptions/${spec.subscriptionId}/providers/Microsoft.CognitiveServices/locations/${spec.location}/${statusSegment[spec.style]}/${record.id}`,
    );
    const header = spec.style === "azure-async-operation" ? "Azure-AsyncOperation" : "Location";
    return { [header]: url, "Retry-After": "0" };
  }

  isLocked(lockKey: string): boolean {
    for (const record of this.operations.values()) {
      if (record.status === "InProgress" && record.spec.lockKey === lockKey) return true;
    }
    return false;
  }

  /** Number of operations still in progress. */
  inProgress(): number {
    return [...this.operations.values()].filter((record) => record.status === "InProgress").length;
  }

  /** Ends every running operation now, with its planned outcome. */
  completeAll(): void {
    for (const record of this.operations.values()) {
      if (record.status === "InProgress") this.finish(record);
    }
  }

  poll(ctx: RequestContext, id: string, style: OperationStyle): EmulatorResponse {
    const record = this.operations.get(id);
    if (!record || record.spec.style !== style) {
      throw new ArmError(404, "ResourceNotFound", `The operation '${id}' was not found.`);
    }
    if (record.status === "InProgress") {
      if (record.pollsRemaining > 0) {
        record.pollsRemaining -= 1;
        return style === "azure-async-operation"
          ? ok(this.statusBody(record), 200, { "Retry-After": "0" })
          : { status: 202, headers: { Location: absoluteUrl(ctx, ctx.path), "Retry-After": "0" } };
      }
      this.finish(record);
    }
    if (style === "azure-async-operation") return ok(this.statusBody(record));
    const failure = record.spec.failure;
    if (record.status === "Failed" && failure) {
      throw new ArmError(failure.httpStatus ?? 400, failure.code, failure.message);
    }
    return record.result === undefined ? { status: 204 } : ok(record.result);
  }

  private finish(record: OperationRecord): void {
    record.endTime = this.now().toISOString();
    if (record.spec.failure) {
      record.status = "Failed";
      record.spec.onFailed();
    } else {
      record.status = "Succeeded";
      record.result = record.spec.onSucceeded();
    }
  }

  private statusBody(record: OperationRecord): Record<string, unknown> {
    const body: Record<string, unknown> = {
      id: `/subscriptions/${record.spec.subscriptionId}/providers/Microsoft.CognitiveServices/locations/${record.spec.location}/operationStatuses/${record.id}`,
      name: record.id,
      status: record.status,
      startTime: record.startTime,
    };
    if (record.endTime) body.endTime = record.endTime;
    if (record.status === "Failed" && record.spec.failure) {
      const error: ArmErrorBody = { code: record.spec.failure.code, message: record.spec.failure.message };
      body.error = error;
    }
    return body;
  }
}
