import { describe, expect, it } from "vitest";
import {
  type ArmResource,
  evaluatePolicy,
  type JsonValue,
  type PolicyEvaluation,
} from "../../../policies/evaluator";
import { accountId, aiServicesAccount, deployment, referenceDefinition } from "./support";

/** Public Azure Policy definitions (read from ../shared/reference) on crafted resources, with Azure's verdict. */
type Case = [
  name: string,
  resource: ArmResource,
  parameters: Record<string, JsonValue>,
  expected: PolicyEvaluation,
];

const audit: PolicyEvaluation = { outcome: "non-compliant", effect: "audit" };
const compliant: PolicyEvaluation = { outcome: "compliant", effect: "audit" };

describe("71ef260a Azure AI Services resources should have key access disabled", () => {
  const definition = referenceDefinition("71ef260a");
  it.each<Case>([
    ["flags an account without disableLocalAuth", aiServicesAccount({ disableLocalAuth: null }), {}, audit],
    [
      "flags an account with disableLocalAuth false",
      aiServicesAccount({ disableLocalAuth: false }),
      {},
      audit,
    ],
    [
      "passes an account with disableLocalAuth true",
      aiServicesAccount({ disableLocalAuth: true }),
      {},
      compliant,
    ],
    [
      "denies when assigned with Deny",
      aiServicesAccount({ disableLocalAuth: false }),
      { effect: "Deny" },
      { outcome: "non-compliant", effect: "deny" },
    ],
    [
      "is disabled when assigned with Disabled",
      aiServicesAccount({ disableLocalAuth: false }),
      { effect: "Disabled" },
      { outcome: "not-applicable", reason: "the effect is disabled", effect: "disabled" },
    ],
    [
      "passes a resource of another type",
      { name: "s", type: "Microsoft.Storage/storageAccounts", properties: {} },
      {},
      compliant,
    ],
  ])("%s", (_name, resource, parameters, expected) => {
    expect(evaluatePolicy(definition, resource, { parameters })).toEqual(expected);
  });

  it("skips a deployment: Indexed mode and a type without tags and location", () => {
    expect(evaluatePolicy(definition, deployment()).outcome).toBe("not-applicable");
  });

  it("refuses an effect outside its allowedValues", () => {
    const result = evaluatePolicy(definition, aiServicesAccount(), { parameters: { effect: "Modify" } });
    expect(result.outcome).toBe("error");
  });
});

