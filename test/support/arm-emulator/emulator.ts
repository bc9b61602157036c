import { registerCognitiveRoutes } from "./cognitive-routes";
import { registerConnectionRoutes } from "./connection-routes";
import { registerDeploymentRoutes } from "./deployment-routes";
import { FaultInjector, type FaultSpec, type OperationFaultSpec, type RequestSelector } from "./faults";
import { OperationTracker } from "./lro";
import { managementGroupId, registerPolicyRoutes } from "./policy-routes";
import { registerProjectRoutes } from "./project-routes";
import { registerRaiRoutes } from "./rai-routes";
import { Router } from "./router";
import { type RecordedRequest, type RunningServer, startServer } from "./server";
import { defaultSettings, type EmulatorServices, type EmulatorSettings } from "./services";
import {
  type AccountState,
  accountId,
  accountKey,
  EmulatorState,
  locationKey,
  nameKey,
  resourceGroupKey,
} from "./state";
import {
  registerSubscriptionRaiPolicyRoutes,
  subscriptionRaiPolicyKey,
  subscriptionRaiPolicyResource,
} from "./subscription-rai-policy-routes";
import type {
  AccountRef,
  ArmResource,
  CatalogEntry,
  DeploymentResource,
  JsonObject,
  ModelCapacitySeed,
  UsageEntry,
} from "./types";

export const defaultSubscriptionId = "00000000-0000-0000-0000-000000000000";

export interface ArmEmulatorOptions extends Partial<EmulatorSettings> {
  /** Subscription used by seeding calls that do not name one. */
  subscriptionId?: string;
}

export interface AccountSeed {
  subscriptionId?: string;
  resourceGroup: string;
  name: string;
  location: string;
  kind?: string;
  skuName?: string;
  /** Merged over realistic defaults (endpoint, customSubDomainName, provisioningState…). */
  properties?: JsonObject;
  tags?: Record<string, string>;
  identity?: JsonObject;
}

/** A Foundry project to seed; the location defaults to the account's. */
export interface ProjectSeed {
  name: string;
  displayName?: string;
  description?: string;
  location?: string;
  isDefault?: boolean;
  tags?: Record<string, string>;
  identity?: JsonObject;
}

/** A connection of a seeded project: what ARM's ConnectionPropertiesV2 holds, never a secret. */
export interface ConnectionSeed {
  name: string;
  category: string;
  authType: string;
  target?: string;
  expiryTime?: string;
  metadata?: Record<string, string>;
  isSharedToAll?: boolean;
  /** Plain credential fields only (a managed identity's clientId, resourceId). */
  credentials?: JsonObject;
}

export interface DeploymentSeed {
  name: string;
  skuName: string;
  capacity?: number;
  model: { format: string; name: string; version?: string } & JsonObject;
  /** Further properties: raiPolicyName, versionUpgradeOption, … */
  properties?: JsonObject;
  provisioningState?: string;
  tags?: Record<string, string>;
}

export interface BlocklistSeed {
  description?: string;
  items?: { name: string; pattern: string; isRegex?: boolean }[];
}

export interface PolicyDefinitionSeed {
  name: string;
  properties: JsonObject;
  /** A custom definition of this subscription; with neither this nor a management group, a built-in. */
  subscriptionId?: string;
  managementGroupId?: string;
}

export interface PolicyAssignmentSeed {
  /** `/subscriptions/{s}`, `/subscriptions/{s}/resourceGroups/{rg}`, a resource id or a management group id. */
  scope: string;
  name: string;
  properties: JsonObject;
  location?: string;
  identity?: JsonObject;
}

/**
 * A local stand-in for Azure Resource Manager (the Microsoft.CognitiveServices subset and the Azure
 * Policy reads) over real HTTP on 127.0.0.1, with in-memory state, long-running operations, paging,
 * ARM error payloads, injectable faults and a log of every request.
 */
export class ArmEmulator {
  readonly state = new EmulatorState();
  readonly settings: EmulatorSettings;
  readonly subscriptionId: string;
  private readonly faults = new FaultInjector();
  private readonly operations: OperationTracker;
  private readonly router = new Router();
  private readonly recorded: RecordedRequest[] = [];
  private server: RunningServer | undefined;

