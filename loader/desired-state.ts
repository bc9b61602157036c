import type { SourceLocation } from "../diagnostics/diagnostic";
import type { CapacityMeaning } from "./capacity";
import type { CompletionActionKey, PromptActionKey, ToolActionKey } from "./content-filters";
import type {
  Account,
  Action,
  ContentFilter,
  DeploymentType,
  ModelProviderData,
  Project,
  Reservation,
  ServiceTier,
  Threshold,
  Usage,
  VersionUpgradeOption,
} from "./file-types.generated";
import type { DocPath } from "./path";

/** What one environment of the file asks for, with defaults and overrides applied. */
export interface DesiredState {
  file: string;
  /** The environment applied, or null when the file is taken as written. */
  environment: string | null;
  /** Pulumi `protect` on deployments and content filters. */
  protect: boolean;
  /** Pulumi `retainOnDelete` on everything. */
  retainOnDelete: boolean;
  subscription?: string;
  accounts: DesiredAccount[];
  deployments: DesiredDeployment[];
  /** Deployments declared but switched off in this environment (clients routing to them get errors). */
  disabledDeployments: DisabledDeployment[];
  contentFilters: DesiredContentFilter[];
  blocklists: DesiredBlocklist[];
  /** Provisioned throughput reservations the file declares (cost estimates only); absent when none. */
  reservations?: DesiredReservation[];
  /** Foundry projects of the accounts, account by account in file order; absent when no account declares one. */
  projects?: DesiredProject[];
  /** Connections of the projects, project by project in file order; absent when no project declares one. */
  connections?: DesiredConnection[];
  /** The subscription's RAI policy (loader/subscription-rai-policy.ts); absent when the file declares none. */
  subscriptionRaiPolicy?: DesiredSubscriptionRaiPolicy;
}

/** A connection of one Foundry project (loader/connections.ts). Secrets are config keys, never values. */
export interface DesiredConnection extends Declared {
  /** `<account key>/<project name>/<connection name>`. */
  key: string;
  accountKey: string;
  projectName: string;
  name: string;
  category: string;
  target?: string;
  authType: "AAD" | "ApiKey" | "ManagedIdentity" | "None";
  credentials?: {
    /** The configuration key of the API key's secret. */
    apiKeyConfig?: string;
    clientId?: string;
    resourceId?: string;
  };
  metadata: Record<string, string>;
  isSharedToAll?: boolean;
  expiryTime?: string;
  import?: string;
}

/**
 * The subscription-wide RAI policy: the settings of a content filter, on no account. Azure's use of it is
 * not documented (SUBSCRIPTION_RAI_POLICY.effect), so nothing counts it as filtering a deployment.
 */
export interface DesiredSubscriptionRaiPolicy
  extends Declared,
    Pick<DesiredContentFilter, "base" | "mode" | "prompt" | "completion"> {
  name: string;
  tags: Record<string, string>;
  import?: string;
}

/** A Foundry project on one account (loader/projects.ts). */
export interface DesiredProject extends Declared {
  /** `<account key>/<project name>`. */
  key: string;
  accountKey: string;
  name: string;
  displayName?: string;
  description?: string;
  identity?: NonNullable<Project["identity"]>;
  /** ARM ids of the user-assigned identities (with identity UserAssigned). */
  userAssignedIdentities?: string[];
  tags: Record<string, string>;
  import?: string;
}

/** A reservation as declared, with its scope's default applied. */
export interface DesiredReservation extends Declared, Required<Pick<Reservation, "scope">> {
  deploymentType: Reservation["deploymentType"];
  /** The region in ARM's normalised form (loader/location.ts). */
  region: string;
  quantity: number;
  term: Reservation["term"];
  resourceGroup?: string;
}

export interface Declared {
  /** Where the user declared it. */
  source: SourceLocation;
  /** Its path in the document, for pointing at a field inside it. */
  docPath: DocPath;
}

export interface DesiredAccount extends Declared {
  key: string;
  name: string;
  resourceGroup: string;
  location?: string;
  subscription?: string;
  create: boolean;
  kind: "AIServices" | "OpenAI";
  /**
   * The custom subdomain: the file's `customSubDomain` (or the environment's), else the account name.
   * The name is the subdomain aideploy gives an account it creates (`create: true`); for an existing
   * account it is only a default, which need not be the account's real subdomain, so anything built on
   * the subdomain of an existing account (its endpoints) reads `customSubDomainDeclared` first.
   */
  customSubDomain: string;
  /** True when the file (or the environment) sets `customSubDomain`; false when it defaulted to the name. */
  customSubDomainDeclared: boolean;
  publicNetworkAccess?: "Enabled" | "Disabled";
  disableLocalAuth?: boolean;
  identity?: "SystemAssigned" | "None";
  networkAcls?: Account["networkAcls"];
  encryption?: Account["encryption"];
  restrictOutboundNetworkAccess?: boolean;
  allowedFqdnList?: string[];
  tags: Record<string, string>;
}

