import definition from "../../definitions/prompt-shields.json";
import type { DefinitionPolicy } from "../../policy";

export const promptShields: DefinitionPolicy = {
  kind: "definition",
  id: "AID-CF-002",
  name: "prompt-shields",
  description: definition.properties.description,
  severity: "high",
  remediation: "Set `prompt.jailbreak: block` (and `indirectAttack: block` where required).",
  definitionFile: "prompt-shields.json",
  definition,
};
