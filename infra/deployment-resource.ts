import { RAI_POLICY_API } from "../loader/content-filters";
import { DEPLOYMENT_API_VERSION } from "../loader/deployment-features";
import { type DeploymentInputs, type ResourceGraph, type ResourceNode, ResourceTypes } from "./graph";

/**
 * How deployments and content filters are written to Pulumi. azure-native 3.28's typed
 * `cognitiveservices:Deployment` and `cognitiveservices:RaiPolicy` write api-version 2025-06-01, which has
 * no `serviceTier`, `deploymentState` or `routing` on a deployment and no `action` (nor sources beyond
 * Prompt and Completion) on a content filter entry; its generic `resources:Resource` writes any
 * api-version. Every deployment and every content filter is written through the generic resource at one
 * pinned api-version (DEPLOYMENT_API_VERSION), not only those that use a newer property: with a per-resource
 * switch, removing `serviceTier: Priority` from the file would move the deployment back to a PUT that
 * cannot say `Default`. The typed form stays for stacks written before, and for the tests that prove a
 * stack moves from one to the other without a replace.
 */
export type DeploymentRepresentation = "generic" | "typed";

export const DEPLOYMENT_REPRESENTATION: DeploymentRepresentation = "generic";

export const GENERIC_RESOURCE_TOKEN = "azure-native:resources:Resource";

const NAMESPACE = "Microsoft.CognitiveServices";

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === "string" ? value : "");

/** The deployment properties the 2025-06-01 api-version of the typed resource knows. */
const TYPED_PROPERTIES = new Set([
  "model",
  "raiPolicyName",
  "versionUpgradeOption",
  "spilloverDeploymentName",
]);

/** The content filter sources the 2025-06-01 api-version of the typed RaiPolicy knows. */
const TYPED_SOURCES = new Set(["Prompt", "Completion"]);

/** A deployment's properties the typed resource cannot write. */
function unwritableProperties(inputs: Json): string[] {
  return Object.keys(isJson(inputs.properties) ? inputs.properties : {}).filter(
    (key) => !TYPED_PROPERTIES.has(key),
  );
}

/** A content filter's entries the typed RaiPolicy cannot write, in words. */
function unwritableEntries(inputs: Json): string[] {
  const properties = inputs.properties;
  const entries =
    isJson(properties) && Array.isArray(properties.contentFilters) ? properties.contentFilters : [];
  const unsaid: string[] = [];
  for (const entry of entries) {
    if (!isJson(entry)) continue;
    if (entry.action !== undefined)
      unsaid.push(`${str(entry.name)} (${str(entry.source)}) action ${str(entry.action)}`);
    else if (!TYPED_SOURCES.has(str(entry.source)))
      unsaid.push(`${str(entry.name)} source ${str(entry.source)}`);
  }
  return unsaid;
}

/**
 * The account children written through the generic resource: the typed token, the ARM resource type under
 * the account, the typed input that holds the child's name, the api-version the typed form writes, how its
 * inputs are made, and what of the inputs it cannot write.
 */
export const GENERIC_CHILDREN = [
  {
    typedToken: ResourceTypes.deployment,
    label: "deployment",
    resourceType: "deployments",
    nameInput: "deploymentName",
    /** What azure-native 3.28's typed Deployment writes (its documentation comment). */
    typedApiVersion: "2025-06-01",
    /** The properties the typed api-version cannot say are left out (a component refuses them first). */
    typedInputs: (inputs: Json): Json => ({
      ...inputs,
      properties: Object.fromEntries(
        Object.entries(isJson(inputs.properties) ? inputs.properties : {}).filter(([key]) =>
          TYPED_PROPERTIES.has(key),
        ),
      ),
    }),
    unwritable: (inputs: Json) => {
      const unsaid = unwritableProperties(inputs);
      return unsaid.length === 0 ? undefined : `sets ${unsaid.join(", ")}`;
    },
  },
  {
    typedToken: ResourceTypes.contentFilter,
    label: "content filter",
    resourceType: "raiPolicies",
    nameInput: "raiPolicyName",
    typedApiVersion: RAI_POLICY_API.typedApiVersion,
    typedInputs: (inputs: Json): Json => inputs,
    unwritable: (inputs: Json) => {
      const unsaid = unwritableEntries(inputs);
      return unsaid.length === 0 ? undefined : `has ${unsaid.join(", ")}`;
    },
  },
] as const;

type GenericChild = (typeof GENERIC_CHILDREN)[number];

const childOfToken = (token: string): GenericChild | undefined =>
  GENERIC_CHILDREN.find((child) => child.typedToken === token);

