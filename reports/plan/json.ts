import { nodeRegistration } from "../../infra/deployment-resource";
import { type ResourceNode, ResourceTypes } from "../../infra/graph";
import { SUBSCRIPTION_RAI_POLICY } from "../../loader/subscription-rai-policy";
import { jsonDocument } from "../../text/json";
import type { PlanReport } from "./model";

/** The api-version a typed resource writes, where a reader must see it (a preview version). */
const typedApiVersion: Partial<Record<string, string>> = {
  [ResourceTypes.subscriptionRaiPolicy]: SUBSCRIPTION_RAI_POLICY.apiVersion.apiVersion,
};

/**
 * What Pulumi is given for a node: its azure-native type token and exact inputs; for a deployment also
 * the api-version written and the former type it is aliased to (infra/deployment-resource.ts).
 */
function registered(node: ResourceNode): Record<string, unknown> {
  const registration = nodeRegistration(node);
  const fields: Record<string, unknown> = { type: registration.type };
  const apiVersion = registration.apiVersion ?? typedApiVersion[node.type];
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
