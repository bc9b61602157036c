import { describe, expect, it } from "vitest";
import { formatComplianceMarkdown } from "../../reports/compliance/markdown";
import {
  columnCount,
  decodeEntities,
  estateReport,
  hostileYaml,
  LONG,
  markdownTables,
  reportFor,
  SCRIPT,
  violatingYaml,
} from "./support";

function expectTablesIntact(markdown: string): void {
  const tables = markdownTables(markdown);
  expect(tables.length).toBeGreaterThan(0);
  for (const rows of tables) {
    const columns = columnCount(rows[0] ?? "");
    for (const row of rows) {
      expect(row.endsWith("|"), row).toBe(true);
      expect(columnCount(row), row).toBe(columns);
    }
  }
}

describe("Markdown report", () => {
  it("opens with the verdict and the counts per enforcement", () => {
    const md = formatComplianceMarkdown(reportFor(violatingYaml));
    const lines = md.split("\n");
    expect(lines[0]).toBe("## Compliance report");
    expect(lines[2]).toBe(
      "❌ **Fails**: 2 findings of mandatory policies block the deployment (exit code 1).",
    );
    expect(md).toContain("17 policies × 5 resources = 85 checks");
    expect(md).toMatch(/\| mandatory \| 2 \| · \| \d+ \| \d+ \|/);
    expect(md).toMatch(/\| \*\*total\*\* \| \*\*2\*\* \| \*\*0\*\* \|/);
    expectTablesIntact(md);
  });

  it("passes a clean file and says so", () => {
    const md = formatComplianceMarkdown(estateReport());
    expect(md).toContain("✅ **Passes**: every applicable policy is met.");
    expect(md).toContain("No resource is non-compliant and every policy could be evaluated.");
    expect(md).not.toContain("How to fix");
  });

  it("lists findings with policy, resource, location and message, and how to fix them", () => {
    const md = formatComplianceMarkdown(reportFor(violatingYaml));
    const findings = (markdownTables(md)[1] ?? []).map(decodeEntities);
    expect(findings[0]).toBe("| Outcome | Enforcement | Policy | Resource | Declared at | Message |");
    expect(findings).toHaveLength(4);
    expect(findings[2]).toContain("<code>AID-ACC-001</code>");
    expect(findings[2]).toContain("<code>deployments.yaml:4:5</code>");
    expect(findings[3]).toContain("<code>main/deployment/big</code>");
    expect(md).toContain("<details><summary>Compliance by resource (5 resources)</summary>");
    expect(md).toContain("<details><summary>How to fix (2 policies)</summary>");
  });

  it("caps long tables and says how many rows were left out", () => {
    const md = formatComplianceMarkdown(estateReport(), { maxRows: 3 });
    const [, policies, resources] = markdownTables(md);
    expect(policies).toHaveLength(2 + 3);
    expect(resources).toHaveLength(2 + 3);
    expect(md).toContain("_14 policies more not shown;");
    expect(md).toContain("_20 resources more not shown;");
  });

  it("makes hostile names, tags, descriptions and blocklist items inert", () => {
    const report = reportFor(hostileYaml);
    // Names and policy text from users' own Azure Policy are user text as well.
    const [first] = report.results;
    if (first) {
      first.outcome = "non-compliant";
      first.resource.name = "acct|`x`@team";
      first.message = `line one\nline two | [link](http://x) @team ${SCRIPT}`;
      first.policy.displayName = "| evil | `policy` @org/team";
    }
    const md = formatComplianceMarkdown(report);
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/<img/i);
    expect(md).not.toMatch(/<b>/i);
    // Every bracket is escaped: no link or image can open.
    expect(md).not.toMatch(/(?<!\\)\[/);
    expect(md).not.toMatch(/@team|@org/);
    expect(md).not.toContain("END-OF-LONG-VALUE");
    expect(md).not.toContain(LONG);
    // Every backtick is escaped: user text never opens a code span.
    expect(md).not.toMatch(/(?<!\\)`/);
    expectTablesIntact(md);
    // The hostile text is still there, escaped: a reader sees what the file says.
    expect(md).toContain("&lt;script>alert(1)&lt;/script>");
    expect(decodeEntities(md)).toContain(SCRIPT);
  });
});
