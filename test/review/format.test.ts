import { describe, expect, it } from "vitest";
import { formatDiffJson } from "../../reports/diff/json";
import { formatDiffMarkdown } from "../../reports/diff/markdown";
import { formatDiffText } from "../../reports/diff/text";
import type { DiffReport } from "../../review/model";
import { testCatalog } from "../support/catalog";
import { unescapedPipes } from "../support/rendering";
import { deployment, diffOf, edited } from "./support";

/** Text a pull request author controls, each trying to escape into markup, links, mentions or tables. */
const hostile: Record<string, string> = {
  "an HTML script": "<script>alert(1)</script>",
  "an HTML comment": "<!-- hidden --> <img src=x onerror=alert(1)>",
  "table pipes": "a | b | c",
  backticks: "x` injected `code",
  "a team mention": "@team please approve",
  "a Markdown link and a bare URL": "[click](https://evil.example/x) or https://evil.example",
  "an image": "![pixel](https://evil.example/p.png)",
  "a newline starting a table row": "first line\n| injected | row |\n# heading",
  "emphasis and an entity": "**bold** _it_ &amp; \\| <b>",
  "a very long string": `long-${"A".repeat(10_000)}`,
};

function hostileReport(text: string): DiffReport {
  return {
    changes: [
      {
        kind: "deployment",
        key: `east/${text}`,
        action: "update",
        fields: [
          { path: `tags.${text}`, before: text, after: `${text}!` },
          {
            path: "items",
            before: [{ pattern: text, regex: false }],
            after: [{ pattern: text, regex: true }],
          },
        ],
        flags: ["breaking", "content-filter-weakened"],
      },
      {
        kind: "blocklist",
        key: text,
        action: "add",
        fields: [{ path: "description", before: null, after: text }],
        flags: [],
      },
    ],
    summary: {
      base: `git:${text}`,
      head: text,
      environment: text,
      counts: { add: 1, remove: 0, update: 1, replace: 0, total: 2 },
      flags: ["breaking", "content-filter-weakened", "policy-regression"],
      flagCounts: { breaking: 1, "content-filter-weakened": 1, "policy-regression": 1 },
      quotaImpact: [
        { region: text, model: text, deploymentType: text, unit: "TPM", before: 0, after: 1000, delta: 1000 },
      ],
      policy: {
        evaluated: true,
        outcomes: { compliant: 1, "non-compliant": 0, "not-applicable": 0, error: 1 },
      },
      policyRegressions: [
        { policyId: text, resourceKey: text, before: "compliant", after: "error", message: text },
      ],
    },
  };
}

/** Tables whose rows all have their header's column count, and no row broken over lines. */
function expectIntactTables(md: string): void {
  let columns: number | undefined;
  for (const line of md.split("\n")) {
    if (!line.startsWith("|")) {
      columns = undefined;
      continue;
    }
    expect(line.endsWith("|"), line).toBe(true);
    const pipes = unescapedPipes(line);
    columns ??= pipes;
    expect(pipes, line).toBe(columns);
  }
}

