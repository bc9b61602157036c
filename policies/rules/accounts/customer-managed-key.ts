import definition from "../../definitions/customer-managed-key.json";
import type { DefinitionPolicy } from "../../policy";

export const customerManagedKey: DefinitionPolicy = {
  kind: "definition",
  id: "AID-ACC-005",
  name: "customer-managed-key",
  description: definition.properties.description,
  severity: "low",
  remediation: "Add `encryption: { keyVaultUri, keyName }` to the account.",
  follows: "Azure built-in 67121cc7-ff39-4ab8-b7e3-95b84dab487d",
  definitionFile: "customer-managed-key.json",
  definition,
};