export interface DesiredDeployment extends Declared {
  /** `<account key>/<deployment name>`. */
  key: string;
  accountKey: string;
  name: string;
  model: { format: string; name: string; version: string; publisher?: string; source?: string };
  sku: DeploymentType;
  /** Capacity units (`sku.capacity`); what one unit is: `capacityMeaning`. */
  capacity: number;
  /** What the capacity counts: the model's token unit, PTUs, enqueued-token quota, or nothing. */
  capacityMeaning: CapacityMeaning;
  /** Tokens per minute, for token-based types whose model's unit is known. */
  tokensPerMinute?: number;
  /** Requests per minute, for token-based types whose model's unit is known. */
  requestsPerMinute?: number;
  contentFilter: string;
  /** False when the content filter came from no setting at all (Microsoft's default was assumed). */
  contentFilterExplicit: boolean;
  versionUpgradeOption: VersionUpgradeOption;
  spillover?: string;
  /** Priority or standard processing (ARM `serviceTier`); undefined: not written, Azure's default. */
  serviceTier?: ServiceTier;
  /** Running or paused (ARM `deploymentState`); undefined: not written, Azure's default (running). */
  state?: "Running" | "Paused";
  /** A model router's routing, with the mode as the API spells it. */
  routing?: DesiredRouting;
  /** Who accepts a partner model's Marketplace terms (sent as ARM `modelProviderData`). */
  modelProviderData?: ModelProviderData;
  /** Assumed monthly use, for the usage cost estimate; absent when no layer declares one. */
  usage?: Usage;
  tags: Record<string, string>;
  import?: string;
  /** Position of the deployment in the file, for write order. */
  index: number;
}

export interface DesiredRouting {
  mode?: "balanced" | "quality" | "cost";
  models?: { format: string; name: string; version: string }[];
}

export interface DisabledDeployment extends Declared {
  key: string;
  accountKey: string;
  name: string;
}

/**
 * A harm category that acts from a threshold other than by blocking: annotate (detected and annotated, let
 * through), or an action of the API whose behaviour no document describes (loader/content-filters.ts
 * FILTER_ACTIONS).
 */
export interface ThresholdAction {
  threshold: Threshold;
  action: "annotate" | "humanReview" | "retry";
}

/**
 * A harm category as resolved: a threshold that blocks (`{threshold, action: block}` in the file reads as
 * the bare threshold), a threshold with another action, or off.
 */
export type HarmSetting = Threshold | "off" | ThresholdAction;

/**
 * The categories of one side. A category the file leaves out is undefined: it is not declared, not sent,
 * and Azure keeps or applies its own setting for it; nothing downstream reads it as off or as on.
 */
export interface FilterSide {
  hate?: HarmSetting;
  sexual?: HarmSetting;
  violence?: HarmSetting;
  selfHarm?: HarmSetting;
  profanity?: Action;
  blocklists: string[];
}

/** The prompt side: the harm categories and every shield or detection of prompts (loader/content-filters.ts). */
export interface PromptSide extends FilterSide, Partial<Record<PromptActionKey, Action>> {}

/** The completion side: the harm categories and every detection of completions. */
export interface CompletionSide extends FilterSide, Partial<Record<CompletionActionKey, Action>> {}

/** An agent's tool call or tool response: harm categories and the shields and detections agents have. */
export interface ToolSide
  extends Partial<Record<"hate" | "sexual" | "violence" | "selfHarm", HarmSetting>>,
    Partial<Record<ToolActionKey, Action>> {}

export interface DesiredContentFilter extends Declared {
  key: string;
  accountKey: string;
  name: string;
  base: NonNullable<ContentFilter["base"]>;
  mode: NonNullable<ContentFilter["mode"]>;
  prompt: PromptSide;
  completion: CompletionSide;
  /** Declared only when the file has the key (Preview: refused by a check, see INTERVENTION_POINTS). */
  toolCall?: ToolSide;
  toolResponse?: ToolSide;
  import?: string;
}

export interface DesiredBlocklist extends Declared {
  key: string;
  accountKey: string;
  name: string;
  description?: string;
  items: { pattern: string; regex: boolean; name?: string }[];
  import?: string;
}
