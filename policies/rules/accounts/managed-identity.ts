import definition from "../../definitions/managed-identity.json";
import type { DefinitionPolicy } from "../../policy";

export const managedIdentity: DefinitionPolicy = {
  kind: "definition",
  id: "AID-ACC-004",
  name: "managed-identity",
  description: definition.properties.description,
  severity: "low",
  remediation: "Set `identity: SystemAssigned` on the account.",
  follows: "Azure built-in fe3fd216-4f83-4fc1-8984-2bbec80a3418",
  definitionFile: "managed-identity.json",
  definition,
};
