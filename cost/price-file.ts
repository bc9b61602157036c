/**
 * Which price file cost estimates read: `--prices FILE`, else `catalog/prices.json` beside the deployments
 * file, else the price file shipped with aideploy. A file that is missing, unreadable or not a price file
 * of the current format is a UsageError naming it.
 */
import { statSync } from "node:fs";
import * as path from "node:path";
import { UsageError } from "../diagnostics/failure";
import { FileReadError, readRegularText } from "../loader/source";
import { parseJsonDocument } from "../text/json";
import { type PriceBook, readPriceBook, SHIPPED_PRICES_PATH } from "./prices";

/** Where a price file sits relative to the deployments file it prices. */
export const PRICES_BESIDE_FILE = path.join("catalog", "prices.json");

const SHIPPED_NAME = "aideploy's shipped prices";

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A price file read and validated; `shown` names it in reports and errors. */
export function readPriceFile(file: string, shown: string): PriceBook {
  if (!exists(file)) throw new UsageError(`${shown}: no such price file`);
  try {
    return readPriceBook(parseJsonDocument(readRegularText(file)), shown);
  } catch (error) {
    if (error instanceof FileReadError) throw new UsageError(`${shown}: cannot read it: ${error.reason}`);
    throw new UsageError(`${shown}: not a price file: ${(error as Error).message}`);
  }
}

/** The price file for a deployments file (see the module comment); paths shown relative to `cwd`. */
export function pricesFor(
  deploymentsFile: string,
  explicit?: string,
  cwd: string = process.cwd(),
): PriceBook {
  if (explicit !== undefined) return readPriceFile(path.resolve(cwd, explicit), explicit);
  const beside = path.resolve(cwd, path.dirname(deploymentsFile), PRICES_BESIDE_FILE);
  if (exists(beside)) return readPriceFile(beside, path.relative(cwd, beside).split(path.sep).join("/"));
  return readPriceFile(SHIPPED_PRICES_PATH, SHIPPED_NAME);
}
