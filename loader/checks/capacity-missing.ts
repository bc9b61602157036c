import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";

export const capacityMissing: SemanticCheck = {
  code: "capacity/missing",
  severity: "error",
  description: "Neither a deployment nor `defaults` sets `capacity` or `rateLimit`.",
  run(context) {
    const defaults = context.file.defaults;
    if (defaults?.capacity !== undefined || defaults?.rateLimit !== undefined) return [];
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (deployment.capacity !== undefined || deployment.rateLimit !== undefined) return;
      diagnostics.push(
        finding(
          capacityMissing,
          context,
          ["deployments", index, "name"],
          `deployment "${deployment.name}" has no capacity: neither it nor \`defaults\` sets \`capacity\` or \`rateLimit\``,
          "add `capacity:` (units: the model's unit of tokens per minute for standard types, PTUs for provisioned types) or `rateLimit: { tokensPerMinute: … }` to the deployment or to `defaults`",
          { key: true },
        ),
      );
    });
    return diagnostics;
  },
};