/** The inputs of azure-native's `resources:Resource` for an account child (plain values). */
export interface GenericChildArgs {
  resourceGroupName: string;
  resourceProviderNamespace: string;
  parentResourcePath: string;
  resourceType: string;
  resourceName: string;
  apiVersion: string;
  sku?: DeploymentInputs["sku"];
  properties: unknown;
  tags?: Record<string, string>;
}

function genericArgs(child: GenericChild, inputs: Json): GenericChildArgs {
  const args: GenericChildArgs = {
    resourceGroupName: str(inputs.resourceGroupName),
    resourceProviderNamespace: NAMESPACE,
    parentResourcePath: `accounts/${str(inputs.accountName)}`,
    resourceType: child.resourceType,
    resourceName: str(inputs[child.nameInput]),
    apiVersion: DEPLOYMENT_API_VERSION,
    properties: inputs.properties,
  };
  if (inputs.sku !== undefined) args.sku = inputs.sku as DeploymentInputs["sku"];
  if (inputs.tags !== undefined) args.tags = inputs.tags as Record<string, string>;
  return args;
}

/**
 * A resource as the typed token and inputs name it: an account child written through the generic
 * resource becomes its typed token (`cognitiveservices:Deployment`, `cognitiveservices:RaiPolicy`) with
 * the typed path inputs; anything else is returned as it is. Readers of Pulumi inputs (the ARM view, the
 * policy pack) see one shape whichever form wrote it.
 */
export function typedForm(
  token: string,
  inputs: Readonly<Record<string, unknown>>,
): { token: string; inputs: Readonly<Record<string, unknown>> } {
  if (token !== GENERIC_RESOURCE_TOKEN) return { token, inputs };
  const parent = /^accounts\/([^/]+)$/i.exec(str(inputs.parentResourcePath));
  const resourceType = str(inputs.resourceType).toLowerCase();
  const child = GENERIC_CHILDREN.find((c) => c.resourceType.toLowerCase() === resourceType);
  if (
    str(inputs.resourceProviderNamespace).toLowerCase() !== NAMESPACE.toLowerCase() ||
    child === undefined ||
    parent === null
  ) {
    return { token, inputs };
  }
  const typed: Record<string, unknown> = {
    accountName: parent[1],
    resourceGroupName: inputs.resourceGroupName,
    [child.nameInput]: inputs.resourceName,
  };
  if (inputs.sku !== undefined) typed.sku = inputs.sku;
  typed.properties = inputs.properties;
  if (inputs.tags !== undefined) typed.tags = inputs.tags;
  return { token: child.typedToken, inputs: typed };
}

/** What Pulumi is given for a node: token, inputs, and what keeps a moved resource one resource. */
export interface NodeRegistration {
  type: string;
  /** The api-version written; null for a typed resource, whose api-version azure-native fixes. */
  apiVersion: string | null;
  inputs: unknown;
  /**
   * Former types of the same logical resource. A stack written with the typed resources also needs its
   * state prepared once (infra/state-migration.ts), or azure-native replaces each of them.
   */
  aliasTypes: string[];
}

/**
 * What Pulumi is given for any node of the graph: deployments and content filters as `representation`
 * says, others as they are.
 */
export function nodeRegistration(
  node: ResourceNode,
  representation: DeploymentRepresentation = DEPLOYMENT_REPRESENTATION,
): NodeRegistration {
  const child = childOfToken(node.type);
  if (child === undefined) return { type: node.type, apiVersion: null, inputs: node.inputs, aliasTypes: [] };
  const inputs: Json = { ...node.inputs };
  if (representation === "typed")
    return { type: node.type, apiVersion: null, inputs: child.typedInputs(inputs), aliasTypes: [] };
  return {
    type: GENERIC_RESOURCE_TOKEN,
    apiVersion: DEPLOYMENT_API_VERSION,
    inputs: genericArgs(child, inputs),
    aliasTypes: [child.typedToken],
  };
}

/**
 * One line per deployment property and content filter entry of the graph the typed resources cannot
 * write, naming the resource.
 */
export function unwritableByTyped(graph: ResourceGraph): string[] {
  const lines: string[] = [];
  for (const node of graph.nodes) {
    const child = childOfToken(node.type);
    if (child === undefined) continue;
    const inputs: Json = { ...node.inputs };
    const unsaid = child.unwritable(inputs);
    if (unsaid === undefined) continue;
    lines.push(
      `${child.label} ${str(inputs[child.nameInput])} on ${str(inputs.accountName)} ${unsaid}, which ${child.typedToken} (api-version ${child.typedApiVersion}) cannot write; use the generic resource`,
    );
  }
  return lines;
}
