import definition from "../../definitions/approved-models.json";
import type { DefinitionPolicy } from "../../policy";

export const approvedModels: DefinitionPolicy = {
  kind: "definition",
  id: "AID-DEP-001",
  name: "approved-models",
  description: definition.properties.description,
  severity: "high",
  remediation:
    "Deploy a model on the allow-list (parameter allowedModels), or have the model approved and added to it.",
  follows:
    "Microsoft's documented custom policy on deployments/model.name and model.version; community policy d3eaceb3-3727-4260-a4ce-a968f69d70e5",
  definitionFile: "approved-models.json",
  definition,
};
