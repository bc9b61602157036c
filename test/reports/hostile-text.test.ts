import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { estimateCost } from "../../cost/estimate";
import { readPriceFile } from "../../cost/price-file";
import { SHIPPED_PRICES_PATH } from "../../cost/prices";
import { diagnosticFormatters } from "../../diagnostics/formatters";
import type { DriftReport } from "../../live/drift";
import { checkPlanPolicies, loadPolicyInputs } from "../../policies/check-plan";
import { projectPolicies } from "../../policies/registry";
import { complianceFormatters } from "../../reports/compliance";
import type { QuotaEntry } from "../../reports/compliance/capacity";
import { formatComplianceHtml } from "../../reports/compliance/html";
import { formatComplianceMarkdown } from "../../reports/compliance/markdown";
import { diffFormatters } from "../../reports/diff";
import { formatDiffMarkdown } from "../../reports/diff/markdown";
import { driftFormatters } from "../../reports/drift";
import { formatDriftMarkdown } from "../../reports/drift/markdown";
import { planFormatters } from "../../reports/plan";
import { formatPlanMarkdown } from "../../reports/plan/markdown";
import { buildPlanReport } from "../../reports/plan/model";
import { policyListFormatters } from "../../reports/policy-list";
import { formatPolicyListMarkdown } from "../../reports/policy-list/markdown";
import { listPolicies } from "../../reports/policy-list/model";
import type { DiffReport } from "../../review/model";
import { repoRoot } from "../support/paths";
import { planText } from "../support/plan";
import {
  elementsOf,
  type HtmlNode,
  type Readers,
  readers,
  structureOf,
  textNodesOf,
  unescapedPipes,
  visibleText,
} from "../support/rendering";
import { reportFor } from "./support";

/**
 * Every Markdown and HTML formatter, fed user text that tries every way out of plain text. Each model is
 * a realistic one whose every free-text string is prefixed with the hostile text (`taint`), so that a
 * field added later is covered without touching this file. Names, tags, descriptions and blocklist items
 * come from a pull request; live values and messages from Azure: all are user text.
 */

/** Hostile text, and a part of it a reader must still see once rendered (white space collapsed). */
const HOSTILE: Record<string, { text: string; shows: string }> = {
  "a script": { text: "<script>alert(1)</script>", shows: "<script>alert(1)</script>" },
  "an image": { text: "<img src=x onerror=alert(1)>", shows: "<img src=x onerror=alert(1)>" },
  "an iframe": { text: '<iframe src="https://evil.example/"></iframe>', shows: "<iframe src=" },
  "an HTML comment and bold": { text: "<!-- hidden --><b>bold</b>", shows: "<!-- hidden --><b>bold</b>" },
  "a Markdown link": { text: "[click](https://evil.example/x)", shows: "[click](https://evil.example" },
  "a Markdown image": { text: "![pixel](https://evil.example/p.png)", shows: "![pixel](https://" },
  "a reference link": { text: "[click][r] [r]: https://evil.example", shows: "[click][r] [r]:" },
  "an angle-bracket autolink": { text: "<https://evil.example>", shows: "<https://evil.example>" },
  "a bare URL": { text: "see https://evil.example/x now", shows: "see https://evil.example/x" },
  "a www link": { text: "see www.evil.example now", shows: "see www.evil.example now" },
  "an e-mail address": { text: "mail admin@evil.example", shows: "mail admin@evil.example" },
  "a user and a team mention": { text: "@user and @org/team approve", shows: "@user and @org/team" },
  "issue references": { text: "#123 GH-45 org/repo#6", shows: "#123 GH-45 org/repo#6" },
  "table pipes": { text: "a | b || c |", shows: "a | b || c |" },
  "a backslash before a pipe": { text: "a \\| b \\\\| c", shows: "a \\| b \\\\| c" },
  "a trailing backslash": { text: "ends in \\", shows: "ends in \\" },
  backticks: { text: "x` injected `code ``` fence", shows: "x` injected `code ```" },
  "emphasis and strikethrough": { text: "**bold** _it_ ~~gone~~ ~x~", shows: "**bold** _it_ ~~gone~~" },
  entities: { text: "&amp; &lt;b&gt; &#64;user &copy;", shows: "&amp; &lt;b&gt; &#64;user" },
  "a footnote and a task": { text: "[^1] [ ] task", shows: "[^1] [ ] task" },
  "newlines opening blocks": {
    text: "first line\n| injected | row |\n# heading\n\n- item\r\n> quote\u2028second",
    shows: "first line | injected | row | # heading - item > quote second",
  },
  "a heading at the start": { text: "# heading", shows: "# heading" },
  "a list item at the start": { text: "- item", shows: "- item" },
  "an ordered list item at the start": { text: "1. item", shows: "1. item" },
  "a quote at the start": { text: "> quote", shows: "> quote" },
  "a thematic break": { text: "***", shows: "***" },
  "indented code": { text: "      code", shows: "code" },
  "ANSI escape sequences": {
    text: "\u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 \u009b1m!",
    shows: "red link !",
  },
  "a 10 KB string": { text: `${"A".repeat(10_240)}TAIL`, shows: "AAAAAAAAAAAA" },
};

