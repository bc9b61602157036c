import definition from "../../definitions/content-filter-modes.json";
import type { DefinitionPolicy } from "../../policy";

export const contentFilterModes: DefinitionPolicy = {
  kind: "definition",
  id: "AID-CF-004",
  name: "content-filter-modes",
  description: definition.properties.description,
  severity: "medium",
  remediation:
    "Set the content filter `mode` to Default (filtered before it is streamed), or allow the mode with the policy parameter `allowedModes`.",
  definitionFile: "content-filter-modes.json",
  definition,
};
