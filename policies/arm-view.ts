import { compileFilterSettings } from "../infra/content-filter";
import { typedForm } from "../infra/deployment-resource";
import { inputFields, type ResourceGraph, type ResourceNode } from "../infra/graph";
import { MICROSOFT_FILTER_PROFILES, microsoftFilterProfile } from "../loader/microsoft-filters";
import { SUBSCRIPTION_RAI_POLICY, subscriptionRaiPolicyId } from "../loader/subscription-rai-policy";

/** A resource as Azure Resource Manager (and so Azure Policy) sees it. */
export interface ArmView {
  id: string;
  name: string;
  /** `account/deployment` for child resources. */
  fullName: string;
  type: string;
  kind?: string;
  location?: string;
  tags?: Record<string, string>;
  identity?: { type: string; userAssignedIdentities?: Record<string, object> };
  sku?: { name: string; capacity?: number };
  properties: Record<string, unknown>;
}

/** Used when the file names no subscription: ids keep their shape, which is all policies read of them. */
export const PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

export const ArmTypes = {
  account: "Microsoft.CognitiveServices/accounts",
  deployment: "Microsoft.CognitiveServices/accounts/deployments",
  raiPolicy: "Microsoft.CognitiveServices/accounts/raiPolicies",
  blocklist: "Microsoft.CognitiveServices/accounts/raiBlocklists",
  blocklistItem: "Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems",
  project: "Microsoft.CognitiveServices/accounts/projects",
  projectConnection: "Microsoft.CognitiveServices/accounts/projects/connections",
  /** At subscription scope, on no account (SUBSCRIPTION_RAI_POLICY.resource); Azure publishes no alias of it. */
  subscriptionRaiPolicy: SUBSCRIPTION_RAI_POLICY.resource.armType,
  deploymentDataPlane: "Microsoft.CognitiveServices.Data/accounts/deployments",
} as const;

const typeByToken: Record<string, string> = {
  "azure-native:cognitiveservices:Account": ArmTypes.account,
  "azure-native:cognitiveservices:Deployment": ArmTypes.deployment,
  "azure-native:cognitiveservices:RaiPolicy": ArmTypes.raiPolicy,
  "azure-native:cognitiveservices:RaiBlocklist": ArmTypes.blocklist,
  "azure-native:cognitiveservices:RaiBlocklistItem": ArmTypes.blocklistItem,
  "azure-native:cognitiveservices:Project": ArmTypes.project,
  "azure-native:cognitiveservices:ProjectConnection": ArmTypes.projectConnection,
  "azure-native:cognitiveservices:SubscriptionRaiPolicy": ArmTypes.subscriptionRaiPolicy,
};

/** The credential fields of a connection that are not secrets (loader/connections.ts); every other one is left out. */
const PLAIN_CONNECTION_CREDENTIALS = ["clientId", "resourceId"] as const;

/**
 * An identity in ARM's shape: azure-native takes user-assigned identities as a list of ids, ARM holds them
 * as a map keyed by id (values filled by Azure).
 */
function armIdentity(identity: unknown): { type: string; userAssignedIdentities?: Record<string, object> } {
  const given = (typeof identity === "object" && identity !== null ? identity : {}) as {
    type?: unknown;
    userAssignedIdentities?: unknown;
  };
  const view: { type: string; userAssignedIdentities?: Record<string, object> } = { type: str(given.type) };
  if (Array.isArray(given.userAssignedIdentities)) {
    view.userAssignedIdentities = Object.fromEntries(given.userAssignedIdentities.map((id) => [str(id), {}]));
  }
  return view;
}

/** The ARM type of a resource; a generic `resources:Resource` is typed by its inputs (infra/deployment-resource.ts). */
export function armTypeOf(token: string, inputs?: Readonly<Record<string, unknown>>): string | undefined {
  return typeByToken[inputs === undefined ? token : typedForm(token, inputs).token];
}

type Inputs = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === "string" ? value : "");

