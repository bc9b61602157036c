// The pack through the CLI: `validate` and `plan` fail on mandatory findings only; `policy list` (alias
// `policies`) lists the pack.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { projectPolicies } from "../../policies/registry";
import type { PolicyListEntry } from "../../reports/policy-list/model";
import { CATALOG_DATE } from "../support/catalog";
import { BASELINE, edit, locateValue } from "./rules/harness";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-policy-cli-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function run(cwd: string, args: string[]) {
  const io = memoryIO({ cwd });
  // validate checks the models against the shipped catalog as of today: pinned to the catalog's date, so
  // that these tests see the same findings as the models age.
  const code = await main(args[0] === "validate" ? [...args, "--as-of", CATALOG_DATE] : args, io);
  return { code, out: io.out, err: io.err };
}

const mandatoryViolation = edit(BASELINE, ["disableLocalAuth: true", "disableLocalAuth: false"]);
const advisoryViolation = edit(BASELINE, ["identity: SystemAssigned", "identity: None"]);
// Findings point at the key that sets the field the policy read.
const keyAccess = locateValue(mandatoryViolation, "disableLocalAuth: false");
const identity = locateValue(advisoryViolation, "identity: None");
const keysFound =
  "found Microsoft.CognitiveServices/accounts/disableLocalAuth = false, allowed: Microsoft.CognitiveServices/accounts/disableLocalAuth equals true";

