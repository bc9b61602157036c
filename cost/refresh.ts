/**
 * A price file from Retail Prices API items: each item matched to the curated meter map by product and
 * meter name, its `unitOfMeasure` normalised (tokens per 1K or per 1M to per 1M; PTU hours; reservations
 * priced for their whole term), and every item the map does not know or whose unit is not understood
 * reported, never dropped silently and never guessed. Pure.
 */
import { DEPLOYMENT_TYPES, isProvisioned } from "../loader/deployment-types";
import { locationKey } from "../loader/location";
import { PTU_FAMILY } from "./facts";
import type {
  AideployPriceFile,
  Meter,
  PtuPrice,
  TokenDeploymentType,
  TokenPrice,
  UnmappedMeter,
} from "./price-types.generated";
import type { RetailItem } from "./retail-api";

/** The source id a refreshed file cites for every figure it read. */
export const API_SOURCE_ID = "retail-prices-api";

/** Tokens one price of a `unitOfMeasure` is for; units not listed are not understood. */
const TOKENS_PER_UNIT: Readonly<Record<string, number>> = { "1K": 1_000, "1M": 1_000_000 };

/** Hourly units seen on PTU meters ("1/Hour") and on hosting meters ("1 Hour"). */
const HOURLY_UNITS: readonly string[] = ["1/Hour", "1 Hour"];

/** Reservation terms as the API writes them. */
const TERMS: Readonly<Record<string, "monthlyReservation" | "yearlyReservation">> = {
  "1 Month": "monthlyReservation",
  "1 Year": "yearlyReservation",
};

/** An item read but not priced, and why. */
export interface SkippedItem {
  meterName: string;
  productName: string;
  region: string;
  reason: string;
}

export interface RefreshResult {
  file: AideployPriceFile;
  /** Items of mapped meters that were not used, with the reason (an unknown unit or term, a tier). */
  skipped: SkippedItem[];
}

export interface RefreshInput {
  items: readonly RetailItem[];
  /** The file being replaced (or the shipped one): its meter map and the sources that map cites. */
  previous: AideployPriceFile;
  currency: string;
  /** The date of the read (YYYY-MM-DD). */
  retrieved: string;
  /** The API's URL, for the source. */
  url: string;
}

function meterKey(productName: string, meterName: string): string {
  return `${productName}|${meterName}`;
}

/** The product names the map reads: the filter of a refresh. */
export function mappedProducts(meters: readonly Meter[]): string[] {
  return [...new Set(meters.map((m) => m.productName))].sort();
}

/** `(productName eq 'A' or …) and (armRegionName eq 'r' or …)`: values are compared case-sensitively. */
export function retailFilter(meters: readonly Meter[], regions: readonly string[]): string {
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const products = mappedProducts(meters).map((p) => `productName eq ${quote(p)}`);
  const clauses = [`(${products.join(" or ")})`];
  if (regions.length > 0) {
    clauses.push(`(${regions.map((r) => `armRegionName eq ${quote(locationKey(r))}`).join(" or ")})`);
  }
  return clauses.join(" and ");
}

/** Of several items for one price, the one in force last. */
function newest(items: readonly RetailItem[]): RetailItem[] {
  const byKey = new Map<string, RetailItem>();
  for (const item of items) {
    const key = JSON.stringify([
      item.productName,
      item.meterName,
      locationKey(item.armRegionName),
      item.type,
      item.reservationTerm ?? null,
    ]);
    const seen = byKey.get(key);
    if (seen === undefined || (item.effectiveStartDate ?? "") > (seen.effectiveStartDate ?? "")) {
      byKey.set(key, item);
    }
  }
  return [...byKey.values()];
}

