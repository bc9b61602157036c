// Users' own Azure Policy in policies/azure/: definitions, initiatives and assignments exported from Azure,
// loaded, expanded and enforced next to the project's pack, offline and through `validate` and `plan`.
// Microsoft's public definitions (../shared/reference/azure-policy) stand in for what users export; they are
// copied into temporary directories, never into the repository.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { loadAzurePolicies } from "../../policies/azure-policies";
import { evaluateGraphPolicies, policyDiagnostics } from "../../policies/evaluate-plan";
import { CATALOG_DATE } from "../support/catalog";
import { referenceDir } from "../support/paths";
import { planText } from "../support/plan";
import { ACCOUNT, BASELINE, DEPLOYMENT, edit, FILE, locate, locateValue } from "./rules/harness";

const referenceDefinitions = path.join(referenceDir, "azure-policy");
const builtIn = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
const LOCAL_AUTH = "71ef260a-8f18-47b7-abcb-62d0673d94dc";
const NETWORK_ACLS = "037eea7a-bd0a-46c5-9a66-03aea78705d3";
const CMK = "67121cc7-ff39-4ab8-b7e3-95b84dab487d";
const KEYS_FOUND =
  "found Microsoft.CognitiveServices/accounts/disableLocalAuth = false, allowed: Microsoft.CognitiveServices/accounts/disableLocalAuth equals true";
const LOCAL_AUTH_CODE =
  "azure-policy/azure-ai-services-resources-should-have-key-access-disabled-disable-local-authentication";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes files (objects as JSON, strings as they are) under a directory, creating folders. */
function writeTree(dir: string, files: Record<string, unknown>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
}

/** One of Microsoft's public definitions, by the GUID prefix of its file name. */
function referenceFile(prefix: string): string {
  const file = readdirSync(referenceDefinitions).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no reference definition ${prefix}`);
  return path.join(referenceDefinitions, file);
}

/** Copies a public definition, byte for byte, into a directory. */
function copyReference(dir: string, prefix: string, as: string): void {
  mkdirSync(path.dirname(path.join(dir, as)), { recursive: true });
  copyFileSync(referenceFile(prefix), path.join(dir, as));
}

function assignment(
  name: string,
  definitionId: string,
  parameters: Record<string, unknown>,
  mode = "Default",
) {
  return {
    id: `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    type: "Microsoft.Authorization/policyAssignments",
    properties: {
      displayName: `Contoso: ${name}`,
      policyDefinitionId: definitionId,
      parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, { value: v }])),
      enforcementMode: mode,
    },
  };
}

/** The effect part of a rule; `then` is spelled once, here. */
const then = { effect: "[parameters('effect')]" };

/** A custom definition as a user writes one: no legacy models on deployments. */
const noLegacyModels = {
  id: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policyDefinitions/contoso-no-legacy-models",
  name: "contoso-no-legacy-models",
  properties: {
    displayName: "No legacy models",
    mode: "All",
    parameters: {
      effect: { type: "String", defaultValue: "Audit", allowedValues: ["Audit", "Deny", "Disabled"] },
      blockedModels: { type: "Array", defaultValue: [] },
    },
    policyRule: {
      if: {
        allOf: [
          { field: "type", equals: "Microsoft.CognitiveServices/accounts/deployments" },
          {
            field: "Microsoft.CognitiveServices/accounts/deployments/model.name",
            in: "[parameters('blockedModels')]",
          },
        ],
      },
      then,
    },
  },
};

/** An initiative over two of Microsoft's built-ins, one effect parameter passed to both. */
const baselineInitiative = {
  id: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policySetDefinitions/contoso-ai-baseline",
  name: "contoso-ai-baseline",
  properties: {
    displayName: "Contoso AI baseline",
    parameters: { accountEffect: { type: "String", defaultValue: "Audit" } },
    policyDefinitions: [
      {
        policyDefinitionReferenceId: "keyAccess",
        policyDefinitionId: builtIn(LOCAL_AUTH),
        parameters: { effect: { value: "[parameters('accountEffect')]" } },
      },
      {
        policyDefinitionReferenceId: "networkAcls",
        policyDefinitionId: builtIn(NETWORK_ACLS),
        parameters: { effect: { value: "[parameters('accountEffect')]" } },
      },
    ],
  },
};