function expectInert(md: string, text: string): void {
  expect(md).not.toContain(text);
  expect(md.toLowerCase()).not.toContain("<script");
  expect(md).not.toContain("<!--");
  expect(md).not.toContain("<img");
  expect(md).not.toContain("<b>");
  // Every @ is split from what follows it, so that no mention or e-mail link forms.
  expect(md).not.toMatch(/@(?!&#8203;)/);
  // Every bracket is escaped: no link or image can open.
  expect(md).not.toMatch(/(?<!\\)\[/);
  expect(md).not.toContain("://");
  // The only code spans are the flag names this tool writes; every other backtick is escaped.
  expect(md.replace(/`[a-z-]+`/g, "")).not.toMatch(/(?<!\\)`/);
  for (const line of md.split("\n")) {
    if (line.startsWith("#")) expect(line).toMatch(/^#{3,4} (aideploy diff|Quota impact|Policies)/);
    expect(line.length).toBeLessThan(4000);
  }
  expectIntactTables(md);
}

describe("Markdown output is safe for a pull-request comment", () => {
  it.each(Object.entries(hostile))("neutralises %s in every place user text appears", (_, text) => {
    expectInert(formatDiffMarkdown(hostileReport(text)), text);
  });

  it("neutralises hostile tags, blocklist items and descriptions coming from the file", () => {
    const text = hostile["a newline starting a table row"] as string;
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").tags = { owner: `${hostile["a team mention"]} ${hostile["an HTML script"]}` };
        f.blocklists.banned.items.push(text, hostile["a Markdown link and a bare URL"]);
        f.blocklists.banned.description = hostile["table pipes"];
      }),
    });
    const md = formatDiffMarkdown(report);
    for (const t of [text, hostile["a team mention"], hostile["table pipes"]]) expectInert(md, t as string);
  });
});

describe("Markdown layout", () => {
  it("opens with a verdict counting breaking changes", () => {
    const breaking = diffOf({
      head: edited((f) => {
        deployment(f, "chat").accounts = ["east"];
        f.deployments = f.deployments.filter((d: { name: string }) => d.name !== "embed");
      }),
    });
    expect(formatDiffMarkdown(breaking).split("\n")).toContain("⚠️ **2 breaking changes**");
    const safe = diffOf({
      head: edited((f) => {
        deployment(f, "embed").capacity = 60;
      }),
    });
    expect(formatDiffMarkdown(safe).split("\n")).toContain("✅ **No breaking changes**");
    expect(formatDiffMarkdown(diffOf({ head: edited(() => {}) })).split("\n")).toContain("✅ **No changes**");
  });

  it("names replaced resources in the verdict: they are gone while Azure re-creates them", () => {
    const replaced = diffOf({
      head: edited((f) => {
        deployment(f, "embed").model.name = "text-embedding-3-small";
      }),
    });
    expect(replaced.summary.flagCounts).toMatchObject({ replace: 1 });
    expect(formatDiffMarkdown(replaced).split("\n")).toContain("⚠️ **1 re-created resource**");
  });

  it("names weakened content filters in the verdict even without breaking changes", () => {
    const weakened = diffOf({
      head: edited((f) => {
        f.contentFilters.strict.prompt.hate = "high";
      }),
    });
    expect(weakened.summary.flagCounts.breaking ?? 0).toBe(0);
    const lines = formatDiffMarkdown(weakened).split("\n");
    expect(lines.find((l) => l.startsWith("⚠️"))).toMatch(/^⚠️ \*\*\d+ weakened content filters?\*\*$/);
    expect(lines).not.toContain("✅ **No breaking changes**");
  });

  it("has one table row per change with its flags, and the field details folded away", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").capacity = 40;
      }),
    });
    const md = formatDiffMarkdown(report);
    const rows = md.split("\n").filter((l) => l.startsWith("| update |"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("`capacity-decrease`");
    const details = md.slice(md.indexOf("<details>"));
    expect(details).toContain("</details>");
    expect(details).toMatch(/\| <code>sku.capacity<\/code> \| <code>50<\/code> \| <code>40<\/code> \|/);
    expect(md).toContain("| <code>eastus2</code> | <code>text-embedding-3-large</code> |");
  });

  it("stays within GitHub's comment limit, counting the changes it leaves out", () => {
    const many = hostileReport("x".repeat(120));
    const change = many.changes[0] as DiffReport["changes"][number];
    many.changes = Array.from({ length: 2000 }, (_, i) => ({ ...change, key: `east/deployment-${i}` }));
    const regression = many.summary
      .policyRegressions[0] as DiffReport["summary"]["policyRegressions"][number];
    many.summary.policyRegressions = Array.from({ length: 2000 }, () => regression);
    const md = formatDiffMarkdown(many);
    expect(md.length).toBeLessThan(65_536);
    expect(md).toMatch(/\d+ more changes not shown here/);
    expectIntactTables(md);
  });

  it("says when policies were not evaluated", () => {
    expect(formatDiffMarkdown(diffOf({ head: edited(() => {}) }))).toContain("Policies were not evaluated.");
  });
});

describe("tokens and requests per minute beside capacity", () => {
  const o4Mini = { format: "OpenAI", name: "o4-mini", version: "2025-04-16" };
  const report = diffOf({
    base: edited((f) => {
      deployment(f, "embed").model = o4Mini;
    }),
    head: edited((f) => {
      deployment(f, "embed").model = o4Mini;
      deployment(f, "embed").capacity = 80;
      f.deployments.push({
        name: "chat-2",
        account: "west",
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
        capacity: 20,
      });
    }),
    catalog: testCatalog(),
  });

  it("changes with capacity, from the model's unit", () => {
    const lines = formatDiffText(report).split("\n");
    expect(lines).toContain("      sku.capacity: 50 -> 80");
    expect(lines).toContain("      tokensPerMinute: 50000 -> 80000");
    expect(lines).toContain("      requestsPerMinute: 50 -> 80");
    expect(
      lines.some((l) => /^ +eastus2 +o4-mini +Standard +50,000 TPM +80,000 TPM +\+30,000 TPM$/.test(l)),
    ).toBe(true);
  });

  it("are unknown, with the reason, where the model's unit is not documented", () => {
    const added = report.changes.find((c) => c.key === "west/chat-2");
    expect(added?.fields).toContainEqual({
      path: "tokensPerMinute",
      before: null,
      after: "unknown (unit not documented)",
    });
    expect(formatDiffMarkdown(report)).toContain("unknown (unit not documented)");
  });
});

describe("text output", () => {
  it("keeps each change on its own lines, whatever the user text contains", () => {
    const text = formatDiffText(hostileReport(hostile["a newline starting a table row"] as string));
    const lines = text.split("\n");
    expect(lines.some((l) => l.startsWith("| injected") || l.startsWith("# heading"))).toBe(false);
    expect(lines.filter((l) => /^[-+~]{1,2}\s+(update|add)/.test(l))).toHaveLength(2);
  });

  it("shows each field before -> after and set elements as + / -", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").capacity = 40;
        f.blocklists.banned.items = ["secret", "password"];
      }),
    });
    const lines = formatDiffText(report).split("\n");
    expect(lines).toContain("      sku.capacity: 50 -> 40");
    expect(lines).toContain("      items: + password");
    expect(lines).toContain("      items: - proj-[0-9]+ (regex)");
    // text-embedding-3-large's unit is not documented: its quota is counted in units, never converted.
    expect(
      lines.some((l) =>
        /^ +eastus2 +text-embedding-3-large +Standard +50 units +40 units +-10 units$/.test(l),
      ),
    ).toBe(true);
    expect(lines).toContain(
      "  units: capacity units of a model whose tokens per minute per unit are not documented; not converted to TPM.",
    );
  });
});

describe("JSON output", () => {
  it("is the report: changes with kind, key, action, fields, flags; and the summary", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").capacity = 40;
      }),
      env: "dev",
    });
    const json = JSON.parse(formatDiffJson(report));
    expect(Object.keys(json)).toEqual(["changes", "summary"]);
    expect(json.changes).toEqual([
      {
        kind: "deployment",
        key: "east/embed",
        action: "update",
        fields: [{ path: "sku.capacity", before: 50, after: 40 }],
        flags: ["capacity-decrease", "quota-impact"],
      },
    ]);
    expect(json.summary).toMatchObject({
      base: "base.yaml",
      head: "head.yaml",
      environment: "dev",
      counts: { add: 0, remove: 0, update: 1, replace: 0, total: 1 },
      flags: ["capacity-decrease", "quota-impact"],
      quotaImpact: [{ region: "eastus2", unit: "units", before: 50, after: 40, delta: -10 }],
      policyRegressions: [],
    });
  });

  it("writes absent values as null", () => {
    const report = diffOf({
      head: edited((f) => {
        delete deployment(f, "chat-ptu").spillover;
      }),
    });
    const json = JSON.parse(formatDiffJson(report));
    expect(json.changes[0].fields).toEqual([{ path: "spillover", before: "chat", after: null }]);
  });
});
