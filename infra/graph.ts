import { createHash } from "node:crypto";
import type { AccountArgs } from "@pulumi/azure-native/cognitiveservices/account";
import type { RaiBlocklistArgs } from "@pulumi/azure-native/cognitiveservices/raiBlocklist";
import type { RaiBlocklistItemArgs } from "@pulumi/azure-native/cognitiveservices/raiBlocklistItem";
import type { RaiPolicyArgs } from "@pulumi/azure-native/cognitiveservices/raiPolicy";
import type { SourceLocation } from "../diagnostics/diagnostic";
import type {
  DesiredAccount,
  DesiredBlocklist,
  DesiredConnection,
  DesiredContentFilter,
  DesiredDeployment,
  DesiredProject,
  DesiredState,
} from "../loader/desired-state";
import { compileContentFilter } from "./content-filter";
import { compileSubscriptionRaiPolicy, type SubscriptionRaiPolicyInputs } from "./subscription-rai-policy";

/**
 * The kind of each node, named by its azure-native token. A deployment's kind keeps the typed token for
 * every reader (review, policies, drift); what Pulumi is given for it (the generic resource at a pinned
 * api-version) is infra/deployment-resource.ts `nodeRegistration`.
 */
export const ResourceTypes = {
  account: "azure-native:cognitiveservices:Account",
  blocklist: "azure-native:cognitiveservices:RaiBlocklist",
  blocklistItem: "azure-native:cognitiveservices:RaiBlocklistItem",
  contentFilter: "azure-native:cognitiveservices:RaiPolicy",
  deployment: "azure-native:cognitiveservices:Deployment",
  project: "azure-native:cognitiveservices:Project",
  projectConnection: "azure-native:cognitiveservices:ProjectConnection",
  subscriptionRaiPolicy: "azure-native:cognitiveservices:SubscriptionRaiPolicy",
} as const;

export type ResourceType = (typeof ResourceTypes)[keyof typeof ResourceTypes];

/**
 * What the graph passes to azure-native for a deployment, as the plain values it builds, so that readers
 * (drift, import) need no casts; assignable to `DeploymentArgs`, which the Pulumi program passes it as.
 */
export interface DeploymentInputs {
  accountName: string;
  resourceGroupName: string;
  deploymentName: string;
  sku: { name: string; capacity: number };
  properties: {
    model: { format: string; name: string; version: string; publisher?: string; source?: string };
    raiPolicyName: string;
    versionUpgradeOption: string;
    spilloverDeploymentName?: string;
    /** API 2026-09-01 and later (see infra/deployment-resource.ts). */
    serviceTier?: "Default" | "Priority";
    deploymentState?: "Running" | "Paused";
    routing?: { mode?: string; models?: { format: string; name: string; version: string }[] };
    /** In no ARM specification yet; sent as the documented Claude deployment flow sends it. */
    modelProviderData?: { organizationName: string; countryCode: string; industry: string };
  };
  tags?: Record<string, string>;
}

/**
 * What the graph passes to azure-native for a Foundry project (`cognitiveservices.Project`, api-version
 * 2025-06-01), as plain values; assignable to `ProjectArgs`. The fields are the writable ones of ARM's
 * `Project` (loader/projects.ts PROJECTS.resource).
 */
export interface ProjectInputs {
  accountName: string;
  resourceGroupName: string;
  projectName: string;
  location?: string;
  /** `userAssignedIdentities` by ARM id, as azure-native takes them (ARM's is a map keyed by id). */
  identity?: { type: NonNullable<DesiredProject["identity"]>; userAssignedIdentities?: string[] };
  tags?: Record<string, string>;
  properties: { displayName?: string; description?: string };
}

/**
 * What the graph passes to azure-native for a project connection (`cognitiveservices.ProjectConnection`,
 * api-version 2025-06-01; loader/connections.ts), as plain values and without secrets: a secret credential
 * is a `SecretReference` of the node, filled in from the stack's configuration by the program alone.
 */
