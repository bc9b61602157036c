import { isProvisioned } from "../loader/deployment-types";
import type { DesiredDeployment, DesiredState } from "../loader/desired-state";
import type { QuotaRow, QuotaUnit } from "./model";
import { normalizeLocation } from "./values";

/** The quota bucket a deployment draws from and how much it holds. */
export interface QuotaContribution {
  region: string | null;
  model: string;
  deploymentType: string;
  unit: QuotaUnit;
  amount: number;
}

/**
 * Quota is held per region, model and deployment type. Token-based types hold their capacity in TPM
 * (capacity units of 1,000 tokens per minute, as quota is granted); provisioned types hold PTUs.
 */
export function quotaContribution(state: DesiredState, d: DesiredDeployment): QuotaContribution {
  const account = state.accounts.find((a) => a.key === d.accountKey);
  const provisioned = isProvisioned(d.sku);
  return {
    region: normalizeLocation(account?.location),
    model: d.model.name,
    deploymentType: d.sku,
    unit: provisioned ? "PTU" : "TPM",
    amount: provisioned ? d.capacity : d.capacity * 1000,
  };
}

/** Identifies a quota bucket: region, model, deployment type and unit (model names ignore case, as in Azure). */
export function bucketOf(c: Omit<QuotaContribution, "amount">): string {
  return JSON.stringify([c.region ?? "", c.model.toLowerCase(), c.deploymentType.toLowerCase(), c.unit]);
}

export function sameQuota(a: QuotaContribution | undefined, b: QuotaContribution | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return bucketOf(a) === bucketOf(b) && a.amount === b.amount;
}

/** Per bucket whose total changes: capacity held on BASE and on HEAD. */
export function quotaImpact(base: DesiredState, head: DesiredState): QuotaRow[] {
  const rows = new Map<string, QuotaRow>();
  const add = (state: DesiredState, side: "before" | "after") => {
    for (const d of state.deployments) {
      const c = quotaContribution(state, d);
      const bucket = bucketOf(c);
      const row = rows.get(bucket) ?? {
        region: c.region,
        model: c.model,
        deploymentType: c.deploymentType,
        unit: c.unit,
        before: 0,
        after: 0,
        delta: 0,
      };
      row[side] += c.amount;
      rows.set(bucket, row);
    }
  };
  add(base, "before");
  add(head, "after");
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => ({ ...row, delta: row.after - row.before }))
    .filter((row) => row.delta !== 0);
}
