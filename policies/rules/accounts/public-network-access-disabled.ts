import definition from "../../definitions/public-network-access-disabled.json";
import type { DefinitionPolicy } from "../../policy";

export const publicNetworkAccessDisabled: DefinitionPolicy = {
  kind: "definition",
  id: "AID-ACC-003",
  name: "public-network-access-disabled",
  description: definition.properties.description,
  severity: "medium",
  remediation: "Set `publicNetworkAccess: Disabled` on the account and reach it through a private endpoint.",
  follows: "Azure built-in 0725b4dd-7e76-479c-a735-68e7ee23d5ca",
  definitionFile: "public-network-access-disabled.json",
  definition,
};
