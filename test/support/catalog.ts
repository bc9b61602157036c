/**
 * A small model catalog (format 2) for tests that depend on capacity units and bounds, so that they do
 * not change when the shipped catalog is refreshed. Its facts are those of Microsoft's documentation as
 * the shipped catalog records them (2026-12-02), plus model router's unit ("Model router quotas").
 */
import { type ModelCatalog, readModelCatalog } from "../../catalog/model-catalog";

type Bounds = [minimum: number | null, step: number | null];

const UNBOUNDED: Bounds = [null, null];

function offer(bounds: Bounds, source: string[]) {
  const [minimum, step] = bounds;
  const provisioned = minimum !== null;
  return {
    regions: ["eastus2", "swedencentral", "westus"],
    capacity: { minimum, maximum: provisioned ? 100_000 : null, step, default: null },
    source: provisioned ? [...source, "ptu-costs", "quotas-limits"] : source,
  };
}

function model(
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
      Object.entries(types).map(([type, bounds]) => [type, offer(bounds, ["matrix"])]),
    ),
  };
}

function source(title: string, path: string, documentDate: string | null) {
  return {
    title,
    repository: documentDate === null ? null : "MicrosoftDocs/azure-ai-docs",
    path,
    documentDate,
    retrieved: "2026-12-02",
    apiVersion: null,
  };
}

export const TEST_CATALOG_JSON = {
  formatVersion: 2,
  generatedAt: "2026-12-02",
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
    model("Meta", "Llama-3.3-70B-Instruct", null, null, { GlobalProvisionedManaged: [100, 100] }),
    model("OpenAI", "gpt-4.1", "2025-04-14", null, {
      GlobalProvisionedManaged: [15, 5],
      GlobalStandard: UNBOUNDED,
      ProvisionedManaged: [50, 50],
    }),
    model("OpenAI", "gpt-4o", "2024-11-20", null, {
      DataZoneBatch: UNBOUNDED,
      GlobalBatch: UNBOUNDED,
      GlobalProvisionedManaged: [15, 5],
      GlobalStandard: UNBOUNDED,
      ProvisionedManaged: [50, 50],
      Standard: UNBOUNDED,
    }),
    model("OpenAI", "model-router", "2025-11-18", [1000, 1, "model-router-quotas"], {
      DataZoneStandard: UNBOUNDED,
      GlobalStandard: UNBOUNDED,
    }),
    model("OpenAI", "o1", "2024-12-17", [6000, 1, "quota"], { ProvisionedManaged: [25, 50] }),
    model("OpenAI", "o3-pro", "2025-06-10", [10_000, 1, "quota"], { GlobalStandard: UNBOUNDED }),
    model("OpenAI", "o4-mini", "2025-04-16", [1000, 1, "quota"], {
      GlobalBatch: UNBOUNDED,
      GlobalProvisionedManaged: [15, 5],
      GlobalStandard: UNBOUNDED,
      ProvisionedManaged: [25, 25],
      Standard: UNBOUNDED,
    }),
    model("OpenAI", "text-embedding-3-large", "1", null, { GlobalStandard: UNBOUNDED, Standard: UNBOUNDED }),
  ],
};

let cached: ModelCatalog | undefined;

/** The test catalog, labelled "test catalog of 2026-12-02" in findings. */
export function testCatalog(): ModelCatalog {
  cached ??= readModelCatalog(structuredClone(TEST_CATALOG_JSON), "test catalog");
  return cached;
}
