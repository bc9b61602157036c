import { describe, expect, it } from "vitest";
import { countsAsNonCompliant, type PolicyEvaluation } from "../../../policies/evaluator";
import { deployment, evaluateCondition } from "./support";

describe("evaluation outcomes", () => {
  it.each<[PolicyEvaluation, boolean]>([
    [{ outcome: "non-compliant", effect: "deny" }, true],
    [{ outcome: "error", message: "expression failed" }, true],
    [{ outcome: "compliant", effect: "deny" }, false],
    [{ outcome: "not-applicable", reason: "mode" }, false],
  ])("%j counts as non-compliant: %s", (evaluation, expected) => {
    expect(countsAsNonCompliant(evaluation)).toBe(expected);
  });

  it("returns the effect with a compliant outcome too", () => {
    expect(
      evaluateCondition({ field: "type", equals: "Microsoft.Storage/storageAccounts" }, deployment()),
    ).toEqual({
      outcome: "compliant",
      effect: "audit",
    });
  });
});
