/**
 * The checks ARM runs on a deployment write: model/version/sku in the location's catalog and not
 * retired, capacity within the sku's range and step, quota left for the sku's usage name.
 * A location without a catalog is not checked (tests that do not care about the catalog stay short).
 */
import { ArmError } from "./http";
import { type AccountState, type EmulatorState, locationKey, nameKey } from "./state";
import type { CatalogModel, CatalogSku, DeploymentResource } from "./types";

export interface DeploymentDraft {
  name: string;
  skuName: string;
  capacity: number | undefined;
  format: string;
  modelName: string;
  version: string | undefined;
}

export interface CatalogMatch {
  model: CatalogModel;
  sku: CatalogSku;
}

/** Built-in content filters every account has. */
const builtInRaiPolicies = new Set(["microsoft.default", "microsoft.defaultv2", "microsoft.nil"]);

function sameText(a: string | undefined, b: string | undefined): boolean {
  return (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
}

function modelLabel(format: string, name: string, version: string | undefined): string {
  return `Format:${format},Name:${name},Version:${version ?? ""}`;
}

function catalogModels(state: EmulatorState, location: string): CatalogModel[] | undefined {
  return state.catalogOf(location)?.map((entry) => entry.model);
}

/** The version ARM picks when none is sent: the catalog's default, else the highest. */
export function defaultVersion(
  state: EmulatorState,
  location: string,
  format: string,
  name: string,
): string | undefined {
  const candidates = (catalogModels(state, location) ?? []).filter(
    (model) => sameText(model.format, format) && sameText(model.name, name),
  );
  const preferred = candidates.find((model) => model.isDefaultVersion === true);
  if (preferred) return preferred.version;
  return candidates.map((model) => model.version).sort((a, b) => b.localeCompare(a))[0];
}

function findSku(model: CatalogModel, skuName: string): CatalogSku | undefined {
  return model.skus?.find((sku) => sameText(sku.name, skuName));
}

/** The catalog entry and sku for a deployment, when the location has them (no validation). */
export function lookupCatalog(
  state: EmulatorState,
  location: string,
  format: string | undefined,
  name: string | undefined,
  version: string | undefined,
  skuName: string,
): CatalogMatch | undefined {
  const model = catalogModels(state, location)?.find(
    (candidate) =>
      sameText(candidate.format, format) && sameText(candidate.name, name) && candidate.version === version,
  );
  const sku = model ? findSku(model, skuName) : undefined;
  return model && sku ? { model, sku } : undefined;
}

function isPast(date: string | undefined, now: Date): boolean {
  if (!date) return false;
  const time = Date.parse(date);
  return Number.isFinite(time) && time <= now.getTime();
}

/** 400 DeploymentModelNotSupported unless the location offers the model, version and sku today. */
export function checkModelSupported(
  state: EmulatorState,
  location: string,
  draft: DeploymentDraft,
  now: Date,
): CatalogMatch | undefined {
  const models = catalogModels(state, location);
  if (!models) return undefined;
  const label = modelLabel(draft.format, draft.modelName, draft.version);
  const model = models.find(
    (candidate) =>
      sameText(candidate.format, draft.format) &&
      sameText(candidate.name, draft.modelName) &&
      candidate.version === draft.version,
  );
  if (!model) {
    throw new ArmError(
      400,
      "DeploymentModelNotSupported",
      `The model '${label}' of account deployment is not supported in location '${location}'.`,
    );
  }
  const retiredOn = model.deprecation?.inference;
  if (model.lifecycleStatus === "Deprecated" || isPast(retiredOn, now)) {
    throw new ArmError(
      400,
      "DeploymentModelNotSupported",
      `Creating account deployment is not supported by the model '${label}': it is deprecated${retiredOn ? ` since ${retiredOn}` : ""}.`,
    );
  }
  const sku = findSku(model, draft.skuName);
  if (!sku || isPast(sku.deprecationDate, now)) {
    throw new ArmError(
      400,
      "DeploymentModelNotSupported",
      `The specified SKU '${draft.skuName}' of account deployment is not supported by the model '${label}'.`,
    );
  }
  return { model, sku };
}

/** 400 InvalidResourceProperties unless the capacity fits the sku's minimum, maximum and step. */
export function checkCapacity(
  draft: DeploymentDraft,
  capacity: number,
  match: CatalogMatch | undefined,
): void {
  const range = match?.sku.capacity ?? {};
  const minimum = range.minimum ?? 1;
  const step = range.step ?? 1;
  const maximum = range.maximum;
  const fits =
    Number.isInteger(capacity) &&
    capacity >= minimum &&
    (maximum === undefined || capacity <= maximum) &&
    capacity % step === 0;
  if (!fits) {
    const upper = maximum === undefined ? "" : ` and at most ${maximum}`;
    throw new ArmError(
      400,
      "InvalidResourceProperties",
      `The capacity ${capacity} of deployment '${draft.name}' is not valid for SKU '${draft.skuName}' of model '${draft.modelName}': it must be a multiple of ${step}, at least ${minimum}${upper}.`,
    );
  }
}

/** 400 when the deployment names a content filter the account does not have. */
export function checkRaiPolicy(account: AccountState, raiPolicyName: unknown): void {
  if (typeof raiPolicyName !== "string" || raiPolicyName === "") return;
  const key = nameKey(raiPolicyName);
  if (builtInRaiPolicies.has(key) || account.raiPolicies.has(key)) return;
  // Wording unverified; the failure itself is the behaviour tools hit (deployment before its filter).
  throw new ArmError(
    400,
    "InvalidResourceProperties",
    `The specified RAI policy '${raiPolicyName}' was not found on account '${account.ref.accountName}'.`,
  );
}

function usageNameOf(
  state: EmulatorState,
  location: string,
  deployment: DeploymentResource,
): string | undefined {
  const model = deployment.properties.model;
  return lookupCatalog(state, location, model.format, model.name, model.version, deployment.sku.name)?.sku
    .usageName;
}

/** Capacity used in a subscription and location for a usage name, from the deployments that exist. */
export function quotaUsage(
  state: EmulatorState,
  subscriptionId: string,
  location: string,
  usageName: string,
  except?: DeploymentResource,
): number {
  let used = 0;
  for (const account of state.accountsOfSubscription(subscriptionId)) {
    if (locationKey(account.location) !== locationKey(location)) continue;
    for (const deployment of account.deployments.values()) {
      if (deployment === except || deployment.properties.provisioningState === "Failed") continue;
      if (!sameText(usageNameOf(state, location, deployment), usageName)) continue;
      used += deployment.sku.capacity ?? 0;
    }
  }
  return used;
}

function quotaDisplayName(skuName: string, modelName: string): string {
  return skuName.toLowerCase().includes("provisioned")
    ? `Provisioned Managed Throughput Unit - ${modelName}`
    : `Tokens Per Minute (thousands) - ${modelName}`;
}

/** 400 InsufficientQuota when the new capacity exceeds what the usage name's limit leaves. */
export function checkQuota(
  state: EmulatorState,
  account: AccountState,
  draft: DeploymentDraft,
  capacity: number,
  match: CatalogMatch | undefined,
  existing: DeploymentResource | undefined,
): void {
  const usageName = match?.sku.usageName;
  if (!usageName) return;
  const quota = state.quotaLimitsOf(account.location).get(nameKey(usageName));
  if (!quota) return;
  const usage = quotaUsage(state, account.ref.subscriptionId, account.location, usageName, existing);
  const previous = existing
    ? quotaUsage(state, account.ref.subscriptionId, account.location, usageName) - usage
    : 0;
  const required = capacity - previous;
  if (required <= 0) return;
  const currentUsage = usage + previous;
  const available = Math.max(0, quota.limit - currentUsage);
  if (required <= available) return;
  const display = quota.localizedValue ?? quotaDisplayName(draft.skuName, draft.modelName);
  throw new ArmError(
    400,
    "InsufficientQuota",
    `This operation require ${required} new capacity in quota ${display}, which is bigger than the current available capacity ${available}. The current quota usage is ${currentUsage} and the quota limit is ${quota.limit} for quota ${usageName}.`,
  );
}
