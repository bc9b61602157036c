import { ArmTypes } from "../../arm-view";
import type { StackPolicy } from "../../policy";

const num = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);

interface Sum {
  total: number;
  /** Logical name of the first deployment counted. */
  first: string;
}

export const accountCapacityCap: StackPolicy = {
  kind: "stack",
  id: "AID-STK-002",
  name: "account-capacity-cap",
  description:
    "Caps the capacity all deployments of one account add up to (in Azure's capacity units: the model's quota unit for token-based types, PTUs for provisioned types), so one account cannot take a region's whole quota.",
  severity: "medium",
  remediation:
    "Lower the capacity of deployments on this account, move some to another account, or raise the cap.",
  parameters: { maxAccountTokenCapacity: 5000, maxAccountProvisionedCapacity: 2000 },
  defaultEnforcement: "advisory",
  check(resources, parameters) {
    const limits = {
      tokens: num(parameters.maxAccountTokenCapacity, 5000),
      ptu: num(parameters.maxAccountProvisionedCapacity, 2000),
    };
    // Each sum is reported on the first deployment that counts towards it, where the reader looks first.
    const totals = new Map<string, { tokens?: Sum; ptu?: Sum }>();
    for (const r of resources) {
      if (r.view.type !== ArmTypes.deployment) continue;
      const sku = r.view.sku;
      const sums = totals.get(r.accountId) ?? {};
      const kind = sku?.name.includes("Provisioned") ? "ptu" : "tokens";
      const sum = sums[kind] ?? { total: 0, first: r.name };
      sum.total += sku?.capacity ?? 0;
      sums[kind] = sum;
      totals.set(r.accountId, sums);
    }
    const violations = [];
    for (const [accountId, { tokens, ptu }] of totals) {
      const account = accountId.split("/").pop() ?? accountId;
      if (tokens && tokens.total > limits.tokens) {
        violations.push({
          resource: tokens.first,
          message: `account "${account}" adds up to ${tokens.total} thousand tokens per minute, over the cap of ${limits.tokens}`,
        });
      }
      if (ptu && ptu.total > limits.ptu) {
        violations.push({
          resource: ptu.first,
          message: `account "${account}" adds up to ${ptu.total} PTUs, over the cap of ${limits.ptu}`,
        });
      }
    }
    return violations;
  },
};