/** Everything policies/azure/ may hold, and what may go wrong in it. */
function fullTree(): string {
  const dir = tempDir("aideploy-azure-");
  copyReference(dir, "71ef260a", "builtins/local-auth.json");
  copyReference(dir, "037eea7a", "builtins/network-acls.json");
  copyReference(dir, "67121cc7", "builtins/cmk.json");
  writeTree(dir, {
    "custom/no-legacy-models.json": noLegacyModels,
    "assignments/no-legacy-models.json": assignment(
      "no-legacy",
      noLegacyModels.id,
      { effect: "Deny", blockedModels: ["gpt-35-turbo", "gpt-4o"] },
      "DoNotEnforce",
    ),
    "initiatives/baseline.json": baselineInitiative,
    "assignments/baseline.json": assignment("ai-baseline", baselineInitiative.id, { accountEffect: "Deny" }),
    "broken/malformed.json": '{ "properties": { "policyRule": ',
    "broken/notes.json": { hello: "world" },
    "assignments/dangling.json": assignment("dangling", builtIn("00000000-1111-2222-3333-444444444444"), {}),
    "README.md": "not JSON, not read",
  });
  return dir;
}

describe("loadAzurePolicies", () => {
  const dir = fullTree();
  const { units, diagnostics } = loadAzurePolicies(dir, "policies/azure");

  it("expands every assignment; initiative members get the initiative's parameters", () => {
    const summary = units
      .map((u) => ({
        id: u.id,
        definitionId: u.definitionId,
        enforced: u.enforced,
        parameters: u.parameters,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(summary).toEqual([
      {
        id: `${CMK}`,
        definitionId: builtIn(CMK),
        enforced: true,
        parameters: expect.objectContaining({ effect: "Audit" }),
      },
      {
        id: "ai-baseline/keyAccess",
        definitionId: builtIn(LOCAL_AUTH),
        enforced: true,
        parameters: { effect: "Deny" },
      },
      {
        id: "ai-baseline/networkAcls",
        definitionId: builtIn(NETWORK_ACLS),
        enforced: true,
        parameters: { effect: "Deny" },
      },
      {
        id: "no-legacy/contoso-no-legacy-models",
        definitionId: noLegacyModels.id,
        enforced: false,
        parameters: { effect: "Deny", blockedModels: ["gpt-35-turbo", "gpt-4o"] },
      },
    ]);
  });

  it("names units for diagnostic codes from the reference id or the display name, in kebab case", () => {
    expect(units.map((u) => u.name).sort()).toEqual([
      "azure-ai-services-resources-should-encrypt-data-at-rest-with-a-customer-managed-key-cmk",
      "keyaccess",
      "networkacls",
      "no-legacy-models",
    ]);
  });

  it("reports unreadable files, documents that are not policy, and assignments of unknown definitions", () => {
    const byFile = (d: Diagnostic) => d.file;
    expect([...diagnostics].sort((a, b) => byFile(a).localeCompare(byFile(b)))).toEqual([
      expect.objectContaining({
        code: "azure-policy/invalid",
        severity: "error",
        file: path.join("policies/azure", "assignments/dangling.json"),
        line: 1,
        column: 1,
        message: `cannot enforce ${builtIn("00000000-1111-2222-3333-444444444444")}: policy definition '${builtIn("00000000-1111-2222-3333-444444444444")}' was not found`,
      }),
      expect.objectContaining({
        code: "azure-policy/invalid",
        severity: "error",
        file: path.join("policies/azure", "broken/malformed.json"),
        line: 1,
        column: 1,
        message: expect.stringMatching(/^cannot read the policy file: /),
        hint: "fix the JSON",
      }),
      expect.objectContaining({
        code: "azure-policy/invalid",
        severity: "error",
        file: path.join("policies/azure", "broken/notes.json"),
        message: "not an Azure Policy definition, initiative or assignment",
      }),
    ]);
  });

  it("a missing directory holds no policies and is no problem", () => {
    expect(loadAzurePolicies(path.join(dir, "nope"))).toEqual({ units: [], diagnostics: [] });
  });

  it("an unassigned definition is enforced with its defaults; one assigned is not enforced twice", () => {
    const only = tempDir("aideploy-azure-");
    copyReference(only, "71ef260a", "local-auth.json");
    expect(loadAzurePolicies(only).units.map((u) => [u.id, u.parameters, u.enforced])).toEqual([
      [LOCAL_AUTH, { effect: "Audit" }, true],
    ]);
    writeTree(only, { "assign.json": assignment("deny-keys", builtIn(LOCAL_AUTH), { effect: "Deny" }) });
    expect(loadAzurePolicies(only).units.map((u) => [u.id, u.parameters, u.enforced])).toEqual([
      [`deny-keys/${LOCAL_AUTH}`, { effect: "Deny" }, true],
    ]);
  });
});

describe("users' Azure Policy evaluated on the plan", () => {
  const { units } = loadAzurePolicies(fullTree(), "policies/azure");
  const text = edit(
    BASELINE,
    ["disableLocalAuth: true", "disableLocalAuth: false"],
    [
      'model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }',
      'model: { format: OpenAI, name: gpt-35-turbo, version: "0125" }',
    ],
  );
  const plan = planText(text, undefined, FILE);
  const results = evaluateGraphPolicies(plan.graph, { context: { protect: false }, azureUnits: units });
  const azure = results.filter((r) => r.policy.origin === "azure");
  const diagnostics = policyDiagnostics(azure);

  it("evaluates every unit on every resource, with one of the four outcomes", () => {
    expect(azure).toHaveLength(units.length * plan.graph.nodes.length);
    for (const r of azure)
      expect(["compliant", "non-compliant", "not-applicable", "error"]).toContain(r.outcome);
  });

  it("returns every result of a run with more results than one call can take as arguments", () => {
    // A large estate with Azure's built-ins gives hundreds of thousands of (resource × unit) results.
    const many = Array.from({ length: Math.ceil(200_000 / plan.graph.nodes.length) }, () => units).flat();
    const all = evaluateGraphPolicies(plan.graph, {
      context: { protect: false },
      azureUnits: many,
      policies: [],
    });
    expect(all).toHaveLength(many.length * plan.graph.nodes.length);
    expect(all.length).toBeGreaterThan(200_000);
  });

  it("a Deny assignment (through the initiative) makes an account with key access an error at its line", () => {
    const r = azure.find((x) => x.policy.id === "ai-baseline/keyAccess" && x.resource.name === ACCOUNT);
    expect(r).toMatchObject({ outcome: "non-compliant", effect: "deny", enforcement: "mandatory" });
    expect(diagnostics.filter((d) => d.code === "azure-policy/keyaccess")).toEqual([
      {
        code: "azure-policy/keyaccess",
        severity: "error",
        message: `Azure AI Services resources should have key access disabled (disable local authentication): account acct-main does not comply: ${KEYS_FOUND} [ai-baseline/keyAccess, mandatory]`,
        file: FILE,
        ...locate(text, "name: acct-main"),
        path: "accounts.main",
        hint: `See the Azure Policy definition ${builtIn(LOCAL_AUTH)}.`,
      },
    ]);
  });

  it("a DoNotEnforce assignment reports its Deny finding as a warning", () => {
    const r = azure.find(
      (x) => x.policy.id === "no-legacy/contoso-no-legacy-models" && x.resource.name === DEPLOYMENT,
    );
    expect(r).toMatchObject({ outcome: "non-compliant", effect: "deny", enforcement: "advisory" });
    expect(diagnostics.filter((d) => d.code === "azure-policy/no-legacy-models")).toMatchObject([
      { severity: "warning", ...locate(text, "name: chat"), path: "deployments[0]" },
    ]);
  });

  it("network rules that deny by default comply; an excluded kind complies with the CMK built-in", () => {
    expect(
      azure.find((x) => x.policy.id === "ai-baseline/networkAcls" && x.resource.name === ACCOUNT)?.outcome,
    ).toBe("compliant");
    expect(azure.find((x) => x.policy.id === CMK && x.resource.name === ACCOUNT)?.outcome).toBe("compliant");
  });

  it("built-ins written for accounts are not applicable to deployments, with the reason", () => {
    const r = azure.find((x) => x.policy.id === "ai-baseline/keyAccess" && x.resource.name === DEPLOYMENT);
    expect([r?.outcome, r?.message]).toEqual([
      "not-applicable",
      "applies to microsoft.cognitiveservices/accounts, microsoft.search/searchservices",
    ]);
  });
});

/** A workspace: deployments.yaml plus an Azure Policy directory, for the CLI. */
function workspace(yaml: string, azure: Record<string, unknown>, references: Record<string, string> = {}) {
  const dir = tempDir("aideploy-cli-azure-");
  writeFileSync(path.join(dir, "deployments.yaml"), yaml);
  writeTree(path.join(dir, "azure"), azure);
  for (const [prefix, as] of Object.entries(references)) copyReference(path.join(dir, "azure"), prefix, as);
  writeFileSync(path.join(dir, "advisory.json"), JSON.stringify({ all: "advisory" }));
  return dir;
}

const keysEnabled = edit(BASELINE, ["disableLocalAuth: true", "disableLocalAuth: false"]);
// Through the CLI, findings point at the key that sets the field the policy read.
const accountAt = locateValue(keysEnabled, "disableLocalAuth: false");

async function run(cwd: string, args: string[]) {
  const io = memoryIO({ cwd });
  // validate checks the models against the shipped catalog as of today: pinned to the catalog's date, so
  // that these tests see the same findings as the models age.
  const code = await main(args[0] === "validate" ? [...args, "--as-of", CATALOG_DATE] : args, io);
  return { code, out: io.out, err: io.err };
}

describe.each(["validate", "plan"])("aideploy %s --azure-policies DIR", (command) => {
  /** Findings of either command's JSON output: validate prints Diagnostics, plan a document with policyFindings. */
  const findings = (out: string): Diagnostic[] => {
    const parsed = JSON.parse(out) as Diagnostic[] | { policyFindings: Diagnostic[] };
    return Array.isArray(parsed) ? parsed : parsed.policyFindings;
  };
  const args = (...more: string[]) => [command, "deployments.yaml", "--format", "json", ...more];

  it("exits 1 when built-in 71ef260a is assigned with Deny and an account keeps key access", async () => {
    const dir = workspace(
      keysEnabled,
      { "assign.json": assignment("deny-keys", builtIn(LOCAL_AUTH), { effect: "Deny" }) },
      { "71ef260a": "local-auth.json" },
    );
    const result = await run(dir, args("--azure-policies", "azure", "--policy-config", "advisory.json"));
    expect(result.code).toBe(1);
    const found = findings(result.out);
    expect(found.filter((d) => d.code.startsWith("azure-policy/"))).toEqual([
      {
        code: LOCAL_AUTH_CODE,
        severity: "error",
        message: `Azure AI Services resources should have key access disabled (disable local authentication): account acct-main does not comply: ${KEYS_FOUND} [deny-keys/71ef260a-8f18-47b7-abcb-62d0673d94dc, mandatory]`,
        file: "deployments.yaml",
        ...accountAt,
        path: "accounts.main.disableLocalAuth",
        hint: `See the Azure Policy definition ${builtIn(LOCAL_AUTH)}.`,
      },
    ]);
    // The project's own policy on the same property is advisory under {"all": "advisory"}.
    expect(found.filter((d) => d.code === "policy/local-auth-disabled").map((d) => d.severity)).toEqual([
      "warning",
    ]);
  });

  it("exits 0 when the same assignment is DoNotEnforce: the finding is advisory", async () => {
    const dir = workspace(
      keysEnabled,
      { "assign.json": assignment("deny-keys", builtIn(LOCAL_AUTH), { effect: "Deny" }, "DoNotEnforce") },
      { "71ef260a": "local-auth.json" },
    );
    const result = await run(dir, args("--azure-policies", "azure", "--policy-config", "advisory.json"));
    expect(result.code).toBe(0);
    expect(
      findings(result.out)
        .filter((d) => d.code.startsWith("azure-policy/"))
        .map((d) => [d.code, d.severity, d.line, d.column]),
    ).toEqual([[LOCAL_AUTH_CODE, "warning", accountAt.line, accountAt.column]]);
  });

  it("exits 0 with an Audit assignment of the same built-in", async () => {
    const dir = workspace(
      keysEnabled,
      { "assign.json": assignment("audit-keys", builtIn(LOCAL_AUTH), { effect: "Audit" }) },
      { "71ef260a": "local-auth.json" },
    );
    const result = await run(dir, args("--azure-policies", "azure", "--policy-config", "advisory.json"));
    expect(result.code).toBe(0);
    expect(
      findings(result.out)
        .filter((d) => d.code.startsWith("azure-policy/"))
        .map((d) => d.severity),
    ).toEqual(["warning"]);
  });

  it("exits 1 for a malformed file in the directory, reported against that file", async () => {
    const dir = workspace(BASELINE, { "broken.json": "{ not json" });
    const result = await run(dir, args("--azure-policies", "azure"));
    expect(result.code).toBe(1);
    expect(findings(result.out)).toEqual([
      expect.objectContaining({
        code: "azure-policy/invalid",
        severity: "error",
        file: path.join("azure", "broken.json"),
        line: 1,
        column: 1,
      }),
    ]);
  });

  it("exits 2 when the named directory does not exist", async () => {
    const dir = workspace(BASELINE, {});
    const result = await run(dir, [command, "deployments.yaml", "--azure-policies", "missing"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("missing: no such directory");
  });
});

describe("policies/azure beside the deployments file", () => {
  it("is read without the flag: its Deny assignment fails validate at the line of disableLocalAuth", async () => {
    const dir = tempDir("aideploy-cli-azure-");
    writeFileSync(path.join(dir, "deployments.yaml"), keysEnabled);
    writeFileSync(path.join(dir, "advisory.json"), JSON.stringify({ all: "advisory" }));
    copyReference(path.join(dir, "policies", "azure"), "71ef260a", "local-auth.json");
    writeTree(path.join(dir, "policies", "azure"), {
      "assign.json": assignment("deny-keys", builtIn(LOCAL_AUTH), { effect: "Deny" }),
    });
    const result = await run(dir, ["validate", "--policy-config", "advisory.json"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `deployments.yaml:${accountAt.line}:${accountAt.column}: error ${LOCAL_AUTH_CODE} `,
    );
  });
});
