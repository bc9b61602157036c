import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { CATALOG_DATE, TEST_CATALOG_JSON } from "../support/catalog";
import { repoRoot } from "../support/paths";

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const broken = `version: 1
accounts:
  a: { name: acct, resourceGroup: rg }
deployments:
  - name: d
    model: { format: OpenAI, name: gpt-4o, version: 1 }
    capcity: 5
`;

describe("aideploy validate", () => {
  it("exits 0 and reports no problems on the bundled file, against the shipped catalog on its date", async () => {
    for (const env of [[], ["--env", "dev"], ["--env", "prod"]]) {
      const io = memoryIO({ cwd: repoRoot });
      expect(await main(["validate", ...env, "--as-of", CATALOG_DATE], io)).toBe(0);
      expect(io.out).toBe("");
      expect(io.err).toContain("no problems");
    }
  });

  it("warns of the bundled file's first retirement 90 days ahead, and fails once it is past", async () => {
    // model-router 2025-11-18 retires on 2027-05-20 (catalog/models.json, from the retirement schedule).
    const found = async (asOf: string) => {
      const io = memoryIO({ cwd: repoRoot });
      const code = await main(["validate", "--as-of", asOf, "--format", "json"], io);
      const findings = JSON.parse(io.out) as Array<{ code: string; severity: string; line: number }>;
      return { code, findings: findings.map((d) => [d.code, d.severity, d.line]) };
    };
    expect(await found("2027-02-18")).toEqual({ code: 0, findings: [] });
    expect(await found("2027-02-20")).toEqual({
      code: 0,
      findings: [["live/version-retiring", "warning", 62]],
    });
    expect(await found("2027-05-21")).toMatchObject({ code: 1 });
    expect((await found("2027-05-21")).findings).toContainEqual(["live/version-retired", "error", 62]);
  });

  it("sizes the file with the catalog --catalog names, as it checks the models with it", async () => {
    const file = `version: 1
accounts:
  east: { name: acme-east, resourceGroup: rg, location: eastus2 }
defaults: { sku: GlobalStandard }
deployments:
  - { name: chat, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, rateLimit: { tokensPerMinute: 30000 } }
`;
    const catalog = structuredClone(TEST_CATALOG_JSON);
    const gpt4o = catalog.models.find((m) => m.name === "gpt-4o");
    Object.assign(gpt4o ?? {}, {
      capacityUnit: { tokensPerMinute: 1000, requestsPerMinute: 6, source: ["quota"] },
    });
    const dir = workspace({ "deployments.yaml": file, "custom.json": JSON.stringify(catalog) });
    const given = memoryIO({ cwd: dir });
    expect(await main(["validate", "--catalog", "custom.json", "--as-of", CATALOG_DATE], given)).toBe(0);
    expect(given.out).not.toContain("capacity/");
    // Without it, the shipped catalog documents no unit for gpt-4o: the rate limit cannot be converted.
    const shipped = memoryIO({ cwd: dir });
    expect(await main(["validate", "--as-of", CATALOG_DATE], shipped)).toBe(1);
    expect(shipped.out).toContain("deployments.yaml:6:");
    expect(shipped.out).toContain("error capacity/unit-unknown");
  });

  it("prints FILE:LINE:COLUMN: severity code message and exits 1 on errors", async () => {
    const io = memoryIO({ cwd: workspace({ "bad.yaml": broken }) });
    expect(await main(["validate", "bad.yaml"], io)).toBe(1);
    const lines = io.out.trimEnd().split("\n");
    expect(lines).toContain(
      'bad.yaml:6:53: error schema/type deployments[0].model.version must be a string, not number 1 (quote the value: "1")',
    );
    expect(lines).toContain(
      'bad.yaml:7:5: error schema/unknown-key unknown key "capcity" in deployments[0] (did you mean "capacity"?)',
    );
  });

  it("prints a JSON array of Diagnostics with --format json", async () => {
    const io = memoryIO({ cwd: workspace({ "bad.yaml": broken }) });
    expect(await main(["validate", "bad.yaml", "--format", "json"], io)).toBe(1);
    const diagnostics = JSON.parse(io.out) as Array<Record<string, unknown>>;
    expect(diagnostics).toContainEqual({
      code: "schema/unknown-key",
      severity: "error",
      message: 'unknown key "capcity" in deployments[0]',
      file: "bad.yaml",
      line: 7,
      column: 5,
      path: "deployments[0].capcity",
      hint: 'did you mean "capacity"?',
    });
  });

  it("prints GitHub workflow commands with --format github, escaping what would break them", async () => {
    const io = memoryIO({ cwd: workspace({ "bad.yaml": broken }) });
    expect(await main(["validate", "bad.yaml", "-f", "github"], io)).toBe(1);
    expect(io.out).toContain("::error file=bad.yaml,line=7,col=5,title=schema/unknown-key::unknown key");
  });

  it("exits 2 for a missing file, an unknown environment or an unknown format", async () => {
    const dir = workspace({});
    expect(await main(["validate", "missing.yaml"], memoryIO({ cwd: dir }))).toBe(2);
    expect(await main(["validate", "--env", "staging"], memoryIO({ cwd: repoRoot }))).toBe(2);
    expect(await main(["validate", "--format", "xml"], memoryIO({ cwd: repoRoot }))).toBe(2);
  });

  it("validates several files and reports findings of each", async () => {
    const io = memoryIO({ cwd: workspace({ "bad.yaml": broken, "empty.yaml": "" }) });
    expect(await main(["validate", "bad.yaml", "empty.yaml", "-f", "json"], io)).toBe(1);
    const files = new Set((JSON.parse(io.out) as Array<{ file: string }>).map((d) => d.file));
    expect([...files].sort()).toEqual(["bad.yaml", "empty.yaml"]);
  });
});

