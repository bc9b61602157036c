import definition from "../../definitions/allowed-deployment-types.json";
import type { DefinitionPolicy } from "../../policy";

export const allowedDeploymentTypes: DefinitionPolicy = {
  kind: "definition",
  id: "AID-DEP-003",
  name: "allowed-deployment-types",
  description: definition.properties.description,
  severity: "high",
  remediation:
    "Use an allowed deployment type (`sku`), e.g. Standard or DataZoneStandard instead of GlobalStandard.",
  follows: "Microsoft's documented custom deny on deployments/sku.name for data residency",
  definitionFile: "allowed-deployment-types.json",
  definition,
};
