import { finding, type SemanticCheck } from "./check";
import { sizedObjects } from "./shared/sized";

const STEP = 1000;

export const capacityRateLimitStep: SemanticCheck = {
  code: "capacity/rate-limit-step",
  severity: "error",
  description: "`rateLimit.tokensPerMinute` is not a multiple of 1,000 (capacity is counted in thousands).",
  run(context) {
    return sizedObjects(context.file)
      .filter(({ values }) => values.rateLimit !== undefined && values.rateLimit.tokensPerMinute % STEP !== 0)
      .map(({ values, path }) => {
        const tpm = values.rateLimit?.tokensPerMinute ?? 0;
        const below = Math.floor(tpm / STEP) * STEP;
        const above = below + STEP;
        const options = below > 0 ? `${below} or ${above}` : `${above}`;
        return finding(
          capacityRateLimitStep,
          context,
          [...path, "rateLimit", "tokensPerMinute"],
          `tokensPerMinute ${tpm} is not a multiple of ${STEP}; Azure counts capacity in thousands of tokens per minute`,
          `use ${options}`,
        );
      });
  },
};
