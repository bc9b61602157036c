/**
 * What a desired state costs per month: a fixed cost that is certain (PTUs billed by the hour whether
 * used or not) and a usage cost that needs an assumption (tokens, from a deployment's `usage`). A figure
 * the price file does not hold is "not priced", usage without an assumption "not estimated", a model
 * billed by its partner through Azure Marketplace "unpriced": none of them is ever a zero. Pure.
 */
import { lookupModel, type ModelCatalog } from "../catalog/model-catalog";
import { deploymentType } from "../loader/deployment-types";
import type { DesiredDeployment, DesiredReservation, DesiredState } from "../loader/desired-state";
import type { Usage } from "../loader/file-types.generated";
import { locationKey } from "../loader/location";
import { BILLING_FACTS, HOURS_PER_MONTH, PTU_FAMILY, PTU_PRICED_FORMATS } from "./facts";
import {
  type FoundPrice,
  type PriceBook,
  priceAgeInDays,
  ptuPrice,
  type TokenKind,
  tokenPrice,
} from "./prices";

/** One monthly figure and how far it can be trusted. */
export type CostFigure =
  /** A monthly amount; `verified` false when a price it uses is marked unverified in the price file. */
  | { status: "priced"; monthly: number; verified: boolean }
  /** The deployment has no cost of this kind (a standard deployment has no fixed cost). */
  | { status: "none" }
  /** Usage cost without a `usage` assumption. */
  | { status: "not-estimated"; reason: string }
  /** A price the estimate needs is not in the price file. */
  | { status: "not-priced"; reason: string }
  /** Billed by a partner through Azure Marketplace, not by Azure. */
  | { status: "unpriced"; reason: string };

export interface PtuBreakdown {
  deployed: number;
  /** PTUs a declared reservation covers (paid with the reservation). */
  reserved: number;
  /** PTUs billed at the hourly price. */
  hourly: number;
  /** The hourly price of one PTU, when priced. */
  hourlyPrice?: number;
}

export interface DeploymentCost {
  /** `<account key>/<deployment name>`, as the plan and the diff name it. */
  key: string;
  accountKey: string;
  name: string;
  model: string;
  version: string;
  deploymentType: string;
  /** The account's region in ARM's form; null when the file names none. */
  region: string | null;
  ptu?: PtuBreakdown;
  fixed: CostFigure;
  usage: CostFigure;
  /** Sentences a reviewer should read (spillover share priced at the target's prices, region unknown). */
  notes: string[];
}

export interface ReservationCost {
  deploymentType: string;
  region: string;
  quantity: number;
  term: "month" | "year";
  /** PTUs of deployments it covers in this state. */
  used: number;
  /** The reservation's price spread per month (a yearly term over twelve months). */
  monthly: CostFigure;
}

/** A sum of figures: the priced amount, and what it leaves out. */
export interface CostTotal {
  monthly: number;
  verified: boolean;
  /** Figures not included: not priced, not estimated, unpriced. */
  excluded: number;
}

export interface AccountCost {
  key: string;
  fixed: CostTotal;
  usage: CostTotal;
}

export interface CostEstimate {
  currency: string;
  /** The price file's date and how it is named, shown beside every estimate. */
  pricesRetrieved: string;
  pricesLabel: string;
  environment: string | null;
  deployments: DeploymentCost[];
  accounts: AccountCost[];
  reservations: ReservationCost[];
  /** The environment: deployments' fixed costs plus reservations. */
  fixed: CostTotal;
  usage: CostTotal;
  /** What risks money in this state, one sentence each (provisioned throughput without protection). */
  warnings: string[];
}

export function priced(monthly: number, verified: boolean): CostFigure {
  return { status: "priced", monthly, verified };
}

/** The monthly amount of a figure, zero for "none"; undefined when it is not known. */
export function amountOf(figure: CostFigure): number | undefined {
  if (figure.status === "priced") return figure.monthly;
  if (figure.status === "none") return 0;
  return undefined;
}

export function sumFigures(figures: readonly CostFigure[]): CostTotal {
  let monthly = 0;
  let verified = true;
  let excluded = 0;
  for (const figure of figures) {
    if (figure.status === "priced") {
      monthly += figure.monthly;
      verified &&= figure.verified;
    } else if (figure.status !== "none") excluded += 1;
  }
  return { monthly: roundCents(monthly), verified, excluded };
}

