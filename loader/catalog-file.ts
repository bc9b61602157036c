/**
 * Which model catalog a deployments file is read with: the one named explicitly, else
 * `catalog/models.json` beside the file, else the catalog shipped with aideploy. Read once per process
 * and path; a catalog that cannot be used is a usage error naming the file.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import {
  CatalogFormatError,
  type ModelCatalog,
  readModelCatalog,
  SHIPPED_CATALOG_PATH,
} from "../catalog/model-catalog";
import { UsageError } from "../diagnostics/failure";
import { FileReadError, readRegularText } from "./source";

/** Where a catalog sits relative to the deployments file it describes. */
export const CATALOG_BESIDE_FILE = path.join("catalog", "models.json");

const read = new Map<string, ModelCatalog>();

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readCatalogAt(file: string, shown: string): ModelCatalog {
  const cached = read.get(file);
  if (cached) return cached;
  let catalog: ModelCatalog;
  try {
    catalog = readModelCatalog(JSON.parse(withoutBom(readRegularText(file))), shown);
  } catch (error) {
    if (error instanceof FileReadError) throw new UsageError(`${shown}: ${error.reason}`);
    if (error instanceof CatalogFormatError || error instanceof SyntaxError) {
      throw new UsageError(`${shown}: not a model catalog: ${error.message}`);
    }
    throw error;
  }
  read.set(file, catalog);
  return catalog;
}

/**
 * The catalog for a deployments file: `explicit` (a path) when given, else `catalog/models.json` in the
 * file's directory, else the shipped catalog.
 */
export function catalogFor(deploymentsFile: string, explicit?: string): ModelCatalog {
  if (explicit !== undefined) {
    const file = path.resolve(explicit);
    if (!existsSync(file)) throw new UsageError(`${explicit}: no such catalog file`);
    return readCatalogAt(file, explicit.split(path.sep).join("/"));
  }
  const beside = path.resolve(path.dirname(deploymentsFile), CATALOG_BESIDE_FILE);
  if (beside !== SHIPPED_CATALOG_PATH && existsSync(beside)) {
    const shown = path.join(path.dirname(deploymentsFile), CATALOG_BESIDE_FILE).split(path.sep).join("/");
    return readCatalogAt(beside, shown);
  }
  return readCatalogAt(SHIPPED_CATALOG_PATH, "catalog/models.json");
}
