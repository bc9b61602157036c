/**
 * The price file (`schemas/prices.schema.json`) read for lookups. Unknown figures stay null and every
 * reader here keeps them unknown; which rows a figure came from, and whether each was verified, travels
 * with it. Pure: reading a file is the caller's business.
 */
import * as path from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { locationKey } from "../loader/location";
import { SCHEMA_COMPILE_OPTIONS } from "../schemas/compile-options";
import schema from "../schemas/prices.schema.json";
import type { AideployPriceFile, PtuPrice, TokenDeploymentType, TokenPrice } from "./price-types.generated";

export type { AideployPriceFile, PtuPrice, TokenPrice };

/** The price file shipped with aideploy, used when none sits beside the deployments file. */
export const SHIPPED_PRICES_PATH = path.join(__dirname, "..", "catalog", "prices.json");

/** A file that is not a price file of this format: what is wrong, at which JSON path. */
export class PriceFormatError extends Error {
  override readonly name = "PriceFormatError";
}

/** A price file ready for lookups, and how to name it in reports. */
export interface PriceBook {
  data: AideployPriceFile;
  /** How reports name the file: as the user sees it and its date. */
  label: string;
}

let validator: ValidateFunction<AideployPriceFile> | undefined;

function validate(json: unknown): json is AideployPriceFile {
  // Compiled on first use: no work at import time.
  validator ??= new Ajv2020({ ...SCHEMA_COMPILE_OPTIONS, allErrors: false }).compile<AideployPriceFile>(
    schema,
  );
  return validator(json);
}

/** Checks a parsed price file against its schema and that every source id it cites exists. */
export function readPriceBook(json: unknown, shown: string): PriceBook {
  if (!validate(json)) {
    const [first] = validator?.errors ?? [];
    const where = first?.instancePath ? first.instancePath : "the document";
    throw new PriceFormatError(`${where} ${first?.message ?? "is not valid"}`);
  }
  const rows: { source: readonly string[] }[] = [...json.ptu, ...json.tokens, ...json.meters];
  for (const row of rows) {
    const missing = row.source.find((id) => json.sources[id] === undefined);
    if (missing !== undefined) {
      throw new PriceFormatError(`a row cites source "${missing}", which \`sources\` does not define`);
    }
  }
  return { data: json, label: `${shown} of ${json.retrieved}` };
}

/** One figure as found: the amount, whether every row it came from was verified, and those rows' sources. */
export interface FoundPrice {
  amount: number;
  verified: boolean;
  sources: readonly string[];
}

function regionRank(row: { region: string }, region: string | null): number {
  if (region !== null && row.region === region) return 0;
  return row.region === "*" ? 1 : 2;
}

/** The rows for a region: the region's own rows first, then those of "*"; other regions never. */
function byRegion<T extends { region: string }>(rows: readonly T[], region: string | null): T[] {
  const key = region === null ? null : locationKey(region);
  return rows.filter((r) => regionRank(r, key) < 2).sort((a, b) => regionRank(a, key) - regionRank(b, key));
}

function firstFigure<T extends { verified: boolean; source: readonly string[] }>(
  rows: readonly T[],
  pick: (row: T) => number | null,
): FoundPrice | undefined {
  for (const row of rows) {
    const amount = pick(row);
    if (amount !== null) return { amount, verified: row.verified, sources: row.source };
  }
  return undefined;
}

export type PtuFigure = "hourly" | "monthlyReservation" | "yearlyReservation";

/** One price of a PTU of a family in a region (the region's row, else "*"); undefined when not priced. */
export function ptuPrice(
  book: PriceBook,
  family: PtuPrice["family"],
  region: string | null,
  figure: PtuFigure,
): FoundPrice | undefined {
  const rows = byRegion(
    book.data.ptu.filter((r) => r.family === family),
    region,
  );
  return firstFigure(rows, (r) => r[figure]);
}

export type TokenKind = "input" | "cachedInput" | "output";

const TOKEN_FIELD: Readonly<Record<TokenKind, "inputPer1M" | "cachedInputPer1M" | "outputPer1M">> = {
  input: "inputPer1M",
  cachedInput: "cachedInputPer1M",
  output: "outputPer1M",
};

export function isTokenDeploymentType(sku: string): sku is TokenDeploymentType {
  return ["GlobalStandard", "DataZoneStandard", "Standard", "GlobalBatch", "DataZoneBatch"].includes(sku);
}

/**
 * The price of 1M tokens of one kind for a model version on a type in a region: the version's rows before
 * rows for every version, the region's rows before "*"; model names compared without case.
 */
export function tokenPrice(
  book: PriceBook,
  model: { name: string; version: string },
  deploymentType: string,
  region: string | null,
  kind: TokenKind,
): FoundPrice | undefined {
  const name = model.name.toLowerCase();
  const candidates = book.data.tokens.filter(
    (r) => r.model.toLowerCase() === name && r.deploymentType === deploymentType,
  );
  const exact = candidates.filter((r) => r.version !== null && r.version === model.version);
  const anyVersion = candidates.filter((r) => r.version === null);
  const field = TOKEN_FIELD[kind];
  return (
    firstFigure(byRegion(exact, region), (r) => r[field]) ??
    firstFigure(byRegion(anyVersion, region), (r) => r[field])
  );
}

/** Whole days from the price file's date to `asOf` (negative when the file is newer). */
export function priceAgeInDays(book: PriceBook, asOf: Date): number {
  return Math.floor((asOf.getTime() - Date.parse(`${book.data.retrieved}T00:00:00Z`)) / 86_400_000);
}