export function buildPriceFile(input: RefreshInput): RefreshResult {
  const map = new Map(input.previous.meters.map((m) => [meterKey(m.productName, m.meterName), m]));
  const ptu = new Map<string, PtuPrice>();
  const tokens = new Map<string, TokenPrice>();
  const unmapped = new Map<string, UnmappedMeter>();
  const skipped: SkippedItem[] = [];
  const source: [string] = [API_SOURCE_ID];

  for (const item of newest(input.items)) {
    const region = locationKey(item.armRegionName);
    const meter = map.get(meterKey(item.productName, item.meterName));
    const skip = (reason: string) =>
      skipped.push({ meterName: item.meterName, productName: item.productName, region, reason });
    if (meter === undefined) {
      const key = meterKey(item.productName, item.meterName);
      const entry = unmapped.get(key) ?? {
        meterName: item.meterName,
        productName: item.productName,
        unitOfMeasure: item.unitOfMeasure,
        regions: [],
      };
      if (!entry.regions.includes(region)) entry.regions.push(region);
      unmapped.set(key, entry);
      continue;
    }
    if ((item.tierMinimumUnits ?? 0) > 0) {
      skip(`a tiered price from ${item.tierMinimumUnits} units`);
      continue;
    }
    if (item.type !== "Consumption" && item.type !== "Reservation") {
      skip(`price type ${item.type}`);
      continue;
    }
    if (isProvisioned(meter.deploymentType)) {
      const family = PTU_FAMILY[DEPLOYMENT_TYPES[meter.deploymentType].processing];
      const key = `${family}|${region}`;
      const row = ptu.get(key) ?? {
        family,
        region,
        hourly: null,
        monthlyReservation: null,
        yearlyReservation: null,
        source,
        verified: true,
      };
      if (item.type === "Reservation") {
        // Priced per PTU for the whole term, although the unit reads "1/Hour".
        const term = TERMS[item.reservationTerm ?? ""];
        if (term === undefined) {
          skip(`reservation term ${JSON.stringify(item.reservationTerm ?? null)} not understood`);
          continue;
        }
        row[term] = item.retailPrice;
      } else if (HOURLY_UNITS.includes(item.unitOfMeasure)) {
        row.hourly = item.retailPrice;
      } else {
        skip(`unit ${JSON.stringify(item.unitOfMeasure)} is not an hourly PTU price`);
        continue;
      }
      ptu.set(key, row);
      continue;
    }
    const perUnit = TOKENS_PER_UNIT[item.unitOfMeasure];
    if (perUnit === undefined || meter.model === null || item.type !== "Consumption") {
      skip(`unit ${JSON.stringify(item.unitOfMeasure)} is not a token price`);
      continue;
    }
    const deploymentType = meter.deploymentType as TokenDeploymentType;
    const version = meter.version ?? null;
    const key = JSON.stringify([meter.model, version, deploymentType, region]);
    const row = tokens.get(key) ?? {
      model: meter.model,
      version,
      deploymentType,
      region,
      inputPer1M: null,
      cachedInputPer1M: null,
      outputPer1M: null,
      source,
      verified: true,
    };
    const per1M = Math.round(item.retailPrice * (1_000_000 / perUnit) * 1e6) / 1e6;
    if (meter.kind === "input") row.inputPer1M = per1M;
    else if (meter.kind === "cachedInput") row.cachedInputPer1M = per1M;
    else if (meter.kind === "output") row.outputPer1M = per1M;
    else {
      skip(`meter kind ${meter.kind} is not a token price`);
      continue;
    }
    tokens.set(key, row);
  }

  const cited = new Set(input.previous.meters.flatMap((m) => m.source));
  const sources: AideployPriceFile["sources"] = {
    [API_SOURCE_ID]: {
      title: `Azure Retail Prices API (currencyCode ${input.currency}), read ${input.retrieved}`,
      url: input.url,
      repository: null,
      path: null,
      documentDate: input.retrieved,
    },
  };
  for (const id of [...cited].sort()) {
    const kept = input.previous.sources[id];
    if (kept !== undefined) sources[id] = kept;
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const file: AideployPriceFile = {
    $schema: "../schemas/prices.schema.json",
    formatVersion: 1,
    currency: input.currency,
    retrieved: input.retrieved,
    origin: "retail-prices-api",
    sources,
    ptu: [...ptu.values()].sort((a, b) => byText(`${a.family}|${a.region}`, `${b.family}|${b.region}`)),
    tokens: [...tokens.values()].sort((a, b) =>
      byText(
        JSON.stringify([a.model, a.version ?? "", a.deploymentType, a.region]),
        JSON.stringify([b.model, b.version ?? "", b.deploymentType, b.region]),
      ),
    ),
    meters: input.previous.meters,
    unmappedMeters: [...unmapped.values()]
      .map((m) => ({ ...m, regions: [...m.regions].sort() }))
      .sort((a, b) => byText(meterKey(a.productName, a.meterName), meterKey(b.productName, b.meterName))),
  };
  return { file, skipped };
}
