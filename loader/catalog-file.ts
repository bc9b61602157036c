/**
 * Which model catalog a deployments file is checked against, read once per process: `--catalog FILE`,
 * else `catalog/models.json` beside the deployments file, else the catalog shipped with aideploy. Every
 * stage that needs catalog facts (the desired state's capacity units, validate's offline checks) gets the
 * same catalog from here. A catalog that is missing, unreadable or not a catalog of the current format is
 * a UsageError naming it.
 */
import { statSync } from "node:fs";
import * as path from "node:path";
import {
  type AideployModelCatalog,
  CatalogFormatError,
  type ModelCatalog,
  readModelCatalog,
  SHIPPED_CATALOG_PATH,
} from "../catalog/model-catalog";
import { UsageError } from "../diagnostics/failure";
import { parseJsonDocument } from "../text/json";
import { FileReadError, readRegularText } from "./source";

/** Where a catalog sits relative to the deployments file it describes. */
export const CATALOG_BESIDE_FILE = path.join("catalog", "models.json");

/** How findings name the shipped catalog when it is not the file beside the deployments file. */
const SHIPPED_NAME = "aideploy's shipped catalog";

interface Cached {
  mtimeMs: number;
  size: number;
  catalog: ModelCatalog;
}

const cache = new Map<string, Cached>();

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function shownPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join("/");
}

/**
 * A catalog file, validated and indexed, read once per process for as long as the file is unchanged.
 * `shown` names it in findings and errors. Throws a UsageError when it cannot be used.
 */
export function readCatalogFile(file: string, shown: string): ModelCatalog {
  let stats: { mtimeMs: number; size: number };
  try {
    stats = statSync(file);
  } catch {
    throw new UsageError(`${shown}: no such catalog file`);
  }
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
    return { ...cached.catalog, label: `${shown} of ${cached.catalog.data.generatedAt}` };
  }
  let catalog: ModelCatalog;
  try {
    catalog = readModelCatalog(parseJsonDocument(readRegularText(file)), shown);
  } catch (error) {
    if (error instanceof FileReadError) throw new UsageError(`${shown}: cannot read it: ${error.reason}`);
    throw new UsageError(`${shown}: not a model catalog: ${(error as Error).message}`);
  }
  cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, catalog });
  return catalog;
}

/**
 * The catalog for a deployments file: `explicit` (`--catalog`, relative to `cwd`), else
 * `catalog/models.json` beside the file, else the catalog shipped with aideploy. Paths the user sees are
 * relative to `cwd` (default: the process's working directory).
 */
export function catalogFor(
  deploymentsFile: string,
  explicit?: string,
  cwd: string = process.cwd(),
): ModelCatalog {
  if (explicit !== undefined) return readCatalogFile(path.resolve(cwd, explicit), explicit);
  const beside = path.resolve(cwd, path.dirname(deploymentsFile), CATALOG_BESIDE_FILE);
  if (exists(beside)) return readCatalogFile(beside, shownPath(beside, cwd));
  return readCatalogFile(SHIPPED_CATALOG_PATH, SHIPPED_NAME);
}

/**
 * The catalog a refresh replaces, for the facts ARM does not give; undefined when there is none or it
 * cannot be used (a refresh is how such a file is replaced).
 */
export function previousCatalog(file: string, shown: string): AideployModelCatalog | undefined {
  if (!exists(file)) return undefined;
  try {
    return readCatalogFile(file, shown).data;
  } catch (error) {
    if (error instanceof UsageError || error instanceof CatalogFormatError) return undefined;
    throw error;
  }
}
