import { DEPLOYMENT_API_VERSION } from "../loader/deployment-features";
import { type DeploymentInputs, type ResourceGraph, type ResourceNode, ResourceTypes } from "./graph";

/**
 * How a deployment is written to Pulumi. azure-native 3.28's typed `cognitiveservices:Deployment` writes
 * api-version 2025-06-01, which has no `serviceTier`, `deploymentState` or `routing`; its generic
 * `resources:Resource` writes any api-version. Every deployment is written through the generic resource
 * at one pinned api-version (DEPLOYMENT_API_VERSION), not only those that use a 2026 property: with a
 * per-deployment switch, removing `serviceTier: Priority` from the file would move the deployment back to
 * a PUT that cannot say `Default`. The typed form stays for stacks written before, and for the tests that
 * prove a stack moves from one to the other without a replace.
 */
export type DeploymentRepresentation = "generic" | "typed";

export const DEPLOYMENT_REPRESENTATION: DeploymentRepresentation = "generic";

export const GENERIC_RESOURCE_TOKEN = "azure-native:resources:Resource";
export const TYPED_DEPLOYMENT_TOKEN = "azure-native:cognitiveservices:Deployment";

const NAMESPACE = "Microsoft.CognitiveServices";
const RESOURCE_TYPE = "deployments";

/** The inputs of azure-native's `resources:Resource` for a deployment (plain values). */
export interface GenericDeploymentArgs {
  resourceGroupName: string;
  resourceProviderNamespace: string;
  parentResourcePath: string;
  resourceType: string;
  resourceName: string;
  apiVersion: string;
  sku: DeploymentInputs["sku"];
  properties: DeploymentInputs["properties"];
  tags?: Record<string, string>;
}

/** The properties the 2025-06-01 api-version of the typed resource knows. */
const TYPED_PROPERTIES = new Set([
  "model",
  "raiPolicyName",
  "versionUpgradeOption",
  "spilloverDeploymentName",
]);

export function genericDeploymentArgs(inputs: DeploymentInputs): GenericDeploymentArgs {
  const args: GenericDeploymentArgs = {
    resourceGroupName: inputs.resourceGroupName,
    resourceProviderNamespace: NAMESPACE,
    parentResourcePath: `accounts/${inputs.accountName}`,
    resourceType: RESOURCE_TYPE,
    resourceName: inputs.deploymentName,
    apiVersion: DEPLOYMENT_API_VERSION,
    sku: inputs.sku,
    properties: inputs.properties,
  };
  if (inputs.tags !== undefined) args.tags = inputs.tags;
  return args;
}

/** The inputs of the typed resource: the properties its api-version cannot say are left out. */
export function typedDeploymentArgs(inputs: DeploymentInputs): DeploymentInputs {
  const properties = Object.fromEntries(
    Object.entries(inputs.properties).filter(([key]) => TYPED_PROPERTIES.has(key)),
  ) as DeploymentInputs["properties"];
  return { ...inputs, properties };
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * A resource as the typed token and inputs name it: a deployment written through the generic resource
 * becomes `cognitiveservices:Deployment` with `accountName`/`deploymentName`; anything else is returned
 * as it is. Readers of Pulumi inputs (the ARM view, the policy pack) see one shape whichever form wrote it.
 */
export function typedForm(
  token: string,
  inputs: Readonly<Record<string, unknown>>,
): { token: string; inputs: Readonly<Record<string, unknown>> } {
  if (token !== GENERIC_RESOURCE_TOKEN) return { token, inputs };
  const parent = /^accounts\/([^/]+)$/i.exec(str(inputs.parentResourcePath));
  if (
    str(inputs.resourceProviderNamespace).toLowerCase() !== NAMESPACE.toLowerCase() ||
    str(inputs.resourceType).toLowerCase() !== RESOURCE_TYPE ||
    parent === null
  ) {
    return { token, inputs };
  }
  const typed: Record<string, unknown> = {
    accountName: parent[1],
    resourceGroupName: inputs.resourceGroupName,
    deploymentName: inputs.resourceName,
    sku: inputs.sku,
    properties: inputs.properties,
  };
  if (inputs.tags !== undefined) typed.tags = inputs.tags;
  return { token: TYPED_DEPLOYMENT_TOKEN, inputs: typed };
}

/** What Pulumi is given for a deployment: token, inputs, and what keeps a moved deployment one resource. */
export interface DeploymentRegistration {
  type: string;
  /** The api-version written; null for the typed resource, whose api-version azure-native fixes. */
  apiVersion: string | null;
  inputs: GenericDeploymentArgs | DeploymentInputs;
  /**
   * Former types of the same logical resource. A stack written with the typed resource also needs its
   * state prepared once (infra/state-migration.ts), or azure-native replaces each deployment.
   */
  aliasTypes: string[];
}

export function deploymentRegistration(
  inputs: DeploymentInputs,
  representation: DeploymentRepresentation = DEPLOYMENT_REPRESENTATION,
): DeploymentRegistration {
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

/** What Pulumi is given for any node of the graph: deployments as `representation` says, others as they are. */
export function nodeRegistration(
  node: ResourceNode,
  representation: DeploymentRepresentation = DEPLOYMENT_REPRESENTATION,
): DeploymentRegistration | { type: string; apiVersion: null; inputs: unknown; aliasTypes: [] } {
  if (node.type === ResourceTypes.deployment) return deploymentRegistration(node.inputs, representation);
  return { type: node.type, apiVersion: null, inputs: node.inputs, aliasTypes: [] };
}

/** One line per deployment property of the graph the typed resource cannot write, naming the deployment. */
export function unwritableByTyped(graph: ResourceGraph): string[] {
  const lines: string[] = [];
  for (const node of graph.nodes) {
    if (node.type !== ResourceTypes.deployment) continue;
    const unsaid = Object.keys(node.inputs.properties).filter((key) => !TYPED_PROPERTIES.has(key));
    if (unsaid.length > 0) {
      lines.push(
        `deployment ${node.inputs.deploymentName} on ${node.inputs.accountName} sets ${unsaid.join(", ")}, which ${TYPED_DEPLOYMENT_TOKEN} (api-version 2025-06-01) cannot write; use the generic deployment resource`,
      );
    }
  }
  return lines;
}
