/**
 * Model catalogs for tests: the date checks are pinned to, small catalogs built from entries, and the
 * catalog that offers exactly what a deployments file deploys (so that a test of something else can
 * validate a file whatever the shipped catalog says about its models, today or in a year).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import {
  type AideployModelCatalog,
  type CatalogModel,
  type CatalogOffer,
  type ModelCatalog,
  readModelCatalog,
} from "../../catalog/model-catalog";
import type { Plan } from "../../infra/plan";
import { locationKey } from "../../loader/location";

/** The date the shipped catalog was compiled, which tests pin `--as-of` to. */
export const CATALOG_DATE = "2026-12-02";

/** The source every test catalog cites. */
export const TEST_SOURCE = "test";

export interface OfferSeed {
  regions?: string[] | null;
  minimum?: number | null;
  maximum?: number | null;
  step?: number | null;
  retirementDate?: string;
}

export function offer(seed: OfferSeed = {}): CatalogOffer {
  return {
    regions: seed.regions === undefined ? ["eastus2"] : seed.regions,
    capacity: {
      minimum: seed.minimum ?? null,
      maximum: seed.maximum ?? null,
      step: seed.step ?? null,
      default: null,
    },
    ...(seed.retirementDate === undefined ? {} : { retirementDate: seed.retirementDate }),
    source: [TEST_SOURCE],
  };
}

export interface ModelSeed {
  format?: string;
  name: string;
  version: string | null;
  status?: CatalogModel["lifecycle"]["status"];
  deprecationDate?: string | null;
  retirementDate?: string | null;
  replacements?: { name: string; version: string | null }[] | null;
  soldBy?: CatalogModel["soldBy"];
  types?: Record<string, CatalogOffer>;
}

export function model(seed: ModelSeed): CatalogModel {
  return {
    format: seed.format ?? "OpenAI",
    name: seed.name,
    version: seed.version,
    publisher: null,
    soldBy: seed.soldBy ?? null,
    lifecycle: {
      status: seed.status ?? "ga",
      deprecationDate: seed.deprecationDate ?? null,
      retirementDate: seed.retirementDate ?? null,
      retirementNotBefore: null,
      replacements: seed.replacements === undefined ? [] : seed.replacements,
      source: [TEST_SOURCE],
    },
    capacityUnit: null,
    deploymentTypes: seed.types ?? { GlobalStandard: offer() },
  };
}

export function catalogOf(models: CatalogModel[], generatedAt = CATALOG_DATE): AideployModelCatalog {
  return {
    formatVersion: 2,
    generatedAt,
    origin: "documentation",
    sources: {
      [TEST_SOURCE]: {
        title: "A catalog written for a test",
        repository: null,
        path: null,
        documentDate: null,
        retrieved: generatedAt,
        apiVersion: null,
      },
    },
    models,
  };
}

/**
 * A catalog that offers every model version the plans deploy, with the deployment types and regions
 * they use, generally available and never retiring.
 */
export function catalogOffering(plans: readonly Plan[]): AideployModelCatalog {
  const models = new Map<string, CatalogModel>();
  for (const plan of plans) {
    for (const deployment of plan.state.deployments) {
      const account = plan.state.accounts.find((candidate) => candidate.key === deployment.accountKey);
      const { format, name, version } = deployment.model;
      const key = [format, name, version].join("|");
      const entry = models.get(key) ?? model({ format, name, version, types: {} });
      models.set(key, entry);
      const offered = entry.deploymentTypes[deployment.sku] ?? offer({ regions: [] });
      if (account?.location)
        offered.regions = [...new Set([...(offered.regions ?? []), locationKey(account.location)])].sort();
      entry.deploymentTypes[deployment.sku] = offered;
    }
  }
  return catalogOf([...models.values()]);
}

