// Effects as Azure applies them (auditIfNotExists, deployIfNotExists, denyAction, modify), on Microsoft's
// built-in definitions read in place and on small rules written from the effect pages.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ArmResource,
  describeModification,
  evaluatePolicy,
  type JsonValue,
  type PolicyEvaluation,
  parseDefinition,
  parseJsonText,
} from "../../../policies/evaluator";
import { referenceDir } from "../../support/paths";
import { accountId, aiServicesAccount, deployment, ruleOf } from "./support";

const builtinsDir = path.join(referenceDir, "azure-policy", "builtins", "definitions");
function builtin(file: string) {
  return parseDefinition(parseJsonText(fs.readFileSync(path.join(builtinsDir, file), "utf8")));
}

const dineLocalAuth = builtin("AzureAiServices__DisableLocalAuth_CognitiveServices_DINE.json");
const modifyLocalAuth = builtin("CognitiveServices__DisableLocalAuth_Modify.json");
const denyDelete = builtin("General__ResourceType_denyActionDelete.json");
const diagnosticsAudit = builtin("Monitoring__DiagnosticSettingsExistsAudit_Audit.json");

function outcome(evaluation: PolicyEvaluation): string {
  return evaluation.outcome;
}

describe("deployIfNotExists 55eff01b (disable local auth): existenceCondition on the account itself", () => {
  it.each([
    ["already disables local auth: compliant", { disableLocalAuth: true }, "compliant"],
    ["allows keys: non-compliant", { disableLocalAuth: false }, "non-compliant"],
    ["does not say: non-compliant", { disableLocalAuth: null }, "non-compliant"],
  ] as const)("an account that %s", (_, properties, expected) => {
    const evaluation = evaluatePolicy(
      dineLocalAuth,
      aiServicesAccount(properties as Record<string, JsonValue>),
    );
    expect(outcome(evaluation)).toBe(expected);
    expect("effect" in evaluation && evaluation.effect).toBe("deployifnotexists");
  });
});

describe("auditIfNotExists: related resources among the planned ones", () => {
  const rule = (details: JsonValue) =>
    parseDefinition({
      properties: {
        mode: "All",
        policyRule: ruleOf(
          { field: "type", equals: "Microsoft.CognitiveServices/accounts" },
          { effect: "auditIfNotExists", details },
        ),
      },
    });
  const strictFilter = {
    id: `${accountId}/raiPolicies/strict`,
    name: "strict",
    type: "Microsoft.CognitiveServices/accounts/raiPolicies",
    properties: { mode: "Blocking" },
  };
  const otherAccountFilter = {
    ...strictFilter,
    id: strictFilter.id.replace("/accounts/acct/", "/accounts/other/"),
  };
  const needsFilter = rule({
    type: "Microsoft.CognitiveServices/accounts/raiPolicies",
    existenceCondition: {
      field: "Microsoft.CognitiveServices/accounts/raiPolicies/mode",
      equals: "Blocking",
    },
  });
  // The plan knows every Microsoft.CognitiveServices resource it writes, and nothing else.
  const plan = (resources: ArmResource[]) => (type: string) =>
    type.toLowerCase().startsWith("microsoft.cognitiveservices/")
      ? resources.filter((r) => String(r.type).toLowerCase() === type.toLowerCase())
      : undefined;

  it.each([
    ["a blocking filter under the account: compliant", [strictFilter], "compliant"],
    [
      "a filter in another mode: non-compliant",
      [{ ...strictFilter, properties: { mode: "Asynchronous_filter" } }],
      "non-compliant",
    ],
    ["a filter under another account only: non-compliant", [otherAccountFilter], "non-compliant"],
    ["no filter at all: non-compliant", [], "non-compliant"],
  ] as const)("%s", (_, resources, expected) => {
    const evaluation = evaluatePolicy(needsFilter, aiServicesAccount(), {
      related: plan(resources as unknown as ArmResource[]),
    });
    expect(outcome(evaluation)).toBe(expected);
  });

  it("a name relative to the account (`[concat(field('name'), '/strict')]`) picks that filter only", () => {
    const named = rule({
      type: "Microsoft.CognitiveServices/accounts/raiPolicies",
      name: "[concat(field('name'), '/strict')]",
    });
    const lax = { ...strictFilter, id: `${accountId}/raiPolicies/lax`, name: "lax" };
    expect(outcome(evaluatePolicy(named, aiServicesAccount(), { related: plan([lax]) }))).toBe(
      "non-compliant",
    );
    expect(outcome(evaluatePolicy(named, aiServicesAccount(), { related: plan([lax, strictFilter]) }))).toBe(
      "compliant",
    );
  });

  it("field() in the existence condition reads the resource the `if` matched", () => {
    const sameLocation = rule({
      type: "Microsoft.CognitiveServices/accounts",
      existenceScope: "ResourceGroup",
      existenceCondition: {
        allOf: [
          { field: "name", notEquals: "[field('name')]" },
          { field: "location", equals: "[field('location')]" },
        ],
      },
    });
    const sibling = { ...aiServicesAccount(), id: accountId.replace(/acct$/, "twin"), name: "twin" };
    const elsewhere = { ...sibling, location: "eastus" };
    const otherGroup = { ...sibling, id: sibling.id.replace("/resourceGroups/rg/", "/resourceGroups/rg2/") };
    expect(outcome(evaluatePolicy(sameLocation, aiServicesAccount(), { related: plan([sibling]) }))).toBe(
      "compliant",
    );
    expect(outcome(evaluatePolicy(sameLocation, aiServicesAccount(), { related: plan([elsewhere]) }))).toBe(
      "non-compliant",
    );
    // existenceScope ResourceGroup: an account in another resource group does not count.
    expect(outcome(evaluatePolicy(sameLocation, aiServicesAccount(), { related: plan([otherGroup]) }))).toBe(
      "non-compliant",
    );
  });

  it("diagnostic settings (an extension resource no file plans) cannot be decided offline", () => {
    const evaluation = evaluatePolicy(diagnosticsAudit, aiServicesAccount(), {
      parameters: { resourceTypeList: ["Microsoft.CognitiveServices/accounts"] },
      related: plan([]),
    });
    expect(evaluation).toMatchObject({
      outcome: "undetermined",
      effect: "auditifnotexists",
      reason: expect.stringContaining("Microsoft.Insights/diagnosticSettings"),
    });
  });

  it("a resource the `if` does not match is compliant without looking further", () => {
    expect(outcome(evaluatePolicy(needsFilter, deployment()))).toBe("compliant");
  });
});

