import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { formatComplianceJunit } from "../../reports/compliance/junit";
import { xmlAttribute, xmlText } from "../../text/escape";
import { estateReport, hostileYaml, lineOf, reportFor, SCRIPT, violatingYaml } from "./support";

interface Case {
  classname: string;
  name: string;
  file: string;
  line: string;
  failure?: { message: string; type: string; "#text": string };
  error?: { message: string; type: string };
  skipped?: { message: string };
  "system-out"?: string;
}

interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase: Case[];
}

interface Suites {
  testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: Suite[] };
}

function parse(xml: string): Suites {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  });
  return parser.parse(xml) as Suites;
}

describe("JUnit report", () => {
  it("has one suite per policy and one test case per resource × policy", () => {
    const report = estateReport();
    const { testsuites } = parse(formatComplianceJunit(report));
    expect(testsuites.testsuite).toHaveLength(report.policies.length);
    expect(Number(testsuites.tests)).toBe(report.policies.length * report.resources.length);
    for (const [i, suite] of testsuites.testsuite.entries()) {
      const policy = report.policies[i];
      expect(suite.name).toBe(`${policy?.id} ${policy?.name}`);
      expect(suite.testcase).toHaveLength(report.resources.length);
      expect(suite.testcase.map((c) => c.name)).toEqual(report.resources.map((r) => r.name));
      expect(new Set(suite.testcase.map((c) => c.classname))).toEqual(new Set([policy?.id]));
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure).length);
      expect(Number(suite.errors)).toBe(suite.testcase.filter((c) => c.error).length);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((c) => c.skipped !== undefined).length);
    }
    expect(Number(testsuites.skipped)).toBe(report.summary.outcomes["not-applicable"]);
    expect(Number(testsuites.failures)).toBe(0);
  });

  it("fails the cases of non-compliant resources with the enforcement as type, at the declaring line", () => {
    const { testsuites } = parse(formatComplianceJunit(reportFor(violatingYaml)));
    expect(Number(testsuites.failures)).toBe(2);
    const failed = testsuites.testsuite.flatMap((s) => s.testcase.filter((c) => c.failure));
    expect(failed.map((c) => [c.classname, c.name, c.file, c.line, c.failure?.type])).toEqual([
      [
        "AID-ACC-001",
        "main",
        "deployments.yaml",
        String(lineOf(violatingYaml, "name: acme-ai")),
        "mandatory",
      ],
      [
        "AID-DEP-005",
        "main/deployment/big",
        "deployments.yaml",
        String(lineOf(violatingYaml, "- name: big")),
        "mandatory",
      ],
    ]);
    expect(failed[1]?.failure?.message).toContain("capacity cap");
    expect(failed[1]?.failure?.["#text"]).toContain("Remediation: Lower `capacity`");
    const skipped = testsuites.testsuite.flatMap((s) => s.testcase.filter((c) => c.skipped !== undefined));
    expect(skipped.length).toBeGreaterThan(0);
    for (const c of skipped) expect(c.skipped?.message).toMatch(/\S/);
  });

  it("passes advisory findings with the finding as output; only mandatory violations fail", () => {
    const report = reportFor(violatingYaml, { config: { "deployment-capacity-cap": "advisory" } });
    const { testsuites } = parse(formatComplianceJunit(report));
    const cases = testsuites.testsuite.flatMap((s) => s.testcase);
    const failed = cases.filter((c) => c.failure !== undefined);
    expect(failed.map((c) => [c.classname, c.name, c.failure?.type])).toEqual([
      ["AID-ACC-001", "main", "mandatory"],
    ]);
    expect(Number(testsuites.failures)).toBe(1);
    const capSuite = testsuites.testsuite.find((s) => s.name.startsWith("AID-DEP-005 "));
    expect(Number(capSuite?.failures)).toBe(0);
    const advisory = capSuite?.testcase.find((c) => c.name === "main/deployment/big");
    expect(advisory?.failure).toBeUndefined();
    expect(advisory?.error).toBeUndefined();
    expect(advisory?.skipped).toBeUndefined();
    expect(advisory?.line).toBe(String(lineOf(violatingYaml, "- name: big")));
    expect(advisory?.["system-out"]).toMatch(/^Advisory finding \(advisory: does not fail the run\)\n/);
    expect(advisory?.["system-out"]).toContain("capacity cap");
    expect(advisory?.["system-out"]).toContain("Remediation: Lower `capacity`");
    // The other cases of the suite are as before: passing without output, or skipped.
    expect(capSuite?.testcase.filter((c) => c["system-out"] !== undefined)).toHaveLength(1);
  });

  it("reports a failed evaluation as an error, whatever the enforcement", () => {
    const report = reportFor(violatingYaml, { config: { "deployment-capacity-cap": "advisory" } });
    const target = report.results.find((r) => r.outcome === "compliant" && r.enforcement === "advisory");
    if (!target) throw new Error("no compliant advisory result");
    target.outcome = "error";
    target.message = "evaluation failed: boom";
    const { testsuites } = parse(formatComplianceJunit(report));
    expect(Number(testsuites.errors)).toBe(1);
    const errored = testsuites.testsuite.flatMap((s) => s.testcase.filter((c) => c.error));
    expect(errored.map((c) => [c.classname, c.name, c.error?.type])).toEqual([
      [target.policy.id, target.resource.name, "evaluation-error"],
    ]);
  });

  it("reports a failed evaluation as an error", () => {
    const report = reportFor(violatingYaml);
    const target = report.results.find((r) => r.outcome === "compliant");
    if (!target) throw new Error("no compliant result");
    target.outcome = "error";
    target.message = "evaluation failed: boom";
    const { testsuites } = parse(formatComplianceJunit(report));
    expect(Number(testsuites.errors)).toBe(1);
    const errored = testsuites.testsuite.flatMap((s) => s.testcase.filter((c) => c.error));
    expect(errored.map((c) => [c.classname, c.name, c.error?.message, c.error?.type])).toEqual([
      [target.policy.id, target.resource.name, "evaluation failed: boom", "evaluation-error"],
    ]);
  });

  it("escapes markup and quotes and drops characters XML 1.0 forbids", () => {
    const report = reportFor(hostileYaml);
    const nasty = `a & b < c > d " e ' f \u0000\u0001\u001b\u000b\ufffe\ud800 g\nh`;
    for (const r of report.results) {
      r.message = `${nasty} ${SCRIPT}`;
      r.resource.name = `${r.resource.name} ${nasty}`;
    }
    report.results[0] = {
      ...(report.results[0] as (typeof report.results)[number]),
      outcome: "non-compliant",
    };
    const xml = formatComplianceJunit(report);
    expect(xml).not.toContain("<script");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are absent
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const { testsuites } = parse(xml);
    const first = testsuites.testsuite[0]?.testcase[0];
    expect(first?.failure?.message).toBe(`a & b < c > d " e ' f  g\nh ${SCRIPT}`);
    expect(first?.name).toContain(`a & b < c > d " e ' f  g\nh`);
  });

  it("escapes text and attributes for XML", () => {
    expect(xmlText(`<a href="x">&'</a>`)).toBe('&#60;a href="x"&#62;&#38;\'&#60;/a&#62;');
    expect(xmlAttribute(`"'<>&\t\n`)).toBe("&#34;&#39;&#60;&#62;&#38;&#9;&#10;");
    expect(xmlText("ok \ud83d\ude00 \ud83d")).toBe("ok \ud83d\ude00 ");
  });
});
