import definition from "../../definitions/approved-registry-models.json";
import type { DefinitionPolicy } from "../../policy";

export const approvedRegistryModels: DefinitionPolicy = {
  kind: "definition",
  id: "AID-DEP-002",
  name: "approved-registry-models",
  description: definition.properties.description,
  severity: "medium",
  remediation:
    "Use a model from an allowed publisher (parameter allowedPublishers) or an allowed asset id (allowedAssetIds).",
  follows: "Azure built-in aafe3651-cb78-4f68-9f81-e7e41509110f",
  definitionFile: "approved-registry-models.json",
  definition,
};
