import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { readPriceBook } from "../../cost/prices";
import { fetchRetailItems } from "../../cost/retail-api";
import { item, retailStandIn, type StandIn } from "./retail-stand-in";
import { costWorkspace } from "./support";

const ptuHour = item({
  meterName: "Provisioned Managed Global Unit",
  retailPrice: 1,
  unitOfMeasure: "1/Hour",
});
const ptuYear = item({
  meterName: "Provisioned Managed Global Unit",
  productName: "Azure AI Foundry Provisioned Throughput Reservation",
  retailPrice: 2652,
  unitOfMeasure: "1/Hour",
  type: "Reservation",
  reservationTerm: "1 Year",
});
const input1K = item({ meterName: "gpt 4o 1120 Inp glbl Tokens", retailPrice: 0.0025, unitOfMeasure: "1K" });
const output1M = item({
  meterName: "GPT 5 outpt Glbl 1M Tokens",
  productName: "Azure OpenAI GPT5",
  retailPrice: 10,
  unitOfMeasure: "1M",
});
const unknownMeter = item({
  meterName: "gpt 9 turbo Inp glbl Tokens",
  retailPrice: 0.001,
  unitOfMeasure: "1K",
});
const oddUnit = item({ meterName: "gpt 4o 1120 Outp glbl Tokens", retailPrice: 1, unitOfMeasure: "100" });

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

describe("the Retail Prices client against a loopback stand-in", () => {
  it("follows NextPageLink, asks for the next page itself after a full page without one, and stops on a short page", async () => {
    standIn = await retailStandIn([[ptuHour, ptuYear], [input1K, output1M], [unknownMeter]], {
      link: (index) => index === 0,
    });
    const read = await fetchRetailItems({ baseUrl: standIn.url, currency: "USD", filter: "x", pageSize: 2 });
    expect(read.pages).toBe(3);
    expect(read.items.map((i) => i.meterName)).toEqual([
      ptuHour.meterName,
      ptuYear.meterName,
      input1K.meterName,
      output1M.meterName,
      unknownMeter.meterName,
    ]);
    // Page 2 from page 1's link; page 3 asked for with $skip=4 by the client, the link being empty.
    expect(standIn.requests.map((r) => r.searchParams.get("$skip"))).toEqual([null, "2", "4"]);
  });

  it("refuses a NextPageLink to another origin", async () => {
    standIn = await retailStandIn([[ptuHour], [input1K]], { nextOrigin: "http://198.51.100.7:9" });
    await expect(fetchRetailItems({ baseUrl: standIn.url, currency: "USD", filter: "x" })).rejects.toThrow(
      "NextPageLink leads to another origin (http://198.51.100.7:9); not followed",
    );
  });

  it("stops after a bounded number of pages", async () => {
    standIn = await retailStandIn([[ptuHour], [input1K], [output1M]]);
    await expect(
      fetchRetailItems({ baseUrl: standIn.url, currency: "USD", filter: "x", maxPages: 2 }),
    ).rejects.toThrow("more than 2 pages");
  });
});

async function refresh(argv: string[], cwd = costWorkspace({})) {
  const io = memoryIO({ cwd });
  const code = await main(["prices", "refresh", "--endpoint", standIn?.url ?? "", ...argv], io);
  return { code, err: io.err, cwd };
}

describe("aideploy prices refresh", () => {
  it("writes a valid price file with units normalised per row, and reports the meter it does not know", async () => {
    standIn = await retailStandIn([
      [ptuHour, ptuYear],
      [input1K, output1M],
      [unknownMeter, oddUnit],
    ]);
    const { code, err, cwd } = await refresh(["--region", "East US 2", "--currency", "usd"]);
    expect(code).toBe(0);
    const first = standIn.requests[0] as URL;
    expect(first.searchParams.get("api-version")).toBe("2023-01-01-preview");
    expect(first.searchParams.get("currencyCode")).toBe("'USD'");
    expect(first.searchParams.get("$filter")).toContain("productName eq 'Azure OpenAI'");
    expect(first.searchParams.get("$filter")).toContain("(armRegionName eq 'eastus2')");

    const written = JSON.parse(readFileSync(path.join(cwd, "catalog", "prices.json"), "utf8"));
    const book = readPriceBook(written, "refreshed");
    expect(book.data.origin).toBe("retail-prices-api");
    expect(book.data.ptu).toEqual([
      {
        family: "global",
        region: "eastus2",
        hourly: 1,
        monthlyReservation: null,
        yearlyReservation: 2652,
        source: ["retail-prices-api"],
        verified: true,
      },
    ]);
    const token = (model: string) => book.data.tokens.find((t) => t.model === model);
    // 0.0025 per 1K is 2.50 per 1M; 10 per 1M stays 10.
    expect(token("gpt-4o")).toMatchObject({
      version: "2024-11-20",
      deploymentType: "GlobalStandard",
      inputPer1M: 2.5,
      outputPer1M: null,
    });
    expect(token("gpt-5")).toMatchObject({ deploymentType: "GlobalStandard", outputPer1M: 10 });
    expect(book.data.unmappedMeters).toEqual([
      {
        meterName: "gpt 9 turbo Inp glbl Tokens",
        productName: "Azure OpenAI",
        unitOfMeasure: "1K",
        regions: ["eastus2"],
      },
    ]);
    expect(err).toContain("read 6 items in 3 pages: 1 PTU prices, 2 token prices (USD,");
    expect(err).toContain(
      "meter not in the map, not priced: Azure OpenAI / gpt 9 turbo Inp glbl Tokens (1K; eastus2)",
    );
    expect(err).toContain(
      'not priced: Azure OpenAI / gpt 4o 1120 Outp glbl Tokens in eastus2: unit "100" is not a token price',
    );
  });

  it("leaves the file as it was when the API fails (exit 1)", async () => {
    standIn = await retailStandIn([[ptuHour]], { status: 500 });
    const cwd = costWorkspace({ "catalog/prices.json": "kept\n" });
    const { code, err } = await refresh([], cwd);
    expect(code).toBe(1);
    expect(err).toContain("answered 500");
    expect(err).toContain("catalog/prices.json was not changed");
    expect(readFileSync(path.join(cwd, "catalog", "prices.json"), "utf8")).toBe("kept\n");
  });

  it.each(["US", "dollars"])("--currency %j is a usage error (exit 2)", async (currency) => {
    standIn = await retailStandIn([[ptuHour]]);
    const { code, err } = await refresh(["--currency", currency]);
    expect(code).toBe(2);
    expect(err).toContain("--currency");
    expect(standIn.requests).toHaveLength(0);
  });

  it("keeps the meter map of the file it replaces", async () => {
    standIn = await retailStandIn([[ptuHour]]);
    const cwd = costWorkspace({});
    await refresh([], cwd);
    const file = path.join(cwd, "catalog", "prices.json");
    const first = JSON.parse(readFileSync(file, "utf8"));
    first.meters = first.meters.filter((m: { kind: string }) => m.kind === "ptuHour");
    writeFileSync(file, JSON.stringify(first));
    await refresh([], cwd);
    const second = JSON.parse(readFileSync(file, "utf8"));
    expect(second.meters).toEqual(first.meters);
  });
});