describe("037eea7a Azure AI Services resources should restrict network access", () => {
  const definition = referenceDefinition("037eea7a");
  it.each<Case>([
    [
      "passes public network access disabled",
      aiServicesAccount({ publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Allow" } }),
      {},
      compliant,
    ],
    [
      "passes public access with default action Deny",
      aiServicesAccount({ publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny" } }),
      {},
      compliant,
    ],
    [
      "flags public access with default action Allow",
      aiServicesAccount({ publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow" } }),
      {},
      audit,
    ],
    [
      "flags an account with neither setting",
      aiServicesAccount({ publicNetworkAccess: null, networkAcls: null }),
      {},
      audit,
    ],
    [
      "compares values without case",
      aiServicesAccount({ publicNetworkAccess: "enabled", networkAcls: { defaultAction: "deny" } }),
      {},
      compliant,
    ],
  ])("%s", (_name, resource, parameters, expected) => {
    expect(evaluatePolicy(definition, resource, { parameters })).toEqual(expected);
  });
});

describe("67121cc7 Azure AI Services resources should encrypt data at rest with a customer-managed key", () => {
  const definition = referenceDefinition("67121cc7");
  const openAi = (encryption: JsonValue) => aiServicesAccount({ encryption }, { kind: "OpenAI" });
  it.each<Case>([
    [
      "passes AIServices, an excluded kind, without a key",
      aiServicesAccount({ encryption: null }),
      {},
      compliant,
    ],
    ["flags OpenAI without encryption settings", openAi(null), {}, audit],
    [
      "flags OpenAI with platform-managed keys",
      openAi({ keySource: "Microsoft.CognitiveServices" }),
      {},
      audit,
    ],
    [
      "passes OpenAI with a Key Vault key",
      openAi({ keySource: "Microsoft.KeyVault", keyVaultProperties: { keyName: "k" } }),
      {},
      compliant,
    ],
    ["passes a key source written in lower case", openAi({ keySource: "microsoft.keyvault" }), {}, compliant],
    ["honours assigned excludedKinds", openAi(null), { excludedKinds: ["OpenAI"] }, compliant],
    [
      "flags AIServices once it is no longer excluded",
      aiServicesAccount({ encryption: null }),
      { excludedKinds: [] },
      audit,
    ],
    [
      "compares kinds without case",
      aiServicesAccount({ encryption: null }, { kind: "aiservices" }),
      {},
      compliant,
    ],
  ])("%s", (_name, resource, parameters, expected) => {
    expect(evaluatePolicy(definition, resource, { parameters })).toEqual(expected);
  });
});

/** The data-plane view of a deployment the lead builds from the deployment graph (see aliases.ts). */
function deploymentView(model: Record<string, JsonValue>, raiPolicy?: JsonValue): ArmResource {
  return {
    id: `${accountId}/deployments/chat`,
    name: "chat",
    type: "Microsoft.CognitiveServices.Data/accounts/deployments",
    sku: { name: "GlobalStandard", capacity: 10 },
    properties: {
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06", ...model },
      ...(raiPolicy === undefined ? {} : { raiPolicy }),
    },
  };
}

describe("aafe3651 Cognitive Services deployments should only use approved registry models", () => {
  const definition = referenceDefinition("aafe3651");
  const openAiModel = deploymentView({
    publisher: "OpenAI",
    assetId: "azureml://registries/azure-openai/models/gpt-4o/versions/2024-08-06",
  });
  const mistralModel = deploymentView({
    format: "Mistral AI",
    name: "Mistral-Large-2411",
    version: "2",
    publisher: "Mistral AI",
    assetId: "azureml://registries/azureml-mistral/models/Mistral-Large-2411/versions/2",
  });
  it.each<Case>([
    ["flags every model while nothing is approved (the defaults)", openAiModel, {}, audit],
    ["passes a model of an allowed publisher", openAiModel, { allowedPublishers: ["OpenAI"] }, compliant],
    ["compares publishers without case", openAiModel, { allowedPublishers: ["openai"] }, compliant],
    ["flags a model of another publisher", mistralModel, { allowedPublishers: ["OpenAI"] }, audit],
    [
      "passes a model under an allowed asset id prefix",
      mistralModel,
      { allowedPublishers: ["OpenAI"], allowedAssetIds: ["azureml://registries/azureml-mistral/"] },
      compliant,
    ],
    [
      "passes an exact allowed asset id",
      openAiModel,
      { allowedAssetIds: ["azureml://registries/azure-openai/models/gpt-4o/versions/2024-08-06"] },
      compliant,
    ],
    [
      "flags a model under no allowed asset id",
      openAiModel,
      { allowedAssetIds: ["azureml://registries/azureml-meta/"] },
      audit,
    ],
    [
      "flags a view without publisher or asset id",
      deploymentView({}),
      { allowedPublishers: ["OpenAI"], allowedAssetIds: ["azureml://"] },
      audit,
    ],
    [
      "denies when assigned with Deny",
      mistralModel,
      { effect: "Deny" },
      { outcome: "non-compliant", effect: "deny" },
    ],
  ])("%s", (_name, resource, parameters, expected) => {
    expect(evaluatePolicy(definition, resource, { parameters: { ...parameters } })).toEqual(expected);
  });

  it("does not apply to the ARM deployment resource, only to its data-plane view", () => {
    expect(evaluatePolicy(definition, deployment()).outcome).toBe("not-applicable");
  });
});

describe("930f48f9 Cognitive Services deployments should only use allowed control (multi-severity)", () => {
  const definition = referenceDefinition("930f48f9");
  const filter = (
    name: string,
    source: string,
    severityThreshold: string,
    enabled = true,
    blocking = true,
  ) => ({
    name,
    source,
    severityThreshold,
    enabled,
    blocking,
  });
  const withFilters = (...contentFilters: JsonValue[]) =>
    deploymentView(
      { publisher: "OpenAI" },
      { name: "strict", mode: "Blocking", basePolicyName: "Microsoft.DefaultV2", contentFilters },
    );
  const hateBoth = withFilters(filter("Hate", "Prompt", "Medium"), filter("Hate", "Completion", "High"));

  it.each<Case>([
    [
      "passes Hate on prompt and completion at allowed severities",
      hateBoth,
      { filterName: "Hate" },
      compliant,
    ],
    [
      "flags a prompt threshold of Low (not in the default Medium, High)",
      withFilters(filter("Hate", "Prompt", "Low"), filter("Hate", "Completion", "High")),
      { filterName: "Hate" },
      audit,
    ],
    [
      "flags a missing completion filter",
      withFilters(filter("Hate", "Prompt", "Medium")),
      { filterName: "Hate" },
      audit,
    ],
    [
      "flags a disabled prompt filter",
      withFilters(filter("Hate", "Prompt", "Medium", false), filter("Hate", "Completion", "High")),
      { filterName: "Hate" },
      audit,
    ],
    [
      "passes a disabled filter when false is allowed",
      withFilters(filter("Hate", "Prompt", "Medium", false), filter("Hate", "Completion", "High")),
      { filterName: "Hate", allowedEnabledForPrompt: ["true", "false"] },
      compliant,
    ],
    [
      "flags a non-blocking completion filter",
      withFilters(filter("Hate", "Prompt", "Medium"), filter("Hate", "Completion", "High", true, false)),
      { filterName: "Hate" },
      audit,
    ],
    ["flags a deployment with no content filters", withFilters(), { filterName: "Hate" }, audit],
    [
      "flags a view without a content filter",
      deploymentView({ publisher: "OpenAI" }),
      { filterName: "Hate" },
      audit,
    ],
    ["checks the filter named by the assignment", hateBoth, { filterName: "Violence" }, audit],
    [
      "passes Low when Low is allowed",
      withFilters(filter("Hate", "Prompt", "Low"), filter("Hate", "Completion", "Low")),
      {
        filterName: "Hate",
        allowedSeveritiesForPrompt: ["Low"],
        allowedSeveritiesForCompletion: ["Low", "Medium"],
      },
      compliant,
    ],
  ])("%s", (_name, resource, parameters, expected) => {
    expect(evaluatePolicy(definition, resource, { parameters })).toEqual(expected);
  });

  it("is an evaluation error without filterName, which has no default", () => {
    expect(evaluatePolicy(definition, hateBoth)).toEqual({
      outcome: "error",
      message: "parameter 'filterName' has no value and no defaultValue",
    });
  });

  it.each<[string, JsonValue]>([
    ["a filter name outside allowedValues", { filterName: "Profanity" }],
    ["Deny, which this definition does not allow", { filterName: "Hate", effect: "Deny" }],
    ["a severity outside allowedValues", { filterName: "Hate", allowedSeveritiesForPrompt: ["Severe"] }],
  ])("is an evaluation error with %s", (_name, parameters) => {
    expect(evaluatePolicy(definition, hateBoth, { parameters }).outcome).toBe("error");
  });
});

describe("community d3eaceb3 Permit only approved OpenAI models", () => {
  const definition = referenceDefinition("community_d3eaceb3");
  const model = (name: string, format = "OpenAI") => deployment({ model: { format, name, version: "1" } });
  it.each<Case>([
    ["passes an approved model", model("gpt-4"), { listOfAllowedModels: ["gpt-4", "gpt-4-32k"] }, compliant],
    ["flags a model not on the list", model("gpt-4o"), { listOfAllowedModels: ["gpt-4"] }, audit],
    ["compares model names without case", model("GPT-4"), { listOfAllowedModels: ["gpt-4"] }, compliant],
    [
      "passes a model of another format",
      model("Mistral-Large-2411", "Mistral AI"),
      { listOfAllowedModels: ["gpt-4"] },
      compliant,
    ],
    [
      "passes an account, which is not a deployment",
      aiServicesAccount(),
      { listOfAllowedModels: ["gpt-4"] },
      compliant,
    ],
    [
      "denies when assigned with Deny",
      model("gpt-4o"),
      { listOfAllowedModels: ["gpt-4"], effect: "Deny" },
      { outcome: "non-compliant", effect: "deny" },
    ],
  ])("%s", (_name, resource, parameters, expected) => {
    expect(evaluatePolicy(definition, resource, { parameters })).toEqual(expected);
  });

  it("is an evaluation error without the required list, and with a model outside its allowedValues", () => {
    expect(evaluatePolicy(definition, model("gpt-4")).outcome).toBe("error");
    expect(
      evaluatePolicy(definition, model("gpt-4"), { parameters: { listOfAllowedModels: ["gpt-5"] } }).outcome,
    ).toBe("error");
  });
});
