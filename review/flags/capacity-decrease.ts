import { isProvisioned } from "../../loader/deployment-types";
import type { FlagRule } from "./rule";

export const capacityDecrease: FlagRule = {
  id: "capacity-decrease",
  description: "a deployment keeps its name but gets less capacity (fewer tokens per minute or PTUs)",
  appliesTo(pair) {
    if (pair.kind !== "deployment" || pair.base === undefined || pair.head === undefined) return false;
    // TPM and PTU units cannot be compared.
    if (isProvisioned(pair.base.sku) !== isProvisioned(pair.head.sku)) return false;
    return pair.head.capacity < pair.base.capacity;
  },
};