export interface ProjectConnectionInputs {
  accountName: string;
  resourceGroupName: string;
  projectName: string;
  connectionName: string;
  properties: {
    authType: DesiredConnection["authType"];
    category: string;
    target?: string;
    metadata?: Record<string, string>;
    isSharedToAll?: boolean;
    expiryTime?: string;
    /** Plain credentials only (a managed identity's clientId, resourceId). */
    credentials?: { clientId?: string; resourceId?: string };
  };
}

/** A secret input of a node: the value at `path` of its inputs is the stack's configuration secret `config`. */
export interface SecretReference {
  path: readonly string[];
  config: string;
}

/** Inputs exactly as passed to the azure-native constructor of each type (plain values, no Outputs). */
export interface InputsByType {
  "azure-native:cognitiveservices:Account": AccountArgs;
  "azure-native:cognitiveservices:RaiBlocklist": RaiBlocklistArgs;
  "azure-native:cognitiveservices:RaiBlocklistItem": RaiBlocklistItemArgs;
  "azure-native:cognitiveservices:RaiPolicy": RaiPolicyArgs;
  "azure-native:cognitiveservices:Deployment": DeploymentInputs;
  "azure-native:cognitiveservices:Project": ProjectInputs;
  "azure-native:cognitiveservices:ProjectConnection": ProjectConnectionInputs;
  "azure-native:cognitiveservices:SubscriptionRaiPolicy": SubscriptionRaiPolicyInputs;
}

export interface ResourceOptions {
  protect?: boolean;
  /**
   * Delete the old resource before creating its replacement. Child names are fixed by the file, so a
   * create-first replacement would write to the same Azure resource and then delete it.
   */
  deleteBeforeReplace?: boolean;
  retainOnDelete?: boolean;
  /** ARM id of an existing resource to adopt on the first `pulumi up`. */
  import?: string;
}

interface NodeBase<T extends ResourceType> {
  /** Pulumi logical name, unique in the stack and stable across runs. */
  name: string;
  type: T;
  inputs: InputsByType[T];
  /** Names of nodes that must be written first. */
  dependsOn: string[];
  /** Where the resource was declared. */
  source: SourceLocation;
  options: ResourceOptions;
  /** Key of the account the resource belongs to. */
  account: string;
  /** Inputs that are secrets of the stack's configuration, never values of the graph. */
  secrets?: SecretReference[];
}

/** Types written at subscription scope: under no account, in no account's write chain. */
type SubscriptionScopedType = typeof ResourceTypes.subscriptionRaiPolicy;

/** A resource at subscription scope: it belongs to no account. */
type SubscriptionNodeBase<T extends SubscriptionScopedType> = Omit<NodeBase<T>, "account"> & {
  account?: undefined;
};

export type ResourceNode =
  | { [T in Exclude<ResourceType, SubscriptionScopedType>]: NodeBase<T> }[Exclude<
      ResourceType,
      SubscriptionScopedType
    >]
  | { [T in SubscriptionScopedType]: SubscriptionNodeBase<T> }[SubscriptionScopedType];

export interface ResourceGraph {
  environment: string | null;
  /** Nodes in write order: every node comes after the nodes it depends on. */
  nodes: ResourceNode[];
}

export function accountNodeName(accountKey: string): string {
  return `${accountKey}`;
}

// Azure names are case-insensitive: logical names are lower case so that a change of case in the file is
// an update of one resource, never a create of "GPT-4o" followed by a delete of "gpt-4o" (the same resource).
export function deploymentNodeName(accountKey: string, name: string): string {
  return `${accountKey}/deployment/${name.toLowerCase()}`;
}

export function contentFilterNodeName(accountKey: string, name: string): string {
  return `${accountKey}/content-filter/${name.toLowerCase()}`;
}

