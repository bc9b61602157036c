import { nodeRegistration } from "../../infra/deployment-resource";
import { type ResourceNode, ResourceTypes } from "../../infra/graph";
import { CONNECTIONS } from "../../loader/connections";
import { PROJECTS } from "../../loader/projects";
import { SUBSCRIPTION_RAI_POLICY } from "../../loader/subscription-rai-policy";
import { jsonDocument } from "../../text/json";
import type { PlanReport } from "./model";

/** The api-version azure-native writes a typed resource at, where a facts table records it. */
const TYPED_API_VERSIONS: Readonly<Record<string, string>> = {
  [ResourceTypes.project]: PROJECTS.apiVersion.apiVersion,
  [ResourceTypes.projectConnection]: CONNECTIONS.apiVersion.apiVersion,
  [ResourceTypes.subscriptionRaiPolicy]: SUBSCRIPTION_RAI_POLICY.apiVersion.apiVersion,
};

/**
 * What Pulumi is given for a node: its azure-native type token and exact inputs; for a deployment or a
 * content filter also the former type it is aliased to (infra/deployment-resource.ts). The api-version
 * written, where known: a deployment's or content filter's is chosen by the project; a project's, a
 * connection's or the subscription RAI policy's is the one azure-native fixes.
 */
function registered(node: ResourceNode): Record<string, unknown> {
  const registration = nodeRegistration(node);
  const fields: Record<string, unknown> = { type: registration.type };
  const apiVersion = registration.apiVersion ?? TYPED_API_VERSIONS[registration.type];
  if (apiVersion !== undefined) fields.apiVersion = apiVersion;
  fields.inputs = registration.inputs;
  if (registration.aliasTypes.length > 0) fields.aliases = registration.aliasTypes.map((type) => ({ type }));
  return fields;
}

/** The plan as JSON (a contract): environment, resources with their exact azure-native inputs, outputs. */
export function formatPlanJson(report: PlanReport): string {
  const { plan } = report;
  const resources = plan.graph.nodes.map((node) => {
    const resource: Record<string, unknown> = {
      name: node.name,
      ...registered(node),
      dependsOn: node.dependsOn,
      source: { file: node.source.file, line: node.source.line, column: node.source.column },
    };
    if (Object.keys(node.options).length > 0) resource.options = node.options;
    // Which inputs the program fills in from the stack's secrets: named by their configuration key only.
    if (node.secrets !== undefined)
      resource.secrets = node.secrets.map((s) => ({ input: s.path.join("."), config: s.config }));
    return resource;
  });
  return jsonDocument({
    environment: plan.state.environment,
    resources,
    outputs: plan.outputs,
    policyFindings: report.policyFindings,
    ...(report.cost === undefined ? {} : { cost: report.cost }),
  });
}
