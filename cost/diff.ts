/**
 * What a change costs: per deployment and in total, the monthly fixed cost before and after and the
 * usage cost delta where usage is declared; warnings where a change moves PTUs out of a reservation's
 * cover or deletes an account that still holds provisioned deployments. Pure.
 */
import { isProvisioned } from "../loader/deployment-types";
import type { DesiredState } from "../loader/desired-state";
import {
  amountOf,
  type CostEstimate,
  type CostFigure,
  type CostTotal,
  type DeploymentCost,
  type ReservationCost,
} from "./estimate";
import { BILLING_FACTS, PURGE_ADVICE } from "./facts";

/** One kind of cost of one deployment on each side; null where the deployment does not exist. */
export interface FigureChange {
  before: CostFigure | null;
  after: CostFigure | null;
  /** After minus before (an absent side counts zero); undefined when a side is not known. */
  delta?: number;
}

export interface DeploymentCostChange {
  key: string;
  fixed: FigureChange;
  usage: FigureChange;
}

export interface TotalChange {
  before: CostTotal;
  after: CostTotal;
  delta: number;
}

export interface CostDiff {
  currency: string;
  pricesRetrieved: string;
  pricesLabel: string;
  /** Deployments whose fixed or usage cost changes, in key order. */
  deployments: DeploymentCostChange[];
  fixed: TotalChange;
  /** Usage totals; `declared` is false when neither side declares usage for any deployment. */
  usage: TotalChange & { declared: boolean };
  /** Fixed plus usage delta per month. */
  monthlyDelta: number;
  /** False when a figure of either side uses an unverified price. */
  verified: boolean;
  /** What costs money that a reviewer should act on, one sentence each. */
  warnings: string[];
}

function figureChange(before: CostFigure | null, after: CostFigure | null): FigureChange {
  const change: FigureChange = { before, after };
  const b = before === null ? 0 : amountOf(before);
  const a = after === null ? 0 : amountOf(after);
  if (b !== undefined && a !== undefined) change.delta = Math.round((a - b) * 100) / 100;
  return change;
}

function sameFigure(a: CostFigure | null, b: CostFigure | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The cost change of one deployment, by its key on each side (either may be absent). */
export function deploymentCostChange(
  before: DeploymentCost | undefined,
  after: DeploymentCost | undefined,
): DeploymentCostChange {
  return {
    key: (after ?? before)?.key ?? "",
    fixed: figureChange(before?.fixed ?? null, after?.fixed ?? null),
    usage: figureChange(before?.usage ?? null, after?.usage ?? null),
  };
}

/** True when the change costs more per month (fixed or usage); an unknown delta is not an increase. */
export function costIncreases(change: DeploymentCostChange): boolean {
  return (change.fixed.delta ?? 0) > 0 || (change.usage.delta ?? 0) > 0;
}

function byKey(estimate: CostEstimate): Map<string, DeploymentCost> {
  return new Map(estimate.deployments.map((d) => [d.key.toLowerCase(), d]));
}

/** The deployment costs of both estimates, paired by key (Azure names ignore case). */
export function pairCosts(base: CostEstimate, head: CostEstimate): DeploymentCostChange[] {
  const before = byKey(base);
  const after = byKey(head);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.map((k) => deploymentCostChange(before.get(k), after.get(k)));
}

function reservationLabel(r: Pick<ReservationCost, "deploymentType" | "region">): string {
  return `${r.deploymentType} in ${r.region}`;
}

function reservationWarnings(base: CostEstimate, head: CostEstimate): string[] {
  const warnings: string[] = [];
  const after = byKey(head);
  for (const b of base.deployments) {
    const a = after.get(b.key.toLowerCase());
    const lost = (b.ptu?.reserved ?? 0) - (a?.ptu?.reserved ?? 0);
    if (lost <= 0 || a === undefined || a.ptu === undefined) continue;
    const moved =
      a.deploymentType !== b.deploymentType || a.region !== b.region
        ? ` (${b.deploymentType} in ${b.region ?? "no region"} → ${a.deploymentType} in ${a.region ?? "no region"})`
        : "";
    warnings.push(
      `${b.key}: ${lost} PTU leave the cover of a reservation${moved} and are billed hourly; ${BILLING_FACTS.reservationMatch.rule}`,
    );
  }
  for (const r of base.reservations) {
    const same = head.reservations.find(
      (h) => h.deploymentType === r.deploymentType && h.region === r.region && h.term === r.term,
    );
    if (same !== undefined && same.used < r.used && same.used < same.quantity) {
      warnings.push(
        `reservation of ${reservationLabel(r)}: ${same.quantity - same.used} of ${same.quantity} reserved PTU are left unused and still paid`,
      );
    }
  }
  return warnings;
}

/**
 * Accounts the change deletes (a managed account that leaves the file or is re-created elsewhere) while
 * BASE has provisioned deployments on them.
 */
function purgeWarnings(
  base: DesiredState,
  head: DesiredState,
  replacedAccounts: ReadonlySet<string>,
): string[] {
  const warnings: string[] = [];
  for (const account of base.accounts) {
    if (!account.create) continue;
    const kept = head.accounts.find((a) => a.key === account.key && a.create);
    if (kept !== undefined && !replacedAccounts.has(account.key)) continue;
    const ptus = base.deployments.filter(
      (d) => d.accountKey === account.key && isProvisioned(d.sku) && d.capacity > 0,
    );
    if (ptus.length === 0) continue;
    const held = ptus.map((d) => `${d.name} (${d.capacity} PTU)`).join(", ");
    warnings.push(
      `account ${account.key} (${account.name}) is deleted while it holds provisioned deployments ${held}: ${BILLING_FACTS.billedUntilPurged.rule}; ${PURGE_ADVICE}`,
    );
  }
  return warnings;
}

function totalChange(before: CostTotal, after: CostTotal): TotalChange {
  return { before, after, delta: Math.round((after.monthly - before.monthly) * 100) / 100 };
}

/** The cost side of a diff: both estimates compared (same price file), with its warnings. */
export function diffCosts(
  base: { state: DesiredState; estimate: CostEstimate },
  head: { state: DesiredState; estimate: CostEstimate },
  replacedAccounts: ReadonlySet<string> = new Set(),
): CostDiff {
  const deployments = pairCosts(base.estimate, head.estimate).filter(
    (c) => !sameFigure(c.fixed.before, c.fixed.after) || !sameFigure(c.usage.before, c.usage.after),
  );
  const fixed = totalChange(base.estimate.fixed, head.estimate.fixed);
  const declared = [...base.state.deployments, ...head.state.deployments].some((d) => d.usage !== undefined);
  const usage = { ...totalChange(base.estimate.usage, head.estimate.usage), declared };
  return {
    currency: head.estimate.currency,
    pricesRetrieved: head.estimate.pricesRetrieved,
    pricesLabel: head.estimate.pricesLabel,
    deployments,
    fixed,
    usage,
    monthlyDelta: Math.round((fixed.delta + (declared ? usage.delta : 0)) * 100) / 100,
    verified: [fixed.before, fixed.after, usage.before, usage.after].every((t) => t.verified),
    warnings: [
      ...reservationWarnings(base.estimate, head.estimate),
      ...purgeWarnings(base.state, head.state, replacedAccounts),
    ],
  };
}
