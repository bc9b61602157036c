import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { ModelCatalog } from "../../catalog/model-catalog";
import type { CostEstimate } from "../../cost/estimate";
import { checkPlanPolicies, loadPolicyInputs } from "../../policies/check-plan";
import type { PolicyConfigFile } from "../../policies/config";
import type { QuotaEntry } from "../../reports/compliance/capacity";
import { buildComplianceReport, type ComplianceReport } from "../../reports/compliance/model";
import { estateText, planText } from "../support/plan";

export const TEST_VERSION = "9.8.7";

const strictFilter = `contentFilters:
  strict:
    base: Microsoft.DefaultV2
    mode: Default
    prompt: { hate: low, sexual: low, violence: medium, selfHarm: low, jailbreak: block, indirectAttack: block, profanity: off }
    completion: { hate: low, sexual: low, violence: medium, selfHarm: low, protectedMaterialText: block, protectedMaterialCode: annotate }
`;

/**
 * One account that keeps key access (AID-ACC-001, mandatory) and one deployment over the capacity cap
 * (AID-DEP-005, mandatory); the other deployment complies.
 */
export const violatingYaml = `version: 1
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
defaults:
  sku: GlobalStandard
  contentFilter: strict
  versionUpgradeOption: NoAutoUpgrade
deployments:
  - name: gpt-4o
    account: main
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    capacity: 150
  - name: big
    account: main
    model: { format: OpenAI, name: gpt-4o-mini, version: "2024-07-18" }
    capacity: 2000
  - name: reserved
    account: main
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    sku: ProvisionedManaged
    capacity: 50
${strictFilter}`;

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}

export const SCRIPT = "<script>alert(1)</script>";
export const LONG = `${"A".repeat(230)}END-OF-LONG-VALUE`;

/**
 * Free text that validates: tags, a blocklist description and blocklist items carry markup, table
 * breaks, backticks, mentions, links, line breaks and a very long string.
 */
export const hostileYaml = `version: 1
accounts:
  main:
    name: hostile-ai
    resourceGroup: rg-hostile
    location: eastus2
    create: true
    customSubDomain: hostile-ai
    publicNetworkAccess: Enabled
    tags:
      owner: "${SCRIPT}"
      "@team": "[link](http://x) | col | \`tick\` @team"
      note: "line one\\nline two | still one row"
      long: "${LONG}"
deployments:
  - name: gpt-4o
    account: main
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    sku: GlobalStandard
    capacity: 10
    contentFilter: strict
    tags: { reviewer: "@team please look <img src=x onerror=alert(1)>" }
contentFilters:
  strict:
    base: Microsoft.DefaultV2
    mode: Default
    prompt: { hate: low, sexual: low, violence: low, selfHarm: low, jailbreak: block, indirectAttack: block, blocklists: [bad] }
    completion: { hate: low, sexual: low, violence: low, selfHarm: low, protectedMaterialText: block, protectedMaterialCode: block }
blocklists:
  bad:
    description: "| col | \`code\` @team [link](http://x) <b>bold</b> ${SCRIPT}"
    items:
      - "${SCRIPT}"
      - "| a | b | c |"
      - "[click](javascript:alert(1)) @org/team"
`;

export interface ReportFixture {
  report: ComplianceReport;
  text: string;
}

/** Plans YAML text, evaluates every policy and builds the report model. */
export function reportFor(
  text: string,
  options: {
    environment?: string;
    file?: string;
    config?: PolicyConfigFile;
    quotas?: QuotaEntry[];
    generatedAt?: string;
    catalog?: ModelCatalog;
    cost?: CostEstimate;
  } = {},
): ComplianceReport {
  const plan = planText(text, options.environment, options.file ?? "deployments.yaml", options.catalog);
  const { results } = checkPlanPolicies(plan, loadPolicyInputs(options.config ?? {}, undefined));
  const build: Parameters<typeof buildComplianceReport>[2] = { version: TEST_VERSION };
  if (options.quotas) build.quotas = options.quotas;
  if (options.generatedAt) build.generatedAt = options.generatedAt;
  if (options.cost) build.cost = options.cost;
  return buildComplianceReport(plan, results, build);
}

export function estateReport(environment?: string): ComplianceReport {
  return reportFor(estateText(), environment === undefined ? {} : { environment });
}

/** A fresh directory with the given files. */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-report-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Markdown table rows (lines starting with `|`) grouped by table. */
export function markdownTables(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("|")) {
      if (current === undefined) {
        current = [];
        tables.push(current);
      }
      current.push(line);
    } else current = undefined;
  }
  return tables;
}

/** Cell separators of a Markdown table row: pipes that are not escaped with a backslash. */
export function columnCount(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length - 1;
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Character references decoded, to read rendered text whatever escaping text/escape.ts uses. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d+)|(lt|gt|amp|quot));/g,
    (_, code: string | undefined, name: string | undefined) =>
      code !== undefined ? String.fromCodePoint(Number(code)) : (NAMED_ENTITIES[name ?? ""] ?? ""),
  );
}