function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function isMarketplace(catalog: ModelCatalog | undefined, d: DesiredDeployment): boolean {
  if (catalog === undefined) return false;
  const found = lookupModel(catalog, d.model);
  return (found.kind === "version" || found.kind === "versionless") && found.model.soldBy === "marketplace";
}

const MARKETPLACE = "billed by the model's provider through Azure Marketplace, not by Azure";

/** `gpt-4o 2024-11-20 GlobalStandard in eastus2`, for reasons. */
function describePriced(d: Pick<DesiredDeployment, "model" | "sku">, region: string | null): string {
  return `${d.model.name} ${d.model.version} ${d.sku}${region === null ? "" : ` in ${region}`}`;
}

const TOKEN_KINDS: readonly { kind: TokenKind; field: keyof Usage; label: string }[] = [
  { kind: "input", field: "inputTokens", label: "input" },
  { kind: "cachedInput", field: "cachedInputTokens", label: "cached input" },
  { kind: "output", field: "outputTokens", label: "output" },
];

/** Tokens of a usage times a deployment's per-token prices; `share` of the tokens (spillover). */
function tokenCost(
  book: PriceBook,
  target: Pick<DesiredDeployment, "model" | "sku">,
  region: string | null,
  usage: Usage,
  share: number,
): CostFigure {
  let monthly = 0;
  let verified = true;
  for (const { kind, field, label } of TOKEN_KINDS) {
    const tokens = (usage[field] ?? 0) * share;
    if (tokens === 0) continue;
    const price: FoundPrice | undefined = tokenPrice(book, target.model, target.sku, region, kind);
    if (price === undefined) {
      return {
        status: "not-priced",
        reason: `no ${label} token price for ${describePriced(target, region)}`,
      };
    }
    monthly += (tokens / 1_000_000) * price.amount;
    verified &&= price.verified;
  }
  return priced(roundCents(monthly), verified);
}

interface Coverage {
  reserved: Map<string, number>;
  used: Map<DesiredReservation, number>;
}

/** Reservations cover deployments of their type, region and scope in file order, up to their quantity. */
function allocateReservations(
  state: DesiredState,
  regionOf: (accountKey: string) => string | null,
): Coverage {
  const reserved = new Map<string, number>();
  const used = new Map<DesiredReservation, number>();
  const groupOf = new Map(state.accounts.map((a) => [a.key, a.resourceGroup.toLowerCase()]));
  for (const reservation of state.reservations ?? []) {
    let left = reservation.quantity;
    for (const d of state.deployments) {
      if (left === 0) break;
      if (d.sku !== reservation.deploymentType || regionOf(d.accountKey) !== reservation.region) continue;
      if (
        reservation.scope === "resourceGroup" &&
        groupOf.get(d.accountKey) !== reservation.resourceGroup?.toLowerCase()
      ) {
        continue;
      }
      const open = d.capacity - (reserved.get(d.key) ?? 0);
      const take = Math.min(open, left);
      if (take <= 0) continue;
      reserved.set(d.key, (reserved.get(d.key) ?? 0) + take);
      left -= take;
    }
    used.set(reservation, reservation.quantity - left);
  }
  return { reserved, used };
}

function fixedCost(
  book: PriceBook,
  d: DesiredDeployment,
  region: string | null,
  reserved: number,
  marketplace: boolean,
): { fixed: CostFigure; ptu?: PtuBreakdown } {
  const facts = deploymentType(d.sku);
  if (facts?.family !== "provisioned") return { fixed: { status: "none" } };
  const ptu: PtuBreakdown = { deployed: d.capacity, reserved, hourly: d.capacity - reserved };
  if (marketplace) return { fixed: { status: "unpriced", reason: MARKETPLACE }, ptu };
  if (!PTU_PRICED_FORMATS.includes(d.model.format)) {
    return {
      fixed: {
        status: "not-priced",
        reason: `the price file holds PTU prices of Azure OpenAI models only, not of ${d.model.format} models`,
      },
      ptu,
    };
  }
  const family = PTU_FAMILY[facts.processing];
  const hourly = ptuPrice(book, family, region, "hourly");
  if (hourly === undefined) {
    return {
      fixed: {
        status: "not-priced",
        reason: `no hourly PTU price of ${d.sku}${region === null ? "" : ` in ${region}`}`,
      },
      ptu,
    };
  }
  ptu.hourlyPrice = hourly.amount;
  return { fixed: priced(roundCents(ptu.hourly * hourly.amount * HOURS_PER_MONTH), hourly.verified), ptu };
}

