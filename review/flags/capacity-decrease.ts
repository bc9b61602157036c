import type { DesiredDeployment } from "../../loader/desired-state";
import type { FlagRule } from "./rule";

/**
 * Capacity in a unit two deployments can be compared in: tokens per minute where the model's unit is
 * known, PTUs, or the units of one model (an unknown unit, batch) — units of different models differ.
 */
function comparable(d: DesiredDeployment): { unit: string; amount: number } | undefined {
  const model = d.model.name.toLowerCase();
  switch (d.capacityMeaning.kind) {
    case "tokens":
      return d.tokensPerMinute === undefined ? undefined : { unit: "TPM", amount: d.tokensPerMinute };
    case "tokens-unknown":
      return { unit: `units of ${model}`, amount: d.capacity };
    case "provisioned":
      return { unit: "PTU", amount: d.capacity };
    case "batch":
      return { unit: `batch units of ${model}`, amount: d.capacity };
    case "developer":
      return undefined;
  }
}

export const capacityDecrease: FlagRule = {
  id: "capacity-decrease",
  description:
    "a deployment keeps its name but gets less capacity (fewer tokens per minute, PTUs, or units of the same model)",
  appliesTo(pair) {
    if (pair.kind !== "deployment" || pair.base === undefined || pair.head === undefined) return false;
    const before = comparable(pair.base);
    const after = comparable(pair.head);
    // Amounts in different units (TPM and PTU, units of two models) cannot be compared.
    if (before === undefined || after === undefined || before.unit !== after.unit) return false;
    return after.amount < before.amount;
  },
};
