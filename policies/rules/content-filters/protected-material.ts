import definition from "../../definitions/protected-material.json";
import type { DefinitionPolicy } from "../../policy";

export const protectedMaterial: DefinitionPolicy = {
  kind: "definition",
  id: "AID-CF-003",
  name: "protected-material",
  description: definition.properties.description,
  severity: "medium",
  remediation: "Set `completion.protectedMaterialText` and `protectedMaterialCode` to block or annotate.",
  definitionFile: "protected-material.json",
  definition,
};