function usageCost(
  book: PriceBook,
  state: DesiredState,
  d: DesiredDeployment,
  region: string | null,
  marketplace: boolean,
  notes: string[],
): CostFigure {
  const family = deploymentType(d.sku)?.family;
  if (marketplace) return { status: "unpriced", reason: MARKETPLACE };
  if (family === "developer") {
    return { status: "not-priced", reason: "the price file holds no Developer tier prices" };
  }
  if (d.serviceTier === "Priority") {
    // Priority processing bills its tokens at rates of its own (standard rates only when Azure downgrades a
    // request), and the price file holds none of them: standard prices would understate the cost.
    return { status: "not-priced", reason: "the price file holds no priority processing prices" };
  }
  const usage = d.usage;
  if (family === "provisioned") {
    // Tokens a provisioned deployment serves are paid by its PTUs; only the overflow is billed per token.
    const share = usage?.spilloverShare;
    if (share === undefined || share === 0) return { status: "none" };
    const target = state.deployments.find(
      (t) => t.accountKey === d.accountKey && t.name.toLowerCase() === d.spillover?.toLowerCase(),
    );
    if (target === undefined) {
      return {
        status: "not-estimated",
        reason: "usage declares a spillover share but the deployment spills over to no deployment",
      };
    }
    notes.push(
      `${Math.round(share * 100)}% of the declared tokens overflow to ${target.name} at its per-token prices`,
    );
    return tokenCost(book, target, region, usage ?? {}, share);
  }
  if (usage !== undefined && TOKEN_KINDS.every(({ field }) => usage[field] === undefined)) {
    const fromShare = usageFromCapacityShare(d, usage, notes);
    if (typeof fromShare === "string") return { status: "not-estimated", reason: fromShare };
    if (fromShare !== undefined) return tokenCost(book, d, region, fromShare, 1);
  }
  if (usage === undefined || TOKEN_KINDS.every(({ field }) => usage[field] === undefined)) {
    return {
      status: "not-estimated",
      reason: "no usage assumption; declare usage in the deployment or in defaults",
    };
  }
  return tokenCost(book, d, region, usage, 1);
}

/** Days after which prices are old enough to say so (a choice of this project, not an Azure fact). */
export const PRICES_MAX_AGE_DAYS = 90;

export interface EstimateOptions {
  /** The day the estimate is for: prices retrieved more than PRICES_MAX_AGE_DAYS before are flagged. */
  asOf?: Date;
}

/**
 * Token counts from a share of capacity: the deployment's tokens per minute × share × 60 × 730, split by
 * `outputShare`. Undefined without a share; a reason when the deployment's tokens per minute are unknown.
 */
function usageFromCapacityShare(
  d: DesiredDeployment,
  usage: Usage,
  notes: string[],
): Usage | string | undefined {
  if (usage.capacityShare === undefined || usage.outputShare === undefined) return undefined;
  if (d.tokensPerMinute === undefined) {
    return "usage is a share of capacity, but the deployment's tokens per minute are not known (the model's unit is not documented, or it is not token-based)";
  }
  const tokens = d.tokensPerMinute * usage.capacityShare * 60 * HOURS_PER_MONTH;
  notes.push(
    `usage from ${Math.round(usage.capacityShare * 100)}% of ${d.tokensPerMinute.toLocaleString("en-US")} TPM: ${Math.round(tokens).toLocaleString("en-US")} tokens a month, ${Math.round(usage.outputShare * 100)}% output`,
  );
  return { inputTokens: tokens * (1 - usage.outputShare), outputTokens: tokens * usage.outputShare };
}

