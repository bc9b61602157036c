/**
 * `aideploy prices refresh [--currency USD] [--region R...] [--out FILE]`: writes the price file cost
 * estimates read from Azure's public Retail Prices API. A failed read leaves the file as it was (exit 1);
 * so does a failed write (exit 2).
 */
import { type Command, InvalidArgumentError } from "commander";
import { PRICES_BESIDE_FILE } from "../../cost/price-file";
import { refreshPrices } from "../../cost/refresh-prices";
import { RETAIL_PRICES_URL } from "../../cost/retail-api";
import { writeFiles } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import { resolvePath } from "../options";
import type { CommandContext } from "../program";

export interface PricesRefreshOptions {
  currency: string;
  region: string[];
  out?: string;
  endpoint?: string;
}

export async function runPricesRefresh(options: PricesRefreshOptions, io: CommandIO): Promise<number> {
  const shownOut = options.out ?? "catalog/prices.json";
  const out = resolvePath(io, shownOut);
  const result = await refreshPrices({
    out,
    shownOut,
    currency: options.currency,
    regions: options.region,
    ...(options.endpoint === undefined ? {} : { baseUrl: options.endpoint }),
  });
  if (!result.ok) {
    io.stderr(`aideploy prices refresh: ${result.message}; ${shownOut} was not changed\n`);
    return ExitCode.findings;
  }
  // Written whole or not at all: an interrupted refresh leaves the previous file in place.
  writeFiles([{ path: out, text: result.text }], shownOut, "; it was not changed");
  io.stderr(result.summary.map((line) => `${line}\n`).join(""));
  return ExitCode.ok;
}

function currencyCode(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new InvalidArgumentError("expected a currency code such as USD or EUR");
  }
  return code;
}

export function registerPrices(program: Command, context: CommandContext): void {
  const prices = program.command("prices").description("the price file cost estimates read");
  prices
    .command("refresh")
    .description("write the price file from Azure's public Retail Prices API")
    .option("--currency <code>", "currency of the prices (Microsoft prices in USD)", currencyCode, "USD")
    .option(
      "-r, --region <regions...>",
      "Azure regions to read, e.g. eastus2 swedencentral (default: all)",
      [],
    )
    .option("-o, --out <file>", `price file (default: ${PRICES_BESIDE_FILE})`)
    .option("--endpoint <url>", `Retail Prices API URL (default: ${RETAIL_PRICES_URL})`)
    .action((opts: PricesRefreshOptions) => {
      context.run((io) => runPricesRefresh(opts, io));
    });
}