function accountId(subscription: string, inputs: Inputs): string {
  return `/subscriptions/${subscription}/resourceGroups/${str(inputs.resourceGroupName)}/providers/Microsoft.CognitiveServices/accounts/${str(inputs.accountName)}`;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * The one mapping from azure-native inputs to ARM shape, whichever azure-native type wrote the resource. Used by the offline policy checks on the graph
 * and by the CrossGuard pack on the inputs Pulumi hands it. Returns undefined for other types.
 */
export function toArmView(
  token: string,
  written: Inputs,
  subscription = PLACEHOLDER_SUBSCRIPTION,
): ArmView | undefined {
  // Deployments written through the generic resource have the same view as the typed ones.
  const { token: typedToken, inputs } = typedForm(token, written);
  const type = armTypeOf(typedToken);
  if (type === undefined) return undefined;
  const parentId = accountId(subscription, inputs);
  const accountName = str(inputs.accountName);
  const properties = (clone(inputs.properties) as Record<string, unknown> | undefined) ?? {};
  const child = (segment: string, name: string): Pick<ArmView, "id" | "name" | "fullName"> => ({
    id: `${parentId}/${segment}/${name}`,
    name,
    fullName: `${accountName}/${name}`,
  });
  switch (type) {
    case ArmTypes.account: {
      const view: ArmView = { id: parentId, name: accountName, fullName: accountName, type, properties };
      if (typeof inputs.kind === "string") view.kind = inputs.kind;
      if (typeof inputs.location === "string") view.location = inputs.location;
      if (inputs.tags !== undefined) view.tags = clone(inputs.tags) as Record<string, string>;
      if (inputs.identity !== undefined) view.identity = armIdentity(inputs.identity);
      if (inputs.sku !== undefined) view.sku = clone(inputs.sku) as { name: string };
      return view;
    }
    case ArmTypes.deployment: {
      const view: ArmView = { ...child("deployments", str(inputs.deploymentName)), type, properties };
      if (inputs.sku !== undefined) view.sku = clone(inputs.sku) as { name: string; capacity?: number };
      if (inputs.tags !== undefined) view.tags = clone(inputs.tags) as Record<string, string>;
      return view;
    }
    case ArmTypes.raiPolicy:
      return { ...child("raiPolicies", str(inputs.raiPolicyName)), type, properties };
    case ArmTypes.blocklist:
      return { ...child("raiBlocklists", str(inputs.raiBlocklistName)), type, properties };
    case ArmTypes.subscriptionRaiPolicy: {
      const name = str(inputs.raiPolicyName);
      const view: ArmView = {
        id: subscriptionRaiPolicyId(subscription, name),
        name,
        fullName: name,
        type,
        properties,
      };
      if (inputs.tags !== undefined) view.tags = clone(inputs.tags) as Record<string, string>;
      return view;
    }
    case ArmTypes.project: {
      const view: ArmView = { ...child("projects", str(inputs.projectName)), type, properties };
      if (typeof inputs.location === "string") view.location = inputs.location;
      if (inputs.tags !== undefined) view.tags = clone(inputs.tags) as Record<string, string>;
      if (inputs.identity !== undefined) view.identity = armIdentity(inputs.identity);
      return view;
    }
    case ArmTypes.projectConnection: {
      const project = str(inputs.projectName);
      const name = str(inputs.connectionName);
      // Policies never see a secret: the CrossGuard pack is handed the inputs with the API key filled in.
      const credentials = properties.credentials as Record<string, unknown> | undefined;
      delete properties.credentials;
      if (credentials !== undefined) {
        const plain = Object.fromEntries(
          PLAIN_CONNECTION_CREDENTIALS.filter((k) => typeof credentials[k] === "string").map((k) => [
            k,
            credentials[k],
          ]),
        );
        if (Object.keys(plain).length > 0) properties.credentials = plain;
      }
      return {
        id: `${parentId}/projects/${project}/connections/${name}`,
        name,
        fullName: `${accountName}/${project}/${name}`,
        type,
        properties,
      };
    }
    default: {
      const list = str(inputs.raiBlocklistName);
      const item = str(inputs.raiBlocklistItemName);
      return {
        id: `${parentId}/raiBlocklists/${list}/raiBlocklistItems/${item}`,
        name: item,
        fullName: `${accountName}/${list}/${item}`,
        type,
        properties,
      };
    }
  }
}

/** Registries of model assets by format; OpenAI models live in `azure-openai` (others are *unverified*). */
const registryByFormat: Record<string, string> = {
  openai: "azure-openai",
  microsoft: "azureml",
  meta: "azureml-meta",
  "mistral ai": "azureml-mistral",
  cohere: "azureml-cohere",
  deepseek: "azureml-deepseek",
  xai: "azureml-xai",
  "ai21 labs": "azureml-ai21",
  core42: "azureml-core42",
};

export function modelAssetId(format: string, name: string, version: string): string {
  const registry =
    registryByFormat[format.toLowerCase()] ?? `azureml-${format.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return `azureml://registries/${registry}/models/${name}/versions/${version}`;
}

/**
 * The content filter a deployment gets from a Microsoft built-in policy it names, with the settings that
 * policy has as documented (loader/content-filters.ts); undefined for another name, or for a built-in
 * whose settings no document gives (Microsoft.Default).
 */
export function microsoftFilterView(raiPolicyName: string): Record<string, unknown> | undefined {
  const profile = microsoftFilterProfile(raiPolicyName);
  if (profile === undefined) return undefined;
  const name = MICROSOFT_FILTER_PROFILES[raiPolicyName.toLowerCase()]?.name ?? raiPolicyName;
  return { name, ...clone(compileFilterSettings(profile)) };
}

/** Freezes a plain JSON value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * A content filter as the deployments that use it show it (`raiPolicy`): made once per filter view and
 * shared by those deployments' data-plane views, frozen since nothing may change it through one of them
 * (a modify effect works on a copy).
 */
const raiPolicies = new WeakMap<ArmView, Record<string, unknown>>();

function raiPolicyOf(contentFilter: ArmView): Record<string, unknown> {
  let raiPolicy = raiPolicies.get(contentFilter);
  if (raiPolicy === undefined) {
    raiPolicy = deepFreeze({ name: contentFilter.name, ...clone(contentFilter.properties) });
    raiPolicies.set(contentFilter, raiPolicy);
  }
  return raiPolicy;
}

/**
 * The data-plane view Azure evaluates `Microsoft.CognitiveServices.Data` definitions on: a deployment
 * joined with its content filter: a declared one (in the graph), or a Microsoft built-in with its
 * documented settings. `raiPolicy` is omitted when neither is known (Microsoft.Default, whose settings
 * are not documented), so definitions see no filters rather than guessed ones.
 */
export function dataPlaneView(deployment: ArmView, contentFilter: ArmView | undefined): ArmView {
  const model = (deployment.properties.model ?? {}) as Record<string, string>;
  const format = model.format ?? "";
  const publisher = model.publisher ?? format;
  const properties: Record<string, unknown> = {
    model: {
      ...model,
      publisher,
      assetId: modelAssetId(format, model.name ?? "", model.version ?? ""),
    },
  };
  if (contentFilter !== undefined) {
    properties.raiPolicy = raiPolicyOf(contentFilter);
  } else {
    const builtIn = microsoftFilterView(str(deployment.properties.raiPolicyName));
    if (builtIn !== undefined) properties.raiPolicy = builtIn;
  }
  const view: ArmView = { ...deployment, type: ArmTypes.deploymentDataPlane, properties };
  return view;
}

export interface ViewedNode {
  node: ResourceNode;
  view: ArmView;
}

/** ARM views of every node of a graph, plus the data-plane view of each deployment. */
export function graphArmViews(
  graph: ResourceGraph,
  subscription?: string,
): { control: ViewedNode[]; dataPlane: ViewedNode[] } {
  const control: ViewedNode[] = [];
  const filters = new Map<string, ArmView>();
  for (const node of graph.nodes) {
    const view = toArmView(node.type, inputFields(node), subscription);
    if (!view) continue;
    control.push({ node, view });
    if (view.type === ArmTypes.raiPolicy) filters.set(`${node.account}/${view.name.toLowerCase()}`, view);
  }
  const dataPlane = control
    .filter((c) => c.view.type === ArmTypes.deployment)
    .map(({ node, view }) => {
      const filterName = String((view.properties.raiPolicyName as string | undefined) ?? "").toLowerCase();
      return { node, view: dataPlaneView(view, filters.get(`${node.account}/${filterName}`)) };
    });
  return { control, dataPlane };
}

/** A resource as a person names it in a finding, with the values policies usually look at. */
/** A view's description, made once per view: every definition evaluated on it names it the same way. */
const descriptions = new WeakMap<ArmView, string>();

export function describeView(view: ArmView): string {
  let description = descriptions.get(view);
  if (description === undefined) {
    description = describeViewOnce(view);
    descriptions.set(view, description);
  }
  return description;
}

function describeViewOnce(view: ArmView): string {
  const account = view.fullName.split("/")[0] ?? "";
  switch (view.type) {
    case ArmTypes.account:
      return `account ${view.name}`;
    case ArmTypes.deployment:
    case ArmTypes.deploymentDataPlane: {
      const model = (view.properties.model ?? {}) as Record<string, unknown>;
      const sku = view.sku ? `, ${view.sku.name} × ${view.sku.capacity ?? "?"}` : "";
      return `deployment ${view.name} on ${account} (${String(model.format)} ${String(model.name)} ${String(model.version)}${sku})`;
    }
    case ArmTypes.raiPolicy:
      return `content filter ${view.name} on ${account} (mode ${String(view.properties.mode ?? "Default")})`;
    case ArmTypes.blocklist:
      return `blocklist ${view.name} on ${account}`;
    default:
      return `blocklist item ${view.fullName}`;
  }
}
