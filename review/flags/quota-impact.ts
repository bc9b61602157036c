import { bucketOf, quotaContribution, sameQuota } from "../quota";
import type { FlagRule } from "./rule";

/** Judged per bucket: moving capacity between deployments of one bucket (a rename) holds no more quota. */
export const quotaImpact: FlagRule = {
  id: "quota-impact",
  description:
    "quota held changes: tokens per minute (or units, when the model's unit is unknown) per region, model and deployment type; PTUs per region and provisioned type, across models; enqueued-token units per region, model and batch type",
  appliesTo(pair, { base, head, quotaImpact: rows }) {
    if (pair.kind !== "deployment") return false;
    const before = pair.base === undefined ? undefined : quotaContribution(base, pair.base);
    const after = pair.head === undefined ? undefined : quotaContribution(head, pair.head);
    if (sameQuota(before, after)) return false;
    const changed = new Set(rows.map(bucketOf));
    return [before, after].some((c) => c !== undefined && changed.has(bucketOf(c)));
  },
};