/** The subscription's RAI policy: one per subscription, named after it like other nodes (lower case). */
export function subscriptionRaiPolicyNodeName(name: string): string {
  return `subscription/rai-policy/${name.toLowerCase()}`;
}

export function projectNodeName(accountKey: string, name: string): string {
  return `${accountKey}/project/${name.toLowerCase()}`;
}

export function connectionNodeName(accountKey: string, projectName: string, name: string): string {
  return `${projectNodeName(accountKey, projectName)}/connection/${name.toLowerCase()}`;
}

export function blocklistNodeName(accountKey: string, name: string): string {
  return `${accountKey}/blocklist/${name.toLowerCase()}`;
}

/** Blocklist item names come from their content, so reordering the list changes nothing in Azure. */
export function blocklistItemName(item: { pattern: string; regex: boolean }): string {
  const digest = createHash("sha256")
    .update(`${item.regex ? "re" : "text"}:${item.pattern}`)
    .digest("hex");
  return `item-${digest.slice(0, 16)}`;
}

function accountInputs(account: DesiredAccount, holdsProjects: boolean): AccountArgs {
  const properties: NonNullable<AccountArgs["properties"]> & Record<string, unknown> = {
    customSubDomainName: account.customSubDomain,
  };
  if (account.publicNetworkAccess !== undefined) properties.publicNetworkAccess = account.publicNetworkAccess;
  if (account.disableLocalAuth !== undefined) properties.disableLocalAuth = account.disableLocalAuth;
  if (account.networkAcls !== undefined) {
    properties.networkAcls = {
      defaultAction: account.networkAcls.defaultAction,
      ipRules: (account.networkAcls.ipRules ?? []).map((value) => ({ value })),
      virtualNetworkRules: (account.networkAcls.virtualNetworkRules ?? []).map((id) => ({ id })),
    };
  }
  if (account.encryption !== undefined) {
    const keyVaultProperties: Record<string, string> = {
      keyVaultUri: account.encryption.keyVaultUri,
      keyName: account.encryption.keyName,
    };
    if (account.encryption.keyVersion !== undefined)
      keyVaultProperties.keyVersion = account.encryption.keyVersion;
    if (account.encryption.identityClientId !== undefined) {
      keyVaultProperties.identityClientId = account.encryption.identityClientId;
    }
    properties.encryption = { keySource: "Microsoft.KeyVault", keyVaultProperties };
  }
  if (account.restrictOutboundNetworkAccess !== undefined) {
    properties.restrictOutboundNetworkAccess = account.restrictOutboundNetworkAccess;
  }
  if (account.allowedFqdnList !== undefined) properties.allowedFqdnList = [...account.allowedFqdnList];
  // Only when it declares projects, so that accounts without any keep the inputs they always had.
  if (holdsProjects) properties.allowProjectManagement = true;
  const inputs: AccountArgs = {
    accountName: account.name,
    resourceGroupName: account.resourceGroup,
    kind: account.kind,
    sku: { name: "S0" },
    properties,
    tags: { ...account.tags },
  };
  if (account.location !== undefined) inputs.location = account.location;
  if (account.identity !== undefined) inputs.identity = { type: account.identity };
  return inputs;
}

function parent(account: DesiredAccount) {
  return { accountName: account.name, resourceGroupName: account.resourceGroup };
}

