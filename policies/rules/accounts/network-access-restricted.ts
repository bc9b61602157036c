import definition from "../../definitions/network-access-restricted.json";
import type { DefinitionPolicy } from "../../policy";

export const networkAccessRestricted: DefinitionPolicy = {
  kind: "definition",
  id: "AID-ACC-002",
  name: "network-access-restricted",
  description: definition.properties.description,
  severity: "medium",
  remediation:
    "Set `publicNetworkAccess: Disabled`, or `networkAcls: { defaultAction: Deny }` with the allowed networks.",
  follows: "Azure built-in 037eea7a-bd0a-46c5-9a66-03aea78705d3",
  definitionFile: "network-access-restricted.json",
  definition,
};
