import type { DesiredDeployment, DesiredState } from "../loader/desired-state";
import type { QuotaRow, QuotaUnit } from "./model";
import { normalizeLocation } from "./values";

/** The quota bucket a deployment draws from and how much it holds. */
export interface QuotaContribution {
  region: string | null;
  /** Null for provisioned types: their PTU quota is one pool per region and type, shared by every model. */
  model: string | null;
  deploymentType: string;
  unit: QuotaUnit;
  amount: number;
}

/**
 * The quota a deployment holds, as Azure pools it (see loader/capacity.ts for the sources):
 * - token-based types: tokens per minute per region, model and type, from the model's unit; when the
 *   unit is unknown, the capacity units themselves ("units"), never converted;
 * - provisioned types: PTUs per region and type, across models;
 * - batch types: units of enqueued-token quota per region, model and type;
 * - the Developer tier holds none (undefined).
 */
export function quotaContribution(state: DesiredState, d: DesiredDeployment): QuotaContribution | undefined {
  const account = state.accounts.find((a) => a.key === d.accountKey);
  const region = normalizeLocation(account?.location);
  const perModel = { region, model: d.model.name, deploymentType: d.sku };
  switch (d.capacityMeaning.kind) {
    case "tokens":
      return { ...perModel, unit: "TPM", amount: d.tokensPerMinute ?? 0 };
    case "tokens-unknown":
      return { ...perModel, unit: "units", amount: d.capacity };
    case "provisioned":
      return { region, model: null, deploymentType: d.sku, unit: "PTU", amount: d.capacity };
    case "batch":
      return { ...perModel, unit: "enqueued-token units", amount: d.capacity };
    case "developer":
      return undefined;
  }
}

/** Identifies a quota bucket: region, model, deployment type and unit (model names ignore case, as in Azure). */
export function bucketOf(c: Omit<QuotaContribution, "amount">): string {
  return JSON.stringify([
    c.region ?? "",
    c.model?.toLowerCase() ?? null,
    c.deploymentType.toLowerCase(),
    c.unit,
  ]);
}

export function sameQuota(a: QuotaContribution | undefined, b: QuotaContribution | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return bucketOf(a) === bucketOf(b) && a.amount === b.amount;
}

/** Per bucket whose total changes: quota held on BASE and on HEAD. */
export function quotaImpact(base: DesiredState, head: DesiredState): QuotaRow[] {
  const rows = new Map<string, QuotaRow>();
  const add = (state: DesiredState, side: "before" | "after") => {
    for (const d of state.deployments) {
      const c = quotaContribution(state, d);
      if (c === undefined) continue;
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
