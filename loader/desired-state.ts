import type { SourceLocation } from "../diagnostics/diagnostic";
import type {
  Account,
  Action,
  ContentFilter,
  DeploymentType,
  Severity,
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
  customSubDomain: string;
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
  model: { format: string; name: string; version: string; publisher?: string };
  sku: DeploymentType;
  /** Capacity units: thousands of tokens per minute, or PTUs for provisioned types. */
  capacity: number;
  /** Tokens per minute for token-based types. */
  tokensPerMinute?: number;
  contentFilter: string;
  /** False when the content filter came from no setting at all (Microsoft's default was assumed). */
  contentFilterExplicit: boolean;
  versionUpgradeOption: VersionUpgradeOption;
  spillover?: string;
  tags: Record<string, string>;
  import?: string;
  /** Position of the deployment in the file, for write order. */
  index: number;
}

export interface DisabledDeployment extends Declared {
  key: string;
  accountKey: string;
  name: string;
}

export interface FilterSide {
  hate: Severity;
  sexual: Severity;
  violence: Severity;
  selfHarm: Severity;
  profanity: Action;
  blocklists: string[];
}

export interface DesiredContentFilter extends Declared {
  key: string;
  accountKey: string;
  name: string;
  base: NonNullable<ContentFilter["base"]>;
  mode: NonNullable<ContentFilter["mode"]>;
  prompt: FilterSide & { jailbreak: Action; indirectAttack: Action };
  completion: FilterSide & { protectedMaterialText: Action; protectedMaterialCode: Action };
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