const BENIGN = "plain-";

/**
 * Every string of `value` prefixed with `payload`, except at the key paths `keep` names (values the
 * formatters switch on, such as outcomes and kinds). Array indices are not part of a path.
 */
function taint<T>(value: T, payload: string, keep: (path: string) => boolean, at = ""): T {
  if (typeof value === "string") return (keep(at) ? value : `${payload}${value}`) as T;
  if (Array.isArray(value)) return value.map((item) => taint(item, payload, keep, at)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        taint(item, payload, keep, at ? `${at}.${key}` : key),
      ]),
    ) as T;
  }
  return value;
}

const lastKeyIn =
  (...keys: string[]) =>
  (at: string): boolean =>
    keys.includes(at.slice(at.lastIndexOf(".") + 1));

/** A file with every kind of resource and free text: tags, a blocklist with a description and items. */
const richYaml = `version: 1
accounts:
  main:
    name: acme-ai
    resourceGroup: rg-ai
    location: eastus2
    create: true
    customSubDomain: acme-ai
    publicNetworkAccess: Disabled
    disableLocalAuth: false
    identity: SystemAssigned
    networkAcls: { defaultAction: Deny }
    tags: { owner: platform-team, cost-center: "4711" }
defaults:
  sku: GlobalStandard
  contentFilter: strict
  versionUpgradeOption: NoAutoUpgrade
deployments:
  - name: gpt-4o
    account: main
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    capacity: 150
    tags: { reviewer: data-team }
  - name: big
    account: main
    model: { format: OpenAI, name: gpt-4o-mini, version: "2024-07-18" }
    capacity: 2000
  - name: ptu
    account: main
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    sku: GlobalProvisionedManaged
    capacity: 50
    spillover: gpt-4o
    usage: { inputTokens: 1000000000, outputTokens: 100000000, spilloverShare: 0.1 }
reservations:
  - { deploymentType: GlobalProvisionedManaged, region: eastus2, quantity: 20, term: year }
contentFilters:
  strict:
    base: Microsoft.DefaultV2
    mode: Blocking
    prompt: { hate: low, sexual: low, violence: medium, selfHarm: low, jailbreak: block, indirectAttack: block, blocklists: [words] }
    completion: { hate: low, sexual: low, violence: medium, selfHarm: low, protectedMaterialText: block, protectedMaterialCode: annotate }
blocklists:
  words:
    description: Words the assistant must not repeat
    items: [secret-project, "code name"]
`;

const quotas: QuotaEntry[] = [
  { usageName: "OpenAI.GlobalStandard.gpt-4o", region: "eastus2", limit: 450, usedElsewhere: 100 },
];

/** The cost of the rich file with the shipped prices; `status` and `currency` are enumerations, not text. */
function richCost() {
  return estimateCost(
    planText(richYaml, undefined).state,
    readPriceFile(SHIPPED_PRICES_PATH, "shipped prices"),
  );
}