describe("denyAction applies to deletes only (78460a36)", () => {
  const parameters = { listOfResourceTypesDisallowedForDeletion: ["Microsoft.CognitiveServices/accounts"] };
  it("never blocks the creation or update of a protected type, and says the delete would be refused", () => {
    expect(evaluatePolicy(denyDelete, aiServicesAccount(), { parameters })).toEqual({
      outcome: "not-applicable",
      reason: "denyAction blocks delete requests only, never a create or an update",
      effect: "denyaction",
      blocksDelete: true,
    });
  });
  it("a type the assignment does not list is not protected", () => {
    expect(evaluatePolicy(denyDelete, deployment(), { parameters })).toMatchObject({
      outcome: "not-applicable",
      blocksDelete: false,
    });
  });
});

describe("modify: the operations Azure applies to the request", () => {
  it("14de9e63 sets disableLocalAuth on an account that allows keys, with the API version written", () => {
    const evaluation = evaluatePolicy(modifyLocalAuth, aiServicesAccount({ disableLocalAuth: false }), {
      apiVersion: "2025-06-01",
    });
    expect(evaluation.outcome).toBe("non-compliant");
    if (evaluation.outcome !== "non-compliant") return;
    expect(evaluation.modifications?.map(describeModification)).toEqual([
      "addOrReplace Microsoft.CognitiveServices/accounts/disableLocalAuth = true",
    ]);
    expect(evaluation.modified?.properties).toMatchObject({ disableLocalAuth: true });
  });

  it("14de9e63 skips its operation for an API version older than 2021-04-30", () => {
    const evaluation = evaluatePolicy(modifyLocalAuth, aiServicesAccount({ disableLocalAuth: false }), {
      apiVersion: "2017-04-18",
    });
    expect(evaluation.outcome === "non-compliant" && evaluation.modifications).toEqual([]);
  });

  it("an account that already disables local auth is not modified", () => {
    expect(outcome(evaluatePolicy(modifyLocalAuth, aiServicesAccount(), { apiVersion: "2025-06-01" }))).toBe(
      "compliant",
    );
  });

  it("tags: addOrReplace replaces, add keeps a present value, remove deletes", () => {
    const tagging = parseDefinition({
      properties: {
        mode: "Indexed",
        policyRule: ruleOf(
          { field: "type", equals: "Microsoft.CognitiveServices/accounts" },
          {
            effect: "modify",
            details: {
              roleDefinitionIds: [],
              operations: [
                { operation: "addOrReplace", field: "tags['env']", value: "prod" },
                { operation: "add", field: "tags['CostCenter']", value: "7" },
                { operation: "add", field: "tags['owner']", value: "ai-team" },
                { operation: "Remove", field: "tags['temp']" },
              ],
            },
          },
        ),
      },
    });
    const evaluation = evaluatePolicy(
      tagging,
      aiServicesAccount({}, { tags: { env: "dev", CostCenter: "42", temp: "x" } }),
    );
    expect(evaluation.outcome === "non-compliant" && evaluation.modified?.tags).toEqual({
      env: "prod",
      CostCenter: "42",
      owner: "ai-team",
    });
    expect(
      evaluation.outcome === "non-compliant" && evaluation.modifications?.map(describeModification),
    ).toEqual([`addOrReplace tags['env'] = "prod"`, `add tags['owner'] = "ai-team"`, "remove tags['temp']"]);
  });

  it("remove of a property other than a tag is refused, as Azure refuses the definition", () => {
    const bad = parseDefinition({
      properties: {
        mode: "All",
        policyRule: ruleOf(
          { field: "type", equals: "Microsoft.CognitiveServices/accounts" },
          {
            effect: "modify",
            details: {
              operations: [
                { operation: "remove", field: "Microsoft.CognitiveServices/accounts/disableLocalAuth" },
              ],
            },
          },
        ),
      },
    });
    expect(evaluatePolicy(bad, aiServicesAccount())).toMatchObject({
      outcome: "error",
      message: expect.stringContaining("remove is only supported for tags"),
    });
  });
});
