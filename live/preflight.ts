/**
 * Pre-flight quota check of the desired deployments against the usages Azure reports (the catalog checks
 * are in catalog-checks.ts). Pure functions of the desired state and the data read from Azure; the
 * command decides where that data comes from.
 */
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { DesiredAccount, DesiredDeployment } from "../loader/desired-state";
import { sameName } from "./catalog";
import { liveDiagnostic } from "./codes";
import type { CatalogModelRecord, CatalogSkuRecord, DeploymentRecord, UsageRecord } from "./read";

function label(deployment: DesiredDeployment): string {
  return `deployment "${deployment.name}" on account ${deployment.accountKey}`;
}

function modelLabel(deployment: DesiredDeployment): string {
  const { format, name, version } = deployment.model;
  return `${format} ${name} version ${version}`;
}

/** The region's catalog entry (as ARM lists it) of a model version and deployment type. */
function skuOf(
  models: readonly CatalogModelRecord[],
  wanted: { format?: string; name?: string; version?: string; sku?: string },
): CatalogSkuRecord | undefined {
  const model = models.find(
    (candidate) =>
      sameName(candidate.format, wanted.format) &&
      sameName(candidate.name, wanted.name) &&
      candidate.version === wanted.version &&
      candidate.skus.some((sku) => sameName(sku.name, wanted.sku)),
  );
  return model?.skus.find((sku) => sameName(sku.name, wanted.sku));
}

// ── Quota ───────────────────────────────────────────────────────────────────

/** A deployment whose capacity the quota check counts, with the region's catalog and what Azure holds. */
export interface QuotaCheckEntry {
  deployment: DesiredDeployment;
  subscriptionId: string;
  location: string;
  /** The region's catalog as ARM lists it (the usage name of each model and type). */
  models: readonly CatalogModelRecord[];
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
  const sku = skuOf(entry.models, { ...live.model, sku: live.sku.name });
  if (sku) return sku.usageName;
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
    const sku = skuOf(entry.models, { ...deployment.model, sku: deployment.sku });
    if (!sku) continue;
    const usageName = sku.usageName;
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
