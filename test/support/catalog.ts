/**
 * Model catalogs for tests: the date checks are pinned to, small catalogs built from entries, and the
 * catalog that offers exactly what a deployments file deploys (so that a test of something else can
 * validate a file whatever the shipped catalog says about its models, today or in a year).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { AideployModelCatalog, CatalogModel, CatalogOffer } from "../../catalog/model-catalog";
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
