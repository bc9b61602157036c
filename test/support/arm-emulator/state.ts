import { ArmError } from "./http";
import type {
  AccountRef,
  ArmResource,
  CatalogEntry,
  DeploymentResource,
  ModelCapacitySeed,
  UsageEntry,
} from "./types";

export interface AccountState {
  ref: AccountRef;
  location: string;
  resource: ArmResource;
  deployments: Map<string, DeploymentResource>;
  raiPolicies: Map<string, ArmResource>;
  blocklists: Map<string, BlocklistState>;
  /** Foundry projects (`accounts/{a}/projects`), read-only here: seeded, then listed and read. */
  projects: Map<string, ArmResource>;
  /** Connections of each project (`accounts/{a}/projects/{p}/connections`) by project name key, read-only too. */
  connections: Map<string, Map<string, ArmResource>>;
  /** Served by `accounts/{a}/usages`. */
  usages: UsageEntry[];
}

export interface BlocklistState {
  resource: ArmResource;
  items: Map<string, ArmResource>;
}

export interface QuotaLimit {
  /** As the caller spelled it. */
  usageName: string;
  limit: number;
  /** Shown in usages and in InsufficientQuota messages. */
  localizedValue?: string;
}

/** ARM names compare case-insensitively; keys are lower case, stored resources keep the caller's casing. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** `West US`, `westus` and `WestUS` are the same location. */
export function locationKey(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

export function accountKey(ref: AccountRef): string {
  return [ref.subscriptionId, ref.resourceGroup, ref.accountName].map(nameKey).join("/");
}

export function resourceGroupKey(subscriptionId: string, resourceGroup: string): string {
  return `${nameKey(subscriptionId)}/${nameKey(resourceGroup)}`;
}

export function accountId(ref: AccountRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${ref.accountName}`;
}

/** The in-memory world the emulator serves. */
export class EmulatorState {
  readonly accounts = new Map<string, AccountState>();
  readonly resourceGroups = new Set<string>();
  /** Location key → catalog served by `locations/{l}/models` and used to validate deployments. */
  readonly catalogs = new Map<string, CatalogEntry[]>();
  /** Location key → usage name (lower case) → limit. */
  readonly quotaLimits = new Map<string, Map<string, QuotaLimit>>();
  /** Location key → fixed usages (e.g. AccountCount) served beside the computed quota usages. */
  readonly locationUsages = new Map<string, UsageEntry[]>();
  readonly modelCapacities: ModelCapacitySeed[] = [];
  /** Policy resources keyed by lower-case id. */
  readonly policyAssignments = new Map<string, ArmResource>();
  readonly policyDefinitions = new Map<string, ArmResource>();
  readonly policySetDefinitions = new Map<string, ArmResource>();
  /** Subscription (lower case) → management group ids above it, nearest first. */
  readonly managementGroupsOf = new Map<string, string[]>();
  /** Subscription RAI policies keyed by `<subscription>/<name>` (lower case). */
  readonly subscriptionRaiPolicies = new Map<string, ArmResource>();

  hasResourceGroup(subscriptionId: string, resourceGroup: string): boolean {
    return this.resourceGroups.has(resourceGroupKey(subscriptionId, resourceGroup));
  }

  findAccount(ref: AccountRef): AccountState | undefined {
    return this.accounts.get(accountKey(ref));
  }

  /** The account or ARM's 404 for it. */
  requireAccount(ref: AccountRef): AccountState {
    const account = this.findAccount(ref);
    if (!account) {
      throw new ArmError(
        404,
        "ResourceNotFound",
        `The Resource 'Microsoft.CognitiveServices/accounts/${ref.accountName}' under resource group '${ref.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      );
    }
    return account;
  }

  requireResourceGroup(subscriptionId: string, resourceGroup: string): void {
    if (!this.hasResourceGroup(subscriptionId, resourceGroup)) {
      throw new ArmError(
        404,
        "ResourceGroupNotFound",
        `Resource group '${resourceGroup}' could not be found.`,
      );
    }
  }

  accountsOfSubscription(subscriptionId: string): AccountState[] {
    const key = nameKey(subscriptionId);
    return [...this.accounts.values()].filter((account) => nameKey(account.ref.subscriptionId) === key);
  }

  catalogOf(location: string): CatalogEntry[] | undefined {
    return this.catalogs.get(locationKey(location));
  }

  quotaLimitsOf(location: string): Map<string, QuotaLimit> {
    const key = locationKey(location);
    let limits = this.quotaLimits.get(key);
    if (!limits) {
      limits = new Map();
      this.quotaLimits.set(key, limits);
    }
    return limits;
  }
}
