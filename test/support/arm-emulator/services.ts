import type { FaultInjector } from "./faults";
import { ArmError, type EmulatorResponse, isJsonObject, noContent, type RequestContext } from "./http";
import type { OperationTracker } from "./lro";
import { type AccountState, accountId, accountKey, type EmulatorState } from "./state";
import type { AccountRef } from "./types";

/** How the emulator answers; tests change these at run time through the emulator. */
export interface EmulatorSettings {
  /** Items per page of every paged list. */
  pageSize: number;
  /** How many polls of an operation answer "in progress" before it ends. */
  inProgressPolls: number;
  /** PUT of an existing deployment: 200 + Azure-AsyncOperation (`async`) or 200, done (`sync`). */
  putExisting: "async" | "sync";
  /** PATCH of a deployment: 202 + Location (`async`) or 200 with the result (`sync`). */
  patch: "async" | "sync";
  /** DELETE of a deployment or RAI resource: 202 + Location (`async`), or an immediate 200 / 204. */
  delete: "async" | "sync200" | "sync204";
  now: () => Date;
}

export function defaultSettings(): EmulatorSettings {
  return {
    pageSize: 100,
    inProgressPolls: 1,
    putExisting: "async",
    patch: "async",
    delete: "async",
    now: () => new Date(),
  };
}

/** What route handlers share. */
export interface EmulatorServices {
  state: EmulatorState;
  operations: OperationTracker;
  faults: FaultInjector;
  settings: EmulatorSettings;
}

export function accountRefFrom(params: Record<string, string>): AccountRef {
  return {
    subscriptionId: params.subscriptionId ?? "",
    resourceGroup: params.resourceGroupName ?? "",
    accountName: params.accountName ?? "",
  };
}

/** 409 RequestConflict while another write's operation on the account is still running. */
export function ensureAccountIdle(services: EmulatorServices, account: AccountState): void {
  if (services.operations.isLocked(accountKey(account.ref))) {
    throw new ArmError(
      409,
      "RequestConflict",
      `Another operation is being performed on the parent resource '${accountId(account.ref)}'. Please try again later.`,
    );
  }
}

const resourceNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function ensureValidName(kind: string, name: string): void {
  if (!resourceNamePattern.test(name) || name.length > 64) {
    throw new ArmError(
      400,
      "InvalidResourceName",
      `The ${kind} name '${name}' is invalid. It must start with a letter or digit, contain only letters, digits, '_', '.' and '-', and be at most 64 characters.`,
    );
  }
}

/** Deletes a child under an account the way ARM does: gone already → 204; else as the settings say. */
export function deleteChild(
  services: EmulatorServices,
  ctx: RequestContext,
  account: AccountState,
  children: Map<string, unknown>,
  key: string,
): EmulatorResponse {
  const { settings, operations, faults } = services;
  ensureAccountIdle(services, account);
  const existing = children.get(key);
  if (!existing) return noContent();
  if (settings.delete !== "async") {
    children.delete(key);
    return settings.delete === "sync200" ? { status: 200 } : noContent();
  }
  const current = isJsonObject(existing) ? existing.properties : undefined;
  const properties = isJsonObject(current) && "provisioningState" in current ? current : undefined;
  const previousState = properties?.provisioningState;
  if (properties) properties.provisioningState = "Deleting";
  const headers = operations.begin(ctx, {
    style: "location",
    subscriptionId: account.ref.subscriptionId,
    location: account.location,
    lockKey: accountKey(account.ref),
    inProgressPolls: settings.inProgressPolls,
    failure: faults.takeOperationFailure(ctx.method, ctx.path),
    onSucceeded: () => {
      children.delete(key);
      return undefined;
    },
    onFailed: () => {
      if (properties) properties.provisioningState = previousState;
    },
  });
  return { status: 202, headers };
}
