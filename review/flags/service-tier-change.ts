import type { FlagRule } from "./rule";

/** Priority processing is billed at another price per token than standard processing. */
export const serviceTierChange: FlagRule = {
  id: "service-tier-change",
  description:
    "a deployment's processing tier changes (serviceTier: Default or Priority): the price per token of its traffic changes",
  appliesTo(pair) {
    if (pair.kind !== "deployment" || pair.head === undefined) return false;
    const before = pair.base === undefined ? "Default" : (pair.base.serviceTier ?? "Default");
    return before !== (pair.head.serviceTier ?? "Default");
  },
};
