/**
 * Azure's Retail Prices API: public, unauthenticated, OData `$filter`, pages of at most 1,000 items
 * followed through `NextPageLink` (learn.microsoft.com/rest/api/cost-management/retail-prices/
 * azure-retail-prices). The base URL is an input so that tests point it at a loopback stand-in. Every
 * read is bounded in time and in pages.
 */

/** The public endpoint. */
export const RETAIL_PRICES_URL = "https://prices.azure.com/api/retail/prices";

/** The api-version that returns every meter and filters case-sensitively (the documented preview). */
export const RETAIL_PRICES_API_VERSION = "2023-01-01-preview";

/** Items per page the API returns at most (the live page, as quoted 2026-04-29; 100 before). */
export const RETAIL_PAGE_SIZE = 1000;

/** One item, as the API documents its fields (only those read here are typed). */
export interface RetailItem {
  currencyCode?: string;
  retailPrice: number;
  tierMinimumUnits?: number;
  armRegionName: string;
  effectiveStartDate?: string;
  meterName: string;
  productName: string;
  skuName?: string;
  serviceName?: string;
  unitOfMeasure: string;
  type: string;
  reservationTerm?: string | null;
}

interface RetailPage {
  Items: RetailItem[];
  NextPageLink: string | null;
  Count?: number;
}

/** A read that failed: what went wrong, for one line of output. */
export class RetailPricesError extends Error {
  override readonly name = "RetailPricesError";
}

export interface RetailQuery {
  /** The API's URL (default RETAIL_PRICES_URL). */
  baseUrl?: string;
  currency: string;
  /** The OData `$filter` expression. */
  filter: string;
  /** Items per full page (the API's; smaller in tests). */
  pageSize?: number;
  /** Pages read at most before giving up. */
  maxPages?: number;
  /** Milliseconds one page may take. */
  timeoutMs?: number;
}

/** The first page's URL: api-version, currency and filter as separate query parameters. */
export function firstPageUrl(query: RetailQuery): URL {
  const url = new URL(query.baseUrl ?? RETAIL_PRICES_URL);
  url.searchParams.set("api-version", RETAIL_PRICES_API_VERSION);
  url.searchParams.set("currencyCode", `'${query.currency}'`);
  url.searchParams.set("$filter", query.filter);
  return url;
}

function isPage(json: unknown): json is RetailPage {
  if (typeof json !== "object" || json === null) return false;
  const page = json as Record<string, unknown>;
  return (
    Array.isArray(page.Items) &&
    (page.NextPageLink === null || page.NextPageLink === undefined || typeof page.NextPageLink === "string")
  );
}

async function readPage(url: URL, timeoutMs: number): Promise<RetailPage> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: "application/json" },
    });
  } catch (error) {
    throw new RetailPricesError(`cannot reach ${url.origin}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new RetailPricesError(`${url.origin} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RetailPricesError(`${url.origin} answered with something that is not JSON`);
  }
  if (!isPage(json)) throw new RetailPricesError(`${url.origin} answered with a page without Items`);
  return { Items: json.Items, NextPageLink: json.NextPageLink ?? null };
}

/**
 * Every item the filter selects. Follows `NextPageLink` (only on the API's own origin); when it is empty
 * but the page is full, asks for the next page with `$skip` itself (the link has been seen missing while
 * more data existed: Microsoft Q&A 1188465, 2023-03-10). Stops on a short page without a link.
 */
export async function fetchRetailItems(query: RetailQuery): Promise<{ items: RetailItem[]; pages: number }> {
  const first = firstPageUrl(query);
  const pageSize = query.pageSize ?? RETAIL_PAGE_SIZE;
  const maxPages = query.maxPages ?? 200;
  const timeoutMs = query.timeoutMs ?? 60_000;
  const items: RetailItem[] = [];
  let url: URL | undefined = first;
  let pages = 0;
  while (url !== undefined) {
    if (pages === maxPages) {
      throw new RetailPricesError(`more than ${maxPages} pages: narrow the query (--region)`);
    }
    const page: RetailPage = await readPage(url, timeoutMs);
    pages += 1;
    items.push(...page.Items);
    if (page.NextPageLink) {
      const next = new URL(page.NextPageLink);
      if (next.origin !== first.origin) {
        throw new RetailPricesError(`NextPageLink leads to another origin (${next.origin}); not followed`);
      }
      url = next;
    } else if (page.Items.length >= pageSize) {
      const next = new URL(first);
      next.searchParams.set("$skip", String(items.length));
      url = next;
    } else url = undefined;
  }
  return { items, pages };
}
