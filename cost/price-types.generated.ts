/* Generated from schemas/prices.schema.json by `npm run generate:types`. Do not edit. */

/**
 * A calendar date, YYYY-MM-DD.
 */
export type CalendarDate = string
/**
 * An Azure region as ARM names it (lower case, no spaces), or "*" for a figure seen as the same in every region read.
 */
export type Region = string
/**
 * Ids of the entries of `sources` that the figures of this row come from.
 * 
 * @minItems 1
 */
export type SourceRefs = [string, ...(string)[]]
/**
 * A deployment type billed per token.
 */
export type TokenDeploymentType = ("GlobalStandard" | "DataZoneStandard" | "Standard" | "GlobalBatch" | "DataZoneBatch")

/**
 * Retail prices of Azure AI services (Foundry) model deployments that cost estimates read: per region and provisioned deployment type the hourly price of a PTU and its reservation prices, per model and deployment type the price of tokens, and the map from Azure's meter names to models. Every figure names its sources and says whether it was read from a raw Retail Prices API item; a figure not published is null and shown as not priced.
 */
export interface AideployPriceFile {
/**
 * Relative path or URI of this JSON Schema, for editors.
 */
$schema?: string
/**
 * Format version of the price file. This schema describes version 1.
 */
formatVersion: 1
/**
 * ISO 4217 code of every price in the file, as the Retail Prices API's `currencyCode` (Microsoft prices in USD; other currencies are for reference).
 */
currency: string
/**
 * Date the prices were gathered (YYYY-MM-DD): shown beside every estimate, and the age `plan` and `diff` warn about.
 */
retrieved: string
/**
 * How the file was produced: "compiled" from public captures of the Retail Prices API, or "retail-prices-api" when written by `aideploy prices refresh`.
 */
origin: ("compiled" | "retail-prices-api")
/**
 * Where figures came from, by source id. Every `source` array in the file refers to these ids.
 */
sources: {
[k: string]: Source | undefined
}
/**
 * Prices of one PTU of a provisioned deployment type in a region.
 */
ptu: PtuPrice[]
/**
 * Prices per 1M tokens of a model on a token-billed deployment type. Several rows may describe one model, type and region (one per source); a reader takes each figure from the first row that gives it, an exact region before "*".
 */
tokens: TokenPrice[]
/**
 * The curated map from Azure's meter names (abbreviations, never the model id verbatim) to what they price. `prices refresh` reads only the meters listed here and reports every other meter of the products it reads.
 */
meters: Meter[]
/**
 * Meters of the products read that the map does not list, written by `prices refresh` so they are never dropped silently; not priced.
 */
unmappedMeters?: UnmappedMeter[]
}
/**
 * One source, keyed by its id (lower case letters, digits, dots and hyphens).
 * 
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^[a-z0-9][a-z0-9.-]*$".
 */
export interface Source {
/**
 * What the source is, for people.
 */
title: string
/**
 * Address of the source, or null.
 */
url: (string | null)
/**
 * GitHub repository (owner/name) holding the source, or null.
 */
repository: (string | null)
/**
 * Path of the file in the repository, or null.
 */
path: (string | null)
/**
 * Date of the version read (YYYY-MM-DD), or null when the source shows none.
 */
documentDate: (CalendarDate | null)
}
/**
 * The prices of one PTU of a provisioned type (global, data zone, regional) in one region.
 */
export interface PtuPrice {
/**
 * The provisioned deployment type by where it processes data: global (GlobalProvisionedManaged), dataZone (DataZoneProvisionedManaged), regional (ProvisionedManaged).
 */
family: ("global" | "dataZone" | "regional")
region: Region
/**
 * Price of one PTU for one hour, billed whether used or not.
 */
hourly: (number | null)
/**
 * Price of one PTU reserved for one month (the whole term), or null.
 */
monthlyReservation: (number | null)
/**
 * Price of one PTU reserved for one year (the whole term), or null.
 */
yearlyReservation: (number | null)
source: SourceRefs
/**
 * true when every figure of the row was seen in a raw Retail Prices API item of a named region; false marks figures shown as unverified.
 */
verified: boolean
}
/**
 * Prices per 1M tokens of a model version on one deployment type in a region.
 */
export interface TokenPrice {
/**
 * The model name as deployments name it.
 */
model: string
/**
 * The model version, or null when the price applies to every version (the meter names none).
 */
version: (string | null)
deploymentType: TokenDeploymentType
region: Region
/**
 * Price of 1M input tokens.
 */
inputPer1M: (number | null)
/**
 * Price of 1M cached input tokens.
 */
cachedInputPer1M: (number | null)
/**
 * Price of 1M output tokens.
 */
outputPer1M: (number | null)
source: SourceRefs
/**
 * true when every figure of the row was seen in a raw Retail Prices API item of a named region; false marks figures shown as unverified.
 */
verified: boolean
}
/**
 * One meter of the Retail Prices API and what it prices.
 */
export interface Meter {
/**
 * The item's `meterName`, exactly.
 */
meterName: string
/**
 * The item's `productName`, exactly: partner products reuse meter names, so the product is part of the key.
 */
productName: string
/**
 * The model name the meter prices, or null for PTU meters (shared by every model).
 */
model: (string | null)
/**
 * The model version the meter prices; absent or null when the meter names none.
 */
version?: (string | null)
/**
 * The deployment type the meter prices.
 */
deploymentType: ("GlobalStandard" | "DataZoneStandard" | "Standard" | "GlobalBatch" | "DataZoneBatch" | "GlobalProvisionedManaged" | "DataZoneProvisionedManaged" | "ProvisionedManaged")
/**
 * What one unit of the meter is: input, cached input or output tokens, a PTU hour, or a PTU reservation (the same meter read from the reservation product).
 */
kind: ("input" | "cachedInput" | "output" | "ptuHour" | "reservation")
source: SourceRefs
}
/**
 * A meter read from the API that the map does not list.
 */
export interface UnmappedMeter {
/**
 * The item's `meterName`.
 */
meterName: string
/**
 * The item's `productName`.
 */
productName: string
/**
 * The item's `unitOfMeasure`.
 */
unitOfMeasure: string
/**
 * The regions it was read in.
 */
regions: string[]
}
