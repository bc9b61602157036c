import type { FactSource } from "./deployment-types";
import type { DeploymentType } from "./file-types.generated";

/**
 * The deployment properties of 2026 (priority processing, pause, model router, partner models), what the
 * code relies on about each, and where Azure documents it. The one table of these facts: checks, the
 * graph and drift read it; nothing else restates them. A fact no document gives is `null`, and checks
 * that meet it say so instead of assuming.
 */

/** The Cognitive Services REST API, stable 2026-09-01: `DeploymentProperties`, `ServiceTier`, `DeploymentState`, `DeploymentRouting`. */
export const DEPLOYMENT_API_SOURCE: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/stable/2026-09-01/cognitiveservices.json",
  date: "2026-09-01",
  commit: "f008f86e0b709c7e066cf87843bf5d424492552f",
};

/** The specification readme: 2026-09-01 is the newest stable api-version and the default tag. */
export const API_VERSIONS_SOURCE: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/readme.md",
  date: "2026-09-01",
  commit: "1c83a24ec7577cd99c54a4c8566cd4cf5af4f88b",
};

/**
 * The api-version every deployment is written with (through azure-native's generic `resources:Resource`):
 * the newest stable one, the first read that has `serviceTier`, `deploymentState` and `routing`
 * (2025-06-01, which azure-native 3.28's typed `cognitiveservices:Deployment` writes, has none).
 */
export const DEPLOYMENT_API_VERSION = "2026-09-01";

/** Deployment properties Azure computes; they stay out of the file, the graph and every comparison. */
export const SERVER_COMPUTED_DEPLOYMENT_PROPERTIES: readonly string[] = [
  "currentCapacity",
  "capacitySettings",
  "rateLimits",
  "callRateLimit",
  "capabilities",
  "dynamicThrottlingEnabled",
  "provisioningState",
];

const PRIORITY_PROCESSING_SOURCES: readonly FactSource[] = [
  {
    repository: "MicrosoftDocs/azure-ai-docs",
    path: "articles/foundry/openai/concepts/priority-processing.md",
    date: "2026-04-23",
    commit: "0174abca",
  },
  {
    repository: "MicrosoftDocs/azure-ai-docs",
    path: "articles/foundry/openai/includes/model-matrix/standard-global-priority-processing.md",
    date: "2026-03-24",
  },
  {
    repository: "MicrosoftDocs/azure-ai-docs",
    path: "articles/foundry/openai/includes/model-matrix/datazone-standard-priority-processing.md",
    date: "2026-04-21",
  },
  {
    repository: "MicrosoftDocs/azure-ai-docs",
    path: "articles/foundry/openai/includes/concepts-priority-processing-1.md",
    date: "2026-09-24",
  },
  DEPLOYMENT_API_SOURCE,
];

const GLOBAL_PRIORITY_REGIONS: readonly string[] = [
  "australiaeast",
  "brazilsouth",
  "canadacentral",
  "canadaeast",
  "centralus",
  "eastus",
  "francecentral",
  "germanywestcentral",
  "italynorth",
  "japaneast",
  "koreacentral",
  "northcentralus",
  "norwayeast",
  "polandcentral",
  "southafricanorth",
  "southcentralus",
  "southeastasia",
  "southindia",
  "spaincentral",
  "swedencentral",
  "switzerlandnorth",
  "switzerlandwest",
  "uaenorth",
  "uksouth",
  "westeurope",
  "westus",
  "westus3",
];

const DATA_ZONE_US_PRIORITY_REGIONS: readonly string[] = [
  "centralus",
  "eastus",
  "northcentralus",
  "southcentralus",
  "westus",
  "westus3",
];

/**
 * Priority processing (`serviceTier: Priority`). Deployment types: Global Standard and Data Zone Standard
 * (US) only; regional Standard and the EU data zone are unsupported. Regions per model and type from the
 * two model matrices; a model with a latency target but no matrix row has `null` regions (unknown).
 */
export const PRIORITY_PROCESSING = {
  sources: PRIORITY_PROCESSING_SOURCES,
  /** ARM `ServiceTier` values (the docs' REST sample writes lower case; the spec is authoritative for ARM). */
  values: ["Default", "Priority"] as const,
  deploymentTypes: ["GlobalStandard", "DataZoneStandard"] as readonly DeploymentType[],
  /** Model name → deployment type → regions; `null`: the model is documented, its regions are not. */
  regions: {
    "gpt-4.1": { GlobalStandard: GLOBAL_PRIORITY_REGIONS, DataZoneStandard: DATA_ZONE_US_PRIORITY_REGIONS },
    "gpt-5.1": { GlobalStandard: GLOBAL_PRIORITY_REGIONS, DataZoneStandard: DATA_ZONE_US_PRIORITY_REGIONS },
    "gpt-5.2": { GlobalStandard: GLOBAL_PRIORITY_REGIONS, DataZoneStandard: DATA_ZONE_US_PRIORITY_REGIONS },
    "gpt-5.4": {
      GlobalStandard: ["polandcentral", "southcentralus", "swedencentral"],
      DataZoneStandard: DATA_ZONE_US_PRIORITY_REGIONS,
    },
    "gpt-5.4-mini": { GlobalStandard: null, DataZoneStandard: ["centralus", "southcentralus"] },
    "gpt-5.5": { GlobalStandard: null, DataZoneStandard: null },
    "gpt-5.6-sol": { GlobalStandard: null, DataZoneStandard: null },
    "gpt-5.6-terra": { GlobalStandard: null, DataZoneStandard: null },
    "gpt-6-sol": { GlobalStandard: null, DataZoneStandard: null },
  } as Readonly<
    Record<string, Readonly<Record<"GlobalStandard" | "DataZoneStandard", readonly string[] | null>>>
  >,
} as const;