const costKeys = ["status", "currency", "term"];

function complianceReport(payload: string) {
  return taint(
    reportFor(richYaml, { quotas, generatedAt: "2025-06-01T12:00:00.000Z", cost: richCost() }),
    payload,
    lastKeyIn("outcome", "enforcement", "verdict", "unit", "origin", ...costKeys),
  );
}

/** The plan report: its summary and its policy results and findings tainted (the JSON format alone reads the plan). */
function planReport(payload: string) {
  const plan = planText(richYaml, undefined);
  const outcome = checkPlanPolicies(plan, loadPolicyInputs({}, undefined));
  const keep = lastKeyIn("outcome", "enforcement", "severity");
  const report = buildPlanReport(plan, outcome, richCost());
  return {
    ...report,
    cost: taint(report.cost, payload, lastKeyIn(...costKeys)),
    // `kind` names what a capacity counts (an enumeration, not text from the file).
    summary: taint(report.summary, payload, lastKeyIn("type", "kind")),
    policyResults: taint(report.policyResults, payload, keep),
    policyFindings: taint(report.policyFindings, payload, keep),
  };
}

const diffBase: DiffReport = {
  changes: [
    {
      kind: "deployment",
      key: "east/chat",
      action: "update",
      fields: [
        { path: "sku.capacity", before: 100, after: 40 },
        { path: "tags.owner", before: "platform", after: "data" },
        { path: "model.version", before: "2024-08-06", after: "2024-11-20" },
      ],
      flags: ["breaking", "capacity-decrease"],
      cost: {
        key: "east/chat",
        fixed: {
          before: { status: "none" },
          after: { status: "priced", monthly: 36_500, verified: false },
          delta: 36_500,
        },
        usage: { before: { status: "not-priced", reason: "no input token price" }, after: null },
      },
    },
    {
      kind: "blocklist",
      key: "east/words",
      action: "update",
      fields: [
        { path: "description", before: "old words", after: "new words" },
        {
          path: "items",
          before: [{ pattern: "secret", regex: false }],
          after: [
            { pattern: "secret", regex: true },
            { pattern: "code name", regex: false },
          ],
        },
      ],
      flags: ["content-filter-weakened"],
    },
    { kind: "contentFilter", key: "east/relaxed", action: "add", fields: [], flags: [] },
    {
      kind: "account",
      key: "west",
      action: "replace",
      fields: [{ path: "location", before: "westus", after: "westus3" }],
      flags: ["breaking"],
    },
  ],
  summary: {
    base: "git:main",
    head: "deployments.yaml",
    environment: "dev",
    counts: { add: 1, remove: 0, update: 2, replace: 1, total: 4 },
    flags: ["breaking", "capacity-decrease", "content-filter-weakened", "policy-regression"],
    flagCounts: { breaking: 2, "capacity-decrease": 1, "content-filter-weakened": 1, "policy-regression": 1 },
    quotaImpact: [
      {
        region: "eastus2",
        model: "gpt-4o",
        deploymentType: "GlobalStandard",
        unit: "TPM",
        before: 100,
        after: 40,
        delta: -60,
      },
    ],
    policy: {
      evaluated: true,
      outcomes: { compliant: 10, "non-compliant": 1, "not-applicable": 4, error: 0 },
    },
    policyRegressions: [
      {
        policyId: "AID-CF-002",
        resourceKey: "east/relaxed",
        before: "absent",
        after: "non-compliant",
        message: "jailbreak filter is off",
      },
    ],
    cost: {
      currency: "USD",
      pricesRetrieved: "2026-12-01",
      pricesLabel: "catalog/prices.json of 2026-12-01",
      deployments: [
        {
          key: "east/chat",
          fixed: {
            before: { status: "none" },
            after: { status: "priced", monthly: 36_500, verified: false },
            delta: 36_500,
          },
          usage: { before: { status: "not-estimated", reason: "no usage assumption" }, after: null },
        },
      ],
      fixed: {
        before: { monthly: 0, verified: true, excluded: 0 },
        after: { monthly: 36_500, verified: false, excluded: 1 },
        delta: 36_500,
      },
      usage: {
        before: { monthly: 0, verified: true, excluded: 1 },
        after: { monthly: 0, verified: true, excluded: 0 },
        delta: 0,
        declared: true,
      },
      monthlyDelta: 36_500,
      verified: false,
      warnings: ["account west (acct-west) is deleted while it holds provisioned deployments"],
    },
  },
};

