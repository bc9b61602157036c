import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { Log } from "sarif";
import { beforeAll, describe, expect, it } from "vitest";
import { SOURCE_ROOT_DESCRIPTIONS } from "../../reports/compliance/repository-path";
import { FINGERPRINT_KEY, formatComplianceSarif } from "../../reports/compliance/sarif";
import { repoRoot } from "../support/paths";
import { estateReport, hostileYaml, lineOf, reportFor, TEST_VERSION, violatingYaml } from "./support";

const SCHEMA_FILE = path.join(repoRoot, "test", "fixtures", "sarif", "sarif-schema-2.1.0-rtm.5.json");

/** The draft-04 schema, read as draft-07 (same keywords; see test/fixtures/sarif/README.md). */
function loadSchema(): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  const text = JSON.stringify(schema);
  if (/"exclusive(Minimum|Maximum)":\s*(true|false)/.test(text)) {
    throw new Error(
      "the schema uses draft-04 boolean exclusive bounds; reading it as draft-07 would change them",
    );
  }
  const { id, $schema: _draft04, ...rest } = schema;
  return { $schema: "http://json-schema.org/draft-07/schema#", $id: id, ...rest };
}

let validate: ValidateFunction;

beforeAll(() => {
  // unicodeRegExp off: the rtm.5 `language` pattern has a stray `]` that only non-Unicode regexes accept
  // (errata 01 corrected the pattern; we never emit `language`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  validate = ajv.compile(loadSchema());
});

function expectValid(text: string): Log {
  const log = JSON.parse(text) as Log;
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return log;
}

function run(log: Log) {
  const first = log.runs[0];
  if (first === undefined) throw new Error("no run");
  return first;
}