/** Pause (`deploymentState: Paused`): the spec's `Deployments_Pause` operation and `DeploymentState`. */
export const PAUSE = {
  sources: [DEPLOYMENT_API_SOURCE] as readonly FactSource[],
  /** ARM `DeploymentState` values. */
  values: ["Running", "Paused"] as const,
  deploymentTypes: ["Standard", "DataZoneStandard", "GlobalStandard"] as readonly DeploymentType[],
  /** What clients of a paused deployment get. */
  inferenceStatus: 423,
} as const;

/** Model router: `routing` (mode and model subset) on a `model-router` deployment. */
export const MODEL_ROUTER = {
  sources: [
    DEPLOYMENT_API_SOURCE,
    {
      repository: "MicrosoftDocs/azure-ai-docs",
      path: "articles/foundry/openai/concepts/model-router.md",
      date: "2026-08-12",
      commit: "000501b0",
    },
    {
      repository: "MicrosoftDocs/azure-ai-docs",
      path: "articles/foundry/openai/how-to/model-router.md",
      date: "2026-08-12",
    },
  ] as readonly FactSource[],
  model: { format: "OpenAI", name: "model-router" },
  /** `routing` applies to model-router versions of this date or later (spec `DeploymentRouting`). */
  routingSinceVersion: "2025-11-18",
  /** The values the API accepts (spec enum, lower case; default balanced). */
  modes: ["balanced", "quality", "cost"] as const,
  defaultMode: "balanced",
  deploymentTypes: ["GlobalStandard", "DataZoneStandard"] as readonly DeploymentType[],
  /**
   * Formats whose routed models must be deployed by the customer in the same account with a matching
   * SKU ("otherwise the request fails with InvalidResourceProperties"); other routed models need none.
   */
  ownDeploymentFormats: ["Anthropic"] as readonly string[],
} as const;

/** How the docs spell the modes (capitalised), accepted in the file as an alias of the API value. */
export type RouterModeAlias = "Balanced" | "Quality" | "Cost";

/** Partner models sold through Azure Marketplace: `modelProviderData`, sent by the documented Claude flow. */
export const PARTNER_MODELS = {
  sources: [
    {
      repository: "MicrosoftDocs/azure-dev-docs",
      path: "articles/ai/how-to/deploy-claude-foundry.md",
      date: "2026-06-18",
      commit: "e9d12e7e",
    },
    {
      repository: "MicrosoftDocs/azure-ai-docs",
      path: "articles/foundry/foundry-models/includes/how-to-use-foundry-models-claude-deploy-steps.md",
      date: "2026-06-23",
    },
  ] as readonly FactSource[],
  /** Formats whose deployments Azure refuses without `modelProviderData` (error `InvalidModelProviderData`). */
  requiredForFormats: ["Anthropic"] as readonly string[],
  errorCode: "InvalidModelProviderData",
  /** `industry` values (lower case, DOC-DEVCLAUDE). */
  industries: [
    "technology",
    "finance",
    "healthcare",
    "education",
    "retail",
    "manufacturing",
    "government",
    "media",
    "other",
  ] as const,
  /** No api-version read (2025-06-01, 2026-09-01, 2026-09-15-preview) declares the property. */
  inSpecification: false,
} as const;

/** True for a model-router version that takes `routing` (dates compare as strings). */
export function routerTakesRouting(model: { format: string; name: string; version: string }): boolean {
  return (
    model.format.toLowerCase() === MODEL_ROUTER.model.format.toLowerCase() &&
    model.name.toLowerCase() === MODEL_ROUTER.model.name &&
    /^\d{4}-\d{2}-\d{2}$/.test(model.version) &&
    model.version >= MODEL_ROUTER.routingSinceVersion
  );
}

/** The API value of a routing mode written either way (`Balanced` → `balanced`). */
export function routerModeValue(mode: string): (typeof MODEL_ROUTER.modes)[number] | undefined {
  const lower = mode.toLowerCase();
  return MODEL_ROUTER.modes.find((m) => m === lower);
}

export function requiresModelProviderData(format: string): boolean {
  return PARTNER_MODELS.requiredForFormats.some((f) => f.toLowerCase() === format.toLowerCase());
}

export function needsOwnDeploymentWhenRouted(format: string): boolean {
  return MODEL_ROUTER.ownDeploymentFormats.some((f) => f.toLowerCase() === format.toLowerCase());
}
