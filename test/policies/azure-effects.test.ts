// Users' Azure Policy on the plan with effects as Azure applies them (modify before the rest, existence
// effects against the planned resources, denyAction on deletes only) and assignments as Azure reads them
// (notScopes, nonComplianceMessages, DoNotEnforce). Microsoft's built-ins are read in place and copied
// into temporary directories only.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAzurePolicies } from "../../policies/azure-policies";
import { checkPlanPolicies, loadPolicyInputs } from "../../policies/check-plan";
import { evaluateGraphPolicies, policyDiagnostics } from "../../policies/evaluate-plan";
import type { PolicyResult } from "../../policies/results";
import { referenceDir } from "../support/paths";
import { planText } from "../support/plan";
import { ruleOf } from "./evaluator/support";
import { ACCOUNT, BASELINE, DEPLOYMENT, edit, FILE, locate, locateValue } from "./rules/harness";

const builtins = path.join(referenceDir, "azure-policy", "builtins");
const SUB = "00000000-0000-0000-0000-000000000000";
const definitionId = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
const DINE_LOCAL_AUTH = "55eff01b-f2bd-4c32-9203-db285f709d30";
const MODIFY_LOCAL_AUTH = "14de9e63-1b31-492e-a5a3-c3f7fd57f555";
const DENY_DELETE = "78460a36-508a-49a4-b2b2-2f5ec564f4bb";
const DIAGNOSTICS_AUDIT = "187242f4-89c6-4c43-9a4e-188c0efacc5f";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A policies/azure/ folder: built-ins copied from the reference folder, and JSON documents written. */
function folder(references: Record<string, string>, documents: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-effects-"));
  made.push(dir);
  for (const [as, file] of Object.entries(references))
    copyFileSync(path.join(builtins, file), path.join(dir, as));
  for (const [name, content] of Object.entries(documents)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), JSON.stringify(content));
  }
  return dir;
}

function assignment(name: string, policyDefinitionId: string, extra: Record<string, unknown> = {}) {
  const { parameters, ...rest } = extra as { parameters?: Record<string, unknown> };
  return {
    id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    properties: {
      policyDefinitionId,
      parameters: Object.fromEntries(Object.entries(parameters ?? {}).map(([k, v]) => [k, { value: v }])),
      ...rest,
    },
  };
}

function evaluate(text: string, dir: string) {
  const { units, diagnostics } = loadAzurePolicies(dir, "policies/azure");
  expect(diagnostics).toEqual([]);
  const plan = planText(text, undefined, FILE);
  const results = evaluateGraphPolicies(plan.graph, {
    context: { protect: false },
    azureUnits: units,
    subscription: SUB,
  });
  return { results, azure: results.filter((r) => r.policy.origin === "azure") };
}

function on(results: readonly PolicyResult[], resource: string, policy: string): PolicyResult {
  const found = results.find((r) => r.resource.name === resource && r.policy.id.includes(policy));
  if (!found) throw new Error(`no result of ${policy} on ${resource}`);
  return found;
}

const keysAllowed = edit(BASELINE, ["disableLocalAuth: true", "disableLocalAuth: false"]);

describe("deployIfNotExists 55eff01b on the plan: its existence condition reads the planned account", () => {
  const dir = folder({
    "dine.json": "definitions/AzureAiServices__DisableLocalAuth_CognitiveServices_DINE.json",
  });
  it.each([
    ["an account that already disables local auth is compliant", BASELINE, "compliant"],
    ["an account that allows keys is non-compliant (Azure deploys the fix)", keysAllowed, "non-compliant"],
  ])("%s", (_, text, outcome) => {
    const r = on(evaluate(text, dir).azure, ACCOUNT, DINE_LOCAL_AUTH);
    expect([r.outcome, r.effect, r.enforcement]).toEqual([outcome, "deployifnotexists", "remediate"]);
  });
});

describe("auditIfNotExists of diagnostic settings: cannot be decided offline", () => {
  const dir = folder(
    { "diag.json": "definitions/Monitoring__DiagnosticSettingsExistsAudit_Audit.json" },
    {
      "assign.json": assignment("diag", definitionId(DIAGNOSTICS_AUDIT), {
        parameters: { resourceTypeList: ["Microsoft.CognitiveServices/accounts"] },
      }),
    },
  );
  it("neither a pass nor a finding, and says why", () => {
    const { azure } = evaluate(BASELINE, dir);
    const r = on(azure, ACCOUNT, "diag");
    expect(r).toMatchObject({ outcome: "not-applicable", undecided: true });
    expect(r.message).toMatch(
      /^cannot be decided offline: whether a Microsoft\.Insights\/diagnosticSettings exists/,
    );
    expect(policyDiagnostics(azure)).toEqual([]);
  });
});

