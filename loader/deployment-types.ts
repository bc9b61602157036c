import type { DeploymentType } from "./file-types.generated";

/** Where a fact comes from: a public document or specification, and the date of the version read. */
export interface FactSource {
  repository: string;
  path: string;
  /**
   * The document's `ms.date` (docs) or the api-version / commit date (specs), as YYYY-MM-DD; "undated"
   * for a published page whose date is not shown.
   */
  date: string;
  /** The stored version that was read. */
  commit?: string;
}

/** Where inference data of a deployment type is processed. */
export type ProcessingLevel = "global" | "data zone" | "regional";

/** How a deployment type is sold and answers: pay per token, reserved PTUs, asynchronous batch, evaluation. */
export type DeploymentFamily = "standard" | "provisioned" | "batch" | "developer";

export interface DeploymentTypeFacts {
  processing: ProcessingLevel;
  family: DeploymentFamily;
  /**
   * For a provisioned type: the standard type of the same processing level, the only target its spillover
   * may name. Null for the types that do not spill over.
   */
  spillsTo: DeploymentType | null;
  /**
   * Hours after which Azure deletes a deployment of this type by itself; null when it lives until deleted.
   * Source: DEVELOPER_TIER_LIFETIME_SOURCE.
   */
  lifetimeHours: number | null;
}

/**
 * The page on testing a fine-tuned model: Developer tier deployments have a fixed lifetime of 24 hours and
 * are removed regardless of activity (its "Clean up" section). The page of the new portal on deploying a
 * fine-tuned model (fine-tuning-deploy.md, 2026-02-11) no longer states the lifetime.
 */
export const DEVELOPER_TIER_LIFETIME_SOURCE: FactSource = {
  repository: "MicrosoftDocs/azure-ai-docs",
  path: "articles/foundry-classic/openai/how-to/fine-tune-test.md",
  date: "2025-09-30",
  commit: "03a5bd4cf06640ad2189380af5e6c01033bb5278",
};

/** The deployment-types page: SKU codes, where each processes data, how it bills. */
export const DEPLOYMENT_TYPES_SOURCE: FactSource = {
  repository: "MicrosoftDocs/azure-ai-docs",
  path: "articles/foundry/foundry-models/includes/concepts-deployment-types-content.md",
  date: "2026-05-08",
  commit: "061aa849a431071f6463f5acaf7a9c9f045da440",
};

/**
 * The spillover how-to before 2026-03: "The data processing level of your standard deployment must match
 * your provisioned deployment (for example, a global provisioned deployment must be used with a global
 * standard spillover deployment)". The page of 2026-03-04 no longer states it; no page says it was lifted.
 */
export const SPILLOVER_LEVEL_SOURCES: readonly FactSource[] = [
  {
    repository: "MicrosoftDocs/azure-ai-docs",
    path: "articles/ai-foundry/openai/how-to/spillover-traffic-management.md",
    date: "2025-10-02",
    commit: "0b864e884f55392067345b2533761d333f5a4d8c",
  },
  {
    repository: "MicrosoftDocs/azure-ai-docs",
    path: "articles/foundry/openai/how-to/spillover-traffic-management.md",
    date: "2026-01-30",
    commit: "6e4da417b436e1c86715814518380345767abd8a",
  },
];

/**
 * Every deployment type (the deployment's sku.name) and what the code relies on about it. Source of
 * `processing` and `family`: DEPLOYMENT_TYPES_SOURCE (its table: data processing "Any Azure region",
 * "Within data zone", "Single region"; billing pay-per-token, reserved PTU, batch; Developer for
 * fine-tuned model evaluation only). Source of `spillsTo`: SPILLOVER_LEVEL_SOURCES.
 */