function deploymentInputs(account: DesiredAccount, deployment: DesiredDeployment): DeploymentInputs {
  const model: DeploymentInputs["properties"]["model"] = {
    format: deployment.model.format,
    name: deployment.model.name,
    version: deployment.model.version,
  };
  if (deployment.model.publisher !== undefined) model.publisher = deployment.model.publisher;
  if (deployment.model.source !== undefined) model.source = deployment.model.source;
  const properties: DeploymentInputs["properties"] = {
    model,
    raiPolicyName: deployment.contentFilter,
    versionUpgradeOption: deployment.versionUpgradeOption,
  };
  if (deployment.spillover !== undefined) properties.spilloverDeploymentName = deployment.spillover;
  if (deployment.serviceTier !== undefined) properties.serviceTier = deployment.serviceTier;
  if (deployment.state !== undefined) properties.deploymentState = deployment.state;
  if (deployment.routing !== undefined) {
    const routing: NonNullable<DeploymentInputs["properties"]["routing"]> = {};
    if (deployment.routing.mode !== undefined) routing.mode = deployment.routing.mode;
    if (deployment.routing.models !== undefined)
      routing.models = deployment.routing.models.map((m) => ({ ...m }));
    properties.routing = routing;
  }
  if (deployment.modelProviderData !== undefined)
    properties.modelProviderData = { ...deployment.modelProviderData };
  const inputs: DeploymentInputs = {
    ...parent(account),
    deploymentName: deployment.name,
    sku: { name: deployment.sku, capacity: deployment.capacity },
    properties,
  };
  if (Object.keys(deployment.tags).length > 0) inputs.tags = { ...deployment.tags };
  return inputs;
}

function projectInputs(account: DesiredAccount, project: DesiredProject): ProjectInputs {
  const properties: ProjectInputs["properties"] = {};
  if (project.displayName !== undefined) properties.displayName = project.displayName;
  if (project.description !== undefined) properties.description = project.description;
  const inputs: ProjectInputs = { ...parent(account), projectName: project.name, properties };
  // The project goes in its account's region (ARM's Project carries a `location`).
  if (account.location !== undefined) inputs.location = account.location;
  if (project.identity !== undefined) {
    inputs.identity = { type: project.identity };
    if (project.userAssignedIdentities !== undefined)
      inputs.identity.userAssignedIdentities = [...project.userAssignedIdentities];
  }
  if (Object.keys(project.tags).length > 0) inputs.tags = { ...project.tags };
  return inputs;
}

function connectionInputs(account: DesiredAccount, connection: DesiredConnection): ProjectConnectionInputs {
  const properties: ProjectConnectionInputs["properties"] = {
    authType: connection.authType,
    category: connection.category,
  };
  if (connection.target !== undefined) properties.target = connection.target;
  if (Object.keys(connection.metadata).length > 0) properties.metadata = { ...connection.metadata };
  if (connection.isSharedToAll !== undefined) properties.isSharedToAll = connection.isSharedToAll;
  if (connection.expiryTime !== undefined) properties.expiryTime = connection.expiryTime;
  const { clientId, resourceId } = connection.credentials ?? {};
  if (clientId !== undefined || resourceId !== undefined) {
    properties.credentials = {};
    if (clientId !== undefined) properties.credentials.clientId = clientId;
    if (resourceId !== undefined) properties.credentials.resourceId = resourceId;
  }
  return {
    ...parent(account),
    projectName: connection.projectName,
    connectionName: connection.name,
    properties,
  };
}

/** Where each secret of a connection goes in its inputs (the ApiKey connection's `credentials.key`). */
function connectionSecrets(connection: DesiredConnection): SecretReference[] {
  const config = connection.credentials?.apiKeyConfig;
  return config === undefined ? [] : [{ path: ["properties", "credentials", "key"], config }];
}

/** Deployments in file order, except that a spillover target is written before the deployment spilling to it. */
function writeOrder(deployments: DesiredDeployment[]): DesiredDeployment[] {
  const byName = new Map(deployments.map((d) => [d.name.toLowerCase(), d]));
  const placed = new Set<DesiredDeployment>();
  const ordered: DesiredDeployment[] = [];
  const place = (d: DesiredDeployment, visiting: Set<DesiredDeployment>) => {
    if (placed.has(d) || visiting.has(d)) return;
    visiting.add(d);
    const target = d.spillover !== undefined ? byName.get(d.spillover.toLowerCase()) : undefined;
    if (target !== undefined && target !== d) place(target, visiting);
    placed.add(d);
    ordered.push(d);
  };
  for (const d of deployments) place(d, new Set());
  return ordered;
}

