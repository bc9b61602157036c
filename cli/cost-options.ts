import { InvalidArgumentError, Option } from "commander";
import { pricesFor } from "../cost/price-file";
import type { PriceBook } from "../cost/prices";
import type { CommandIO } from "./io";
import { parseAsOf } from "./live-options";

/** `--prices FILE`: the price file cost estimates read (default: catalog/prices.json beside the file, else shipped). */
export function pricesOption(): Option {
  return new Option(
    "--prices <file>",
    "price file for cost estimates (default: catalog/prices.json beside the deployments file, else the shipped one)",
  );
}

export interface PriceFlags {
  prices?: string;
  /** The day estimates are for (default: today): prices older than 90 days then are flagged. */
  asOf?: Date;
}

/** `--as-of DATE` for commands that estimate cost: the day the price file's age is judged on. */
export function pricesAsOfOption(): Option {
  return new Option(
    "--as-of <date>",
    "judge the price file's age as of this date (YYYY-MM-DD; default: today)",
  ).argParser(parseAsOf);
}

/** The estimate's options from the flags: the day is the flag's, else today. */
export function estimateOptions(flags: PriceFlags): { asOf: Date } {
  return { asOf: flags.asOf ?? new Date() };
}

/** The price file for a deployments file, as the flags and the working directory say. */
export function readPrices(io: CommandIO, deploymentsFile: string, flags: PriceFlags): PriceBook {
  return pricesFor(deploymentsFile, flags.prices, io.cwd);
}

/** `--max-monthly-increase AMOUNT`: a non-negative amount in the price file's currency. */
export function parseAmount(value: string): number {
  const amount = Number(value.trim().replace(/,/g, ""));
  if (value.trim() === "" || !Number.isFinite(amount) || amount < 0) {
    throw new InvalidArgumentError("expected a non-negative amount, e.g. 1000 or 2500.50");
  }
  return amount;
}