export const DEPLOYMENT_TYPES: Readonly<Record<DeploymentType, DeploymentTypeFacts>> = {
  GlobalStandard: { processing: "global", family: "standard", spillsTo: null, lifetimeHours: null },
  GlobalProvisionedManaged: {
    processing: "global",
    family: "provisioned",
    spillsTo: "GlobalStandard",
    lifetimeHours: null,
  },
  GlobalBatch: { processing: "global", family: "batch", spillsTo: null, lifetimeHours: null },
  DataZoneStandard: { processing: "data zone", family: "standard", spillsTo: null, lifetimeHours: null },
  DataZoneProvisionedManaged: {
    processing: "data zone",
    family: "provisioned",
    spillsTo: "DataZoneStandard",
    lifetimeHours: null,
  },
  DataZoneBatch: { processing: "data zone", family: "batch", spillsTo: null, lifetimeHours: null },
  Standard: { processing: "regional", family: "standard", spillsTo: null, lifetimeHours: null },
  ProvisionedManaged: {
    processing: "regional",
    family: "provisioned",
    spillsTo: "Standard",
    lifetimeHours: null,
  },
  // "Any Azure region", no data residency guarantee.
  DeveloperTier: { processing: "global", family: "developer", spillsTo: null, lifetimeHours: 24 },
};

/** The facts of a type; undefined for a name the table does not hold (the schema refuses those). */
export function deploymentType(sku: string): DeploymentTypeFacts | undefined {
  return Object.hasOwn(DEPLOYMENT_TYPES, sku) ? DEPLOYMENT_TYPES[sku as DeploymentType] : undefined;
}

/** Provisioned types count capacity in PTUs (what other types count: loader/capacity.ts). */
export function isProvisioned(sku: string): boolean {
  return deploymentType(sku)?.family === "provisioned";
}

/** Types that process data outside the account's region or geography. */
export function isGlobal(sku: string): boolean {
  return deploymentType(sku)?.processing === "global";
}

/** Microsoft's built-in content filters, usable by name without being declared. */
export const MICROSOFT_BASE_POLICIES: readonly string[] = ["Microsoft.Default", "Microsoft.DefaultV2"];

export function isMicrosoftBasePolicy(name: string): boolean {
  return MICROSOFT_BASE_POLICIES.some((p) => p.toLowerCase() === name.toLowerCase());
}

/** One documented rule of spillover, and where it is written. */
export interface SpilloverFact {
  /** What Azure says, in a sentence, for messages. */
  rule: string;
  sources: readonly FactSource[];
}

/**
 * Spillover: a provisioned deployment sends traffic beyond its PTUs to another deployment on the same
 * account (`spilloverDeploymentName`). What the checks in loader/checks/spillover-*.ts rely on.
 */
export const SPILLOVER_FACTS = {
  /** spillover/provisioned-target, spillover/non-standard-target. */
  standardTarget: {
    rule: "the spillover target must be a standard (pay-as-you-go) deployment in the same resource",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/how-to/spillover-traffic-management.md",
        date: "2026-03-04",
        commit: "01cbaee927a16a5bee56d35eb83e470d7f14d36a",
      },
      DEPLOYMENT_TYPES_SOURCE,
    ],
  },
  /** spillover/processing-level. */
  sameProcessingLevel: {
    rule: "the data processing level of the standard deployment must match the provisioned deployment (global provisioned to global standard, data zone to data zone, regional to regional)",
    sources: SPILLOVER_LEVEL_SOURCES,
  },
  /** spillover/model-mismatch: the portal tip of the spillover how-to of 2025-10-02. */
  sameModelAndVersion: {
    rule: "the account needs an active pay-as-you-go deployment that matches the model and version of the provisioned deployment",
    sources: [SPILLOVER_LEVEL_SOURCES[0] as FactSource],
  },
  /** spillover/unsupported-model. */
  openAiModelsOnly: {
    rule: "all Azure OpenAI models that support provisioned throughput support spillover; models from other providers (DeepSeek, Meta Llama) don't",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/concepts/provisioned-throughput.md",
        date: "2026-05-13",
        commit: "09cf11c4fe258e90e17d9ee8afd17df71786deda",
      },
    ],
  },
} as const satisfies Record<string, SpilloverFact>;

/** Model formats whose provisioned deployments may spill over (SPILLOVER_FACTS.openAiModelsOnly). */
export const SPILLOVER_MODEL_FORMATS: readonly string[] = ["OpenAI"];

/** `repository path (date)`, for check descriptions and messages. */
export function citeSource(source: FactSource): string {
  return `${source.repository} ${source.path} (${source.date})`;
}