/** The monthly cost of one environment's desired state with one price file. */
export function estimateCost(
  state: DesiredState,
  book: PriceBook,
  catalog?: ModelCatalog,
  options: EstimateOptions = {},
): CostEstimate {
  const regions = new Map(
    state.accounts.map((a) => [a.key, a.location === undefined ? null : locationKey(a.location)]),
  );
  const regionOf = (accountKey: string) => regions.get(accountKey) ?? null;
  const coverage = allocateReservations(state, regionOf);
  const deployments = state.deployments.map((d): DeploymentCost => {
    const region = regionOf(d.accountKey);
    const notes: string[] = [];
    const marketplace = isMarketplace(catalog, d);
    const { fixed, ptu } = fixedCost(book, d, region, coverage.reserved.get(d.key) ?? 0, marketplace);
    const usage = usageCost(book, state, d, region, marketplace, notes);
    if (region === null && (fixed.status === "priced" || usage.status === "priced")) {
      notes.push("the account names no region: prices seen in every region read were used");
    }
    const cost: DeploymentCost = {
      key: d.key,
      accountKey: d.accountKey,
      name: d.name,
      model: d.model.name,
      version: d.model.version,
      deploymentType: d.sku,
      region,
      fixed,
      usage,
      notes,
    };
    if (ptu !== undefined) cost.ptu = ptu;
    return cost;
  });
  const reservations = (state.reservations ?? []).map((r): ReservationCost => {
    const family = PTU_FAMILY[deploymentType(r.deploymentType)?.processing ?? "global"];
    const price = ptuPrice(
      book,
      family,
      r.region,
      r.term === "month" ? "monthlyReservation" : "yearlyReservation",
    );
    const monthly: CostFigure =
      price === undefined
        ? {
            status: "not-priced",
            reason: `no ${r.term}ly reservation price of ${r.deploymentType} in ${r.region}`,
          }
        : priced(roundCents((r.quantity * price.amount) / (r.term === "month" ? 1 : 12)), price.verified);
    return {
      deploymentType: r.deploymentType,
      region: r.region,
      quantity: r.quantity,
      term: r.term,
      used: coverage.used.get(r) ?? 0,
      monthly,
    };
  });
  const accounts = state.accounts.map((a): AccountCost => {
    const own = deployments.filter((d) => d.accountKey === a.key);
    return {
      key: a.key,
      fixed: sumFigures(own.map((d) => d.fixed)),
      usage: sumFigures(own.map((d) => d.usage)),
    };
  });
  return {
    currency: book.data.currency,
    pricesRetrieved: book.data.retrieved,
    pricesLabel: book.label,
    environment: state.environment,
    deployments,
    accounts,
    reservations,
    fixed: sumFigures([...deployments.map((d) => d.fixed), ...reservations.map((r) => r.monthly)]),
    usage: sumFigures(deployments.map((d) => d.usage)),
    warnings: [...staleWarnings(book, options.asOf), ...unprotectedWarnings(state)],
  };
}

function staleWarnings(book: PriceBook, asOf: Date | undefined): string[] {
  if (asOf === undefined) return [];
  const age = priceAgeInDays(book, asOf);
  if (age <= PRICES_MAX_AGE_DAYS) return [];
  return [
    `the prices are ${age} days old (${book.label}): refresh them with \`aideploy prices refresh\` before trusting the figures`,
  ];
}

/**
 * An environment that deploys PTUs without `protect: true`: `pulumi destroy`, or a deployment that leaves
 * the file, deletes them at once, and what re-creating them gets depends on the region's capacity then.
 * The file as written is not an environment (protection is set per environment).
 */
function unprotectedWarnings(state: DesiredState): string[] {
  if (state.environment === null || state.protect) return [];
  const provisioned = state.deployments.filter((d) => deploymentType(d.sku)?.family === "provisioned");
  if (provisioned.length === 0) return [];
  const held = provisioned.map((d) => `${d.key} (${d.capacity} PTU)`).join(", ");
  return [
    `environment ${state.environment} deploys provisioned throughput without protection: ${held}; ${BILLING_FACTS.ptuHourly.rule}, and a \`pulumi destroy\` or a deployment removed from the file deletes them at once; set \`protect: true\` in environments.${state.environment}`,
  ];
}
