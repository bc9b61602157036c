/**
 * What a deployment's capacity (`sku.capacity`) counts. The deployment type decides the kind of quota;
 * for token-based types the model decides the size of one unit, which the model catalog records where
 * Microsoft documents it. An unknown unit stays unknown: nothing here assumes 1,000 tokens per minute.
 */
import { describeSources, lookupModel, type ModelCatalog, offerOf } from "../catalog/model-catalog";
import type { DeploymentType } from "./file-types.generated";

/**
 * How Azure counts capacity, per deployment type:
 * - tokens: units of the model's tokens and requests per minute, from a quota per region, model and type
 *   (MicrosoftDocs/azure-ai-docs, articles/foundry/openai/includes/quota-1.md, 2026-09-16);
 * - provisioned: PTUs, from one quota per region and deployment type shared by every model
 *   (articles/foundry/openai/how-to/provisioned-throughput-onboarding.md, 2026-04-07; "PTU quota for each
 *   provisioned deployment type is granted to a subscription regionally and limits the total number of
 *   PTUs that can be deployed in that region across all models and versions");
 * - batch: a quota of enqueued tokens per model, not tokens per minute
 *   (articles/foundry/openai/includes/global-batch-limits.md, 2025-01-27);
 * - developer: the Developer tier evaluates fine-tuned models, without a documented throughput unit
 *   (articles/foundry/foundry-models/includes/concepts-deployment-types-content.md, 2026-05-08).
 */
export type CapacityKind = "tokens" | "provisioned" | "batch" | "developer";

const KIND_OF_TYPE: Readonly<Record<DeploymentType, CapacityKind>> = {
  Standard: "tokens",
  GlobalStandard: "tokens",
  DataZoneStandard: "tokens",
  ProvisionedManaged: "provisioned",
  GlobalProvisionedManaged: "provisioned",
  DataZoneProvisionedManaged: "provisioned",
  GlobalBatch: "batch",
  DataZoneBatch: "batch",
  DeveloperTier: "developer",
};

export function capacityKindOf(sku: string): CapacityKind {
  return Object.hasOwn(KIND_OF_TYPE, sku) ? KIND_OF_TYPE[sku as DeploymentType] : "tokens";
}

/** One capacity unit of a model on a token-based type, and where that is documented. */
export interface TokenUnit {
  tokensPerMinute: number;
  /** Null when the documents give tokens but not requests per minute. */
  requestsPerMinute: number | null;
  /** The documents the unit comes from, as `title (path, date)`. */
  source: string;
}

/** Why a model's token unit is not known. */
export type UnknownUnitCause = "undocumented" | "unknown-model" | "unknown-version";

export type TokenUnitLookup =
  | { known: true; unit: TokenUnit }
  | { known: false; cause: UnknownUnitCause; versions: string[] };

export interface ModelRef {
  format: string;
  name: string;
  version: string;
}

/** The model's capacity unit on token-based types, as the catalog documents it. */
export function tokenUnitOf(catalog: ModelCatalog, model: ModelRef): TokenUnitLookup {
  const found = lookupModel(catalog, model);
  if (found.kind === "unknown-model") return { known: false, cause: "unknown-model", versions: [] };
  if (found.kind === "unknown-version") {
    return { known: false, cause: "unknown-version", versions: found.versions };
  }
  const unit = found.model.capacityUnit;
  if (unit === null || unit.tokensPerMinute === null) {
    return { known: false, cause: "undocumented", versions: [] };
  }
  return {
    known: true,
    unit: {
      tokensPerMinute: unit.tokensPerMinute,
      requestsPerMinute: unit.requestsPerMinute,
      source: describeSources(catalog, unit.source),
    },
  };
}

/** A few words on why a unit is unknown, for plans and reports. */
export function unknownUnitReason(cause: UnknownUnitCause): string {
  switch (cause) {
    case "undocumented":
      return "unit not documented";
    case "unknown-model":
      return "model not in the catalog";
    case "unknown-version":
      return "version not in the catalog";
  }
}

