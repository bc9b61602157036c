/**
 * Pre-flight checks of the desired deployments against a model catalog (availability, retirement,
 * capacity bounds) and against quota. Pure functions of the desired state and the data read from Azure
 * (or from catalog/models.json); the command decides where that data comes from.
 */
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { DesiredAccount, DesiredDeployment } from "../loader/desired-state";
import { type CatalogModel, type CatalogSku, lookupModel, sameName } from "./catalog";
import { liveDiagnostic } from "./codes";
import type { DeploymentRecord, UsageRecord } from "./read";

const dayInMs = 86_400_000;

function label(deployment: DesiredDeployment): string {
  return `deployment "${deployment.name}" on account ${deployment.accountKey}`;
}

function modelLabel(deployment: DesiredDeployment): string {
  const { format, name, version } = deployment.model;
  return `${format} ${name} version ${version}`;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.join(", ");
}

function dateOnly(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export interface AvailabilityOptions {
  now: Date;
  /** Warn about retirements within this many days. */
  retirementDays: number;
  /** Where the catalog came from, e.g. `the live catalog` or `catalog/models.json (generated 2026-11-24)`. */
  catalogLabel: string;
}

interface Retirement {
  time: number;
  what: string;
}

/** The earliest date after which the version, or the deployment type for it, is no longer usable. */
function retirementOf(model: CatalogModel, sku: CatalogSku | undefined): Retirement | undefined {
  const candidates: Retirement[] = [];
  const inference = Date.parse(model.deprecation?.inference ?? "");
  if (Number.isFinite(inference)) candidates.push({ time: inference, what: "the model version" });
  const skuDate = Date.parse(sku?.deprecationDate ?? "");
  if (sku && Number.isFinite(skuDate)) {
    candidates.push({ time: skuDate, what: `deployment type ${sku.name} for the model version` });
  }
  return candidates.sort((a, b) => a.time - b.time)[0];
}

function capacityProblem(capacity: number, sku: CatalogSku): string | undefined {
  const range = sku.capacity;
  if (!range) return undefined;
  const problems: string[] = [];
  if (range.minimum !== undefined && capacity < range.minimum)
    problems.push(`below the minimum ${range.minimum}`);
  if (range.maximum !== undefined && capacity > range.maximum)
    problems.push(`above the maximum ${range.maximum}`);
  if (range.step !== undefined && range.step > 0 && capacity % range.step !== 0) {
    problems.push(`not a multiple of the step ${range.step}`);
  }
  if (problems.length === 0) return undefined;
  const bounds = [
    range.minimum === undefined ? undefined : `minimum ${range.minimum}`,
    range.maximum === undefined ? undefined : `maximum ${range.maximum}`,
    range.step === undefined ? undefined : `step ${range.step}`,
  ].filter((part): part is string => part !== undefined);
  return `${problems.join(" and ")} (${bounds.join(", ")})`;
}

/**
 * Availability, retirement and capacity bounds of one deployment in its account's region, from the
 * region's catalog entries.
 */
export function checkAvailability(
  deployment: DesiredDeployment,
  location: string,
  models: readonly CatalogModel[],
  options: AvailabilityOptions,
): Diagnostic[] {
  const where = deployment.source;
  const found = lookupModel(models, { ...deployment.model, sku: deployment.sku });
  const inRegion = `in ${location} (${options.catalogLabel})`;
  if (found.versions.length === 0) {
    return [
      liveDiagnostic("live/model-unavailable", where, {
        message: `${label(deployment)}: model ${deployment.model.format} ${deployment.model.name} is not offered ${inRegion}`,
      }),
    ];
  }
  const model = found.model;
  if (!model) {
    const offered = found.versions.map((candidate) => candidate.version);
    return [
      liveDiagnostic("live/model-unavailable", where, {
        message: `${label(deployment)}: version ${deployment.model.version} of ${deployment.model.name} is not offered ${inRegion}; offered versions: ${list(offered)}`,
      }),
    ];
  }
  const sku = found.sku;
  const diagnostics: Diagnostic[] = [];
  if (!sku) {
    diagnostics.push(
      liveDiagnostic("live/model-unavailable", where, {
        message: `${label(deployment)}: deployment type ${deployment.sku} is not offered for ${modelLabel(deployment)} ${inRegion}; offered types: ${list(model.skus.map((candidate) => candidate.name))}`,
      }),
    );
  }
  const now = options.now.getTime();
  const retirement = retirementOf(model, sku);
  const status = model.lifecycleStatus?.toLowerCase();
  if (retirement && retirement.time <= now) {
    diagnostics.push(
      liveDiagnostic("live/version-deprecated", where, {
        message: `${label(deployment)}: ${retirement.what} (${modelLabel(deployment)}) retired on ${dateOnly(retirement.time)} ${inRegion}`,
      }),
    );
  } else if (status === "deprecated") {
    diagnostics.push(
      liveDiagnostic("live/version-deprecated", where, {
        message: `${label(deployment)}: ${modelLabel(deployment)} is deprecated ${inRegion}${retirement ? `; it retires on ${dateOnly(retirement.time)}` : ""}`,
      }),
    );
  } else if (retirement && retirement.time <= now + options.retirementDays * dayInMs) {
    const days = Math.ceil((retirement.time - now) / dayInMs);
    diagnostics.push(
      liveDiagnostic("live/version-retiring", where, {
        message: `${label(deployment)}: ${retirement.what} (${modelLabel(deployment)}) retires on ${dateOnly(retirement.time)}, in ${days} day${days === 1 ? "" : "s"} ${inRegion}`,
      }),
    );
  } else if (status === "deprecating" || status === "legacy") {
    diagnostics.push(
      liveDiagnostic("live/version-retiring", where, {
        message: `${label(deployment)}: ${modelLabel(deployment)} has lifecycle status ${model.lifecycleStatus} ${inRegion}; its retirement is announced`,
      }),
    );
  }
  const problem = sku ? capacityProblem(deployment.capacity, sku) : undefined;
  if (sku && problem) {
    diagnostics.push(
      liveDiagnostic("live/capacity-out-of-range", where, {
        message: `${label(deployment)}: capacity ${deployment.capacity} is ${problem} for deployment type ${sku.name} of ${modelLabel(deployment)} ${inRegion}`,
      }),
    );
  }
  return diagnostics;
}

// ── Quota ───────────────────────────────────────────────────────────────────

/** A deployment whose capacity the quota check counts, with the region's catalog and what Azure holds. */
export interface QuotaCheckEntry {
  deployment: DesiredDeployment;
  subscriptionId: string;
  location: string;
  /** The region's catalog. */
  models: readonly CatalogModel[];
  /** The deployment of that name that exists on the account, if any. */
  live?: DeploymentRecord;
}

export interface QuotaInput {
  entries: readonly QuotaCheckEntry[];
  /** Usages of a subscription and region; undefined when they could not be read (reported elsewhere). */
  usages(subscriptionId: string, location: string): readonly UsageRecord[] | undefined;
}

/** The usage name a live deployment's capacity counts against. */
function liveUsageName(entry: QuotaCheckEntry, desiredUsage: string): string | undefined {
  const live = entry.live;
  if (!live) return undefined;
  const found = lookupModel(entry.models, { ...live.model, sku: live.sku.name });
  if (found.sku) return found.sku.usageName;
  // The live version is no longer in the catalog: quotas are per model and type, not per version.
  const sameModel =
    sameName(live.model.format, entry.deployment.model.format) &&
    sameName(live.model.name, entry.deployment.model.name) &&
    sameName(live.sku.name, entry.deployment.sku);
  return sameModel ? desiredUsage : undefined;
}

interface QuotaGroup {
  subscriptionId: string;
  location: string;
  usageName: string;
  contributions: { deployment: DesiredDeployment; added: number }[];
}

/**
 * The capacity each usage name needs per subscription and region, against the quota left. A deployment
 * that already exists needs only what it adds; shrinking one is not counted as freeing quota for others,
 * because `pulumi up` may create before it shrinks.
 */
export function checkQuota(input: QuotaInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const groups = new Map<string, QuotaGroup>();
  for (const entry of input.entries) {
    const { deployment } = entry;
    const found = lookupModel(entry.models, { ...deployment.model, sku: deployment.sku });
    if (!found.sku) continue;
    const usageName = found.sku.usageName;
    if (!usageName) {
      diagnostics.push(
        liveDiagnostic("live/quota-unchecked", deployment.source, {
          message: `${label(deployment)}: the catalog names no quota for deployment type ${deployment.sku} of ${modelLabel(deployment)} in ${entry.location}; quota not checked`,
        }),
      );
      continue;
    }
    const held = sameName(liveUsageName(entry, usageName), usageName) ? (entry.live?.sku.capacity ?? 0) : 0;
    const added = Math.max(0, deployment.capacity - held);
    const key = [entry.subscriptionId, entry.location, usageName].map((part) => part.toLowerCase()).join("|");
    const group = groups.get(key) ?? {
      subscriptionId: entry.subscriptionId,
      location: entry.location,
      usageName,
      contributions: [],
    };
    group.contributions.push({ deployment, added });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const adding = group.contributions.filter((contribution) => contribution.added > 0);
    const first = adding[0];
    if (!first) continue;
    const needed = adding.reduce((sum, contribution) => sum + contribution.added, 0);
    const usages = input.usages(group.subscriptionId, group.location);
    if (usages === undefined) continue;
    const usage = usages.find((candidate) => sameName(candidate.name, group.usageName));
    if (!usage || usage.limit === undefined) {
      diagnostics.push(
        liveDiagnostic("live/quota-unchecked", first.deployment.source, {
          message: `${label(first.deployment)}: Azure lists no quota named ${group.usageName} in ${group.location} for subscription ${group.subscriptionId}; quota not checked`,
        }),
      );
      continue;
    }
    const current = usage.currentValue ?? 0;
    const available = Math.max(0, usage.limit - current);
    if (needed <= available) continue;
    const parts = adding.map(
      (contribution) =>
        `${contribution.deployment.name} on ${contribution.deployment.accountKey} +${contribution.added}`,
    );
    diagnostics.push(
      liveDiagnostic("live/quota-exceeded", first.deployment.source, {
        message: `quota ${group.usageName} in ${group.location}: the file needs ${needed} more (${parts.join(", ")}), but only ${available} is available (usage ${current} of limit ${usage.limit})`,
      }),
    );
  }
  return diagnostics;
}

/** Accounts whose deployments the checks cover: those with at least one enabled deployment. */
export function accountsWithDeployments(
  accounts: readonly DesiredAccount[],
  deployments: readonly DesiredDeployment[],
): DesiredAccount[] {
  const used = new Set(deployments.map((deployment) => deployment.accountKey));
  return accounts.filter((account) => used.has(account.key));
}
