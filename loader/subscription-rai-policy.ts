import type { FactSource } from "./deployment-types";

/**
 * The subscription's RAI policy (Microsoft.CognitiveServices/raiPolicy, operations tag
 * `SubscriptionRaiPolicy`): what the code relies on about it and where it is written down. The one table
 * of these facts: checks, the graph, the policy view, import and drift read it; nothing else restates
 * them. A fact no document gives is `null`, and whoever meets it says so.
 */

const SPEC_2026_09_01: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/stable/2026-09-01/cognitiveservices.json",
  date: "2026-09-01",
  commit: "f008f86e0b709c7e066cf87843bf5d424492552f",
};

const SPEC_2025_10_01_PREVIEW: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/preview/2025-10-01-preview/cognitiveservices.json",
  date: "2025-10-01",
  commit: "85e08f702645d31e299bcbc165123f54548f5102",
};

/** Microsoft's resource types generated from the specification, one page per api-version. */
const bicepTypes = (apiVersion: string, commit: string): FactSource => ({
  repository: "Azure/bicep-types-az",
  path: `generated/cognitiveservices/microsoft.cognitiveservices/${apiVersion}/types.md`,
  date: apiVersion.slice(0, 10),
  commit,
});

const TYPES_2025_09_01 = bicepTypes("2025-09-01", "1f896de2db966ad91e8f7d7d981e11d32e4f5d8d");
const TYPES_2025_10_01_PREVIEW = bicepTypes("2025-10-01-preview", "2bd21703a34d526eb31052d3aea64dd3474cce5e");
const TYPES_2026_09_01 = bicepTypes("2026-09-01", "999562b1fe6088af80398636744d77aea5a1d95b");

/** The REST reference of the subscription policy's GET at the preview version (Microsoft Learn). */
const REST_REFERENCE_GET: FactSource = {
  repository: "learn.microsoft.com",
  path: "rest/api/aifoundry/accountmanagement/subscription-rai-policy/get?view=rest-aifoundry-accountmanagement-2025-10-01-preview",
  date: "undated",
};

/** The azure-native resource that writes it, in the version the project pins. */
const AZURE_NATIVE_TYPED: FactSource = {
  repository: "npm:@pulumi/azure-native@3.28",
  path: "cognitiveservices/subscriptionRaiPolicy.d.ts",
  date: "undated",
};

export const SUBSCRIPTION_RAI_POLICY = {
  resource: {
    fact: "a RAI policy at subscription scope: /subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/raiPolicy/{raiPolicyName}, GET, PUT and DELETE (operations SubscriptionRaiPolicy_Get, _CreateOrUpdate, _Delete); readable and writable at subscription scope only; its body is the same RaiPolicy (`properties` of type RaiPolicyProperties, and `tags`) as an account's content filter",
    armType: "Microsoft.CognitiveServices/raiPolicy",
    idPrefix: (subscriptionId: string) =>
      `/subscriptions/${subscriptionId}/providers/Microsoft.CognitiveServices/raiPolicy/`,
    sources: [SPEC_2026_09_01, SPEC_2025_10_01_PREVIEW, TYPES_2025_10_01_PREVIEW, TYPES_2026_09_01],
  },
  name: {
    fact: "the raiPolicyName path parameter: pattern ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ (no length limit given)",
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    sources: [SPEC_2026_09_01, REST_REFERENCE_GET],
  },
  apiVersion: {
    fact: "azure-native 3.28 writes it only through its typed cognitiveservices.SubscriptionRaiPolicy, at api-version 2025-10-01-preview, into the provider's subscription (no subscription or resource group input); its generic resources:Resource needs a resource group, so it cannot write a subscription-scoped resource. 2025-10-01-preview is the first api-version with it (2025-09-01 and earlier stable versions have none); stable versions with it (2025-12-01, 2026-09-01) are not reachable through the typed resource",
    apiVersion: "2025-10-01-preview",
    preview: true,
    firstApiVersion: "2025-10-01-preview",
    sources: [AZURE_NATIVE_TYPED, SPEC_2025_10_01_PREVIEW, TYPES_2025_09_01, TYPES_2025_10_01_PREVIEW],
  },
  /**
   * What RaiPolicyContentFilter and RaiPolicyProperties accept at 2025-10-01-preview: a setting the file
   * asks for outside these cannot be written at that version; test/loader/subscription-rai-policy.test.ts
   * fails when the compiler can write such a value.
   */
  accepted: {
    fact: "at 2025-10-01-preview RaiPolicyProperties has basePolicyName, mode (Default, Deferred, Blocking, Asynchronous_filter), contentFilters, customBlocklists and safetyProviders; a content filter entry has name, enabled, blocking, severityThreshold (Low, Medium, High), action (None, BLOCKING, ANNOTATING, HITL, RETRY) and source (Prompt, Completion, PreToolCall, PostToolCall, PreRun, PostRun); 2026-09-01 adds egressPolicy and no other content filter value",
    apiVersion: "2025-10-01-preview",
    modes: ["Default", "Deferred", "Blocking", "Asynchronous_filter"] as readonly string[],
    sources: [
      "Prompt",
      "Completion",
      "PreToolCall",
      "PostToolCall",
      "PreRun",
      "PostRun",
    ] as readonly string[],
    actions: ["None", "BLOCKING", "ANNOTATING", "HITL", "RETRY"] as readonly string[],
    severityThresholds: ["Low", "Medium", "High"] as readonly string[],
    documents: [SPEC_2025_10_01_PREVIEW, TYPES_2025_10_01_PREVIEW, TYPES_2026_09_01] as readonly FactSource[],
  },
  blocklists: {
    fact: "blocklists are resources of an account (accounts/raiBlocklists); no api-version has a blocklist at subscription scope, so a subscription policy has no blocklist it could name",
    atSubscriptionScope: false,
    sources: [TYPES_2025_10_01_PREVIEW, TYPES_2026_09_01],
  },
  effect: {
    fact: "what Azure does with a subscription RAI policy is not documented: the specification and the REST reference say only 'Content Filters associated with the Subscription'; no Microsoft Learn page read says whether it applies to accounts or deployments, or is a floor for their filters",
    /** Whether Azure applies it to the subscription's accounts or deployments: no document says. */
    appliesToDeployments: null,
    /** Whether it is a floor account content filters cannot go below: no document says. */
    isFloor: null,
    sources: [SPEC_2026_09_01, REST_REFERENCE_GET],
  },
  example: {
    fact: "the REST reference's example of the subscription policy's GET (GetRaiPolicy) shows the body of an account content filter, Microsoft.Default with Hate, Sexual, Selfharm, Violence, Jailbreak, Protected Material and Profanity entries; no example file for the subscription scope was found in the specification",
    sources: [REST_REFERENCE_GET],
  },
} as const;

/** The ARM id of the subscription's RAI policy `name` in `subscriptionId`. */
export function subscriptionRaiPolicyId(subscriptionId: string, name: string): string {
  return `${SUBSCRIPTION_RAI_POLICY.resource.idPrefix(subscriptionId)}${name}`;
}
