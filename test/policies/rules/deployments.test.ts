// Compliance / Noncompliance of the deployment policies (policies/rules/deployments/).
import { DEPLOYMENT, describeRule, type Edit } from "./harness";

const model = 'model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }';
const withModel = (replacement: string): Edit => [model, replacement];
const llama = 'model: { format: Meta, name: Llama-3.3-70B-Instruct, version: "5" }';
const jais = 'model: { format: Core42, name: jais-30b-chat, version: "3" }';

describeRule("approved-models", [
  {
    name: "baseline: the default allow-list */*/* admits every model",
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "model matches a format/name/* pattern",
    config: { "approved-models": { allowedModels: ["OpenAI/gpt-4o-mini/*", "OpenAI/gpt-4o/*"] } },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "patterns compare without regard to case",
    config: { "approved-models": { allowedModels: ["openai/GPT-4O/2024-11-20"] } },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "model name not on the allow-list (gpt-4o is not gpt-4o-mini)",
    config: { "approved-models": { allowedModels: ["OpenAI/gpt-4o-mini/*"] } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "model version not on the allow-list",
    config: { "approved-models": { allowedModels: ["OpenAI/gpt-4o/2024-08-06"] } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "model format not on the allow-list",
    edits: [withModel(llama)],
    config: { "approved-models": { allowedModels: ["OpenAI/*/*"] } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "an empty allow-list admits nothing",
    config: { "approved-models": { allowedModels: [] } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

describeRule("approved-registry-models", [
  {
    name: "baseline: OpenAI is an allowed publisher",
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "publisher Core42 is not on the default list",
    edits: [withModel(jais)],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "an asset id prefix ending in * admits the registry's models",
    edits: [withModel(jais)],
    config: { "approved-registry-models": { allowedAssetIds: ["azureml://registries/azureml-core42/*"] } },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "an asset id prefix of another registry does not",
    edits: [withModel(jais)],
    config: { "approved-registry-models": { allowedAssetIds: ["azureml://registries/azureml-meta/*"] } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "an exact asset id admits that version only (publishers: none)",
    config: {
      "approved-registry-models": {
        allowedPublishers: [],
        allowedAssetIds: ["azureml://registries/azure-openai/models/gpt-4o/versions/2024-11-20"],
      },
    },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "another version of an exactly listed asset",
    edits: [withModel('model: { format: OpenAI, name: gpt-4o, version: "2024-08-06" }')],
    config: {
      "approved-registry-models": {
        allowedPublishers: [],
        allowedAssetIds: ["azureml://registries/azure-openai/models/gpt-4o/versions/2024-11-20"],
      },
    },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "Meta is not among allowedPublishers [OpenAI]",
    edits: [withModel(llama)],
    config: { "approved-registry-models": { allowedPublishers: ["OpenAI"] } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "an explicit model publisher is what counts, not the format",
    edits: [withModel('model: { format: OpenAI, name: gpt-4o, version: "2024-11-20", publisher: Contoso }')],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "effect Deny makes the finding mandatory",
    edits: [withModel(jais)],
    config: { "approved-registry-models": { effect: "Deny" } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

const noGlobal = {
  "allowed-deployment-types": {
    allowedDeploymentTypes: [
      "Standard",
      "DataZoneStandard",
      "ProvisionedManaged",
      "DataZoneProvisionedManaged",
      "DataZoneBatch",
      "DeveloperTier",
    ],
  },
};

describeRule("allowed-deployment-types", [
  {
    name: "baseline: every type is allowed by default",
    edits: [["sku: Standard", "sku: GlobalStandard"]],
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "Standard with the Global types removed",
    config: noGlobal,
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "DataZoneStandard with the Global types removed",
    edits: [["sku: Standard", "sku: DataZoneStandard"]],
    config: noGlobal,
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  ...(["GlobalStandard", "GlobalBatch", "GlobalProvisionedManaged"] as const).map((sku) => ({
    name: `${sku} with the Global types removed`,
    // 15 PTUs: the smallest global provisioned deployment the catalog documents for gpt-4o.
    edits:
      sku === "GlobalProvisionedManaged"
        ? ([
            ["sku: Standard", `sku: ${sku}`],
            ["capacity: 10", "capacity: 15"],
          ] as const)
        : ([["sku: Standard", `sku: ${sku}`]] as const),
    config: noGlobal,
    resource: DEPLOYMENT,
    outcome: "non-compliant" as const,
    effect: "deny",
    enforcement: "mandatory" as const,
  })),
]);

describeRule("custom-content-filter", [
  {
    name: "baseline: the organisation's filter",
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "a Microsoft base policy named as the filter",
    edits: [["contentFilter: strict", "contentFilter: Microsoft.DefaultV2"]],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "no filter named: Microsoft's default is sent",
    edits: [["    contentFilter: strict\n", ""]],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "a base policy accepted when microsoftPolicies is emptied",
    edits: [["contentFilter: strict", "contentFilter: Microsoft.Default"]],
    config: { "custom-content-filter": { microsoftPolicies: [] } },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
]);

describeRule("deployment-capacity-cap", [
  {
    name: "baseline: 10 thousand TPM",
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "exactly at the token cap (1000)",
    edits: [["capacity: 10", "capacity: 1000"]],
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "one over the token cap",
    edits: [["capacity: 10", "capacity: 1001"]],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "a rate limit over the cap (1,200,000 TPM of o4-mini, 1,000 per unit, is capacity 1200)",
    edits: [
      ["capacity: 10", "rateLimit: { tokensPerMinute: 1200000 }"],
      ['name: gpt-4o, version: "2024-11-20"', 'name: o4-mini, version: "2025-04-16"'],
    ],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "over a lowered cap (maxTokenCapacity: 5)",
    config: { "deployment-capacity-cap": { maxTokenCapacity: 5 } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "provisioned capacity counts against maxProvisionedCapacity, not the token cap",
    edits: [
      ["sku: Standard", "sku: ProvisionedManaged"],
      ["capacity: 10", "capacity: 100"],
    ],
    config: { "deployment-capacity-cap": { maxTokenCapacity: 5 } },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "provisioned capacity over maxProvisionedCapacity",
    edits: [
      ["sku: Standard", "sku: ProvisionedManaged"],
      ["capacity: 10", "capacity: 100"],
    ],
    config: { "deployment-capacity-cap": { maxProvisionedCapacity: 50 } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

const autoUpgrade: Edit = [
  "versionUpgradeOption: NoAutoUpgrade",
  "versionUpgradeOption: OnceNewDefaultVersionAvailable",
];

describeRule("pinned-model-version", [
  {
    name: "unprotected file: auto-upgrade allowed, the policy does not apply",
    edits: [autoUpgrade],
    resource: DEPLOYMENT,
    outcome: "not-applicable",
    effect: "disabled",
    enforcement: "disabled",
  },
  {
    name: "protected environment with NoAutoUpgrade",
    env: "prod",
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "protected environment with OnceNewDefaultVersionAvailable",
    env: "prod",
    edits: [autoUpgrade],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "protected environment, upgrade option left out (OnceCurrentVersionExpired is sent)",
    env: "prod",
    edits: [["    versionUpgradeOption: NoAutoUpgrade\n", ""]],
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "protected environment, OnceCurrentVersionExpired added to allowedUpgradeOptions",
    env: "prod",
    edits: [["versionUpgradeOption: NoAutoUpgrade", "versionUpgradeOption: OnceCurrentVersionExpired"]],
    config: {
      "pinned-model-version": { allowedUpgradeOptions: ["NoAutoUpgrade", "OnceCurrentVersionExpired"] },
    },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "an explicit effect wins over the context: Audit in an unprotected file",
    edits: [autoUpgrade],
    config: { "pinned-model-version": { effect: "Audit" } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
]);