  constructor(options: ArmEmulatorOptions = {}) {
    const { subscriptionId, ...settings } = options;
    this.settings = { ...defaultSettings(), ...settings };
    this.subscriptionId = subscriptionId ?? defaultSubscriptionId;
    this.operations = new OperationTracker(() => this.settings.now());
    const services: EmulatorServices = {
      state: this.state,
      operations: this.operations,
      faults: this.faults,
      settings: this.settings,
    };
    registerCognitiveRoutes(this.router, services);
    registerDeploymentRoutes(this.router, services);
    registerRaiRoutes(this.router, services);
    registerProjectRoutes(this.router, services);
    registerConnectionRoutes(this.router, services);
    registerSubscriptionRaiPolicyRoutes(this.router, services);
    registerPolicyRoutes(this.router, services);
  }

  /** Starts listening on 127.0.0.1 (ephemeral port); returns the base URL. */
  async start(): Promise<string> {
    if (this.server) return this.server.baseUrl;
    this.server = await startServer({
      router: this.router,
      faults: this.faults,
      record: (request) => this.recorded.push(request),
    });
    return this.server.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  get baseUrl(): string {
    if (!this.server) throw new Error("The ARM emulator is not started.");
    return this.server.baseUrl;
  }

  // ── Inspection ────────────────────────────────────────────────────────────

  /** Every request received, in order. */
  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  requestsMatching(selector: RequestSelector): RecordedRequest[] {
    return this.recorded.filter((request) => {
      if (selector.method && selector.method.toUpperCase() !== request.method) return false;
      const pattern = selector.pathPattern;
      if (pattern === undefined) return true;
      return typeof pattern === "string"
        ? request.path.toLowerCase().includes(pattern.toLowerCase())
        : pattern.test(request.path);
    });
  }

  clearRequests(): void {
    this.recorded.length = 0;
  }

  account(ref: AccountRef): AccountState | undefined {
    return this.state.findAccount(ref);
  }

  deployment(ref: AccountRef, name: string): DeploymentResource | undefined {
    return this.state.findAccount(ref)?.deployments.get(nameKey(name));
  }

  // ── Behaviour ─────────────────────────────────────────────────────────────

  configure(settings: Partial<EmulatorSettings>): this {
    Object.assign(this.settings, settings);
    return this;
  }

  /** The next matching request(s) get this error (or a dropped connection) instead of being served. */
  failNext(spec: FaultSpec): this {
    this.faults.failNext(spec);
    return this;
  }

  /** The next long-running operation(s) started by matching requests end as Failed with this error. */
  failNextOperation(spec: OperationFaultSpec): this {
    this.faults.failNextOperation(spec);
    return this;
  }

  pendingFaults(): number {
    return this.faults.pending();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Ends every running operation now (releasing account locks). */
  completeOperations(): void {
    this.operations.completeAll();
  }

  operationsInProgress(): number {
    return this.operations.inProgress();
  }

  // ── Seeding ───────────────────────────────────────────────────────────────

  addResourceGroup(resourceGroup: string, subscriptionId = this.subscriptionId): this {
    this.state.resourceGroups.add(resourceGroupKey(subscriptionId, resourceGroup));
    return this;
  }

  addAccount(seed: AccountSeed): AccountRef {
    const ref: AccountRef = {
      subscriptionId: seed.subscriptionId ?? this.subscriptionId,
      resourceGroup: seed.resourceGroup,
      accountName: seed.name,
    };
    this.addResourceGroup(ref.resourceGroup, ref.subscriptionId);
    const subdomain = seed.name.toLowerCase();
    const resource: ArmResource = {
      id: accountId(ref),
      name: seed.name,
      type: "Microsoft.CognitiveServices/accounts",
      location: locationKey(seed.location),
      kind: seed.kind ?? "AIServices",
      sku: { name: seed.skuName ?? "S0" },
      properties: {
        endpoint: `https://${subdomain}.cognitiveservices.azure.com/`,
        customSubDomainName: subdomain,
        provisioningState: "Succeeded",
        publicNetworkAccess: "Enabled",
        disableLocalAuth: false,
        ...seed.properties,
      },
    };
    if (seed.tags) resource.tags = seed.tags;
    if (seed.identity) resource.identity = seed.identity;
    this.state.accounts.set(accountKey(ref), {
      ref,
      location: locationKey(seed.location),
      resource,
      deployments: new Map(),
      raiPolicies: new Map(),
      blocklists: new Map(),
      projects: new Map(),
      connections: new Map(),
      usages: [],
    });
    return ref;
  }

  /**
   * Stores a Foundry project shaped like the specification's GetProject.json example (2026-09-01): the
   * id, type, etag, location, read-only endpoints, isDefault and provisioningState Azure adds.
   */
  addProject(ref: AccountRef, seed: ProjectSeed): ArmResource {
    const account = this.state.requireAccount(ref);
    const subdomain = String(
      (account.resource.properties as JsonObject | undefined)?.customSubDomainName ?? "",
    );
    const properties: JsonObject = {
      endpoints: {
        "OpenAI Dall-E API": `https://${subdomain}.openai.azure.com/`,
        "OpenAI Language Model Instance API": `https://${subdomain}.openai.azure.com/`,
      },
      isDefault: seed.isDefault ?? false,
      provisioningState: "Succeeded",
    };
    if (seed.displayName !== undefined) properties.displayName = seed.displayName;
    if (seed.description !== undefined) properties.description = seed.description;
    const project: ArmResource = {
      id: `${accountId(ref)}/projects/${seed.name}`,
      name: seed.name,
      type: "Microsoft.CognitiveServices/accounts/projects",
      etag: `W/"datetime'2026-01-01T00%3A00%3A00.0000000Z'"`,
      location: locationKey(seed.location ?? account.location),
      properties,
    };
    if (seed.tags) project.tags = seed.tags;
    if (seed.identity) project.identity = seed.identity;
    account.projects.set(nameKey(seed.name), project);
    return project;
  }

  /**
   * Stores a connection of a seeded project shaped like the specification's ProjectConnection/get.json
   * example (2025-06-01): id, name, type and the properties given. Like Azure, it never holds a secret:
   * the examples return connections without `credentials` beyond a managed identity's plain ids.
   */
  addConnection(ref: AccountRef, projectName: string, seed: ConnectionSeed): ArmResource {
    const account = this.state.requireAccount(ref);
    const project = account.projects.get(nameKey(projectName));
    if (!project) throw new Error(`seed project ${projectName} before its connections`);
    const properties: JsonObject = { category: seed.category, authType: seed.authType };
    if (seed.target !== undefined) properties.target = seed.target;
    if (seed.expiryTime !== undefined) properties.expiryTime = seed.expiryTime;
    if (seed.metadata !== undefined) properties.metadata = seed.metadata;
    if (seed.isSharedToAll !== undefined) properties.isSharedToAll = seed.isSharedToAll;
    if (seed.credentials !== undefined) properties.credentials = seed.credentials;
    const connection: ArmResource = {
      id: `${accountId(ref)}/projects/${String(project.name)}/connections/${seed.name}`,
      name: seed.name,
      type: "Microsoft.CognitiveServices/accounts/projects/connections",
      properties,
    };
    const key = nameKey(projectName);
    const connections = account.connections.get(key) ?? new Map<string, ArmResource>();
    connections.set(nameKey(seed.name), connection);
    account.connections.set(key, connections);
    return connection;
  }

  /** Stores a deployment as it is, without the catalog, capacity or quota checks of a PUT. */
  addDeployment(ref: AccountRef, seed: DeploymentSeed): DeploymentResource {
    const account = this.state.requireAccount(ref);
    const deployment: DeploymentResource = {
      id: `${accountId(account.ref)}/deployments/${seed.name}`,
      name: seed.name,
      type: "Microsoft.CognitiveServices/accounts/deployments",
      sku:
        seed.capacity === undefined
          ? { name: seed.skuName }
          : { name: seed.skuName, capacity: seed.capacity },
      properties: {
        ...seed.properties,
        model: { ...seed.model },
        provisioningState: seed.provisioningState ?? "Succeeded",
      },
    };
    if (seed.tags) deployment.tags = seed.tags;
    account.deployments.set(nameKey(seed.name), deployment);
    return deployment;
  }

  /** Stores a subscription RAI policy: the RaiPolicy body (e.g. a documented example's) at subscription scope. */
  addSubscriptionRaiPolicy(
    subscriptionId: string,
    name: string,
    properties: JsonObject,
    tags?: Record<string, string>,
  ): ArmResource {
    const resource = subscriptionRaiPolicyResource(subscriptionId, name, properties, tags);
    this.state.subscriptionRaiPolicies.set(subscriptionRaiPolicyKey(subscriptionId, name), resource);
    return resource;
  }

  subscriptionRaiPolicy(subscriptionId: string, name: string): ArmResource | undefined {
    return this.state.subscriptionRaiPolicies.get(subscriptionRaiPolicyKey(subscriptionId, name));
  }

  addRaiPolicy(ref: AccountRef, name: string, properties: JsonObject): ArmResource {
    const account = this.state.requireAccount(ref);
    const policy: ArmResource = {
      id: `${accountId(account.ref)}/raiPolicies/${name}`,
      name,
      type: "Microsoft.CognitiveServices/accounts/raiPolicies",
      properties: { type: "UserManaged", ...properties },
    };
    account.raiPolicies.set(nameKey(name), policy);
    return policy;
  }

  addRaiBlocklist(ref: AccountRef, name: string, seed: BlocklistSeed = {}): ArmResource {
    const account = this.state.requireAccount(ref);
    const id = `${accountId(account.ref)}/raiBlocklists/${name}`;
    const resource: ArmResource = {
      id,
      name,
      type: "Microsoft.CognitiveServices/accounts/raiBlocklists",
      properties: seed.description === undefined ? {} : { description: seed.description },
    };
    const items = new Map<string, ArmResource>();
    for (const item of seed.items ?? []) {
      items.set(nameKey(item.name), {
        id: `${id}/raiBlocklistItems/${item.name}`,
        name: item.name,
        type: "Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems",
        properties: { pattern: item.pattern, isRegex: item.isRegex ?? false },
      });
    }
    account.blocklists.set(nameKey(name), { resource, items });
    return resource;
  }

  /** The model catalog of a location (`locations/{l}/models`), used to validate deployment writes. */
  setCatalog(location: string, entries: readonly CatalogEntry[]): this {
    this.state.catalogs.set(locationKey(location), structuredClone([...entries]));
    return this;
  }

  /** The quota limit of a usage name (a catalog sku's `usageName`) in a location. */
  setQuotaLimit(location: string, usageName: string, limit: number, localizedValue?: string): this {
    this.state
      .quotaLimitsOf(location)
      .set(
        nameKey(usageName),
        localizedValue === undefined ? { usageName, limit } : { usageName, limit, localizedValue },
      );
    return this;
  }

  /** Fixed entries of `locations/{l}/usages`, served before the computed quota usages. */
  setLocationUsages(location: string, usages: readonly UsageEntry[]): this {
    this.state.locationUsages.set(locationKey(location), structuredClone([...usages]));
    return this;
  }

  setAccountUsages(ref: AccountRef, usages: readonly UsageEntry[]): this {
    this.state.requireAccount(ref).usages = structuredClone([...usages]);
    return this;
  }

  addModelCapacity(seed: ModelCapacitySeed): this {
    this.state.modelCapacities.push({ ...seed });
    return this;
  }

  addPolicyDefinition(seed: PolicyDefinitionSeed): ArmResource {
    return this.addDefinition(seed, "policyDefinitions", this.state.policyDefinitions);
  }

  addPolicySetDefinition(seed: PolicyDefinitionSeed): ArmResource {
    return this.addDefinition(seed, "policySetDefinitions", this.state.policySetDefinitions);
  }

  addPolicyAssignment(seed: PolicyAssignmentSeed): ArmResource {
    const scope = seed.scope.replace(/\/+$/, "");
    const assignment: ArmResource = {
      id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${seed.name}`,
      name: seed.name,
      type: "Microsoft.Authorization/policyAssignments",
      properties: { scope, notScopes: [], enforcementMode: "Default", ...seed.properties },
    };
    if (seed.location) assignment.location = seed.location;
    if (seed.identity) assignment.identity = seed.identity;
    this.state.policyAssignments.set(assignment.id.toLowerCase(), assignment);
    return assignment;
  }

  /** Management groups above a subscription, nearest first (their assignments and definitions apply). */
  setManagementGroups(subscriptionId: string, groups: readonly string[]): this {
    this.state.managementGroupsOf.set(nameKey(subscriptionId), [...groups]);
    return this;
  }

  private addDefinition(
    seed: PolicyDefinitionSeed,
    collection: "policyDefinitions" | "policySetDefinitions",
    store: Map<string, ArmResource>,
  ): ArmResource {
    const prefix = seed.subscriptionId
      ? `/subscriptions/${seed.subscriptionId}`
      : seed.managementGroupId
        ? managementGroupId(seed.managementGroupId)
        : "";
    const builtIn = prefix === "";
    const definition: ArmResource = {
      id: `${prefix}/providers/Microsoft.Authorization/${collection}/${seed.name}`,
      name: seed.name,
      type: `Microsoft.Authorization/${collection}`,
      properties: { policyType: builtIn ? "BuiltIn" : "Custom", ...seed.properties },
    };
    store.set(definition.id.toLowerCase(), definition);
    return definition;
  }
}

/** Creates and starts an emulator. */
export async function startArmEmulator(options: ArmEmulatorOptions = {}): Promise<ArmEmulator> {
  const emulator = new ArmEmulator(options);
  await emulator.start();
  return emulator;
}
