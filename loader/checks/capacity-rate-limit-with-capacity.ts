import { finding, type SemanticCheck } from "./check";
import { sizedObjects } from "./shared/sized";

export const capacityRateLimitWithCapacity: SemanticCheck = {
  code: "capacity/rate-limit-with-capacity",
  severity: "error",
  description:
    "`capacity` and `rateLimit` are both set on one deployment, override or defaults; only `capacity` would count.",
  run(context) {
    return sizedObjects(context.file)
      .filter(({ values }) => values.capacity !== undefined && values.rateLimit !== undefined)
      .map(({ values, path }) =>
        finding(
          capacityRateLimitWithCapacity,
          context,
          [...path, "rateLimit"],
          `both \`capacity\` (${values.capacity}) and \`rateLimit\` are set; \`capacity\` wins and \`rateLimit\` is ignored`,
          "keep one: `capacity` in units, or `rateLimit.tokensPerMinute` (capacity = tokensPerMinute / the tokens per minute of one unit of the model)",
          { key: true },
        ),
      );
  },
};
