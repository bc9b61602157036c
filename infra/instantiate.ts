import { Account } from "@pulumi/azure-native/cognitiveservices/account";
import { Deployment } from "@pulumi/azure-native/cognitiveservices/deployment";
import { RaiBlocklist } from "@pulumi/azure-native/cognitiveservices/raiBlocklist";
import { RaiBlocklistItem } from "@pulumi/azure-native/cognitiveservices/raiBlocklistItem";
import { RaiPolicy } from "@pulumi/azure-native/cognitiveservices/raiPolicy";
import type { CustomResource, CustomResourceOptions } from "@pulumi/pulumi";
import type { ResourceGraph, ResourceNode } from "./graph";

function create(node: ResourceNode, opts: CustomResourceOptions): CustomResource {
  switch (node.type) {
    case "azure-native:cognitiveservices:Account":
      return new Account(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:RaiBlocklist":
      return new RaiBlocklist(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:RaiBlocklistItem":
      return new RaiBlocklistItem(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:RaiPolicy":
      return new RaiPolicy(node.name, node.inputs, opts);
    case "azure-native:cognitiveservices:Deployment":
      return new Deployment(node.name, node.inputs, opts);
  }
}

/**
 * Registers every node of the graph with Pulumi, in graph order, with its dependencies and options.
 * `shared` (parent, aliases) applies to every resource.
 */
export function instantiateGraph(
  graph: ResourceGraph,
  shared: Pick<CustomResourceOptions, "parent" | "aliases"> = {},
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
    resources.set(node.name, create(node, opts));
  }
  return resources;
}
