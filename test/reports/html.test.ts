import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuotaEntry } from "../../reports/compliance/capacity";
import { formatComplianceHtml, HTML_CONTENT_SECURITY_POLICY } from "../../reports/compliance/html";
import type { ComplianceReport } from "../../reports/compliance/model";
import { processBrowserLookup, resolveChromium } from "../support/browser";
import { testCatalog } from "../support/catalog";
import { estateReport, hostileYaml, LONG, reportFor, SCRIPT, violatingYaml } from "./support";

describe("HTML report as text", () => {
  it("is one self-contained page with a strict Content-Security-Policy and no script", () => {
    const html = formatComplianceHtml(estateReport());
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${HTML_CONTENT_SECURITY_POLICY}">`,
    );
    expect(HTML_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
  });

  it("escapes every piece of user text", () => {
    const report = reportFor(hostileYaml);
    const [first] = report.results;
    if (first) {
      first.resource.name = `${SCRIPT}"'><img src=x>`;
      first.message = `"><svg onload=alert(1)> ${SCRIPT}`;
      first.policy.id = `"><b>id</b>`;
    }
    const [policy] = report.policies;
    if (policy) policy.displayName = `<iframe src="http://x">`;
    const html = formatComplianceHtml(report);
    expect(html).not.toMatch(/<script|<img|<iframe|<svg onload|<b>/i);
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).not.toContain("END-OF-LONG-VALUE");
    expect(html).not.toContain(LONG);
  });
});

