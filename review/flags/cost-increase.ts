import { costIncreases, deploymentCostChange } from "../../cost/diff";
import type { FlagRule } from "./rule";

/** Judged on the deployment's estimate on each side; an unknown figure (not priced) is never an increase. */
export const costIncrease: FlagRule = {
  id: "cost-increase",
  description:
    "a deployment costs more per month: its fixed cost (PTUs × hourly price × 730) or its usage cost, where usage is declared",
  appliesTo(pair, { cost }) {
    if (pair.kind !== "deployment" || cost === undefined) return false;
    const find = (estimate: typeof cost.base, key: string | undefined) =>
      key === undefined ? undefined : estimate.deployments.find((d) => d.key === key);
    const change = deploymentCostChange(find(cost.base, pair.base?.key), find(cost.head, pair.head?.key));
    return costIncreases(change);
  },
};
