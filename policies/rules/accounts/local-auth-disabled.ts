import definition from "../../definitions/local-auth-disabled.json";
import type { DefinitionPolicy } from "../../policy";

export const localAuthDisabled: DefinitionPolicy = {
  kind: "definition",
  id: "AID-ACC-001",
  name: "local-auth-disabled",
  description: definition.properties.description,
  severity: "high",
  remediation: "Set `disableLocalAuth: true` on the account; clients authenticate with Entra ID.",
  follows: "Azure built-in 71ef260a-8f18-47b7-abcb-62d0673d94dc",
  definitionFile: "local-auth-disabled.json",
  definition,
};