function options(
  state: DesiredState,
  protectable: boolean,
  importId: string | undefined,
  child = true,
): ResourceOptions {
  const result: ResourceOptions = {};
  if (child) result.deleteBeforeReplace = true;
  if (protectable && state.protect) result.protect = true;
  // An account holds every deployment applications call: it leaves Azure only when someone deletes it
  // there, never because it left the file or became `create: false` (an existing account).
  if (state.retainOnDelete || !child) result.retainOnDelete = true;
  if (importId !== undefined) result.import = importId;
  return result;
}

/**
 * Turns the desired state of one environment into the resources to register, in an order Azure accepts:
 * within an account every write waits for the previous one (Azure answers 409 to concurrent writes under
 * one account); accounts are independent of each other.
 */
export function buildResourceGraph(state: DesiredState): ResourceGraph {
  const nodes: ResourceNode[] = [];
  // At subscription scope and on its own: no account's writes wait for it and it waits for none, since no
  // document says Azure relates it to accounts or deployments (SUBSCRIPTION_RAI_POLICY.effect).
  const baseline = state.subscriptionRaiPolicy;
  if (baseline !== undefined) {
    nodes.push({
      name: subscriptionRaiPolicyNodeName(baseline.name),
      type: ResourceTypes.subscriptionRaiPolicy,
      inputs: compileSubscriptionRaiPolicy(baseline),
      dependsOn: [],
      source: baseline.source,
      options: options(state, true, baseline.import),
    });
  }
  for (const account of state.accounts) {
    let previous: string | undefined;
    const chain = (node: ResourceNode, semantic: (string | undefined)[] = []) => {
      const deps = new Set<string>();
      if (previous !== undefined) deps.add(previous);
      for (const s of semantic) if (s !== undefined) deps.add(s);
      node.dependsOn = [...deps];
      nodes.push(node);
      previous = node.name;
    };
    const projects = (state.projects ?? []).filter((p) => p.accountKey === account.key);
    const accountNode = account.create ? accountNodeName(account.key) : undefined;
    if (accountNode !== undefined) {
      chain({
        name: accountNode,
        type: ResourceTypes.account,
        inputs: accountInputs(account, projects.length > 0),
        dependsOn: [],
        source: account.source,
        options: options(state, true, undefined, false),
        account: account.key,
      });
    }
    for (const blocklist of state.blocklists.filter((b) => b.accountKey === account.key)) {
      addBlocklist(state, account, blocklist, chain, accountNode);
    }
    for (const filter of state.contentFilters.filter((f) => f.accountKey === account.key)) {
      addContentFilter(state, account, filter, chain, accountNode);
    }
    const deployments = state.deployments.filter((d) => d.accountKey === account.key);
    const byName = new Map(deployments.map((d) => [d.name.toLowerCase(), d]));
    const filtersHere = new Set(
      state.contentFilters.filter((f) => f.accountKey === account.key).map((f) => f.name),
    );
    for (const deployment of writeOrder(deployments)) {
      const filterNode = filtersHere.has(deployment.contentFilter)
        ? contentFilterNodeName(account.key, deployment.contentFilter)
        : undefined;
      const target =
        deployment.spillover === undefined ? undefined : byName.get(deployment.spillover.toLowerCase());
      const spillNode = target === undefined ? undefined : deploymentNodeName(account.key, target.name);
      chain(
        {
          name: deploymentNodeName(account.key, deployment.name),
          type: ResourceTypes.deployment,
          inputs: deploymentInputs(account, deployment),
          dependsOn: [],
          source: deployment.source,
          options: options(state, true, deployment.import),
          account: account.key,
        },
        [accountNode, filterNode, spillNode],
      );
    }
    // Last in the chain: a project needs only its account, and adding one leaves every other write's
    // dependencies as they were. Its connections follow it, in the same chain (one write at a time).
    for (const project of projects) {
      const projectNode = projectNodeName(account.key, project.name);
      chain(
        {
          name: projectNode,
          type: ResourceTypes.project,
          inputs: projectInputs(account, project),
          dependsOn: [],
          source: project.source,
          options: options(state, true, project.import),
          account: account.key,
        },
        [accountNode],
      );
      const connections = (state.connections ?? []).filter(
        (c) => c.accountKey === account.key && c.projectName === project.name,
      );
      for (const connection of connections) {
        const node: ResourceNode = {
          name: connectionNodeName(account.key, project.name, connection.name),
          type: ResourceTypes.projectConnection,
          inputs: connectionInputs(account, connection),
          dependsOn: [],
          source: connection.source,
          options: options(state, true, connection.import),
          account: account.key,
        };
        const secrets = connectionSecrets(connection);
        if (secrets.length > 0) node.secrets = secrets;
        chain(node, [projectNode]);
      }
    }
  }
  return { environment: state.environment, nodes };
}