describe("SARIF report", () => {
  it("the schema rejects what is not SARIF (the validator is live)", () => {
    const log = JSON.parse(formatComplianceSarif(reportFor(violatingYaml))) as Log;
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    const result = broken.runs[0]?.results[0];
    if (result) result.level = "fatal";
    expect(validate(broken)).toBe(false);
    expect(validate({ version: "2.1.0" })).toBe(false);
  });

  it("validates against the SARIF 2.1.0 schema for a clean, a violating and a hostile file", () => {
    expectValid(formatComplianceSarif(estateReport()));
    expectValid(formatComplianceSarif(estateReport("dev")));
    expectValid(formatComplianceSarif(reportFor(violatingYaml)));
    expectValid(formatComplianceSarif(reportFor(hostileYaml)));
    expectValid(formatComplianceSarif(reportFor(violatingYaml, { generatedAt: "2025-01-02T03:04:05.000Z" })));
  });

  it("puts each non-compliant result on the deployments.yaml line that declared the resource", () => {
    const log = expectValid(formatComplianceSarif(reportFor(violatingYaml)));
    const results = run(log).results ?? [];
    expect(results.map((r) => r.ruleId).sort()).toEqual(["AID-ACC-001", "AID-DEP-005"]);
    const byRule = (id: string) => results.find((r) => r.ruleId === id);
    const location = (id: string) => byRule(id)?.locations?.[0]?.physicalLocation;
    expect(location("AID-ACC-001")).toEqual({
      artifactLocation: { uri: "deployments.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: lineOf(violatingYaml, "name: acme-ai"), startColumn: 5 },
    });
    expect(location("AID-DEP-005")?.region).toEqual({
      startLine: lineOf(violatingYaml, "- name: big"),
      startColumn: 5,
    });
    expect(byRule("AID-DEP-005")?.level).toBe("error");
    expect(byRule("AID-DEP-005")?.message.text).toContain(
      "deployment big on acme-ai (OpenAI gpt-4o-mini 2024-07-18, GlobalStandard × 2000)",
    );
    expect(byRule("AID-DEP-005")?.locations?.[0]?.logicalLocations).toEqual([
      { name: "main/deployment/big", kind: "resource" },
    ]);
  });

  it("reports only non-compliant and failed checks; a clean file has a run with no results", () => {
    const log = expectValid(formatComplianceSarif(estateReport()));
    expect(run(log).results).toEqual([]);
    const report = reportFor(violatingYaml);
    const target = report.results.find((r) => r.outcome === "compliant");
    if (!target) throw new Error("no compliant result");
    target.outcome = "error";
    target.message = "evaluation failed: unknown alias";
    const withError = expectValid(formatComplianceSarif(report));
    const errors = (run(withError).results ?? []).filter((r) =>
      r.message.text?.startsWith("Policy evaluation failed"),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]?.ruleId).toBe(target.policy.id);
  });

  it("describes one rule per policy, with the definition followed and a level from its enforcement", () => {
    const report = reportFor(violatingYaml, {
      config: { "deployment-capacity-cap": "advisory", "local-auth-disabled": "disabled" },
    });
    const log = expectValid(formatComplianceSarif(report));
    const { driver } = run(log).tool;
    expect(driver.name).toBe("aideploy");
    expect(driver.version).toBe(TEST_VERSION);
    const rules = driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(report.policies.map((p) => p.id));
    const cap = rules.find((r) => r.id === "AID-DEP-005");
    expect(cap).toMatchObject({
      name: "deployment-capacity-cap",
      shortDescription: { text: "Deployments should stay within a capacity cap" },
      defaultConfiguration: { level: "warning" },
      properties: { definition: "policies/definitions/deployment-capacity-cap.json" },
    });
    expect(cap?.fullDescription?.text).toMatch(/capacity/);
    expect(cap?.help?.text).toContain("Lower `capacity`");
    const localAuth = rules.find((r) => r.id === "AID-ACC-001");
    expect(localAuth?.defaultConfiguration?.level).toBe("none");
    expect(localAuth?.properties?.follows).toMatch(/^Azure built-in /);
    expect(rules.find((r) => r.id === "AID-CF-002")?.defaultConfiguration?.level).toBe("error");
    const levels = Object.fromEntries((run(log).results ?? []).map((r) => [r.ruleId, r.level]));
    expect(levels).toEqual({ "AID-ACC-001": "none", "AID-DEP-005": "warning" });
    for (const r of run(log).results ?? [])
      expect(r.ruleIndex).toBe(rules.findIndex((d) => d.id === r.ruleId));
  });

  it("keeps fingerprints stable when lines move, and distinct per policy and resource", () => {
    const moved = violatingYaml.replace("version: 1\n", "version: 1\n# a comment\n# another\n\n");
    const before = run(expectValid(formatComplianceSarif(reportFor(violatingYaml)))).results ?? [];
    const after = run(expectValid(formatComplianceSarif(reportFor(moved)))).results ?? [];
    const prints = (results: typeof before) =>
      Object.fromEntries(results.map((r) => [r.ruleId, r.partialFingerprints?.[FINGERPRINT_KEY]]));
    expect(prints(after)).toEqual(prints(before));
    expect(new Set(Object.values(prints(before))).size).toBe(before.length);
    expect(after[0]?.locations?.[0]?.physicalLocation?.region?.startLine).not.toBe(
      before[0]?.locations?.[0]?.physicalLocation?.region?.startLine,
    );
  });

  it("uses the path relative to the repository as the artifact URI, percent-encoded", () => {
    const report = reportFor(violatingYaml, { file: "infra/deployments.yaml" });
    expect(run(expectValid(formatComplianceSarif(report))).artifacts?.[0]?.location?.uri).toBe(
      "infra/deployments.yaml",
    );
    report.repositoryPath = "config dir/deployments #1.yaml";
    const log = expectValid(formatComplianceSarif(report));
    expect(run(log).results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      "config%20dir/deployments%20%231.yaml",
    );
  });

  it("locates every result relative to %SRCROOT%, never by an absolute or parent path, and says what the root is", () => {
    for (const file of [
      "/srv/config/deployments.yaml",
      "../elsewhere/deployments.yaml",
      "deployments.yaml",
    ]) {
      const log = expectValid(formatComplianceSarif(reportFor(violatingYaml, { file })));
      const locations = [
        ...(run(log).artifacts ?? []).map((a) => a.location),
        ...(run(log).results ?? []).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation),
      ];
      expect(locations.length, file).toBeGreaterThan(1);
      for (const location of locations)
        expect(location, file).toEqual({ uri: "deployments.yaml", uriBaseId: "%SRCROOT%" });
    }
    const description = (file: string) =>
      run(expectValid(formatComplianceSarif(reportFor(violatingYaml, { file })))).originalUriBaseIds?.[
        "%SRCROOT%"
      ];
    expect(description("/srv/config/deployments.yaml")).toEqual({
      description: { text: SOURCE_ROOT_DESCRIPTIONS["file-directory"] },
    });
    expect(description("deployments.yaml")).toEqual({
      description: { text: SOURCE_ROOT_DESCRIPTIONS["working-directory"] },
    });
    const inGit = reportFor(violatingYaml);
    inGit.sourceRoot = "git";
    expect(run(expectValid(formatComplianceSarif(inGit))).originalUriBaseIds).toEqual({
      "%SRCROOT%": {
        description: { text: "The top level of the Git work tree that holds the deployments file." },
      },
    });
  });

  it("keeps messages on one line", () => {
    const report = reportFor(violatingYaml);
    for (const r of report.results) r.message = `first line\nsecond line\r\n\u2028third`;
    const log = expectValid(formatComplianceSarif(report));
    for (const r of run(log).results ?? []) expect(r.message.text).not.toMatch(/[\n\r\u2028]/);
    for (const rule of run(log).tool.driver.rules ?? []) expect(rule.help?.text).not.toMatch(/[\n\r]/);
  });
});