/** What one deployment's capacity means, carried by the desired state. */
export type CapacityMeaning =
  /** Units of the model's tokens and requests per minute. */
  | { kind: "tokens"; unit: TokenUnit }
  /** Token-based, but the size of a unit is not known: capacity is counted in units, never converted. */
  | { kind: "tokens-unknown"; reason: string }
  /** PTUs. */
  | { kind: "provisioned" }
  /** Units of enqueued-token quota. */
  | { kind: "batch" }
  /** No throughput quota. */
  | { kind: "developer" };

export function capacityMeaningOf(catalog: ModelCatalog, model: ModelRef, sku: string): CapacityMeaning {
  const kind = capacityKindOf(sku);
  if (kind !== "tokens") return { kind };
  const lookup = tokenUnitOf(catalog, model);
  return lookup.known
    ? { kind: "tokens", unit: lookup.unit }
    : { kind: "tokens-unknown", reason: unknownUnitReason(lookup.cause) };
}

/** The capacity bounds the catalog gives for a model and deployment type; null bounds are unknown. */
export interface CapacityBounds {
  minimum: number | null;
  maximum: number | null;
  step: number | null;
  /** The documents the bounds come from. */
  source: string;
}

export function capacityBoundsOf(
  catalog: ModelCatalog,
  model: ModelRef,
  sku: string,
): CapacityBounds | undefined {
  const found = lookupModel(catalog, model);
  if (found.kind !== "version" && found.kind !== "versionless") return undefined;
  const offer = offerOf(found.model, sku);
  const capacity = offer?.capacity;
  if (!offer || !capacity) return undefined;
  if (capacity.minimum === null && capacity.maximum === null && capacity.step === null) return undefined;
  return {
    minimum: capacity.minimum,
    maximum: capacity.maximum,
    step: capacity.step,
    source: describeSources(catalog, offer.source),
  };
}

/**
 * Whether a capacity is on the step. Documents give a minimum and an increment; where the minimum is not
 * itself a multiple of the increment (o1 regional provisioned: 25 and 50) they do not say whether the steps
 * count from zero or from the minimum, so either reading is accepted rather than guessed.
 */
function onStep(capacity: number, minimum: number | null, step: number | null): boolean {
  if (step === null || step <= 0) return true;
  return capacity % step === 0 || (minimum !== null && (capacity - minimum) % step === 0);
}

/** The bounds that are known, as `minimum 15, maximum 100,000, step 5`, numbers written by `number`. */
export function describeBounds(
  bounds: Pick<CapacityBounds, "minimum" | "maximum" | "step">,
  number: (value: number) => string = String,
): string {
  return [
    bounds.minimum === null ? undefined : `minimum ${number(bounds.minimum)}`,
    bounds.maximum === null ? undefined : `maximum ${number(bounds.maximum)}`,
    bounds.step === null ? undefined : `step ${number(bounds.step)}`,
  ]
    .filter((part): part is string => part !== undefined)
    .join(", ");
}

/** What is wrong with a capacity against known bounds, with the nearest valid values; none when it fits. */
export function boundsProblem(
  capacity: number,
  bounds: CapacityBounds,
): { problems: string[]; suggestions: number[] } | undefined {
  const { minimum, maximum, step } = bounds;
  const problems: string[] = [];
  if (minimum !== null && capacity < minimum) problems.push(`below the minimum ${minimum}`);
  if (maximum !== null && capacity > maximum) problems.push(`above the maximum ${maximum}`);
  // Off the step only matters within the bounds: below the minimum or above the maximum says enough.
  if (problems.length === 0 && !onStep(capacity, minimum, step)) {
    problems.push(`not a multiple of the step ${step}`);
  }
  if (problems.length === 0) return undefined;
  const valid = (value: number) =>
    value > 0 &&
    (minimum === null || value >= minimum) &&
    (maximum === null || value <= maximum) &&
    onStep(value, minimum, step);
  const candidates = new Set<number>();
  const increment = step !== null && step > 0 ? step : 1;
  const below = Math.floor(capacity / increment) * increment;
  for (const value of [below, below + increment]) if (valid(value)) candidates.add(value);
  if (minimum !== null && capacity < minimum && valid(minimum)) candidates.add(minimum);
  if (maximum !== null && capacity > maximum) {
    const top = Math.floor(maximum / increment) * increment;
    if (valid(top)) candidates.add(top);
  }
  return { problems, suggestions: [...candidates].sort((a, b) => a - b) };
}