describe("modify 14de9e63: a notice that Azure changes the account, and the rest sees the change", () => {
  const dir = folder(
    {
      "modify.json": "definitions/CognitiveServices__DisableLocalAuth_Modify.json",
      "dine.json": "definitions/AzureAiServices__DisableLocalAuth_CognitiveServices_DINE.json",
    },
    {
      "assign-modify.json": assignment("set-local-auth", definitionId(MODIFY_LOCAL_AUTH)),
      "assign-dine.json": assignment("dine-local-auth", definitionId(DINE_LOCAL_AUTH)),
    },
  );
  const { azure } = evaluate(keysAllowed, dir);

  it("is reported as remediate, with the operation, as an info diagnostic", () => {
    const r = on(azure, ACCOUNT, "set-local-auth");
    expect(r).toMatchObject({
      outcome: "non-compliant",
      effect: "modify",
      enforcement: "remediate",
      modifications: ["addOrReplace Microsoft.CognitiveServices/accounts/disableLocalAuth = true"],
    });
    const notice = policyDiagnostics(azure).find((d) => d.message.includes("Azure will change"));
    expect(notice).toMatchObject({
      severity: "info",
      message: expect.stringContaining(
        "Azure will change account acct-main when it is written: addOrReplace Microsoft.CognitiveServices/accounts/disableLocalAuth = true",
      ),
    });
  });

  it("through the CLI's path the notice points at the key Azure changes", () => {
    const plan = planText(keysAllowed, undefined, FILE);
    const notice = checkPlanPolicies(plan, loadPolicyInputs({}, dir, "policies/azure")).diagnostics.find(
      (d) => d.message.includes("Azure will change"),
    );
    expect(notice).toMatchObject({
      severity: "info",
      ...locateValue(keysAllowed, "disableLocalAuth: false"),
      path: "accounts.main.disableLocalAuth",
    });
  });

  it("the deployIfNotExists assignment evaluates the modified account: compliant", () => {
    expect(on(azure, ACCOUNT, "dine-local-auth").outcome).toBe("compliant");
  });

  it("with DoNotEnforce nothing is changed: an advisory finding, and the other assignment still fails", () => {
    const doNotEnforce = folder(
      {
        "modify.json": "definitions/CognitiveServices__DisableLocalAuth_Modify.json",
        "dine.json": "definitions/AzureAiServices__DisableLocalAuth_CognitiveServices_DINE.json",
      },
      {
        "assign-modify.json": assignment("set-local-auth", definitionId(MODIFY_LOCAL_AUTH), {
          enforcementMode: "DoNotEnforce",
        }),
        "assign-dine.json": assignment("dine-local-auth", definitionId(DINE_LOCAL_AUTH)),
      },
    );
    const results = evaluate(keysAllowed, doNotEnforce).azure;
    expect(on(results, ACCOUNT, "set-local-auth")).toMatchObject({
      outcome: "non-compliant",
      enforcement: "advisory",
    });
    expect(on(results, ACCOUNT, "set-local-auth").modifications).toBeUndefined();
    expect(on(results, ACCOUNT, "dine-local-auth").outcome).toBe("non-compliant");
  });
});

describe("denyAction 78460a36: never blocks a create or update", () => {
  const dir = folder(
    { "deny-delete.json": "definitions/General__ResourceType_denyActionDelete.json" },
    {
      "assign.json": assignment("keep-accounts", definitionId(DENY_DELETE), {
        parameters: { listOfResourceTypesDisallowedForDeletion: ["Microsoft.CognitiveServices/accounts"] },
      }),
    },
  );
  it("the account it protects is not applicable (blocks its delete), with no finding", () => {
    const { azure } = evaluate(BASELINE, dir);
    expect(on(azure, ACCOUNT, "keep-accounts")).toMatchObject({
      outcome: "not-applicable",
      effect: "denyaction",
      blocksDelete: true,
    });
    expect(on(azure, DEPLOYMENT, "keep-accounts").blocksDelete).toBeUndefined();
    expect(policyDiagnostics(azure)).toEqual([]);
  });
});