/** Writes a catalog as a file in `dir`; returns its path. */
export function writeCatalog(dir: string, catalog: AideployModelCatalog, name = "models.json"): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${JSON.stringify(catalog, null, 2)}\n`);
  return file;
}

/*
 * A small pinned catalog (format 2) for tests that depend on capacity units and bounds, so that they do
 * not change when the shipped catalog is refreshed. Its facts are those of Microsoft's documentation as
 * the shipped catalog records them (2026-12-02), plus model router's unit ("Model router quotas").
 */

type Bounds = [minimum: number | null, step: number | null];

const UNBOUNDED: Bounds = [null, null];

function pinnedOffer(bounds: Bounds, source: string[]) {
  const [minimum, step] = bounds;
  const provisioned = minimum !== null;
  return {
    regions: ["eastus2", "swedencentral", "westus"],
    capacity: { minimum, maximum: provisioned ? 100_000 : null, step, default: null },
    source: provisioned ? [...source, "ptu-costs", "quotas-limits"] : source,
  };
}

function pinnedModel(
  format: string,
  name: string,
  version: string | null,
  unit: [tokensPerMinute: number, requestsPerMinute: number, source: string] | null,
  types: Record<string, Bounds>,
) {
  return {
    format,
    name,
    version,
    publisher: format,
    soldBy: "azure",
    lifecycle: {
      status: "ga",
      deprecationDate: null,
      retirementDate: null,
      retirementNotBefore: null,
      replacements: [],
      source: ["matrix"],
    },
    capacityUnit:
      unit === null ? null : { tokensPerMinute: unit[0], requestsPerMinute: unit[1], source: [unit[2]] },
    deploymentTypes: Object.fromEntries(
      Object.entries(types).map(([type, bounds]) => [type, pinnedOffer(bounds, ["matrix"])]),
    ),
  };
}

function source(title: string, path: string, documentDate: string | null) {
  return {
    title,
    repository: documentDate === null ? null : "MicrosoftDocs/azure-ai-docs",
    path,
    documentDate,
    retrieved: CATALOG_DATE,
    apiVersion: null,
  };
}

export const TEST_CATALOG_JSON = {
  formatVersion: 2,
  generatedAt: CATALOG_DATE,
  origin: "documentation",
  sources: {
    matrix: source(
      "Region availability",
      "articles/foundry/foundry-models/includes/model-matrix/deployments-standard.md",
      "2026-06-11",
    ),
    quota: source("Quota units", "articles/foundry/openai/includes/quota-1.md", "2026-09-16"),
    "model-router-quotas": source(
      "Model router quotas",
      "https://learn.microsoft.com/en-us/azure/foundry/openai/concepts/model-router-quotas",
      null,
    ),
    "ptu-costs": source(
      "PTU costs",
      "articles/foundry/openai/how-to/provisioned-throughput-onboarding.md",
      "2026-04-07",
    ),
    "quotas-limits": source("Quotas and limits", "articles/foundry/openai/quotas-limits.md", "2026-02-17"),
  },
  models: [
    pinnedModel("Meta", "Llama-3.3-70B-Instruct", null, null, { GlobalProvisionedManaged: [100, 100] }),
    pinnedModel("OpenAI", "gpt-4.1", "2025-04-14", null, {
      GlobalProvisionedManaged: [15, 5],
      GlobalStandard: UNBOUNDED,
      ProvisionedManaged: [50, 50],
    }),
    pinnedModel("OpenAI", "gpt-4o", "2024-11-20", null, {
      DataZoneBatch: UNBOUNDED,
      GlobalBatch: UNBOUNDED,
      GlobalProvisionedManaged: [15, 5],
      GlobalStandard: UNBOUNDED,
      ProvisionedManaged: [50, 50],
      Standard: UNBOUNDED,
    }),
    pinnedModel("OpenAI", "model-router", "2025-11-18", [1000, 1, "model-router-quotas"], {
      DataZoneStandard: UNBOUNDED,
      GlobalStandard: UNBOUNDED,
    }),
    pinnedModel("OpenAI", "o1", "2024-12-17", [6000, 1, "quota"], { ProvisionedManaged: [25, 50] }),
    pinnedModel("OpenAI", "o3-pro", "2025-06-10", [10_000, 1, "quota"], { GlobalStandard: UNBOUNDED }),
    pinnedModel("OpenAI", "o4-mini", "2025-04-16", [1000, 1, "quota"], {
      GlobalBatch: UNBOUNDED,
      GlobalProvisionedManaged: [15, 5],
      GlobalStandard: UNBOUNDED,
      ProvisionedManaged: [25, 25],
      Standard: UNBOUNDED,
    }),
    pinnedModel("OpenAI", "text-embedding-3-large", "1", null, {
      GlobalStandard: UNBOUNDED,
      Standard: UNBOUNDED,
    }),
  ],
};

let cached: ModelCatalog | undefined;

/** The test catalog, labelled "test catalog of 2026-12-02" in findings. */
export function testCatalog(): ModelCatalog {
  cached ??= readModelCatalog(structuredClone(TEST_CATALOG_JSON), "test catalog");
  return cached;
}
