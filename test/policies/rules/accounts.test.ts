// Compliance / Noncompliance of the account policies (policies/rules/accounts/).
import { ACCOUNT, describeRule } from "./harness";

describeRule("local-auth-disabled", [
  {
    name: "baseline: key access disabled",
    resource: ACCOUNT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "disableLocalAuth: false",
    edits: [["disableLocalAuth: true", "disableLocalAuth: false"]],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "disableLocalAuth left out: a missing value is not a pass",
    edits: [["    disableLocalAuth: true\n", ""]],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

describeRule("public-network-access-disabled", [
  {
    name: "baseline: public access disabled",
    resource: ACCOUNT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "publicNetworkAccess: Enabled, even behind network rules",
    edits: [["publicNetworkAccess: Disabled", "publicNetworkAccess: Enabled"]],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "publicNetworkAccess left out",
    edits: [["    publicNetworkAccess: Disabled\n", ""]],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
]);

describeRule("network-access-restricted", [
  {
    name: "baseline: public access disabled",
    resource: ACCOUNT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "public access enabled but denied by default",
    edits: [["publicNetworkAccess: Disabled", "publicNetworkAccess: Enabled"]],
    resource: ACCOUNT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "public access enabled and network rules allow by default",
    edits: [
      ["publicNetworkAccess: Disabled", "publicNetworkAccess: Enabled"],
      ["defaultAction: Deny", "defaultAction: Allow"],
    ],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "public access enabled and no network rules",
    edits: [
      ["publicNetworkAccess: Disabled", "publicNetworkAccess: Enabled"],
      ["    networkAcls: { defaultAction: Deny }\n", ""],
    ],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
]);

describeRule("managed-identity", [
  {
    name: "baseline: system-assigned identity",
    resource: ACCOUNT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "identity: None",
    edits: [["identity: SystemAssigned", "identity: None"]],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "identity left out",
    edits: [["    identity: SystemAssigned\n", ""]],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
]);

const encryption = '    encryption: { keyVaultUri: "https://kv-ai.vault.azure.net/", keyName: cmk }\n';

describeRule("customer-managed-key", [
  {
    name: "baseline: OpenAI account with a Key Vault key",
    resource: ACCOUNT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "OpenAI account without encryption",
    edits: [[encryption, ""]],
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "AIServices account without encryption: an excluded kind, as in built-in 67121cc7",
    edits: [
      [encryption, ""],
      ["kind: OpenAI", "kind: AIServices"],
    ],
    resource: ACCOUNT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "AIServices excluded no more (excludedKinds: [])",
    edits: [
      [encryption, ""],
      ["kind: OpenAI", "kind: AIServices"],
    ],
    config: { "customer-managed-key": { excludedKinds: [] } },
    resource: ACCOUNT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
]);
