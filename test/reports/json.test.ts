import { describe, expect, it } from "vitest";
import { formatComplianceJson } from "../../reports/compliance/json";
import { estateReport, lineOf, reportFor, TEST_VERSION, violatingYaml } from "./support";

interface JsonReport {
  file: string;
  environment: string | null;
  generatedAt?: string;
  tool: { name: string; version: string };
  summary: {
    policies: number;
    resources: number;
    checks: number;
    outcomes: Record<string, number>;
    byEnforcement: Record<string, Record<string, number>>;
    blocking: number;
    verdict: string;
  };
  policies: Array<{ id: string; definition: string; enforcement: string; counts: Record<string, number> }>;
  results: Array<{
    policy: { id: string; name: string; definition: string; displayName: string; remediation: string };
    resource: { name: string; type: string; account: string; source: { file: string; line: number } };
    outcome: string;
    effect: string | null;
    enforcement: string;
    message: string;
  }>;
}

describe("JSON report", () => {
  it("holds file, environment, summary, policies and every PolicyResult", () => {
    const report = estateReport("dev");
    const json = JSON.parse(formatComplianceJson(report)) as JsonReport;
    expect(json).toMatchObject({ file: "deployments.yaml", environment: "dev" });
    expect(json.tool).toEqual({ name: "aideploy", version: TEST_VERSION });
    expect(json.results).toHaveLength(json.summary.policies * json.summary.resources);
    expect(json.summary.checks).toBe(json.results.length);
    expect(json.policies.map((p) => p.id)).toEqual([...new Set(json.results.map((r) => r.policy.id))]);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(json.summary.outcomes)).toBe(json.results.length);
    expect(
      Object.values(json.summary.byEnforcement)
        .map(sum)
        .reduce((a, b) => a + b, 0),
    ).toBe(json.results.length);
    for (const r of json.results) {
      expect(Object.keys(r).sort()).toEqual([
        "effect",
        "enforcement",
        "message",
        "outcome",
        "policy",
        "resource",
      ]);
      expect(["compliant", "non-compliant", "not-applicable", "error"]).toContain(r.outcome);
      expect(r.resource.source.line).toBeGreaterThan(0);
    }
  });

  it("is deterministic: no generatedAt unless one is given", () => {
    const first = formatComplianceJson(estateReport());
    expect(JSON.parse(first)).not.toHaveProperty("generatedAt");
    expect(formatComplianceJson(estateReport())).toBe(first);
    const stamped = JSON.parse(
      formatComplianceJson(reportFor(violatingYaml, { generatedAt: "2025-06-01T12:00:00.000Z" })),
    ) as JsonReport;
    expect(stamped.generatedAt).toBe("2025-06-01T12:00:00.000Z");
  });

  it("counts mandatory violations and says the verdict", () => {
    const json = JSON.parse(formatComplianceJson(reportFor(violatingYaml))) as JsonReport;
    expect(json.summary).toMatchObject({ blocking: 2, verdict: "fail" });
    expect(json.summary.byEnforcement.mandatory?.["non-compliant"]).toBe(2);
    const big = json.results.find((r) => r.policy.id === "AID-DEP-005" && r.outcome === "non-compliant");
    expect(big).toMatchObject({
      resource: { name: "main/deployment/big", source: { line: lineOf(violatingYaml, "- name: big") } },
      effect: "deny",
      enforcement: "mandatory",
      policy: { definition: "policies/definitions/deployment-capacity-cap.json" },
    });
  });
});