const driftBase: DriftReport = {
  environment: "prod",
  accounts: [
    { key: "east", name: "acct-east", resourceGroup: "rg-ai", location: "eastus2", status: "read" },
    {
      key: "west",
      name: "acct-west",
      resourceGroup: "rg-ai",
      status: "error",
      message: "403 Forbidden: AuthorizationFailed",
    },
  ],
  drift: [
    {
      kind: "deployment",
      key: "east/chat",
      status: "changed",
      fields: [
        { path: "sku.capacity", declared: 100, live: 80 },
        { path: "tags.owner", declared: "platform", live: "someone else" },
        { path: "tags.reviewer", declared: null, live: { by: "portal" } },
      ],
    },
    { kind: "deployment", key: "east/old", status: "unmanaged", fields: [], note: "created in the portal" },
    { kind: "blocklist", key: "east/words", status: "missing", fields: [] },
    {
      kind: "contentFilter",
      key: "east/strict",
      status: "upgraded",
      fields: [{ path: "prompt.hate", declared: "low", live: "medium" }],
    },
  ],
  information: [
    {
      kind: "account",
      key: "west",
      status: "changed",
      fields: [{ path: "tags.owner", declared: "platform", live: "someone else" }],
      note: "create: false: the file does not manage this account",
    },
  ],
  summary: { missing: 1, unmanaged: 1, changed: 1, upgraded: 1, total: 4, unreadAccounts: 1 },
};

type Medium = "markdown" | "html";

interface Covered {
  medium: Medium;
  /** The formatter itself, as the formatter records hold it. */
  formatter: unknown;
  /** The formatter's output for a realistic model whose every free-text string starts with `payload`. */
  format(payload: string): string;
}

/** Keyed `file#export`, as found by scanning the sources (see "covers every formatter"). */
const FORMATTERS: Record<string, Covered> = {
  "reports/plan/markdown.ts#formatPlanMarkdown": {
    medium: "markdown",
    formatter: formatPlanMarkdown,
    format: (p) => formatPlanMarkdown(planReport(p)),
  },
  "reports/policy-list/markdown.ts#formatPolicyListMarkdown": {
    medium: "markdown",
    formatter: formatPolicyListMarkdown,
    format: (p) => formatPolicyListMarkdown(taint(listPolicies(projectPolicies()), p, () => false)),
  },
  "reports/compliance/markdown.ts#formatComplianceMarkdown": {
    medium: "markdown",
    formatter: formatComplianceMarkdown,
    format: (p) => formatComplianceMarkdown(complianceReport(p)),
  },
  "reports/compliance/html.ts#formatComplianceHtml": {
    medium: "html",
    formatter: formatComplianceHtml,
    format: (p) => formatComplianceHtml(complianceReport(p)),
  },
  "reports/diff/markdown.ts#formatDiffMarkdown": {
    medium: "markdown",
    formatter: formatDiffMarkdown,
    format: (p) =>
      formatDiffMarkdown(
        taint(
          diffBase,
          p,
          (at) =>
            lastKeyIn("kind", "action", "flags", "unit", ...costKeys)(at) ||
            /^summary\.(flags|policyRegressions\.(before|after))$/.test(at),
        ),
      ),
  },
  "reports/drift/markdown.ts#formatDriftMarkdown": {
    medium: "markdown",
    formatter: formatDriftMarkdown,
    format: (p) => formatDriftMarkdown(taint(driftBase, p, lastKeyIn("kind", "status"))),
  },
};

