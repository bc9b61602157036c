/**
 * Typed reads over the Azure SDK clients for import, drift, catalog refresh and policy pull. Lists are
 * read to the last page; results are plain objects (dates as ISO strings, no SDK classes).
 */
import type {
  Account,
  CognitiveServicesManagementClient,
  ConnectionPropertiesV2BasicResource,
  Deployment,
  Model,
  Project,
  RaiBlocklist,
  RaiBlocklistItem,
  RaiPolicy,
  Usage,
} from "@azure/arm-cognitiveservices";
import type {
  PolicyAssignment,
  PolicyClient,
  PolicyDefinition,
  PolicySetDefinition,
} from "@azure/arm-policy";
import { createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import { PROJECTS } from "../loader/projects";
import { SUBSCRIPTION_RAI_POLICY, subscriptionRaiPolicyId } from "../loader/subscription-rai-policy";
import type { ArmConnection } from "./connection";
import { LiveConfigError } from "./errors";

export interface AccountLocator {
  resourceGroup: string;
  accountName: string;
}

export interface AccountRecord {
  id: string;
  name: string;
  resourceGroup: string;
  /** The account's kind (`AIServices`, `OpenAI`, ...). */
  kind?: string;
  location?: string;
  customSubDomainName?: string;
  publicNetworkAccess?: string;
  disableLocalAuth?: boolean;
  /** `identity.type`, e.g. `SystemAssigned`; absent when the account has no identity block. */
  identityType?: string;
  networkAcls?: { defaultAction?: string; ipRules: string[]; virtualNetworkRules: string[] };
  encryption?: {
    keySource?: string;
    keyVaultUri?: string;
    keyName?: string;
    keyVersion?: string;
    identityClientId?: string;
  };
  restrictOutboundNetworkAccess?: boolean;
  allowedFqdnList?: string[];
  tags: Record<string, string>;
}

export interface DeploymentRecord {
  id?: string;
  name: string;
  sku: { name: string; capacity?: number };
  model: { format?: string; name?: string; version?: string; publisher?: string; source?: string };
  raiPolicyName?: string;
  versionUpgradeOption?: string;
  spilloverDeploymentName?: string;
  parentDeploymentName?: string;
  currentCapacity?: number;
  capacitySettings?: { designatedCapacity?: number; priority?: number };
  /** The properties of API 2026-09-01, which the SDK's deserializer drops: read from the raw response. */
  serviceTier?: string;
  deploymentState?: string;
  routing?: { mode?: string; models?: { format: string; name: string; version: string }[] };
  /** Echoed on GET or not: undocumented; absent means not reported. */
  modelProviderData?: { organizationName?: string; countryCode?: string; industry?: string };
  tags: Record<string, string>;
}

export interface ContentFilterRecord {
  name?: string;
  source?: string;
  enabled?: boolean;
  blocking?: boolean;
  severityThreshold?: string;
  /** RaiActionType (api-version 2026-09-01), read from the body Azure sent: the SDK's model drops it. */
  action?: string;
}

export interface RaiPolicyRecord {
  id?: string;
  name: string;
  /** `UserManaged` or `SystemManaged` (built-in filters an import should skip). */
  type?: string;
  mode?: string;
  basePolicyName?: string;
  contentFilters: ContentFilterRecord[];
  customBlocklists: { blocklistName?: string; source?: string; blocking?: boolean }[];
  tags: Record<string, string>;
}

export interface RaiBlocklistItemRecord {
  name: string;
  pattern?: string;
  isRegex?: boolean;
}

export interface RaiBlocklistRecord {
  id?: string;
  name: string;
  description?: string;
  items: RaiBlocklistItemRecord[];
}

/** A Foundry project (`accounts/{a}/projects`); the read-only endpoints and isDefault are left out. */
export interface ProjectRecord {
  id?: string;
  /** The project's own name (ARM may give child names as `<account>/<project>`). */
  name: string;
  location?: string;
  displayName?: string;
  description?: string;
  /** `identity.type`; absent when the project has no identity block. */
  identityType?: string;
  /** The ARM ids of `identity.userAssignedIdentities` (the map's keys); absent when there are none. */
  userAssignedIdentities?: string[];
  tags: Record<string, string>;
}

/**
 * A connection of a Foundry project (`accounts/{a}/projects/{p}/connections`). Azure never returns a
 * secret (loader/connections.ts): only a managed identity's plain ids are kept of the credentials.
 */
export interface ConnectionRecord {
  id?: string;
  /** The project it belongs to, as the project list names it. */
  projectName: string;
  /** The connection's own name (ARM may give child names as `<account>/<project>/<connection>`). */
  name: string;
  category?: string;
  target?: string;
  authType: string;
  metadata: Record<string, string>;
  isSharedToAll?: boolean;
  /** ISO date-time. */
  expiryTime?: string;
  /** A ManagedIdentity connection's plain credential fields. */
  credentials?: { clientId?: string; resourceId?: string };
}

export interface CatalogSkuRecord {
  name?: string;
  usageName?: string;
  deprecationDate?: string;
  capacity?: { minimum?: number; maximum?: number; step?: number; default?: number };
}

export interface CatalogModelRecord {
  format?: string;
  name?: string;
  version?: string;
  publisher?: string;
  isDefaultVersion?: boolean;
  lifecycleStatus?: string;
  deprecation: { inference?: string; fineTune?: string };
  /** The model ARM names as this version's replacement (`replacementConfig`). */
  replacement?: { name: string; version?: string };
  skus: CatalogSkuRecord[];
}

export interface UsageRecord {
  /** Matches a catalog sku's `usageName`. */
  name?: string;
  currentValue?: number;
  limit?: number;
}

export interface AccountSnapshot {
  deployments: DeploymentRecord[];
  raiPolicies: RaiPolicyRecord[];
  raiBlocklists: RaiBlocklistRecord[];
  /** Foundry projects of the account; absent when they were not read. */
  projects?: ProjectRecord[];
  /** Connections of those projects, project by project; absent when projects were not read. */
  connections?: ConnectionRecord[];
}

/** Drops undefined fields so that records compare and serialise cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : value;
}

/** Reads every page of an SDK list. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

function resourceGroupOf(id: string | undefined): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id ?? "")?.[1] ?? "";
}

// ── Mapping ─────────────────────────────────────────────────────────────────

function toAccountRecord(account: Account): AccountRecord {
  const properties = account.properties;
  const acls = properties?.networkAcls;
  const encryption = properties?.encryption;
  return compact({
    id: account.id ?? "",
    name: account.name ?? "",
    resourceGroup: resourceGroupOf(account.id),
    kind: account.kind,
    location: account.location,
    customSubDomainName: properties?.customSubDomainName,
    publicNetworkAccess: properties?.publicNetworkAccess,
    disableLocalAuth: properties?.disableLocalAuth,
    identityType: account.identity?.type,
    networkAcls: acls
      ? compact({
          defaultAction: acls.defaultAction,
          ipRules: (acls.ipRules ?? []).map((rule) => rule.value),
          virtualNetworkRules: (acls.virtualNetworkRules ?? []).map((rule) => rule.id),
        })
      : undefined,
    encryption: encryption
      ? compact({
          keySource: encryption.keySource,
          keyVaultUri: encryption.keyVaultProperties?.keyVaultUri,
          keyName: encryption.keyVaultProperties?.keyName,
          keyVersion: encryption.keyVaultProperties?.keyVersion,
          identityClientId: encryption.keyVaultProperties?.identityClientId,
        })
      : undefined,
    restrictOutboundNetworkAccess: properties?.restrictOutboundNetworkAccess,
    allowedFqdnList: properties?.allowedFqdnList ? [...properties.allowedFqdnList] : undefined,
    tags: { ...account.tags },
  });
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * The 2026-09-01 deployment properties of a raw response body. @azure/arm-cognitiveservices 8.1.0 speaks
 * api-version 2025-09-01 and its deserializers drop properties they do not know, so these are read from
 * the body as Azure sent it.
 */
function properties2026(raw: Json | undefined): Partial<DeploymentRecord> {
  if (raw === undefined) return {};
  const result: Partial<DeploymentRecord> = {};
  const tier = text(raw.serviceTier);
  if (tier !== undefined) result.serviceTier = tier;
  const state = text(raw.deploymentState);
  if (state !== undefined) result.deploymentState = state;
  if (isJson(raw.routing)) {
    const routing: NonNullable<DeploymentRecord["routing"]> = {};
    const mode = text(raw.routing.mode);
    if (mode !== undefined) routing.mode = mode;
    if (Array.isArray(raw.routing.models)) {
      routing.models = raw.routing.models.filter(isJson).map((m) => ({
        format: text(m.format) ?? "",
        name: text(m.name) ?? "",
        version: text(m.version) ?? "",
      }));
    }
    result.routing = routing;
  }
  if (isJson(raw.modelProviderData)) {
    const data = raw.modelProviderData;
    result.modelProviderData = compact({
      organizationName: text(data.organizationName),
      countryCode: text(data.countryCode),
      industry: text(data.industry),
    });
  }
  return result;
}

function toDeploymentRecord(deployment: Deployment, raw?: Json): DeploymentRecord {
  const properties = deployment.properties ?? {};
  const model = properties.model ?? {};
  const capacitySettings = properties.capacitySettings;
  return compact({
    id: deployment.id,
    name: deployment.name ?? "",
    sku: compact({ name: deployment.sku?.name ?? "", capacity: deployment.sku?.capacity }),
    model: compact({
      format: model.format,
      name: model.name,
      version: model.version,
      publisher: model.publisher,
      source: model.source,
    }),
    raiPolicyName: properties.raiPolicyName,
    versionUpgradeOption: properties.versionUpgradeOption,
    spilloverDeploymentName: properties.spilloverDeploymentName,
    parentDeploymentName: properties.parentDeploymentName,
    currentCapacity: properties.currentCapacity,
    capacitySettings: capacitySettings
      ? compact({
          designatedCapacity: capacitySettings.designatedCapacity,
          priority: capacitySettings.priority,
        })
      : undefined,
    ...properties2026(raw),
    tags: { ...deployment.tags },
  });
}

function toRaiPolicyRecord(policy: RaiPolicy, raw: Json | undefined): RaiPolicyRecord {
  const properties = policy.properties ?? {};
  // The SDK keeps the entries in Azure's order; `action` is read from the same entry of the raw body.
  const rawFilters = raw !== undefined && Array.isArray(raw.contentFilters) ? raw.contentFilters : [];
  return compact({
    id: policy.id,
    name: policy.name ?? "",
    type: properties.type,
    mode: properties.mode,
    basePolicyName: properties.basePolicyName,
    contentFilters: (properties.contentFilters ?? []).map((filter, index) => {
      const rawEntry: unknown = rawFilters[index];
      const action = isJson(rawEntry) && typeof rawEntry.action === "string" ? rawEntry.action : undefined;
      return compact({
        name: filter.name,
        source: filter.source,
        enabled: filter.enabled,
        blocking: filter.blocking,
        severityThreshold: filter.severityThreshold,
        action,
      });
    }),
    customBlocklists: (properties.customBlocklists ?? []).map((blocklist) =>
      compact({
        blocklistName: blocklist.blocklistName,
        source: blocklist.source,
        blocking: blocklist.blocking,
      }),
    ),
    tags: { ...policy.tags },
  });
}

function toBlocklistItemRecord(item: RaiBlocklistItem): RaiBlocklistItemRecord {
  return compact({
    name: item.name ?? "",
    pattern: item.properties?.pattern,
    isRegex: item.properties?.isRegex,
  });
}

function toCatalogModelRecord(entry: Model): CatalogModelRecord {
  const model = entry.model ?? {};
  const target = model.replacementConfig?.targetModelName;
  return compact({
    format: model.format,
    name: model.name,
    version: model.version,
    publisher: model.publisher,
    isDefaultVersion: model.isDefaultVersion,
    lifecycleStatus: model.lifecycleStatus,
    deprecation: compact({
      inference: model.deprecation?.inference,
      fineTune: model.deprecation?.fineTune,
    }),
    replacement: target
      ? compact({ name: target, version: model.replacementConfig?.targetModelVersion })
      : undefined,
    skus: (model.skus ?? []).map((sku) =>
      compact({
        name: sku.name,
        usageName: sku.usageName,
        deprecationDate: isoDate(sku.deprecationDate),
        capacity: sku.capacity
          ? compact({
              minimum: sku.capacity.minimum,
              maximum: sku.capacity.maximum,
              step: sku.capacity.step,
              default: sku.capacity.default,
            })
          : undefined,
      }),
    ),
  });
}

function toUsageRecord(usage: Usage): UsageRecord {
  return compact({
    name: usage.name?.value,
    currentValue: usage.currentValue,
    limit: usage.limit,
  });
}

// ── Cognitive Services reads ────────────────────────────────────────────────

export async function getAccount(
  client: CognitiveServicesManagementClient,
  account: AccountLocator,
): Promise<AccountRecord> {
  return toAccountRecord(await client.accounts.get(account.resourceGroup, account.accountName));
}

/**
 * Collects, from each page of a list as Azure sent it, the `properties` of every item by lower-case id:
 * what the SDK's deserializers drop (properties of api-versions newer than its own) is read from there.
 */
function rawPropertiesById(): {
  raw: Map<string, Json>;
  onResponse: (response: { parsedBody?: unknown }) => void;
} {
  const raw = new Map<string, Json>();
  const onResponse = (response: { parsedBody?: unknown }) => {
    const body = response.parsedBody;
    if (!isJson(body) || !Array.isArray(body.value)) return;
    for (const item of body.value) {
      if (isJson(item) && typeof item.id === "string" && isJson(item.properties)) {
        raw.set(item.id.toLowerCase(), item.properties);
      }
    }
  };
  return { raw, onResponse };
}

export async function listDeployments(
  client: CognitiveServicesManagementClient,
  account: AccountLocator,
): Promise<DeploymentRecord[]> {
  // Each page's body as Azure sent it, by deployment id: the source of the 2026 properties.
  const { raw, onResponse } = rawPropertiesById();
  const deployments = await collect(
    client.deployments.list(account.resourceGroup, account.accountName, { onResponse }),
  );
  return deployments.map((d) =>
    toDeploymentRecord(d, d.id === undefined ? undefined : raw.get(d.id.toLowerCase())),
  );
}

export async function listRaiPolicies(
  client: CognitiveServicesManagementClient,
  account: AccountLocator,
): Promise<RaiPolicyRecord[]> {
  // Each page's body as Azure sent it, by policy id: the source of `action` (api-version 2026-09-01).
  const { raw, onResponse } = rawPropertiesById();
  const policies = await collect(
    client.raiPolicies.list(account.resourceGroup, account.accountName, { onResponse }),
  );
  return policies.map((p) =>
    toRaiPolicyRecord(p, p.id === undefined ? undefined : raw.get(p.id.toLowerCase())),
  );
}

/** Blocklists with their items (read per blocklist). */
export async function listRaiBlocklists(
  client: CognitiveServicesManagementClient,
  account: AccountLocator,
): Promise<RaiBlocklistRecord[]> {
  const blocklists: RaiBlocklist[] = await collect(
    client.raiBlocklists.list(account.resourceGroup, account.accountName),
  );
  const records: RaiBlocklistRecord[] = [];
  for (const blocklist of blocklists) {
    const name = blocklist.name ?? "";
    const items = await collect(
      client.raiBlocklistItems.list(account.resourceGroup, account.accountName, name),
    );
    records.push(
      compact({
        id: blocklist.id,
        name,
        description: blocklist.properties?.description,
        items: items.map(toBlocklistItemRecord),
      }),
    );
  }
  return records;
}

function toProjectRecord(project: Project): ProjectRecord {
  return compact({
    id: project.id,
    name: (project.name ?? "").split("/").at(-1) ?? "",
    location: project.location,
    displayName: project.properties?.displayName,
    description: project.properties?.description,
    identityType: project.identity?.type,
    userAssignedIdentities:
      project.identity?.userAssignedIdentities === undefined
        ? undefined
        : Object.keys(project.identity.userAssignedIdentities),
    tags: { ...(project.tags ?? {}) },
  });
}

export async function listProjects(
  client: CognitiveServicesManagementClient,
  account: AccountLocator,
): Promise<ProjectRecord[]> {
  const projects = await collect(client.projects.list(account.resourceGroup, account.accountName));
  return projects.map(toProjectRecord);
}

function toConnectionRecord(
  projectName: string,
  connection: ConnectionPropertiesV2BasicResource,
): ConnectionRecord {
  const properties = connection.properties;
  const credentials = (properties as { credentials?: { clientId?: unknown; resourceId?: unknown } })
    .credentials;
  const plain = compact({
    clientId: typeof credentials?.clientId === "string" ? credentials.clientId : undefined,
    resourceId: typeof credentials?.resourceId === "string" ? credentials.resourceId : undefined,
  });
  return compact({
    id: connection.id,
    projectName,
    name: (connection.name ?? "").split("/").at(-1) ?? "",
    category: properties.category,
    target: properties.target,
    authType: properties.authType,
    metadata: { ...(properties.metadata ?? {}) },
    isSharedToAll: properties.isSharedToAll,
    expiryTime: properties.expiryTime?.toISOString(),
    credentials: Object.keys(plain).length > 0 ? plain : undefined,
  });
}

/** The connections of each project, in the projects' order. */
export async function listConnections(
  client: CognitiveServicesManagementClient,
  account: AccountLocator,
  projects: readonly ProjectRecord[],
): Promise<ConnectionRecord[]> {
  const perProject = await Promise.all(
    projects.map(async (project) =>
      (
        await collect(
          client.projectConnections.list(account.resourceGroup, account.accountName, project.name),
        )
      ).map((c) => toConnectionRecord(project.name, c)),
    ),
  );
  return perProject.flat();
}

/**
 * The subscription's RAI policy `name`, or undefined when Azure has none of that name (404). The SDK has
 * no operation for it at its api-version, so it is one GET at the api-version the program writes
 * (SUBSCRIPTION_RAI_POLICY.apiVersion) through the client's own pipeline: the same credential, retries
 * and user agent as every other read. Another failure is thrown as the SDK would throw it (a RestError).
 */
export async function getSubscriptionRaiPolicy(
  client: CognitiveServicesManagementClient,
  connection: Pick<ArmConnection, "endpoint" | "subscriptionId" | "anonymous">,
  name: string,
): Promise<RaiPolicyRecord | undefined> {
  const { endpoint, subscriptionId } = connection;
  const path = subscriptionRaiPolicyId(encodeURIComponent(subscriptionId), encodeURIComponent(name));
  const url = `${endpoint.replace(/\/+$/, "")}${path}?api-version=${SUBSCRIPTION_RAI_POLICY.apiVersion.apiVersion}`;
  // A loopback endpoint (a local emulator) is plain http, as the SDK's own requests are allowed to be.
  const request = createPipelineRequest({
    url,
    method: "GET",
    allowInsecureConnection: connection.anonymous,
  });
  const response = await client.sendRequest(request);
  if (response.status === 404) return undefined;
  let body: unknown;
  try {
    body = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
  } catch {
    body = undefined;
  }
  if (response.status < 200 || response.status > 299) {
    const error = isJson(body) && isJson(body.error) ? body.error : {};
    const message = typeof error.message === "string" ? error.message : `GET ${path} failed`;
    throw new RestError(message, {
      ...(typeof error.code === "string" ? { code: error.code } : {}),
      statusCode: response.status,
      request,
      response,
    });
  }
  if (!isJson(body)) {
    throw new RestError(`GET ${path} returned no JSON body`, {
      statusCode: response.status,
      request,
      response,
    });
  }
  // `action` (api-version 2026-09-01) is read from the body as Azure sent it, as for an account's filters.
  return toRaiPolicyRecord(body as RaiPolicy, isJson(body.properties) ? body.properties : undefined);
}

/** Whether an account of this kind holds Foundry projects (loader/projects.ts); unknown kind: asked. */
export function holdsProjects(kind: string | undefined): boolean {
  return kind === undefined || PROJECTS.accountKind.kinds.some((k) => k.toLowerCase() === kind.toLowerCase());
}

/**
 * Everything under an account that the deployments file declares. Projects are listed only on an account
 * whose kind holds them (`kind` from the account as read), so an Azure OpenAI account is never asked.
 */
export async function readAccountSnapshot(
  client: CognitiveServicesManagementClient,
  account: AccountLocator,
  kind?: string,
): Promise<AccountSnapshot> {
  const [deployments, raiPolicies, raiBlocklists, projects] = await Promise.all([
    listDeployments(client, account),
    listRaiPolicies(client, account),
    listRaiBlocklists(client, account),
    holdsProjects(kind) ? listProjects(client, account) : Promise.resolve([]),
  ]);
  const connections = await listConnections(client, account, projects);
  return { deployments, raiPolicies, raiBlocklists, projects, connections };
}

/** The model catalog of a location (`locations/{l}/models`), all pages. */
export async function listLocationModels(
  client: CognitiveServicesManagementClient,
  location: string,
): Promise<CatalogModelRecord[]> {
  return (await collect(client.models.list(location))).map(toCatalogModelRecord);
}

/** Quota usages of a location for the client's subscription, all pages. */
export async function listLocationUsages(
  client: CognitiveServicesManagementClient,
  location: string,
): Promise<UsageRecord[]> {
  return (await collect(client.usages.list(location))).map(toUsageRecord);
}

// ── Azure Policy reads ──────────────────────────────────────────────────────

/**
 * An assignment in the shape ARM returns it (`{id, name, type, location?, identity?, properties}`), as a
 * pulled file holds it; the version fields ARM computes per request are left out.
 */
export interface PolicyAssignmentRecord {
  id: string;
  name: string;
  type: string;
  location?: string;
  identity?: Record<string, unknown>;
  properties: Record<string, unknown>;
}

/** A definition in the shape Azure stores it (`{id, name, properties: {...}}`), as the evaluator reads it. */
export interface PolicyDefinitionRecord {
  id: string;
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

function toPolicyAssignmentRecord(assignment: PolicyAssignment): PolicyAssignmentRecord {
  const {
    id,
    name,
    type,
    location,
    identity,
    systemData: _systemData,
    latestDefinitionVersion: _latest,
    effectiveDefinitionVersion: _effective,
    ...properties
  } = assignment;
  return compact({
    id: id ?? "",
    name: name ?? "",
    type: type ?? "Microsoft.Authorization/policyAssignments",
    location,
    identity: identity === undefined ? undefined : { ...identity },
    properties: compact(properties as Record<string, unknown>),
  });
}

function nest(
  resource: { id?: string; name?: string; type?: string; systemData?: unknown },
  type: string,
): PolicyDefinitionRecord {
  const { id, name, type: resourceType, systemData: _systemData, ...properties } = resource;
  return {
    id: id ?? "",
    name: name ?? "",
    type: resourceType ?? type,
    properties: compact(properties as Record<string, unknown>),
  };
}

function toPolicyDefinitionRecord(definition: PolicyDefinition): PolicyDefinitionRecord {
  return nest(definition, "Microsoft.Authorization/policyDefinitions");
}

function toPolicySetDefinitionRecord(definition: PolicySetDefinition): PolicyDefinitionRecord {
  return nest(definition, "Microsoft.Authorization/policySetDefinitions");
}

/** Assignments that apply to the client's subscription, or to one resource group (all pages). */
export async function listPolicyAssignments(
  client: PolicyClient,
  options: { resourceGroup?: string; filter?: string } = {},
): Promise<PolicyAssignmentRecord[]> {
  const listOptions = options.filter ? { filter: options.filter } : {};
  const assignments = options.resourceGroup
    ? client.policyAssignments.listForResourceGroup(options.resourceGroup, listOptions)
    : client.policyAssignments.list(listOptions);
  return (await collect(assignments)).map(toPolicyAssignmentRecord);
}

type DefinitionLocation =
  | { kind: "builtIn"; name: string }
  | { kind: "subscription"; subscriptionId: string; name: string }
  | { kind: "managementGroup"; managementGroupId: string; name: string };

/** Where a policy (set) definition id points: built-in, a subscription, or a management group. */
export function parseDefinitionId(id: string): DefinitionLocation | undefined {
  const match =
    /^(?:\/subscriptions\/([^/]+)|\/providers\/Microsoft\.Management\/managementGroups\/([^/]+))?\/providers\/Microsoft\.Authorization\/policy(?:Set)?Definitions\/([^/]+)$/i.exec(
      id.trim(),
    );
  if (!match?.[3]) return undefined;
  const name = match[3];
  if (match[1]) return { kind: "subscription", subscriptionId: match[1], name };
  if (match[2]) return { kind: "managementGroup", managementGroupId: match[2], name };
  return { kind: "builtIn", name };
}

function locate(client: PolicyClient, id: string): DefinitionLocation {
  const location = parseDefinitionId(id);
  if (!location) {
    throw new LiveConfigError(`'${id}' is not a policy definition id.`, "Use the id of a policy definition.");
  }
  if (
    location.kind === "subscription" &&
    location.subscriptionId.toLowerCase() !== client.subscriptionId?.toLowerCase()
  ) {
    throw new LiveConfigError(
      `The policy definition '${id}' belongs to another subscription than the one in use.`,
      "Run the command with that subscription, or read the definition there.",
    );
  }
  return location;
}

/** A policy definition by id (built-in, custom in the client's subscription, or at a management group). */
export async function getPolicyDefinition(client: PolicyClient, id: string): Promise<PolicyDefinitionRecord> {
  const location = locate(client, id);
  const definitions = client.policyDefinitions;
  const definition =
    location.kind === "builtIn"
      ? await definitions.getBuiltIn(location.name)
      : location.kind === "subscription"
        ? await definitions.get(location.name)
        : await definitions.getAtManagementGroup(location.managementGroupId, location.name);
  return toPolicyDefinitionRecord(definition);
}

/** A policy set definition (initiative) by id. */
export async function getPolicySetDefinition(
  client: PolicyClient,
  id: string,
): Promise<PolicyDefinitionRecord> {
  const location = locate(client, id);
  const definitions = client.policySetDefinitions;
  const definition =
    location.kind === "builtIn"
      ? await definitions.getBuiltIn(location.name)
      : location.kind === "subscription"
        ? await definitions.get(location.name)
        : await definitions.getAtManagementGroup(location.managementGroupId, location.name);
  return toPolicySetDefinitionRecord(definition);
}
