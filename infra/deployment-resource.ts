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
export const TYPED_DEPLOYMENT_TOKEN = ResourceTypes.deployment;
export const TYPED_RAI_POLICY_TOKEN = ResourceTypes.contentFilter;

const NAMESPACE = "Microsoft.CognitiveServices";

/**
 * The account children written through the generic resource: the typed token, the ARM resource type under
 * the account, and the typed input that holds the child's name.
 */
export const GENERIC_CHILDREN = [
  { typedToken: TYPED_DEPLOYMENT_TOKEN, resourceType: "deployments", nameInput: "deploymentName" },
  { typedToken: TYPED_RAI_POLICY_TOKEN, resourceType: "raiPolicies", nameInput: "raiPolicyName" },
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

/** The deployment properties the 2025-06-01 api-version of the typed resource knows. */
const TYPED_PROPERTIES = new Set([
  "model",
  "raiPolicyName",
  "versionUpgradeOption",
  "spilloverDeploymentName",
]);

/** The content filter sources the 2025-06-01 api-version of the typed RaiPolicy knows. */
const TYPED_SOURCES = new Set(["Prompt", "Completion"]);

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === "string" ? value : "");

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

export function genericDeploymentArgs(inputs: DeploymentInputs): GenericChildArgs {
  return genericArgs(GENERIC_CHILDREN[0], { ...inputs });
}

/** The inputs of the typed deployment: the properties its api-version cannot say are left out. */
export function typedDeploymentArgs(inputs: DeploymentInputs): DeploymentInputs {
  const properties = Object.fromEntries(
    Object.entries(inputs.properties).filter(([key]) => TYPED_PROPERTIES.has(key)),
  ) as DeploymentInputs["properties"];
  return { ...inputs, properties };
}

/** What of a content filter's entries the typed RaiPolicy (2025-06-01) cannot write, in words. */
function unwritableEntries(properties: unknown): string[] {
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

export function deploymentRegistration(
  inputs: DeploymentInputs,
  representation: DeploymentRepresentation = DEPLOYMENT_REPRESENTATION,
): NodeRegistration {
  if (representation === "typed") {
    return {
      type: TYPED_DEPLOYMENT_TOKEN,
      apiVersion: null,
      inputs: typedDeploymentArgs(inputs),
      aliasTypes: [],
    };
  }
  return {
    type: GENERIC_RESOURCE_TOKEN,
    apiVersion: DEPLOYMENT_API_VERSION,
    inputs: genericDeploymentArgs(inputs),
    aliasTypes: [TYPED_DEPLOYMENT_TOKEN],
  };
}

/**
 * What Pulumi is given for any node of the graph: deployments and content filters as `representation`
 * says, others as they are.
 */
export function nodeRegistration(
  node: ResourceNode,
  representation: DeploymentRepresentation = DEPLOYMENT_REPRESENTATION,
): NodeRegistration {
  if (node.type === ResourceTypes.deployment) return deploymentRegistration(node.inputs, representation);
  const child = childOfToken(node.type);
  if (child === undefined || representation === "typed")
    return { type: node.type, apiVersion: null, inputs: node.inputs, aliasTypes: [] };
  return {
    type: GENERIC_RESOURCE_TOKEN,
    apiVersion: DEPLOYMENT_API_VERSION,
    inputs: genericArgs(child, { ...node.inputs }),
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
    if (node.type === ResourceTypes.deployment) {
      const unsaid = Object.keys(node.inputs.properties).filter((key) => !TYPED_PROPERTIES.has(key));
      if (unsaid.length > 0) {
        lines.push(
          `deployment ${node.inputs.deploymentName} on ${node.inputs.accountName} sets ${unsaid.join(", ")}, which ${TYPED_DEPLOYMENT_TOKEN} (api-version 2025-06-01) cannot write; use the generic resource`,
        );
      }
    } else if (node.type === ResourceTypes.contentFilter) {
      const unsaid = unwritableEntries(node.inputs.properties);
      if (unsaid.length > 0) {
        lines.push(
          `content filter ${String(node.inputs.raiPolicyName)} on ${String(node.inputs.accountName)} has ${unsaid.join(", ")}, which ${TYPED_RAI_POLICY_TOKEN} (api-version 2025-06-01) cannot write; use the generic resource`,
        );
      }
    }
  }
  return lines;
}
