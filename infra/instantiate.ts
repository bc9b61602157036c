import { Account } from "@pulumi/azure-native/cognitiveservices/account";
import { Deployment } from "@pulumi/azure-native/cognitiveservices/deployment";
import { Project } from "@pulumi/azure-native/cognitiveservices/project";
import {
  ProjectConnection,
  type ProjectConnectionArgs,
} from "@pulumi/azure-native/cognitiveservices/projectConnection";
import { RaiBlocklist } from "@pulumi/azure-native/cognitiveservices/raiBlocklist";
import { RaiBlocklistItem } from "@pulumi/azure-native/cognitiveservices/raiBlocklistItem";
import { RaiPolicy } from "@pulumi/azure-native/cognitiveservices/raiPolicy";
import { SubscriptionRaiPolicy } from "@pulumi/azure-native/cognitiveservices/subscriptionRaiPolicy";
import { Resource } from "@pulumi/azure-native/resources/resource";
import type { Alias, CustomResource, CustomResourceOptions, Input } from "@pulumi/pulumi";
import {
  type DeploymentRepresentation,
  type GenericChildArgs,
  nodeRegistration,
} from "./deployment-resource";
import type { DeploymentInputs, ResourceGraph, ResourceNode } from "./graph";
import { inputsWithSecrets, type SecretReader, stackConfigSecret } from "./secrets";

/** A deployment or content filter: typed, or the generic resource with its former type as an alias. */
function createAccountChild(
  node: ResourceNode & {
    type: "azure-native:cognitiveservices:Deployment" | "azure-native:cognitiveservices:RaiPolicy";
  },
  opts: CustomResourceOptions,
  representation: DeploymentRepresentation | undefined,
): CustomResource {
  const registration = nodeRegistration(node, representation);
  if (registration.aliasTypes.length === 0) {
    return node.type === "azure-native:cognitiveservices:Deployment"
      ? new Deployment(node.name, registration.inputs as DeploymentInputs, opts)
      : new RaiPolicy(node.name, node.inputs, opts);
  }
  // Each former type is an alias, alone and combined with each alias the caller gives (a former parent).
  const shared: Input<string | Alias>[] = opts.aliases ?? [];
  const aliases: Input<string | Alias>[] = [...shared];
  for (const type of registration.aliasTypes) {
    aliases.push({ type });
    for (const alias of shared) if (typeof alias === "object") aliases.push({ ...(alias as Alias), type });
  }
  return new Resource(node.name, registration.inputs as GenericChildArgs, { ...opts, aliases });
}

function create(
  node: ResourceNode,
  opts: CustomResourceOptions,
  representation: DeploymentRepresentation | undefined,
  secrets: SecretReader,
): CustomResource {
  switch (node.type) {
    case "azure-native:cognitiveservices:Account":
      return new Account(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:RaiBlocklist":
      return new RaiBlocklist(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:RaiBlocklistItem":
      return new RaiBlocklistItem(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:RaiPolicy":
    case "azure-native:cognitiveservices:Deployment":
      return createAccountChild(node, opts, representation);
    case "azure-native:cognitiveservices:Project":
      return new Project(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:ProjectConnection":
      // The inputs' authType is one of the discriminated property types azure-native accepts.
      return new ProjectConnection(
        node.name,
        inputsWithSecrets(node, secrets) as ProjectConnectionArgs,
        opts,
      );
    case "azure-native:cognitiveservices:SubscriptionRaiPolicy":
      return new SubscriptionRaiPolicy(node.name, node.inputs, opts);
  }
}

/**
 * Registers every node of the graph with Pulumi, in graph order, with its dependencies and options.
 * `shared` (parent, aliases) applies to every resource. Deployments and content filters are written as
 * `representation` says (default: the generic resource, see infra/deployment-resource.ts). Secret inputs (a
 * connection's API key) are read with `secrets`, by default from the stack's configuration.
 */
export function instantiateGraph(
  graph: ResourceGraph,
  shared: Pick<CustomResourceOptions, "parent" | "aliases"> = {},
  representation?: DeploymentRepresentation,
  secrets: SecretReader = stackConfigSecret,
): Map<string, CustomResource> {
  const resources = new Map<string, CustomResource>();
  for (const node of graph.nodes) {
    const opts: CustomResourceOptions = {
      ...shared,
      dependsOn: node.dependsOn.map((name) => {
        const resource = resources.get(name);
        if (!resource)
          throw new Error(`graph order broken: ${node.name} depends on ${name}, not yet created`);
        return resource;
      }),
    };
    if (node.options.protect) opts.protect = true;
    if (node.options.deleteBeforeReplace) opts.deleteBeforeReplace = true;
    if (node.options.retainOnDelete) opts.retainOnDelete = true;
    if (node.options.import !== undefined) opts.import = node.options.import;
    resources.set(node.name, create(node, opts, representation, secrets));
  }
  return resources;
}
