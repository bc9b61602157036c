/**
 * The `prices refresh` use case: read the Retail Prices API for the products the meter map knows (in the
 * given regions, or all), turn the items into a price file, and say what was read and what was not. The
 * meter map comes from the file being replaced when it is a valid price file, else from the shipped one.
 */
import { existsSync } from "node:fs";
import { UsageError } from "../diagnostics/failure";
import { jsonDocument } from "../text/json";
import { readPriceFile } from "./price-file";
import { SHIPPED_PRICES_PATH } from "./prices";
import { buildPriceFile, retailFilter } from "./refresh";
import { fetchRetailItems, RETAIL_PRICES_URL, RetailPricesError } from "./retail-api";

export interface PricesRefreshRequest {
  /** Absolute path of the file to write, and how to name it. */
  out: string;
  shownOut: string;
  currency: string;
  regions: readonly string[];
  baseUrl?: string;
  /** The day of the read (default: today, UTC). */
  today?: Date;
  pageSize?: number;
}

export type PricesRefreshResult =
  | { ok: true; text: string; summary: string[] }
  | { ok: false; message: string };

export async function refreshPrices(request: PricesRefreshRequest): Promise<PricesRefreshResult> {
  const previous = previousFile(request.out, request.shownOut);
  const baseUrl = request.baseUrl ?? RETAIL_PRICES_URL;
  let read: Awaited<ReturnType<typeof fetchRetailItems>>;
  try {
    read = await fetchRetailItems({
      baseUrl,
      currency: request.currency,
      filter: retailFilter(previous.meters, request.regions),
      ...(request.pageSize === undefined ? {} : { pageSize: request.pageSize }),
    });
  } catch (error) {
    if (error instanceof RetailPricesError) return { ok: false, message: error.message };
    throw error;
  }
  const retrieved = (request.today ?? new Date()).toISOString().slice(0, 10);
  const { file, skipped } = buildPriceFile({
    items: read.items,
    previous,
    currency: request.currency,
    retrieved,
    url: baseUrl,
  });
  const unmapped = file.unmappedMeters ?? [];
  const summary = [
    `read ${read.items.length} items in ${read.pages} pages: ${file.ptu.length} PTU prices, ${file.tokens.length} token prices (${request.currency}, ${retrieved})`,
    ...unmapped.map(
      (m) =>
        `meter not in the map, not priced: ${m.productName} / ${m.meterName} (${m.unitOfMeasure}; ${m.regions.join(", ")})`,
    ),
    ...skipped.map((s) => `not priced: ${s.productName} / ${s.meterName} in ${s.region}: ${s.reason}`),
    `wrote ${request.shownOut}`,
  ];
  return { ok: true, text: jsonDocument(file), summary };
}

/** The meter map's file: the one being replaced when it is a price file, else the shipped one. */
function previousFile(out: string, shown: string) {
  if (existsSync(out)) {
    try {
      return readPriceFile(out, shown).data;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
    }
  }
  return readPriceFile(SHIPPED_PRICES_PATH, "aideploy's shipped prices").data;
}
