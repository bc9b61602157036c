import {
  type CatalogMatch,
  checkCapacity,
  checkModelSupported,
  checkQuota,
  checkRaiPolicy,
  type DeploymentDraft,
  defaultVersion,
  lookupCatalog,
} from "./deployment-rules";
import {
  ArmError,
  type EmulatorResponse,
  isJsonObject,
  ok,
  paged,
  type RequestContext,
  requireObjectBody,
} from "./http";
import type { Router } from "./router";
import { accountRefFrom, deleteChild, type EmulatorServices, ensureAccountIdle } from "./services";
import { type AccountState, accountId, accountKey, nameKey } from "./state";
import type { DeploymentResource, JsonObject } from "./types";

const collection =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}/deployments";
const item = `${collection}/{deploymentName}`;

/** Properties ARM computes; a client sending them does not set them. */
const serverComputed = [
  "provisioningState",
  "rateLimits",
  "callRateLimit",
  "capabilities",
  "dynamicThrottlingEnabled",
];

function deploymentNotFound(account: AccountState, name: string): ArmError {
  return new ArmError(
    404,
    "DeploymentNotFound",
    `Deployment '${name}' was not found under account '${account.ref.accountName}'.`,
  );
}

function invalid(message: string): ArmError {
  return new ArmError(400, "InvalidResourceProperties", message);
}

function draftFromPut(
  services: EmulatorServices,
  account: AccountState,
  name: string,
  body: JsonObject,
): DeploymentDraft {
  const sku = body.sku;
  if (!isJsonObject(sku) || typeof sku.name !== "string" || sku.name === "") {
    throw invalid(`Deployment '${name}': 'sku.name' is required.`);
  }
  if (sku.capacity !== undefined && typeof sku.capacity !== "number") {
    throw invalid(`Deployment '${name}': 'sku.capacity' must be a number.`);
  }
  const properties = body.properties;
  const model = isJsonObject(properties) ? properties.model : undefined;
  if (!isJsonObject(model) || typeof model.format !== "string" || typeof model.name !== "string") {
    throw invalid(`Deployment '${name}': 'properties.model' with 'format' and 'name' is required.`);
  }
  const sentVersion = typeof model.version === "string" && model.version !== "" ? model.version : undefined;
  return {
    name,
    skuName: sku.name,
    capacity: sku.capacity,
    format: model.format,
    modelName: model.name,
    version: sentVersion ?? defaultVersion(services.state, account.location, model.format, model.name),
  };
}

function rateLimits(skuName: string, capacity: number): JsonObject[] {
  if (skuName.toLowerCase().includes("provisioned")) return [];
  // Token-based types: 1,000 tokens per minute per unit and 6 requests per minute per unit.
  return [
    { key: "request", renewalPeriod: 10, count: capacity },
    { key: "token", renewalPeriod: 60, count: capacity * 1000 },
  ];
}

function markSucceeded(deployment: DeploymentResource, match: CatalogMatch | undefined): DeploymentResource {
  deployment.properties.provisioningState = "Succeeded";
  deployment.properties.rateLimits = rateLimits(deployment.sku.name, deployment.sku.capacity ?? 0);
  if (match?.model.capabilities) deployment.properties.capabilities = { ...match.model.capabilities };
  return deployment;
}

function buildDeployment(
  account: AccountState,
  name: string,
  body: JsonObject,
  draft: DeploymentDraft,
  capacity: number,
  provisioningState: string,
  now: Date,
  previous: DeploymentResource | undefined,
): DeploymentResource {
  const sent = isJsonObject(body.properties) ? { ...body.properties } : {};
  for (const key of serverComputed) delete sent[key];
  const sentModel = isJsonObject(sent.model) ? sent.model : {};
  const model = { ...sentModel, format: draft.format, name: draft.modelName };
  const properties: DeploymentResource["properties"] = {
    ...sent,
    model: draft.version === undefined ? model : { ...model, version: draft.version },
    provisioningState,
  };
  const timestamp = now.toISOString();
  const deployment: DeploymentResource = {
    id: `${accountId(account.ref)}/deployments/${name}`,
    name,
    type: "Microsoft.CognitiveServices/accounts/deployments",
    sku: { name: draft.skuName, capacity },
    properties,
    systemData: {
      createdBy: "arm-emulator",
      createdByType: "Application",
      createdAt: (previous?.systemData as JsonObject | undefined)?.createdAt ?? timestamp,
      lastModifiedBy: "arm-emulator",
      lastModifiedByType: "Application",
      lastModifiedAt: timestamp,
    },
  };
  if (isJsonObject(body.tags)) deployment.tags = body.tags as Record<string, string>;
  return deployment;
}

function sameModel(deployment: DeploymentResource, draft: DeploymentDraft): boolean {
  const model = deployment.properties.model;
  return (
    nameKey(model.format ?? "") === nameKey(draft.format) &&
    nameKey(model.name ?? "") === nameKey(draft.modelName) &&
    model.version === draft.version &&
    nameKey(deployment.sku.name) === nameKey(draft.skuName)
  );
}