describe("assignments: notScopes, scope and nonComplianceMessages", () => {
  const localAuthDeny = (extra: Record<string, unknown>) =>
    folder(
      { "local-auth.json": "definitions/AzureAiServices__DisableLocalAuth_Audit.json" },
      {
        "assign.json": assignment("no-keys", definitionId("71ef260a-8f18-47b7-abcb-62d0673d94dc"), {
          parameters: { effect: "Deny" },
          ...extra,
        }),
      },
    );
  const rg = `/subscriptions/${SUB}/resourceGroups/rg-ai`;

  it.each([
    ["no exclusion: the account fails", {}, "non-compliant"],
    ["its resource group in notScopes: not applicable", { notScopes: [rg] }, "not-applicable"],
    ["another resource group in notScopes: fails", { notScopes: [`${rg}-other`] }, "non-compliant"],
    ["assigned at another resource group: not applicable", { scope: `${rg}-other` }, "not-applicable"],
    ["assigned at its subscription: fails", { scope: `/subscriptions/${SUB}` }, "non-compliant"],
  ])("%s", (_, extra, outcome) => {
    expect(on(evaluate(keysAllowed, localAuthDeny(extra)).azure, ACCOUNT, "no-keys").outcome).toBe(outcome);
  });

  it("the reason names the excluding scope", () => {
    expect(
      on(evaluate(keysAllowed, localAuthDeny({ notScopes: [rg] })).azure, ACCOUNT, "no-keys").message,
    ).toBe(`excluded by the assignment's notScopes (${rg})`);
  });

  it("the assignment's non-compliance message is shown in the finding", () => {
    const { azure } = evaluate(
      keysAllowed,
      localAuthDeny({ nonComplianceMessages: [{ message: "Use Entra ID; keys are off at Contoso." }] }),
    );
    const [finding] = policyDiagnostics(azure);
    expect(finding?.message).toMatch(
      /does not comply: found .*\. Use Entra ID; keys are off at Contoso\. \[no-keys\//,
    );
  });
});

describe("loading: readable codes and definitions that need an assignment", () => {
  it("an initiative member whose reference id is a GUID gets a code from the definition's name", () => {
    const dir = folder(
      { "local-auth.json": "definitions/AzureAiServices__DisableLocalAuth_Audit.json" },
      {
        "set.json": {
          id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/set`,
          name: "set",
          properties: {
            policyDefinitions: [
              {
                policyDefinitionReferenceId: "0d2b5ab4-52e4-4b9b-8f1c-9e2b1d6b8a10",
                policyDefinitionId: definitionId("71ef260a-8f18-47b7-abcb-62d0673d94dc"),
              },
            ],
          },
        },
      },
    );
    expect(loadAzurePolicies(dir).units.map((u) => u.name)).toEqual([
      "azure-ai-services-resources-should-have-key-access-disabled-disable-local-authentication",
    ]);
  });

  it("an unassigned definition whose parameters have no defaults: one diagnostic, assign it or give defaults", () => {
    const dir = folder({ "dns.json": "definitions/CognitiveServices__PrivateDnsZones_DINE.json" });
    const { units, diagnostics } = loadAzurePolicies(dir, "policies/azure");
    expect(units).toEqual([]);
    expect(diagnostics).toEqual([
      {
        code: "azure-policy/unassigned-parameters",
        severity: "error",
        message: expect.stringMatching(
          /is not assigned, and its parameter 'privateDnsZoneId' has no default/,
        ),
        file: path.join("policies/azure", "dns.json"),
        line: 1,
        column: 1,
        path: "",
        hint: expect.stringMatching(/^assign it or give defaults/),
      },
    ]);
  });
});

describe("a finding points at the key of the field the policy read (through checkPlanPolicies)", () => {
  const onlyGlobal = {
    name: "only-global-standard",
    properties: {
      displayName: "Only GlobalStandard deployments",
      mode: "All",
      policyRule: ruleOf(
        {
          allOf: [
            { field: "type", equals: "Microsoft.CognitiveServices/accounts/deployments" },
            { field: "Microsoft.CognitiveServices/accounts/deployments/sku.name", notIn: ["GlobalStandard"] },
          ],
        },
        { effect: "deny" },
      ),
    },
  };
  const dir = folder({}, { "only-global.json": onlyGlobal });
  const check = (text: string) => {
    const plan = planText(text, undefined, FILE);
    const inputs = loadPolicyInputs({}, dir, "policies/azure");
    return checkPlanPolicies(plan, inputs).diagnostics.filter(
      (d) => d.code === "azure-policy/only-globalstandard-deployments",
    );
  };

  it("the deployment's sku: its line, what was found and what is allowed", () => {
    expect(check(BASELINE)).toEqual([
      expect.objectContaining({
        severity: "error",
        ...locateValue(BASELINE, "sku: Standard"),
        path: "deployments[0].sku",
        message: expect.stringContaining(
          'found Microsoft.CognitiveServices/accounts/deployments/sku.name = "Standard", allowed: Microsoft.CognitiveServices/accounts/deployments/sku.name in ["GlobalStandard"]',
        ),
      }),
    ]);
  });

  it("a sku that comes from defaults: the defaults line", () => {
    const fromDefaults = edit(
      BASELINE,
      ["    sku: Standard\n", ""],
      ["deployments:\n", "defaults:\n  sku: Standard\ndeployments:\n"],
    );
    expect(check(fromDefaults)).toEqual([
      expect.objectContaining({ ...locateValue(fromDefaults, "sku: Standard"), path: "defaults.sku" }),
    ]);
  });
});

describe("a content-filter finding points at the category's key (built-in 930f48f9, a count over contentFilters[*])", () => {
  const MULTI_SEVERITY = "930f48f9-f07e-427c-9494-52603581c6a9";
  const check = (text: string, parameters: Record<string, unknown>) => {
    const dir = folder(
      {
        "multi-severity.json":
          "definitions/CognitiveServices__AllowDeploymentMultiSeverityControl_Audit.json",
      },
      { "assignment.json": assignment("hate-control", definitionId(MULTI_SEVERITY), { parameters }) },
    );
    const plan = planText(text, undefined, FILE);
    return checkPlanPolicies(plan, loadPolicyInputs({}, dir, "policies/azure")).diagnostics.filter((d) =>
      d.code.startsWith("azure-policy/"),
    );
  };
  // BASELINE's filter `strict` sets hate to low on prompts (first) and completions (second).
  const promptHate = (text: string) => locateValue(text, "hate: low");

  it("a prompt threshold Azure does not allow: the prompt's hate line, the entry found and what is allowed", () => {
    const text = edit(BASELINE, ["completion:\n      hate: low", "completion:\n      hate: medium"]);
    const found = check(text, { filterName: "Hate" });
    expect(found).toEqual([
      expect.objectContaining({
        severity: "warning",
        ...promptHate(text),
        path: "contentFilters.strict.prompt.hate",
        message: expect.stringMatching(
          /found .*raiPolicy\.contentFilters\[\*\] with name "Hate", source "Prompt": severityThreshold = "Low".*allowed: .*severityThreshold in \["Medium","High"\]/,
        ),
      }),
    ]);
  });

  it("a completion threshold: the completion's hate line", () => {
    const text = edit(BASELINE, ["    prompt:\n      hate: low", "    prompt:\n      hate: medium"]);
    expect(check(text, { filterName: "Hate" })).toEqual([
      expect.objectContaining({
        ...locateValue(text, "hate: low"),
        path: "contentFilters.strict.completion.hate",
      }),
    ]);
  });

  it("a category the filter leaves out: the filter's declaration, and the entry is reported missing", () => {
    const text = edit(
      BASELINE,
      ["    prompt:\n      hate: low\n", "    prompt:\n"],
      ["completion:\n      hate: low", "completion:\n      hate: medium"],
    );
    const [finding] = check(text, { filterName: "Hate" });
    expect(finding).toEqual(
      expect.objectContaining({ ...locate(text, "strict:"), path: "contentFilters.strict" }),
    );
    expect(finding?.message).toMatch(/with name "Hate", source "Prompt": none/);
  });

  it("a compliant filter has no finding", () => {
    const text = edit(
      BASELINE,
      ["prompt:\n      hate: low", "prompt:\n      hate: medium"],
      ["completion:\n      hate: low", "completion:\n      hate: medium"],
    );
    expect(check(text, { filterName: "Hate" })).toEqual([]);
  });
});