/** Source folders: everything but tests, dependencies and generated output. */
function sourceFiles(dir = repoRoot, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      if (["node_modules", "test", "dist", "coverage"].includes(entry.name) || entry.name.startsWith("."))
        return [];
      return sourceFiles(path.join(dir, entry.name), `${relative}/`);
    }
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/** `file#export` of every exported function whose name says it writes Markdown or HTML. */
function markdownAndHtmlFormatters(): string[] {
  return sourceFiles().flatMap((file) => {
    const text = readFileSync(path.join(repoRoot, file), "utf8");
    const names = [
      ...text.matchAll(/export\s+(?:async\s+)?(?:function\s+|const\s+)(\w*(?:Markdown|Html|Md)\w*)\b/g),
    ].map((m) => m[1]);
    return names.filter((name) => name?.startsWith("format")).map((name) => `${file}#${name}`);
  });
}

/** Source files, wherever they are, whose names say Markdown or HTML (`markdown.ts`, `drift-html.ts`…). */
function markdownAndHtmlFormatterFiles(): string[] {
  return sourceFiles().filter((file) =>
    /(^|[-_.])(markdown|html|md)([-_.]|$)/i.test(path.basename(file, ".ts")),
  );
}

/** Every formatter record a command picks from (one per report kind), keyed `file#export` as scanned. */
const RECORDS: Record<string, Readonly<Record<string, unknown>>> = {
  "reports/plan/index.ts#planFormatters": planFormatters,
  "reports/diff/index.ts#diffFormatters": diffFormatters,
  "reports/compliance/index.ts#complianceFormatters": complianceFormatters,
  "reports/drift/index.ts#driftFormatters": driftFormatters,
  "reports/policy-list/index.ts#policyListFormatters": policyListFormatters,
  "diagnostics/formatters/index.ts#diagnosticFormatters": diagnosticFormatters,
};

/** `file#export` of every exported formatter record of the sources (`export const …Formatters`). */
function formatterRecords(): string[] {
  return sourceFiles().flatMap((file) => {
    const text = readFileSync(path.join(repoRoot, file), "utf8");
    return [...text.matchAll(/export\s+const\s+(\w+Formatters)\b/g)].map((m) => `${file}#${m[1]}`);
  });
}

let read: Readers;
beforeAll(async () => {
  read = await readers();
});

function rendered(medium: Medium, output: string): HtmlNode {
  return medium === "markdown" ? read.parseFragment(read.markdownToHtml(output)) : read.parseDocument(output);
}

