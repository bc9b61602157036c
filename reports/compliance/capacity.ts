import type { DesiredDeployment, DesiredState } from "../../loader/desired-state";

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
  /** Limit in capacity units (as Azure counts them: the model's units, PTUs, batch units). */
  limit: number;
  /** Capacity units already used by deployments outside this file, when known. */
  usedElsewhere?: number;
}

/**
 * What a bar counts: tokens per minute (token-based, model's unit known), capacity units (token-based,
 * unit unknown: never converted), PTUs (provisioned, pooled across models), or units of enqueued-token
 * quota (batch). Developer tier deployments hold no quota and have no bar.
 */
export type CapacityUnit = "TPM" | "units" | "PTU" | "enqueued-token units";

export const CAPACITY_UNITS: readonly CapacityUnit[] = ["TPM", "units", "PTU", "enqueued-token units"];

export interface CapacityQuota {
  /** In the bar's unit (tokens per minute, units or PTUs). */
  limit: number;
  usedElsewhere: number;
  usageName: string;
  /** Whether the quota was given for the account itself or for its region. */
  scope: "account" | "region";
}

/**
 * Capacity one account asks for one model and deployment type, in the unit Azure counts quota in; for
 * provisioned types one bar per account and type holds every model (PTU quota is one pool per region and
 * provisioned type).
 */
export interface CapacityBar {
  account: string;
  accountName: string;
  region: string | null;
  modelFormat: string;
  /** The model; for a provisioned pool, its models joined with ", ". */
  model: string;
  /** The models adding up to the bar. */
  models: string[];
  deploymentType: string;
  unit: CapacityUnit;
  /** Capacity units (`sku.capacity`) added up. */
  capacityUnits: number;
  /** Tokens per minute for TPM bars, capacity units otherwise. */
  value: number;
  /** Tokens per minute of one capacity unit, for TPM bars (a quota limit is given in units). */
  tokensPerUnit?: number;
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
  bar: Pick<CapacityBar, "account" | "region" | "usageNames" | "unit" | "tokensPerUnit">,
): CapacityQuota | null {
  const scale = bar.unit === "TPM" ? (bar.tokensPerUnit ?? 1) : 1;
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

/** The bar a deployment adds to, and how much; none for the Developer tier. */
function barOf(
  deployment: DesiredDeployment,
): { key: unknown[]; unit: CapacityUnit; value: number; tokensPerUnit?: number } | undefined {
  const meaning = deployment.capacityMeaning;
  const perModel = [deployment.accountKey, deployment.model.name.toLowerCase(), deployment.sku];
  switch (meaning.kind) {
    case "tokens":
      return {
        key: [...perModel, "TPM", meaning.unit.tokensPerMinute],
        unit: "TPM",
        value: deployment.tokensPerMinute ?? 0,
        tokensPerUnit: meaning.unit.tokensPerMinute,
      };
    case "tokens-unknown":
      return { key: [...perModel, "units"], unit: "units", value: deployment.capacity };
    case "provisioned":
      return {
        key: [deployment.accountKey, null, deployment.sku, "PTU"],
        unit: "PTU",
        value: deployment.capacity,
      };
    case "batch":
      return { key: [...perModel, "batch"], unit: "enqueued-token units", value: deployment.capacity };
    case "developer":
      return undefined;
  }
}

/** Capacity per account, model and deployment type (PTUs per account and type), in file order, with the quota when known. */
export function capacityBars(state: DesiredState, quotas: readonly QuotaEntry[] = []): CapacityBar[] {
  const bars = new Map<string, CapacityBar>();
  for (const deployment of state.deployments) {
    const contribution = barOf(deployment);
    if (contribution === undefined) continue;
    const account = state.accounts.find((a) => a.key === deployment.accountKey);
    const key = JSON.stringify(contribution.key);
    let bar = bars.get(key);
    if (bar === undefined) {
      bar = {
        account: deployment.accountKey,
        accountName: account?.name ?? deployment.accountKey,
        region: account?.location ?? null,
        modelFormat: deployment.model.format,
        model: deployment.model.name,
        models: [],
        deploymentType: deployment.sku,
        unit: contribution.unit,
        capacityUnits: 0,
        value: 0,
        deployments: [],
        usageNames: [],
        quota: null,
      };
      if (contribution.tokensPerUnit !== undefined) bar.tokensPerUnit = contribution.tokensPerUnit;
      bars.set(key, bar);
    }
    if (!bar.models.some((m) => m.toLowerCase() === deployment.model.name.toLowerCase())) {
      bar.models.push(deployment.model.name);
    }
    const names =
      bar.unit === "PTU"
        ? [`${deployment.model.format}.${deployment.sku}`]
        : usageNamesFor(deployment.model.format, deployment.sku, deployment.model.name);
    for (const name of names) if (!bar.usageNames.includes(name)) bar.usageNames.push(name);
    bar.model = bar.models.join(", ");
    bar.capacityUnits += deployment.capacity;
    bar.value += contribution.value;
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
