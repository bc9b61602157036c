/* Generated from schemas/catalog.schema.json by `npm run generate:types`. Do not edit. */

/**
 * A calendar date, YYYY-MM-DD.
 */
export type CalendarDate = string
/**
 * Sources of these lifecycle facts.
 * 
 * @minItems 1
 */
export type SourceRefs = [string, ...(string)[]]
/**
 * Sources of the capacity unit.
 * 
 * @minItems 1
 */
export type SourceRefs1 = [string, ...(string)[]]
/**
 * Sources of the regions and capacity bounds.
 * 
 * @minItems 1
 */
export type SourceRefs2 = [string, ...(string)[]]

/**
 * Models that Azure AI services (Foundry) accounts can deploy: lifecycle and retirement dates, capacity units, and per deployment type the regions and capacity bounds. Every fact names the sources it came from; anything not published is null.
 */
export interface AideployModelCatalog {
/**
 * Relative path or URI of this JSON Schema, for editors.
 */
$schema?: string
/**
 * Format version of the catalog file. This schema describes version 2.
 */
formatVersion: 2
/**
 * Date the facts were compiled (YYYY-MM-DD).
 */
generatedAt: string
/**
 * How the file was produced: "documentation" when compiled from public documentation, "arm" when written by `catalog refresh` from Azure Resource Manager.
 */
origin: ("documentation" | "arm")
/**
 * Where facts came from, by source id. Every `source` array in the file refers to these ids.
 */
sources: {
[k: string]: Source | undefined
}
/**
 * Model versions, sorted by format, name and version (case-insensitive; a null version sorts first). A (format, name, version) triple appears once.
 */
models: Model[]
}
/**
 * One source, keyed by its id (lower case letters, digits, dots and hyphens).
 * 
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^[a-z0-9][a-z0-9.-]*$".
 */
export interface Source {
/**
 * Human-readable title of the document or API.
 */
title: string
/**
 * GitHub repository (owner/name) the document was read from; null when it was not read from a repository (ARM, or a published web page).
 */
repository: (string | null)
/**
 * Path of the document inside `repository`, or the page URL when `repository` is null; null for ARM sources.
 */
path: (string | null)
/**
 * The document's own date (ms.date or last-updated), or null when it has none.
 */
documentDate: (CalendarDate | null)
/**
 * A calendar date, YYYY-MM-DD.
 */
retrieved: string
/**
 * ARM API version used, for sources of a catalog with origin "arm"; null otherwise.
 */
apiVersion: (string | null)
}
/**
 * One model version as Azure deploys it.
 */
export interface Model {
/**
 * Model format, as in a deployment's properties.model.format (for example OpenAI, OpenAI-OSS, Microsoft, Meta, DeepSeek, Mistral AI, xAI, Cohere, Anthropic).
 */
format: string
/**
 * Model name, as in a deployment's properties.model.name.
 */
name: string
/**
 * Model version, as in a deployment's properties.model.version; null when the documentation names the model without a version.
 */
version: (string | null)
/**
 * Organisation that publishes the model, or null if unknown.
 */
publisher: (string | null)
/**
 * "azure" when the model is sold directly by Azure; "marketplace" when a partner sells it and it is billed through Azure Marketplace; null when unknown.
 */
soldBy: ("azure" | "marketplace" | null)
lifecycle: Lifecycle
/**
 * What one unit of capacity of the token-based standard deployment types grants; null when unknown.
 */
capacityUnit: (CapacityUnit | null)
/**
 * Deployment types (sku names) this version is offered with, with regions and capacity bounds. A type that is absent is not documented for this version. Keys are Azure deployment type (sku) names as ARM spells them: Standard, GlobalStandard, DataZoneStandard, ProvisionedManaged, GlobalProvisionedManaged, DataZoneProvisionedManaged, GlobalBatch, DataZoneBatch, DeveloperTier, or a type Azure adds later.
 */
deploymentTypes: {
[k: string]: DeploymentType | undefined
}
}
/**
 * Lifecycle stage and retirement facts of this version.
 */
export interface Lifecycle {
/**
 * Stage as of `generatedAt`: retired when the retirement date is before it; otherwise deprecated, legacy, preview or ga as the sources say; null when unknown.
 */
status: ("preview" | "ga" | "legacy" | "deprecated" | "retired" | null)
/**
 * Date after which no new deployments are accepted; null when not published.
 */
deprecationDate: (CalendarDate | null)
/**
 * Date deployments stop answering; null when not published.
 */
retirementDate: (CalendarDate | null)
/**
 * Lower bound when the sources give only a "no earlier than" retirement date; null otherwise.
 */
retirementNotBefore: (CalendarDate | null)
/**
 * Suggested replacement models; [] when the sources name none; null when unknown.
 */
replacements: (Replacement[] | null)
source: SourceRefs
}
/**
 * A suggested replacement model.
 */
export interface Replacement {
/**
 * Replacement model name, as the source writes it.
 */
name: string
/**
 * Replacement model version, or null when the source names none.
 */
version: (string | null)
}
/**
 * Rate limits granted by one unit of capacity.
 */
export interface CapacityUnit {
/**
 * Tokens per minute per unit, or null when unknown.
 */
tokensPerMinute: (number | null)
/**
 * Requests per minute per unit, or null when unknown.
 */
requestsPerMinute: (number | null)
source: SourceRefs1
}
/**
 * Availability and capacity bounds of one deployment type for a model version.
 */
export interface DeploymentType {
/**
 * Azure regions (programmatic names, lower case, sorted, unique) where the type is offered; null when unknown.
 */
regions: (string[] | null)
capacity: Capacity
/**
 * Date this deployment type stops serving the version when it ends before the version's own retirement (ARM's sku `deprecationDate`; ARM's "deprecation" is the end of inference). Absent or null when not published.
 */
retirementDate?: (CalendarDate | null)
source: SourceRefs2
}
/**
 * Capacity bounds of a deployment, in capacity units (PTUs for provisioned types).
 */
export interface Capacity {
/**
 * Smallest capacity a deployment may have, or null.
 */
minimum: (number | null)
/**
 * Largest capacity a deployment may have, or null.
 */
maximum: (number | null)
/**
 * Increment in which capacity may be set above the minimum, or null.
 */
step: (number | null)
/**
 * Capacity used when none is given, or null.
 */
default: (number | null)
}
