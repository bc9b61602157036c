import { jsonDocument } from "../../text/json";
import type { PlanReport } from "./model";

/** The plan as JSON (a contract): environment, resources with their exact azure-native inputs, outputs. */
export function formatPlanJson(report: PlanReport): string {
  const { plan } = report;
  const resources = plan.graph.nodes.map((node) => {
    const resource: Record<string, unknown> = {
      name: node.name,
      type: node.type,
      inputs: node.inputs,
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
