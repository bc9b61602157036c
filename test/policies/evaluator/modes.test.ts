import { describe, expect, it } from "vitest";
import { evaluatePolicy, type JsonValue } from "../../../policies/evaluator";
import { accountId, aiServicesAccount, deployment, ruleDefinition } from "./support";

const anything = { field: "name", exists: true };

const raiPolicy = {
  id: `${accountId}/raiPolicies/p`,
  name: "p",
  type: "Microsoft.CognitiveServices/accounts/raiPolicies",
  properties: {},
};
const blocklist = { name: "b", type: "Microsoft.CognitiveServices/accounts/raiBlocklists", properties: {} };
const blocklistItem = {
  name: "i",
  type: "Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems",
  properties: {},
};
const view = { name: "chat", type: "Microsoft.CognitiveServices.Data/accounts/deployments", properties: {} };

describe("definition modes", () => {
  it.each<[string, string, JsonValue, string]>([
    ["All evaluates an account", "All", aiServicesAccount(), "non-compliant"],
    ["All evaluates a deployment", "All", deployment(), "non-compliant"],
    ["Indexed evaluates an account", "Indexed", aiServicesAccount(), "non-compliant"],
    ["Indexed skips a deployment", "Indexed", deployment(), "not-applicable"],
    ["Indexed skips a content filter", "Indexed", raiPolicy, "not-applicable"],
    ["Indexed skips a blocklist", "Indexed", blocklist, "not-applicable"],
    ["Indexed skips a blocklist item", "Indexed", blocklistItem, "not-applicable"],
    [
      "Indexed evaluates a type it does not know",
      "Indexed",
      { name: "s", type: "Microsoft.Storage/storageAccounts" },
      "non-compliant",
    ],
    [
      "the data-plane mode evaluates the data-plane view",
      "Microsoft.CognitiveServices.Data",
      view,
      "non-compliant",
    ],
    ["the data-plane mode in another case", "microsoft.cognitiveservices.data", view, "non-compliant"],
    [
      "the data-plane mode skips the ARM deployment",
      "Microsoft.CognitiveServices.Data",
      deployment(),
      "not-applicable",
    ],
    [
      "the data-plane mode skips an account",
      "Microsoft.CognitiveServices.Data",
      aiServicesAccount(),
      "not-applicable",
    ],
    ["All skips the data-plane view", "All", view, "not-applicable"],
  ])("%s", (_name, mode, resource, outcome) => {
    expect(evaluatePolicy(ruleDefinition(anything, { mode }), resource as never).outcome).toBe(outcome);
  });

  it("gives the reason a resource is skipped", () => {
    expect(evaluatePolicy(ruleDefinition(anything, { mode: "Indexed" }), deployment())).toEqual({
      outcome: "not-applicable",
      reason:
        "mode Indexed skips Microsoft.CognitiveServices/accounts/deployments, a type without tags and location",
    });
    expect(
      evaluatePolicy(ruleDefinition(anything, { mode: "Microsoft.CognitiveServices.Data" }), deployment()),
    ).toEqual({
      outcome: "not-applicable",
      reason:
        "mode Microsoft.CognitiveServices.Data applies only to Microsoft.CognitiveServices.Data/* resources, not Microsoft.CognitiveServices/accounts/deployments",
    });
  });

  it("does not evaluate parameters when the mode does not apply", () => {
    const definition = ruleDefinition(anything, {
      mode: "Indexed",
      parameters: { required: { type: "String" } },
    });
    expect(evaluatePolicy(definition, deployment()).outcome).toBe("not-applicable");
    expect(evaluatePolicy(definition, aiServicesAccount()).outcome).toBe("error");
  });

  it("reports a resource that is not an object as an error", () => {
    expect(evaluatePolicy(ruleDefinition(anything), [] as never)).toEqual({
      outcome: "error",
      message: "the resource must be a JSON object, got array",
    });
  });
});