function put(services: EmulatorServices, ctx: RequestContext): EmulatorResponse {
  const { state, settings, operations, faults } = services;
  const account = state.requireAccount(accountRefFrom(ctx.params));
  ensureAccountIdle(services, account);
  const requestedName = ctx.params.deploymentName ?? "";
  const key = nameKey(requestedName);
  const existing = account.deployments.get(key);
  const name = existing?.name ?? requestedName;
  const body = requireObjectBody(ctx);
  const draft = draftFromPut(services, account, name, body);
  const now = settings.now();
  // Re-sending an existing deployment's model is accepted even after the model's retirement.
  const match =
    existing && sameModel(existing, draft)
      ? lookupCatalog(state, account.location, draft.format, draft.modelName, draft.version, draft.skuName)
      : checkModelSupported(state, account.location, draft, now);
  const capacity = draft.capacity ?? match?.sku.capacity?.default ?? 1;
  checkCapacity(draft, capacity, match);
  checkQuota(state, account, draft, capacity, match, existing);
  const properties = isJsonObject(body.properties) ? body.properties : {};
  checkRaiPolicy(account, properties.raiPolicyName);

  if (existing && settings.putExisting === "sync") {
    const updated = markSucceeded(
      buildDeployment(account, name, body, draft, capacity, "Succeeded", now, existing),
      match,
    );
    account.deployments.set(key, updated);
    return ok(updated);
  }
  const deployment = buildDeployment(account, name, body, draft, capacity, "Accepted", now, existing);
  account.deployments.set(key, deployment);
  const headers = operations.begin(ctx, {
    style: "azure-async-operation",
    subscriptionId: account.ref.subscriptionId,
    location: account.location,
    lockKey: accountKey(account.ref),
    inProgressPolls: settings.inProgressPolls,
    failure: faults.takeOperationFailure(ctx.method, ctx.path),
    onSucceeded: () => markSucceeded(deployment, match),
    onFailed: () => {
      if (existing) account.deployments.set(key, existing);
      else deployment.properties.provisioningState = "Failed";
    },
  });
  return ok(deployment, existing ? 200 : 201, headers);
}

const patchableKeys = new Set(["sku", "tags"]);

function patch(services: EmulatorServices, ctx: RequestContext): EmulatorResponse {
  const { state, settings, operations, faults } = services;
  const account = state.requireAccount(accountRefFrom(ctx.params));
  ensureAccountIdle(services, account);
  const name = ctx.params.deploymentName ?? "";
  const key = nameKey(name);
  const existing = account.deployments.get(key);
  if (!existing) throw deploymentNotFound(account, name);
  const body = requireObjectBody(ctx);
  const unknown = Object.keys(body).filter((field) => !patchableKeys.has(field));
  if (unknown.length > 0) {
    throw new ArmError(
      400,
      "InvalidRequestContent",
      `A deployment PATCH accepts only 'sku' and 'tags'; '${unknown.join("', '")}' cannot be patched.`,
    );
  }
  const updated = structuredClone(existing);
  let match: CatalogMatch | undefined;
  if (isJsonObject(body.sku)) {
    const sku = { ...existing.sku, ...body.sku } as { name: unknown; capacity?: unknown };
    if (typeof sku.name !== "string" || (sku.capacity !== undefined && typeof sku.capacity !== "number")) {
      throw invalid(
        `Deployment '${existing.name}': 'sku' must have a string 'name' and a numeric 'capacity'.`,
      );
    }
    const model = existing.properties.model;
    const draft: DeploymentDraft = {
      name: existing.name,
      skuName: sku.name,
      capacity: sku.capacity,
      format: model.format ?? "",
      modelName: model.name ?? "",
      version: model.version,
    };
    match =
      nameKey(sku.name) === nameKey(existing.sku.name)
        ? lookupCatalog(state, account.location, draft.format, draft.modelName, draft.version, draft.skuName)
        : checkModelSupported(state, account.location, draft, settings.now());
    const capacity = draft.capacity ?? existing.sku.capacity ?? 1;
    checkCapacity(draft, capacity, match);
    checkQuota(state, account, draft, capacity, match, existing);
    updated.sku = { name: sku.name, capacity };
  } else {
    const model = existing.properties.model;
    match = lookupCatalog(
      state,
      account.location,
      model.format,
      model.name,
      model.version,
      existing.sku.name,
    );
  }
  if (isJsonObject(body.tags)) updated.tags = body.tags as Record<string, string>;

  if (settings.patch === "sync") {
    account.deployments.set(key, markSucceeded(updated, match));
    return ok(updated);
  }
  updated.properties.provisioningState = "Accepted";
  account.deployments.set(key, updated);
  const headers = operations.begin(ctx, {
    style: "location",
    subscriptionId: account.ref.subscriptionId,
    location: account.location,
    lockKey: accountKey(account.ref),
    inProgressPolls: settings.inProgressPolls,
    failure: faults.takeOperationFailure(ctx.method, ctx.path),
    onSucceeded: () => markSucceeded(updated, match),
    onFailed: () => account.deployments.set(key, existing),
  });
  return { status: 202, headers };
}

export function registerDeploymentRoutes(router: Router, services: EmulatorServices): void {
  const { state } = services;
  router
    .add("GET", collection, (ctx) => {
      const account = state.requireAccount(accountRefFrom(ctx.params));
      return paged(ctx, [...account.deployments.values()], services.settings.pageSize);
    })
    .add("GET", item, (ctx) => {
      const account = state.requireAccount(accountRefFrom(ctx.params));
      const name = ctx.params.deploymentName ?? "";
      const deployment = account.deployments.get(nameKey(name));
      if (!deployment) throw deploymentNotFound(account, name);
      return ok(deployment);
    })
    .add("PUT", item, (ctx) => put(services, ctx))
    .add("PATCH", item, (ctx) => patch(services, ctx))
    .add("DELETE", item, (ctx) => {
      const account = state.requireAccount(accountRefFrom(ctx.params));
      return deleteChild(
        services,
        ctx,
        account,
        account.deployments,
        nameKey(ctx.params.deploymentName ?? ""),
      );
    });
}
