import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";

export const deploymentMissingType: SemanticCheck = {
  code: "deployment/missing-type",
  severity: "error",
  description: "Neither a deployment nor `defaults` sets the deployment type (`sku`).",
  run(context) {
    if (context.file.defaults?.sku !== undefined) return [];
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (deployment.sku !== undefined) return;
      diagnostics.push(
        finding(
          deploymentMissingType,
          context,
          ["deployments", index, "name"],
          `deployment "${deployment.name}" has no deployment type: neither it nor \`defaults\` sets \`sku\``,
          "add `sku:` (GlobalStandard, Standard, DataZoneStandard, ProvisionedManaged, …) to the deployment or to `defaults`",
          { key: true },
        ),
      );
    });
    return diagnostics;
  },
};
