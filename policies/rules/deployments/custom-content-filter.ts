import definition from "../../definitions/custom-content-filter.json";
import type { DefinitionPolicy } from "../../policy";

export const customContentFilter: DefinitionPolicy = {
  kind: "definition",
  id: "AID-DEP-004",
  name: "custom-content-filter",
  description: definition.properties.description,
  severity: "medium",
  remediation:
    "Set `contentFilter` on the deployment (or in `defaults`) to a filter declared under `contentFilters`.",
  definitionFile: "custom-content-filter.json",
  definition,
};
