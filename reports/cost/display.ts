/**
 * How cost figures read in every format, before each medium makes them safe. Nothing here escapes; every
 * formatter escapes what it prints. Pure.
 */
import type { CostDiff, FigureChange } from "../../cost/diff";
import type {
  CostEstimate,
  CostFigure,
  CostTotal,
  DeploymentCost,
  ReservationCost,
} from "../../cost/estimate";
import { HOURS_PER_MONTH } from "../../cost/facts";
import { formatNumber } from "../../text/number";

/** `$36,500.00` (en-US, the file's currency), whatever the machine's locale. */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);
}

/** `+$1,200.00`, `-$300.00`, `$0.00`. */
export function formatMoneyDelta(amount: number, currency: string): string {
  const sign = amount > 0 ? "+" : amount < 0 ? "-" : "";
  return `${sign}${formatMoney(Math.abs(amount), currency)}`;
}

const UNVERIFIED = " (unverified price)";

/** A figure in a cell: the amount (marked when a price is unverified), or why there is none. */
export function describeFigure(figure: CostFigure, currency: string): string {
  switch (figure.status) {
    case "priced":
      return `${formatMoney(figure.monthly, currency)}${figure.verified ? "" : UNVERIFIED}`;
    case "none":
      return "none";
    case "not-estimated":
      return "not estimated";
    case "not-priced":
      return "not priced";
    case "unpriced":
      return "unpriced";
  }
}

/** Why a figure has no amount, for the notes under a table; undefined for a priced figure or none. */
export function figureReason(figure: CostFigure): string | undefined {
  return figure.status === "priced" || figure.status === "none" ? undefined : figure.reason;
}

/** A total: the amount, marked when unverified, with what it leaves out. */
export function describeTotal(total: CostTotal, currency: string): string {
  const amount = `${formatMoney(total.monthly, currency)}${total.verified ? "" : UNVERIFIED}`;
  return total.excluded === 0 ? amount : `${amount} (${total.excluded} not included)`;
}

/** `50 PTU (30 reserved, 20 hourly at $1.00)`; empty for a deployment without PTUs. */
export function describePtu(cost: DeploymentCost, currency: string): string {
  const ptu = cost.ptu;
  if (ptu === undefined) return "";
  const price = ptu.hourlyPrice === undefined ? "" : ` at ${formatMoney(ptu.hourlyPrice, currency)}/h`;
  if (ptu.reserved === 0) return `${formatNumber(ptu.deployed)} PTU hourly${price}`;
  return `${formatNumber(ptu.deployed)} PTU (${formatNumber(ptu.reserved)} reserved, ${formatNumber(ptu.hourly)} hourly${price})`;
}

export function describeReservation(r: ReservationCost, currency: string): string {
  return `${formatNumber(r.quantity)} PTU ${r.deploymentType} in ${r.region}, ${r.term}ly term: ${describeFigure(r.monthly, currency)}/month, ${formatNumber(r.used)} in use`;
}

/** "Prices: <file> of <date> (USD); 730 hours a month", shown with every estimate. */
export function pricesLine(estimate: Pick<CostEstimate, "pricesLabel" | "currency">): string {
  return `Prices: ${estimate.pricesLabel} (${estimate.currency}); fixed cost is PTUs × hourly price × ${HOURS_PER_MONTH} hours a month`;
}

/** One row per deployment: deployment, type, PTUs, fixed per month, usage per month. */
export function costRows(estimate: CostEstimate): string[][] {
  return estimate.deployments.map((d) => [
    d.key,
    d.deploymentType,
    describePtu(d, estimate.currency),
    describeFigure(d.fixed, estimate.currency),
    describeFigure(d.usage, estimate.currency),
  ]);
}

export const COST_HEADERS = ["deployment", "type", "PTU", "fixed / month", "usage / month"];

const STATUS_WORDS: Record<Exclude<CostFigure["status"], "priced" | "none">, string> = {
  "not-estimated": "not estimated",
  "not-priced": "not priced",
  unpriced: "unpriced",
};

/**
 * What a reader should know about the figures, one sentence each: why figures are missing (deployments
 * with the same reason named together), notes of deployments, reservations.
 */
