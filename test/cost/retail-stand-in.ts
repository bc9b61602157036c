import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A Retail Prices API item in the documented shape. */
export function item(fields: {
  meterName: string;
  productName?: string;
  retailPrice: number;
  unitOfMeasure: string;
  type?: string;
  reservationTerm?: string;
  armRegionName?: string;
}) {
  const region = fields.armRegionName ?? "eastus2";
  return {
    currencyCode: "USD",
    tierMinimumUnits: 0,
    ...(fields.reservationTerm === undefined ? {} : { reservationTerm: fields.reservationTerm }),
    retailPrice: fields.retailPrice,
    unitPrice: fields.retailPrice,
    armRegionName: region,
    location: "US East 2",
    effectiveStartDate: "2024-12-01T00:00:00Z",
    meterId: "00000000-0000-0000-0000-000000000000",
    meterName: fields.meterName,
    productId: "DZH318Z0HHG7",
    skuId: "DZH318Z0HHG7/0000",
    productName: fields.productName ?? "Azure OpenAI",
    skuName: fields.meterName.replace(/ (Tokens|Unit)$/, ""),
    serviceName: "Foundry Models",
    serviceId: "DZH31600VF1F",
    serviceFamily: "AI + Machine Learning",
    unitOfMeasure: fields.unitOfMeasure,
    type: fields.type ?? "Consumption",
    isPrimaryMeterRegion: fields.type !== "Reservation",
    armSkuName: "",
  };
}

type Item = ReturnType<typeof item>;

/**
 * A loopback stand-in of the Retail Prices API serving `pages` by `$skip` in the documented envelope.
 * `link(index)` says whether page `index` carries a NextPageLink (absolute, as the API writes it).
 */
export interface StandIn {
  url: string;
  requests: URL[];
  close(): Promise<void>;
}

export async function retailStandIn(
  pages: Item[][],
  options: { link?: (index: number) => boolean; status?: number; nextOrigin?: string } = {},
): Promise<StandIn> {
  const requests: URL[] = [];
  let base = "";
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", base);
    requests.push(url);
    if (requests.length > 20) {
      res.writeHead(429).end();
      return;
    }
    if (options.status !== undefined) {
      res.writeHead(options.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "InternalError", message: "stand-in failure" } }));
      return;
    }
    const skip = Number(url.searchParams.get("$skip") ?? "0");
    let start = 0;
    let index = 0;
    while (index < pages.length && start < skip) start += (pages[index++] as Item[]).length;
    const items = pages[index] ?? [];
    let next: string | null = null;
    if (index < pages.length - 1 && (options.link?.(index) ?? true)) {
      const link = new URL(url.toString().replace(url.origin, options.nextOrigin ?? url.origin));
      link.searchParams.set("$skip", String(start + items.length));
      next = link.toString();
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        BillingCurrency: "USD",
        CustomerEntityId: "Default",
        CustomerEntityType: "Retail",
        Items: items,
        NextPageLink: next,
        Count: items.length,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/api/retail/prices`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
