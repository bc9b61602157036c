import definition from "../../definitions/pinned-model-version.json";
import type { DefinitionPolicy } from "../../policy";

export const pinnedModelVersion: DefinitionPolicy = {
  kind: "definition",
  id: "AID-DEP-006",
  name: "pinned-model-version",
  description: definition.properties.description,
  severity: "high",
  remediation: "Set `versionUpgradeOption: NoAutoUpgrade` on the deployment or in `defaults`.",
  definitionFile: "pinned-model-version.json",
  definition,
  // Pinning is required where the environment is protected; elsewhere the policy does not apply.
  contextParameters: (context): Record<string, string> => (context.protect ? {} : { effect: "Disabled" }),
};