describe("aideploy validate with policies", () => {
  it("exits 1 on a mandatory finding, printed at the line of the field, with what was found and what is allowed", async () => {
    const result = await run(workspace({ "deployments.yaml": mandatoryViolation }), ["validate"]);
    expect(result.code).toBe(1);
    expect(result.out.trimEnd().split("\n")).toEqual([
      `deployments.yaml:${keyAccess.line}:${keyAccess.column}: error policy/local-auth-disabled Azure AI services accounts should have key access disabled: account acct-main does not comply: ${keysFound} [AID-ACC-001, mandatory] (Set \`disableLocalAuth: true\` on the account; clients authenticate with Entra ID.)`,
    ]);
  });

  it("exits 0 when the findings are advisory only", async () => {
    const result = await run(workspace({ "deployments.yaml": advisoryViolation }), [
      "validate",
      "-f",
      "json",
    ]);
    expect(result.code).toBe(0);
    expect(
      (JSON.parse(result.out) as Diagnostic[]).map((d) => [d.code, d.severity, d.line, d.column]),
    ).toEqual([["policy/managed-identity", "warning", identity.line, identity.column]]);
  });

  it("exits 0 on a clean file", async () => {
    const result = await run(workspace({ "deployments.yaml": BASELINE }), ["validate", "-f", "json"]);
    expect([result.code, JSON.parse(result.out)]).toEqual([0, []]);
  });

  it("--policy-config can make the mandatory finding advisory (exit 0) or an advisory one mandatory (exit 1)", async () => {
    const dir = workspace({
      "deployments.yaml": mandatoryViolation,
      "relaxed.json": JSON.stringify({ "local-auth-disabled": "advisory" }),
      "strict.json": JSON.stringify({ "managed-identity": { enforcementLevel: "mandatory" } }),
      "advisory.yaml": advisoryViolation,
    });
    expect((await run(dir, ["validate", "--policy-config", "relaxed.json"])).code).toBe(0);
    expect((await run(dir, ["validate", "advisory.yaml", "--policy-config", "strict.json"])).code).toBe(1);
  });

  it("pinned-model-version blocks only in the protected environment", async () => {
    const dir = workspace({
      "deployments.yaml": edit(BASELINE, [
        "versionUpgradeOption: NoAutoUpgrade",
        "versionUpgradeOption: OnceNewDefaultVersionAvailable",
      ]),
    });
    const prod = await run(dir, ["validate", "--env", "prod", "-f", "json"]);
    expect(prod.code).toBe(1);
    const at = locateValue(
      edit(BASELINE, [
        "versionUpgradeOption: NoAutoUpgrade",
        "versionUpgradeOption: OnceNewDefaultVersionAvailable",
      ]),
      "versionUpgradeOption: OnceNewDefaultVersionAvailable",
    );
    expect((JSON.parse(prod.out) as Diagnostic[]).map((d) => [d.code, d.severity, d.line, d.column])).toEqual(
      [["policy/pinned-model-version", "error", at.line, at.column]],
    );
    // Without --env the file as written and every environment are checked: prod's finding is named as such.
    const every = await run(dir, ["validate", "-f", "json"]);
    expect(every.code).toBe(1);
    expect(
      (JSON.parse(every.out) as Diagnostic[]).map((d) => [d.code, d.line, d.column, d.environments]),
    ).toEqual([["policy/pinned-model-version", at.line, at.column, ["prod"]]]);
    const text = await run(dir, ["validate"]);
    expect(text.out).toContain(
      'does not comply: found Microsoft.CognitiveServices/accounts/deployments/versionUpgradeOption = "OnceNewDefaultVersionAvailable", allowed: Microsoft.CognitiveServices/accounts/deployments/versionUpgradeOption in ["NoAutoUpgrade"] [AID-DEP-006, mandatory] [environment prod] (',
    );
  });

  it.each([
    ["is not JSON", "{ all: advisory"],
    ["is not an object", '["advisory"]'],
  ])("exits 2 when the policy configuration %s", async (_case, text) => {
    const dir = workspace({ "deployments.yaml": BASELINE, "bad.json": text });
    const result = await run(dir, ["validate", "--policy-config", "bad.json"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("aideploy validate: bad.json: ");
  });
});

describe("aideploy plan with policies", () => {
  it("exits 1 on a mandatory finding and lists it in policyFindings", async () => {
    const result = await run(workspace({ "deployments.yaml": mandatoryViolation }), ["plan", "-f", "json"]);
    expect(result.code).toBe(1);
    const { policyFindings } = JSON.parse(result.out) as { policyFindings: Diagnostic[] };
    expect(policyFindings.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ["policy/local-auth-disabled", "error", keyAccess.line, keyAccess.column],
    ]);
  });

  it("exits 0 with advisory findings only, and says so in the text summary", async () => {
    const result = await run(workspace({ "deployments.yaml": advisoryViolation }), ["plan"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("0 mandatory and 1 advisory findings");
    expect(result.out).toContain(
      `deployments.yaml:${identity.line}:${identity.column}: warning policy/managed-identity `,
    );
  });

  it("renders the findings table in Markdown", async () => {
    const result = await run(workspace({ "deployments.yaml": mandatoryViolation }), ["plan", "-f", "md"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("| Severity | Policy | Where | Finding |");
    // Read as rendered text, whatever escaping the Markdown report chooses.
    const rendered = result.out
      .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
      .replace(/<\/?code>|`/g, "");
    expect(rendered).toContain(`| error | policy/local-auth-disabled | deployments.yaml:${keyAccess.line} |`);
  });
});

describe("aideploy policies", () => {
  const listed = async (args: string[] = [], files: Record<string, string> = {}) => {
    const result = await run(workspace(files), ["policies", "--format", "json", ...args]);
    expect(result.code).toBe(0);
    return JSON.parse(result.out) as PolicyListEntry[];
  };

  it("lists every registered policy in registry order", async () => {
    const entries = await listed();
    expect(entries.map((e) => e.id)).toEqual(projectPolicies().map((p) => p.id));
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(
        [
          "definition",
          "description",
          "effect",
          "enforcement",
          "id",
          "name",
          "remediation",
          "severity",
          ...(e.follows === undefined ? [] : ["follows"]),
        ].sort(),
      );
    }
  });

  it("gives id, definition, effect, enforcement and description", async () => {
    const entries = await listed();
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get("local-auth-disabled")).toEqual({
      id: "AID-ACC-001",
      name: "local-auth-disabled",
      definition: "policies/definitions/local-auth-disabled.json",
      follows: "Azure built-in 71ef260a-8f18-47b7-abcb-62d0673d94dc",
      effect: "deny",
      enforcement: "mandatory",
      severity: "high",
      description:
        "Key (local) authentication bypasses Entra ID and its audit trail. Accounts must set disableLocalAuth to true. Follows built-in 71ef260a-8f18-47b7-abcb-62d0673d94dc.",
      remediation: "Set `disableLocalAuth: true` on the account; clients authenticate with Entra ID.",
    });
    expect(byName.get("approved-registry-models")).toMatchObject({
      id: "AID-DEP-002",
      definition: "policies/definitions/approved-registry-models.json",
      effect: "audit",
      enforcement: "advisory",
    });
    expect(byName.get("pinned-model-version")).toMatchObject({ effect: "deny", enforcement: "mandatory" });
    expect(byName.get("content-filter-on-account")).toMatchObject({
      id: "AID-STK-001",
      definition: "stack policy",
      effect: "deny",
      enforcement: "mandatory",
      severity: "high",
    });
    expect(byName.get("account-capacity-cap")).toMatchObject({ effect: "audit", enforcement: "advisory" });
  });

  it("--policy-config changes the enforcement shown", async () => {
    const entries = await listed(["--policy-config", "config.json"], {
      "config.json": JSON.stringify({
        all: "advisory",
        "approved-models": { enforcementLevel: "mandatory" },
        "managed-identity": { effect: "Disabled" },
        "account-capacity-cap": "disabled",
      }),
    });
    const levels = Object.fromEntries(entries.map((e) => [e.name, `${e.effect}/${e.enforcement}`]));
    expect(levels).toMatchObject({
      "approved-models": "deny/mandatory",
      "local-auth-disabled": "deny/advisory",
      "managed-identity": "disabled/advisory",
      "account-capacity-cap": "audit/disabled",
      "content-filter-on-account": "audit/advisory",
    });
  });

  it("--format text lists each policy with its id, name, effect, enforcement and definition", async () => {
    const result = await run(workspace({}), ["policies", "--format", "text"]);
    expect(result.code).toBe(0);
    for (const p of projectPolicies()) {
      const definition =
        p.kind === "definition" ? `policies/definitions/${p.definitionFile}` : "stack policy";
      expect(result.out).toMatch(
        new RegExp(`^${p.id}  ${p.name}  \\((deny|audit|disabled), \\w+, ${p.severity}\\)$`, "m"),
      );
      expect(result.out).toContain(`    ${definition}\n`);
    }
  });

  it("--format md renders one table row per policy", async () => {
    const result = await run(workspace({}), ["policies", "--format", "md"]);
    expect(result.code).toBe(0);
    const rows = result.out.split("\n").filter((l) => /^\| AID-/.test(l));
    expect(rows.map((r) => r.split(" | ")[0]?.slice(2))).toEqual(projectPolicies().map((p) => p.id));
    const row = rows.find((r) => r.startsWith("| AID-CF-004 | "));
    expect(row).toContain(" | deny | mandatory | ");
  });
});

describe("aideploy policy list, and policies as its alias", () => {
  const config = {
    "config.json": JSON.stringify({ all: "advisory", "approved-models": { enforcementLevel: "mandatory" } }),
  };
  it.each<[string, string[], Record<string, string>]>([
    ["text", ["--format", "text"], {}],
    ["md", ["--format", "md"], {}],
    ["json", ["--format", "json"], {}],
    ["json with --policy-config", ["--format", "json", "--policy-config", "config.json"], config],
    ["the default format", [], {}],
  ])("print the same list: %s", async (_case, args, files) => {
    const dir = workspace(files);
    const list = await run(dir, ["policy", "list", ...args]);
    const alias = await run(dir, ["policies", ...args]);
    expect([list.code, list.err]).toEqual([0, ""]);
    expect(list.out.length).toBeGreaterThan(500);
    expect(alias).toEqual(list);
  });

  it("--help names both: list under policy, policies as the alias of policy list", async () => {
    const top = await run(workspace({}), ["--help"]);
    expect(top.out).toMatch(/^ {2}policies \[options\] +alias of `policy list`/m);
    expect(top.out).toMatch(/^ {2}policy +list the policy pack/m);
    const policy = await run(workspace({}), ["policy", "--help"]);
    expect(policy.out).toMatch(/^ {2}list \[options\] +list the policy pack: id, Azure Policy/m);
    const list = await run(workspace({}), ["policy", "list", "--help"]);
    expect(list.out).toContain("Usage: aideploy policy list [options]");
    expect(list.out).toContain("--policy-config <file>");
  });

  it.each([
    [["policy", "list"], "aideploy policy list"],
    [["policies"], "aideploy policies"],
  ])("a configuration typo is a usage error named after the command typed: %j", async (words, prefix) => {
    const dir = workspace({ "typo.json": JSON.stringify({ "local-auth-disabeld": "advisory" }) });
    const result = await run(dir, [...words, "--policy-config", "typo.json"]);
    expect([result.code, result.out, result.err]).toEqual([
      2,
      "",
      `${prefix}: typo.json: no policy named "local-auth-disabeld" (did you mean "local-auth-disabled"?)\n`,
    ]);
  });
});