describe("aideploy plan", () => {
  it("prints per account what will exist and the write order", async () => {
    const io = memoryIO({ cwd: repoRoot });
    expect(await main(["plan"], io)).toBe(0);
    expect(io.out).toContain("account eastus2: contoso-ai-eus2 (rg-ai-prod, eastus2)");
    // gpt-5.4's capacity unit is not documented: units, with no tokens or requests per minute made up;
    // model router's is (1,000 tokens and 1 request per minute).
    expect(io.out).toMatch(
      /gpt-5\.4\s+gpt-5\.4@2026-03-05\s+GlobalStandard\s+150 units \(TPM and RPM unknown: unit not documented\)\s+strict/,
    );
    expect(io.out).toMatch(
      /model-router\s+model-router@2025-11-18\s+GlobalStandard\s+100 \(100,000 TPM, 100 RPM\)\s+strict/,
    );
    expect(io.out).toMatch(/gpt-5\.4-ptu\s+gpt-5\.4@2026-03-05\s+GlobalProvisionedManaged\s+15 PTU\s+strict/);
    expect(io.out).toContain("1. account contoso-ai-eus2");
  });

  it("prints the JSON contract: environment, resources with exact inputs and dependencies, outputs", async () => {
    const io = memoryIO({ cwd: repoRoot });
    expect(await main(["plan", "--env", "dev", "--format", "json"], io)).toBe(0);
    const plan = JSON.parse(io.out) as {
      environment: string;
      resources: Array<{ name: string; type: string; inputs: Record<string, unknown>; dependsOn: string[] }>;
      outputs: { accounts: Record<string, unknown> };
    };
    expect(plan.environment).toBe("dev");
    const deployment = plan.resources.find((r) => r.name === "eastus2/deployment/gpt-5.4");
    // Deployments are written through azure-native's generic resource at a pinned api-version, aliased to the
    // typed resource earlier stacks used (infra/deployment-resource.ts).
    expect(deployment).toMatchObject({
      type: "azure-native:resources:Resource",
      apiVersion: "2026-09-01",
      aliases: [{ type: "azure-native:cognitiveservices:Deployment" }],
      inputs: {
        resourceGroupName: "rg-ai-dev",
        resourceProviderNamespace: "Microsoft.CognitiveServices",
        parentResourcePath: "accounts/contoso-ai-eus2-dev",
        resourceType: "deployments",
        resourceName: "gpt-5.4",
        apiVersion: "2026-09-01",
        sku: { name: "GlobalStandard", capacity: 10 },
        properties: {
          model: { format: "OpenAI", name: "gpt-5.4", version: "2026-03-05" },
          raiPolicyName: "strict",
          versionUpgradeOption: "NoAutoUpgrade",
        },
      },
      dependsOn: ["eastus2/content-filter/relaxed-internal", "eastus2", "eastus2/content-filter/strict"],
    });
    // Content filters too, so that `action` (api-version 2026-09-01) reaches Azure.
    expect(plan.resources.find((r) => r.name === "eastus2/content-filter/strict")).toMatchObject({
      type: "azure-native:resources:Resource",
      apiVersion: "2026-09-01",
      aliases: [{ type: "azure-native:cognitiveservices:RaiPolicy" }],
      inputs: {
        resourceGroupName: "rg-ai-dev",
        resourceProviderNamespace: "Microsoft.CognitiveServices",
        parentResourcePath: "accounts/contoso-ai-eus2-dev",
        resourceType: "raiPolicies",
        resourceName: "strict",
        apiVersion: "2026-09-01",
        properties: { basePolicyName: "Microsoft.DefaultV2", mode: "Default" },
      },
    });
    expect(Object.keys(plan.outputs.accounts)).toEqual(["eastus2", "swedencentral"]);
  });

  it("renders Markdown with tables per account", async () => {
    const io = memoryIO({ cwd: repoRoot });
    expect(await main(["plan", "-f", "md"], io)).toBe(0);
    expect(io.out).toContain("| Deployment | Model@version | Type | Capacity | Content filter |");
  });

  it("reports file errors with the same diagnostics and exit code as validate", async () => {
    const io = memoryIO({ cwd: workspace({ "bad.yaml": broken }) });
    expect(await main(["plan", "bad.yaml"], io)).toBe(1);
    expect(io.out).toBe("");
    expect(io.err).toContain("bad.yaml:7:5: error schema/unknown-key");
  });
});
