import definition from "../../definitions/content-filter-severity-floor.json";
import type { DefinitionPolicy } from "../../policy";

export const contentFilterSeverityFloor: DefinitionPolicy = {
  kind: "definition",
  id: "AID-CF-001",
  name: "content-filter-severity-floor",
  description: definition.properties.description,
  severity: "high",
  remediation: "Set hate, sexual, violence and selfHarm to low or medium on both prompt and completion.",
  follows:
    "Azure built-in 930f48f9-f07e-427c-9494-52603581c6a9 (Guardrail for Cognitive Services Deployments)",
  definitionFile: "content-filter-severity-floor.json",
  definition,
};
