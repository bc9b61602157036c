import type { DesiredState } from "../../loader/desired-state";

/**
 * Quota Azure grants for one usage, as the Usages API of Microsoft.CognitiveServices reports it
 * (`GET …/locations/{region}/usages`). Quota is per subscription and region; the report cannot know it
 * offline, so callers that have read it (live checks, a file) pass it in.
 */
export interface QuotaEntry {
  /** Usage name, e.g. `OpenAI.GlobalStandard.gpt-4o`, or `OpenAI.ProvisionedManaged` for a regional PTU pool. */
  usageName: string;
  /** Azure region the quota applies to (case-insensitive); matches accounts located there. */
  region?: string;
  /** Account key, for a quota meant for one account only; wins over a region's quota. */
  account?: string;
  /** Limit in capacity units: thousands of tokens per minute for token-based types, PTUs for provisioned. */
  limit: number;
  /** Capacity units already used by deployments outside this file, when known. */
  usedElsewhere?: number;
}

export type CapacityUnit = "TPM" | "PTU";

export interface CapacityQuota {
  /** In the bar's unit (tokens per minute or PTUs). */
  limit: number;
  usedElsewhere: number;
  usageName: string;
  /** Whether the quota was given for the account itself or for its region. */
  scope: "account" | "region";
}

/** Capacity one account asks for one model and deployment type: the unit Azure counts quota in. */
export interface CapacityBar {
  account: string;
  accountName: string;
  region: string | null;
  modelFormat: string;
  model: string;
  deploymentType: string;
  unit: CapacityUnit;
  /** Capacity units: thousands of tokens per minute, or PTUs. */
  capacityUnits: number;
  /** Tokens per minute for TPM bars, PTUs for PTU bars. */
  value: number;
  /** Deployment names adding up to the bar. */
  deployments: string[];
  /** Usage names a quota for this bar is looked up under, most specific first. */
  usageNames: string[];
  /** Null when the quota is unknown. */
  quota: CapacityQuota | null;
}

/** Usage names of a model and deployment type: per model, then the regional pool of the type. */
export function usageNamesFor(format: string, deploymentType: string, model: string): string[] {
  return [`${format}.${deploymentType}.${model}`, `${format}.${deploymentType}`];
}

function findQuota(
  quotas: readonly QuotaEntry[],
  bar: Pick<CapacityBar, "account" | "region" | "usageNames" | "unit">,
): CapacityQuota | null {
  const scale = bar.unit === "TPM" ? 1000 : 1;
  for (const usageName of bar.usageNames) {
    const named = quotas.filter((q) => q.usageName.toLowerCase() === usageName.toLowerCase());
    const forAccount = named.find((q) => q.account === bar.account);
    const forRegion = named.find(
      (q) =>
        q.account === undefined &&
        q.region !== undefined &&
        bar.region !== null &&
        q.region.toLowerCase() === bar.region.toLowerCase(),
    );
    const quota = forAccount ?? forRegion;
    if (quota !== undefined) {
      return {
        limit: quota.limit * scale,
        usedElsewhere: (quota.usedElsewhere ?? 0) * scale,
        usageName: quota.usageName,
        scope: quota === forAccount ? "account" : "region",
      };
    }
  }
  return null;
}

/** Capacity per account, model and deployment type, in file order, with the quota when it is known. */
export function capacityBars(state: DesiredState, quotas: readonly QuotaEntry[] = []): CapacityBar[] {
  const bars = new Map<string, CapacityBar>();
  for (const deployment of state.deployments) {
    const account = state.accounts.find((a) => a.key === deployment.accountKey);
    const unit: CapacityUnit = deployment.tokensPerMinute === undefined ? "PTU" : "TPM";
    const key = JSON.stringify([deployment.accountKey, deployment.model.name, deployment.sku]);
    let bar = bars.get(key);
    if (bar === undefined) {
      bar = {
        account: deployment.accountKey,
        accountName: account?.name ?? deployment.accountKey,
        region: account?.location ?? null,
        modelFormat: deployment.model.format,
        model: deployment.model.name,
        deploymentType: deployment.sku,
        unit,
        capacityUnits: 0,
        value: 0,
        deployments: [],
        usageNames: usageNamesFor(deployment.model.format, deployment.sku, deployment.model.name),
        quota: null,
      };
      bars.set(key, bar);
    }
    bar.capacityUnits += deployment.capacity;
    bar.value += unit === "TPM" ? (deployment.tokensPerMinute ?? 0) : deployment.capacity;
    bar.deployments.push(deployment.name);
  }
  // Keep each account's bars together, accounts in file order.
  const accountOrder = new Map(state.accounts.map((a, i) => [a.key, i]));
  const ordered = [...bars.values()].sort(
    (a, b) => (accountOrder.get(a.account) ?? 0) - (accountOrder.get(b.account) ?? 0),
  );
  for (const bar of ordered) bar.quota = findQuota(quotas, bar);
  return ordered;
}