describe("HTML report in headless Chromium", () => {
  let browser: Browser;
  let shots: string;

  beforeAll(async () => {
    shots = mkdtempSync(path.join(tmpdir(), "aideploy-html-"));
    // Never skips: a browser always resolves (the npm package ships one), and one that fails to start fails.
    const resolved = await resolveChromium(processBrowserLookup());
    try {
      browser = await chromium.launch({ executablePath: resolved.executablePath, args: resolved.args });
    } catch (error) {
      throw new Error(
        `Chromium (${resolved.origin}: ${resolved.executablePath}) does not start: ${(error as Error).message}`,
      );
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  interface Opened {
    page: Page;
    problems: string[];
    requests: string[];
  }

  async function open(report: ComplianceReport): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => problems.push(`console ${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => requests.push(request.url()));
    await page.setContent(formatComplianceHtml(report), { waitUntil: "load" });
    return { page, problems, requests };
  }

  function expectQuiet({ problems, requests }: Opened): void {
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !/^(data|about):/.test(url))).toEqual([]);
  }

  it("renders the matrix (one cell per policy × resource) and one bar per account × model × type", async () => {
    const report = estateReport();
    const opened = await open(report);
    const { page } = opened;
    const cells = page.locator("table.matrix td.cell");
    expect(await cells.count()).toBe(report.policies.length * report.resources.length);
    expect(await page.locator("table.matrix th.policy").count()).toBe(report.policies.length);
    // Every cell says its outcome in words, not only in colour.
    const labels = new Set(await cells.allInnerTexts());
    expect([...labels].sort()).toEqual(["n/a", "pass"]);
    const bars = page.locator("svg.chart rect.bar");
    const expected = new Set(
      report.capacity.map((b) => JSON.stringify([b.account, b.model, b.deploymentType])),
    );
    expect(await bars.count()).toBe(expected.size);
    expect(expected.size).toBe(12);
    const drawn = await bars.evaluateAll((rects) =>
      rects.map((r) =>
        JSON.stringify([
          r.getAttribute("data-account"),
          r.getAttribute("data-model"),
          r.getAttribute("data-type"),
        ]),
      ),
    );
    expect(new Set(drawn)).toEqual(expected);
    expect(await page.locator("svg.chart").count()).toBe(2);
    expect(await page.locator("svg.chart text.value", { hasText: "quota unknown" }).count()).toBe(12);
    expect(await page.locator("section.verdict").textContent()).toContain("Passes");
    const file = path.join(shots, "bundled.png");
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
    expectQuiet(opened);
    await page.close();
  });

  it("shows findings, failing cells and bars against a known quota", async () => {
    const quotas: QuotaEntry[] = [
      { usageName: "OpenAI.GlobalStandard.gpt-4o", region: "eastus2", limit: 450, usedElsewhere: 100 },
      { usageName: "OpenAI.GlobalStandard.gpt-4o-mini", account: "main", limit: 1000 },
    ];
    const report = reportFor(violatingYaml, { quotas, generatedAt: "2025-06-01T12:00:00.000Z" });
    const opened = await open(report);
    const { page } = opened;
    expect(await page.locator("section.verdict").textContent()).toContain("Fails");
    expect(await page.locator("table.findings tbody tr").count()).toBe(2);
    expect(await page.locator('td.cell[data-outcome="non-compliant"]').allInnerTexts()).toEqual([
      "fail",
      "fail",
    ]);
    expect(await page.locator("svg.chart rect.quota").count()).toBe(2);
    expect(await page.locator("svg.chart rect.bar.over").count()).toBe(1);
    // gpt-4o and gpt-4o-mini have no documented unit: their bars and quotas are in units, not TPM.
    expect(await page.locator("svg.chart text.value").allTextContents()).toEqual([
      "150 / 450 units · 56% of quota",
      "2,000 / 1,000 units · 200% of quota, over",
      "50 PTU · quota unknown",
    ]);
    const file = path.join(shots, "violating.png");
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expectQuiet(opened);
    await page.close();
  });

  it("draws one chart per unit: TPM from the model's unit, units, PTUs across models, batch units", async () => {
    const text = `version: 1
accounts:
  main: { name: acme-ai, resourceGroup: rg-ai, location: eastus2 }
defaults: { sku: GlobalStandard }
deployments:
  - { name: mini, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 50 }
  - { name: chat, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 20 }
  - { name: mini-ptu, sku: ProvisionedManaged, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, capacity: 25 }
  - { name: chat-ptu, sku: ProvisionedManaged, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 50 }
  - { name: chat-batch, sku: GlobalBatch, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, capacity: 40 }
`;
    const quotas: QuotaEntry[] = [
      { usageName: "OpenAI.GlobalStandard.o4-mini", region: "eastus2", limit: 100 },
    ];
    const opened = await open(reportFor(text, { quotas, catalog: testCatalog() }));
    const { page } = opened;
    expect(await page.locator("svg.chart").count()).toBe(4);
    expect(await page.locator("svg.chart rect.bar").count()).toBe(4);
    expect(await page.locator("svg.chart text.value").allTextContents()).toEqual([
      "50,000 / 100,000 TPM · 50% of quota",
      "20 units · quota unknown",
      "75 PTU · quota unknown",
      "40 enqueued-token units · quota unknown",
    ]);
    expect(await page.locator("section#capacity h3").allTextContents()).toEqual([
      "Tokens per minute (token-based deployments)",
      "Capacity units (token-based deployments whose model's unit is not documented)",
      "PTUs (provisioned deployments, all models of a type together)",
      "Units of enqueued-token quota (batch deployments)",
    ]);
    expectQuiet(opened);
    await page.close();
  });

  it("displays hostile text as text: no element, script or request comes from it", async () => {
    const report = reportFor(hostileYaml);
    const opened = await open(report);
    const { page } = opened;
    expect(await page.locator("script, img, iframe, b").count()).toBe(0);
    const text = (await page.locator("body").textContent()) ?? "";
    expect(text).toContain(SCRIPT);
    expect(text).toContain("| col | `code` @team [link](http://x) <b>bold</b>");
    expect(text).not.toContain("END-OF-LONG-VALUE");
    expect(await page.locator("table.matrix td.cell").count()).toBe(
      report.policies.length * report.resources.length,
    );
    expect(await page.locator("a[href]:not([href^='#'])").count()).toBe(0);
    const file = path.join(shots, "hostile.png");
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(0);
    expectQuiet(opened);
    await page.close();
  });
});