/** Elements no user text may create (the HTML report links to its own sections only). */
const FORBIDDEN = [
  "script",
  "img",
  "iframe",
  "object",
  "embed",
  "form",
  "input",
  "link",
  "style",
  "video",
  "audio",
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are absent
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("every Markdown and HTML formatter is covered", () => {
  it("covers every exported Markdown or HTML formatter of the sources, and only those", () => {
    expect(markdownAndHtmlFormatters().sort()).toEqual(Object.keys(FORMATTERS).sort());
  });

  it("covers every Markdown or HTML file of the sources", () => {
    const covered = new Set(Object.keys(FORMATTERS).map((key) => key.slice(0, key.indexOf("#"))));
    const files = markdownAndHtmlFormatterFiles();
    expect(files.length).toBeGreaterThanOrEqual(covered.size);
    for (const file of files) expect(covered, file).toContain(file);
  });

  it("covers the Markdown and HTML formats of every formatter record", () => {
    expect(formatterRecords().sort()).toEqual(Object.keys(RECORDS).sort());
    const covered = new Set(Object.values(FORMATTERS).map((entry) => entry.formatter));
    for (const [kind, record] of Object.entries(RECORDS)) {
      for (const [format, formatter] of Object.entries(record)) {
        if (/^(md|markdown|html)$/i.test(format))
          expect(covered.has(formatter), `${kind} --format ${format}`).toBe(true);
      }
    }
  });

  it("escapes through the one escaping module", () => {
    for (const key of Object.keys(FORMATTERS)) {
      const file = key.slice(0, key.indexOf("#"));
      const text = readFileSync(path.join(repoRoot, file), "utf8");
      expect(text, file).toMatch(/from "[./]*(reports\/)?text\/escape"/);
      // No formatter keeps a helper of its own that makes user text safe.
      expect(text, file).not.toMatch(/\.replace\([^)]*(\\\||&#|&lt;|`)/);
    }
  });
});

describe.each(Object.entries(FORMATTERS))("%s", (_, formatter) => {
  const benign = () => formatter.format(BENIGN);

  it.each(Object.entries(HOSTILE))("keeps %s inert and visible", (_name, { text, shows }) => {
    const output = formatter.format(text);
    expect(output).not.toMatch(CONTROL);
    expect(output).not.toContain("TAIL");
    if (formatter.medium === "markdown")
      for (const line of output.split("\n")) expect(line.length).toBeLessThan(6000);

    const tree = rendered(formatter.medium, output);
    const elements = elementsOf(tree);
    // The HTML report's own style sheet is its one `style` element (the structure check below keeps it one).
    const forbidden = formatter.medium === "html" ? FORBIDDEN.filter((name) => name !== "style") : FORBIDDEN;
    for (const name of forbidden)
      expect(
        elements.filter((el) => el.tagName === name),
        name,
      ).toEqual([]);
    for (const el of elements) {
      for (const attribute of el.attrs ?? []) {
        expect(attribute.name, `${el.tagName} ${attribute.name}`).not.toMatch(/^on/i);
        if (attribute.name === "href") expect(attribute.value).toMatch(/^#[\w-]+$/);
      }
    }
    if (formatter.medium === "markdown") expect(elements.filter((el) => el.tagName === "a")).toEqual([]);
    // The same elements, attributes and table cells as with plain text: nothing came from the user's text.
    // (The HTML report shows the `code spans` of remediation text as code on purpose, each part escaped.)
    const structure = (root: HtmlNode) =>
      structureOf(root).filter((el) => formatter.medium === "markdown" || el !== "code");
    expect(structure(tree)).toEqual(structure(rendered(formatter.medium, benign())));

    // GitHub turns these into mentions, references and links in rendered text outside code; none may
    // be left. (Inside code GitHub finds none, and an autolink there would be an `a` element.)
    const githubText = formatter.medium === "markdown" ? textNodesOf(tree, ["code", "pre"]) : [];
    for (const node of githubText) {
      expect(node).not.toMatch(/(^|[^\w`])@[a-z0-9]/i);
      expect(node).not.toMatch(/(^|[^\w])#\d/);
      expect(node).not.toMatch(/\bGH-\d/i);
      expect(node).not.toMatch(/\b(https?|ftp):\/\//i);
      expect(node).not.toMatch(/\bwww\./i);
    }
    // A reader still sees what the file or Azure says.
    expect(visibleText(tree)).toContain(shows);
  });

  if (formatter.medium === "markdown") {
    it("keeps every table row as wide as its header", () => {
      for (const { text } of Object.values(HOSTILE)) {
        let header: number | undefined;
        for (const line of formatter.format(text).split("\n")) {
          if (!line.startsWith("|")) {
            header = undefined;
            continue;
          }
          header ??= unescapedPipes(line);
          expect(unescapedPipes(line), line).toBe(header);
          expect(line.endsWith("|"), line).toBe(true);
        }
      }
    });

    it("ends so that a section written after it is read as Markdown", () => {
      const html = read.markdownToHtml(`${benign()}## Next section\n`);
      expect(html).toContain("<h2>Next section</h2>");
    });

    it("leaves plain names, versions and paths as written", () => {
      const output = formatter.format("gpt-4o-mini (2024-07-18) rg_ai-east.2 R&D 10:30 a/b ");
      expect(output).toContain("gpt-4o-mini (2024-07-18) rg_ai-east.2 R&D 10:30 a/b");
    });
  }
});