export function costNotes(estimate: CostEstimate): string[] {
  const grouped = new Map<string, string[]>();
  const add = (what: string, figure: CostFigure, key: string) => {
    if (figure.status === "priced" || figure.status === "none") return;
    const heading = `${what} ${STATUS_WORDS[figure.status]} (${figure.reason})`;
    grouped.set(heading, [...(grouped.get(heading) ?? []), key]);
  };
  for (const d of estimate.deployments) {
    add("fixed cost", d.fixed, d.key);
    add("usage cost", d.usage, d.key);
  }
  const notes = [...estimate.warnings.map((w) => `warning: ${w}`)];
  notes.push(...[...grouped].map(([heading, keys]) => `${heading}: ${keys.join(", ")}`));
  for (const d of estimate.deployments) for (const note of d.notes) notes.push(`${d.key}: ${note}`);
  for (const r of estimate.reservations) {
    notes.push(`reservation: ${describeReservation(r, estimate.currency)}`);
    const reason = figureReason(r.monthly);
    if (reason !== undefined) notes.push(`reservation: ${reason}`);
  }
  return notes;
}

/** "Monthly cost: fixed $X, usage $Y", per account and for the environment. */
export function totalLines(estimate: CostEstimate): string[] {
  const c = estimate.currency;
  return [
    ...estimate.accounts.map(
      (a) => `account ${a.key}: fixed ${describeTotal(a.fixed, c)}, usage ${describeTotal(a.usage, c)}`,
    ),
    `${estimate.environment === null ? "file as written" : `environment ${estimate.environment}`}: fixed ${describeTotal(estimate.fixed, c)}${estimate.reservations.length > 0 ? " (with reservations)" : ""}, usage ${describeTotal(estimate.usage, c)}`,
  ];
}

/** A figure change as `before → after`, absent sides as "(none)". */
export function describeFigureChange(change: FigureChange, currency: string): string {
  const side = (figure: CostFigure | null) => (figure === null ? "(none)" : describeFigure(figure, currency));
  return `${side(change.before)} → ${side(change.after)}`;
}

export function describeFigureDelta(change: FigureChange, currency: string): string {
  return change.delta === undefined ? "unknown" : formatMoneyDelta(change.delta, currency);
}

/** One row per deployment whose cost changes: deployment, fixed before → after, fixed change, usage change. */
export function costChangeRows(cost: CostDiff): string[][] {
  return cost.deployments.map((d) => [
    d.key,
    describeFigureChange(d.fixed, cost.currency),
    describeFigureDelta(d.fixed, cost.currency),
    d.usage.delta === undefined && d.usage.before?.status !== "priced" && d.usage.after?.status !== "priced"
      ? "not estimated"
      : describeFigureDelta(d.usage, cost.currency),
  ]);
}

export const COST_CHANGE_HEADERS = ["deployment", "fixed / month", "fixed change", "usage change"];

/**
 * The totals of a cost diff: `fixed $X → $Y (+$Z) a month; usage …; prices: FILE of DATE (USD)`, with
 * unverified prices said so.
 */
export function costDiffTotals(cost: CostDiff): string[] {
  const c = cost.currency;
  const lines = [
    `fixed: ${describeTotal(cost.fixed.before, c)} → ${describeTotal(cost.fixed.after, c)} (${formatMoneyDelta(cost.fixed.delta, c)} a month)`,
    cost.usage.declared
      ? `usage: ${describeTotal(cost.usage.before, c)} → ${describeTotal(cost.usage.after, c)} (${formatMoneyDelta(cost.usage.delta, c)} a month, from declared usage)`
      : "usage: not estimated (no deployment declares usage)",
    `Prices: ${cost.pricesLabel} (${cost.currency})${cost.verified ? "" : "; some prices are unverified"}`,
  ];
  return lines;
}

/** `+$36,500.00 a month` when the change costs more or less per month; undefined when it does not. */
export function monthlyDeltaHeadline(cost: CostDiff | undefined): string | undefined {
  if (cost === undefined || cost.monthlyDelta === 0) return undefined;
  const unverified = cost.verified ? "" : ", unverified prices";
  return `${formatMoneyDelta(cost.monthlyDelta, cost.currency)} a month (prices of ${cost.pricesRetrieved}${unverified})`;
}
