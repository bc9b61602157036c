import definition from "../../definitions/deployment-capacity-cap.json";
import type { DefinitionPolicy } from "../../policy";

export const deploymentCapacityCap: DefinitionPolicy = {
  kind: "definition",
  id: "AID-DEP-005",
  name: "deployment-capacity-cap",
  description: definition.properties.description,
  severity: "medium",
  remediation:
    "Lower `capacity` or `rateLimit`, or raise the cap (parameters maxTokenCapacity, maxProvisionedCapacity).",
  definitionFile: "deployment-capacity-cap.json",
  definition,
};