type Chain = (node: ResourceNode, semantic?: (string | undefined)[]) => void;

function addBlocklist(
  state: DesiredState,
  account: DesiredAccount,
  blocklist: DesiredBlocklist,
  chain: Chain,
  accountNode: string | undefined,
): void {
  const name = blocklistNodeName(account.key, blocklist.name);
  const inputs: RaiBlocklistArgs = { ...parent(account), raiBlocklistName: blocklist.name, properties: {} };
  if (blocklist.description !== undefined) inputs.properties = { description: blocklist.description };
  chain(
    {
      name,
      type: ResourceTypes.blocklist,
      inputs,
      dependsOn: [],
      source: blocklist.source,
      options: options(state, false, blocklist.import),
      account: account.key,
    },
    [accountNode],
  );
  const seen = new Set<string>();
  for (const item of blocklist.items) {
    const itemName = item.name ?? blocklistItemName(item);
    // A named item of an adopted blocklist was found in Azure (`aideploy import` writes the name): adopt it
    // too. Items named from their content are plain upserts, and may be new since the import.
    const itemImport =
      blocklist.import !== undefined && item.name !== undefined
        ? `${blocklist.import}/raiBlocklistItems/${item.name}`
        : undefined;
    if (seen.has(itemName)) continue;
    seen.add(itemName);
    chain(
      {
        name: `${name}/${itemName.toLowerCase()}`,
        type: ResourceTypes.blocklistItem,
        inputs: {
          ...parent(account),
          raiBlocklistName: blocklist.name,
          raiBlocklistItemName: itemName,
          properties: { pattern: item.pattern, isRegex: item.regex },
        },
        dependsOn: [],
        source: blocklist.source,
        options: options(state, false, itemImport),
        account: account.key,
      },
      [name],
    );
  }
}

function addContentFilter(
  state: DesiredState,
  account: DesiredAccount,
  filter: DesiredContentFilter,
  chain: Chain,
  accountNode: string | undefined,
): void {
  const blocklists = [...new Set([...filter.prompt.blocklists, ...filter.completion.blocklists])];
  const present = new Set(state.blocklists.filter((b) => b.accountKey === account.key).map((b) => b.name));
  chain(
    {
      name: contentFilterNodeName(account.key, filter.name),
      type: ResourceTypes.contentFilter,
      inputs: { ...parent(account), raiPolicyName: filter.name, properties: compileContentFilter(filter) },
      dependsOn: [],
      source: filter.source,
      options: options(state, true, filter.import),
      account: account.key,
    },
    [accountNode, ...blocklists.filter((b) => present.has(b)).map((b) => blocklistNodeName(account.key, b))],
  );
}

/** A node's inputs as plain fields, for readers that look a field up by name (reports, the ARM view). */
export function inputFields(node: ResourceNode): Readonly<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(node.inputs));
}
