import { ArmTypes } from "../../arm-view";
import type { StackPolicy } from "../../policy";

const num = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);

export const accountCapacityCap: StackPolicy = {
  kind: "stack",
  id: "AID-STK-002",
  name: "account-capacity-cap",
  description:
    "Caps the capacity all deployments of one account add up to (thousands of tokens per minute for token-based types, PTUs for provisioned types), so one account cannot take a region's whole quota.",
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
    const totals = new Map<string, { tokens: number; ptu: number; first: string }>();
    for (const r of resources) {
      if (r.view.type !== ArmTypes.deployment) continue;
      const sku = r.view.sku;
      const total = totals.get(r.accountId) ?? { tokens: 0, ptu: 0, first: r.name };
      const capacity = sku?.capacity ?? 0;
      if (sku?.name.includes("Provisioned")) total.ptu += capacity;
      else total.tokens += capacity;
      totals.set(r.accountId, total);
    }
    const violations = [];
    for (const [accountId, total] of totals) {
      const account = accountId.split("/").pop() ?? accountId;
      if (total.tokens > limits.tokens) {
        violations.push({
          resource: total.first,
          message: `account "${account}" adds up to ${total.tokens} thousand tokens per minute, over the cap of ${limits.tokens}`,
        });
      }
      if (total.ptu > limits.ptu) {
        violations.push({
          resource: total.first,
          message: `account "${account}" adds up to ${total.ptu} PTUs, over the cap of ${limits.ptu}`,
        });
      }
    }
    return violations;
  },
};
