import { describe, expect, it } from "vitest";
import { semanticChecks } from "../../loader/checks/index";
import type { LoadedFile } from "../../loader/load";
import { testCatalog } from "../support/catalog";
import { featureCases } from "./deployment-features.cases";
import { load as loadWith, problems, where, yaml } from "./support";

/** Loaded against the test catalog, so that capacity units and bounds are pinned. */
function load(text: string): LoadedFile {
  return loadWith(text, testCatalog());
}

/** Every gpt-4o 2024-11-20 (whose capacity unit is not documented) as o4-mini (1,000 TPM). */
function withKnownUnit(text: string): string {
  return text.replaceAll(
    'model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }',
    'model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }',
  );
}

/** The compliant baseline: two accounts, one deployment. Each case below changes it in one place. */
const baseline = yaml`
  version: 1
  accounts:
    east: { name: contoso-east, resourceGroup: rg-ai, location: eastus2 }
    west: { name: contoso-west, resourceGroup: rg-ai, location: westus3 }
  defaults:
    sku: GlobalStandard
    capacity: 10
  deployments:
    - name: gpt-4o
      account: east
      model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
`;

/** The baseline with more deployments appended (each a YAML list item at column 3). */
function withDeployments(extra: string): string {
  return baseline + extra;
}

/** A global provisioned deployment spilling to the baseline's GlobalStandard deployment of the same model. */
const ptu = yaml`
    - name: gpt-4o-ptu
      account: east
      model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
      sku: GlobalProvisionedManaged
      capacity: 50
      spillover: gpt-4o
`.replace(/^(?=.)/gm, "  ");

const filters = yaml`
  contentFilters:
    strict:
      prompt: { hate: low, blocklists: [banned] }
  blocklists:
    banned:
      items: [secret]
`;

/** The baseline with account "east" created by aideploy and holding the given projects (YAML lines at column 7, from line 9). */
function withProjects(projects: string, account = "    create: true\n"): string {
  return baseline.replace(
    "  east: { name: contoso-east, resourceGroup: rg-ai, location: eastus2 }\n",
    `  east:\n    name: contoso-east\n    resourceGroup: rg-ai\n    location: eastus2\n${account}    projects:\n${projects}`,
  );
}

/** The baseline with project "chat-app" on account "east" holding the given connections (YAML lines at column 11, from line 11). */
function withConnections(connections: string): string {
  return withProjects(`      chat-app:\n        connections:\n${connections}`);
}

const aadSearch =
  '{ category: CognitiveSearch, target: "https://contoso-search.search.windows.net", authType: AAD }';

interface Violation {
  behaviour: string;
  yaml: string;
  code: string;
  line: number;
  column: number;
  /** The finding's document path, as users read it. */
  path?: string;
  hint?: RegExp;
  message?: RegExp;
  /** Other codes the same change raises. */
  alsoCodes?: string[];
}

const fineTuned = "gpt-4.1-mini-2025-04-14.ft-b044a9d3cf9c4228b5d393567f693b83";

const violations: Violation[] = [
  // developer-tier/not-fine-tuned
  {
    behaviour: "a Developer tier deployment of a base model is refused at its type",
    yaml: withDeployments(
      `  - { name: eval, account: east, sku: DeveloperTier, capacity: 1, model: { format: OpenAI, name: gpt-4.1-mini, version: "2025-04-14" } }\n`,
    ),
    code: "developer-tier/not-fine-tuned",
    line: 12,
    column: 39,
    path: "deployments[1].sku",
    message: /DeveloperTier deployment of gpt-4.1-mini, which is not a fine-tuned model's name/,
    hint: /\.ft-<32 hex digits>/,
  },
  {
    behaviour: "an environment that makes a base-model deployment Developer tier is refused there",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          defaults: { sku: DeveloperTier }
    `}`,
    code: "developer-tier/not-fine-tuned",
    line: 14,
    column: 22,
    message: /is a DeveloperTier deployment in environment "dev" of gpt-4o/,
  },
  // model/source-not-fine-tuned
  {
    behaviour: "model.source on a base model is a warning at the key",
    yaml: withDeployments(
      `  - name: copy\n    account: east\n    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20", source: /subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/training }\n`,
    ),
    code: "model/source-not-fine-tuned",
    line: 14,
    column: 67,
    message: /sets model.source for gpt-4o, which is not a fine-tuned model's name/,
  },
  // project/invalid-name
  {
    behaviour: "a project name with a space is invalid",
    yaml: withProjects('      "chat app": { displayName: Chat }\n'),
    code: "project/invalid-name",
    line: 9,
    column: 7,
    path: 'accounts.east.projects["chat app"]',
    message: /project name "chat app" on account "east" contains " " \(U\+0020\)/,
    hint: /for example "chat-app"/,
  },
  {
    behaviour: "a one-character project name is too short",
    yaml: withProjects("      p: {}\n"),
    code: "project/invalid-name",
    line: 9,
    column: 7,
    message: /is shorter than 2 characters/,
  },
  // project/user-assigned-identities
  {
    behaviour: "a project with identity UserAssigned and no identity listed",
    yaml: withProjects("      chat-app: { identity: UserAssigned }\n"),
    code: "project/user-assigned-identities",
    line: 9,
    column: 29,
    path: "accounts.east.projects.chat-app.identity",
    message:
      /project "chat-app" on account "east" has identity "UserAssigned" but lists no user-assigned identity/,
    hint: /userAssignedIdentities:/,
  },
  {
    behaviour: "user-assigned identities listed on a project whose identity is SystemAssigned",
    yaml: withProjects(
      "      chat-app:\n        identity: SystemAssigned\n        userAssignedIdentities: [UAI]\n".replace(
        "UAI",
        "/subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agents",
      ),
    ),
    code: "project/user-assigned-identities",
    line: 11,
    column: 9,
    path: "accounts.east.projects.chat-app.userAssignedIdentities",
    message:
      /lists user-assigned identities, but its identity is "SystemAssigned", so they would not be assigned/,
  },
  // project/duplicate-name
  {
    behaviour: "two projects whose names differ only in case on one account collide",
    yaml: withProjects("      chat-app: {}\n      Chat-App: {}\n"),
    code: "project/duplicate-name",
    line: 10,
    column: 7,
    path: "accounts.east.projects.Chat-App",
    message: /same Azure project as "chat-app" at line 9/,
  },
  // project/unsupported-account-kind
  {
    behaviour: "projects on an Azure OpenAI account",
    yaml: withProjects("      chat-app: {}\n", "    create: true\n    kind: OpenAI\n"),
    code: "project/unsupported-account-kind",
    line: 9,
    column: 5,
    path: "accounts.east.projects",
    message: /account "east" is of kind OpenAI, which holds no Foundry projects/,
  },
  // project/existing-account
  {
    behaviour: "projects on an existing account, whose allowProjectManagement is unknown",
    yaml: withProjects("      chat-app: {}\n", ""),
    code: "project/existing-account",
    line: 7,
    column: 5,
    path: "accounts.east.projects",
    message: /whether it allows project management \(properties.allowProjectManagement\) is unknown/,
    hint: /az cognitiveservices account show -n contoso-east -g rg-ai --query properties.allowProjectManagement/,
  },
  // connection/invalid-name
  {
    behaviour: "a connection name with a dot is invalid (the connection rule has no '.')",
    yaml: withConnections(`          my.search: ${aadSearch}\n`),
    code: "connection/invalid-name",
    line: 11,
    column: 11,
    path: 'accounts.east.projects.chat-app.connections["my.search"]',
    message: /connection "my.search" of project "chat-app" on account "east": the name contains "\."$/,
    hint: /3-33 letters, digits, '_' or '-'.*for example "my-search"/,
  },
  {
    behaviour: "a two-character connection name is too short",
    yaml: withConnections(`          ai: ${aadSearch}\n`),
    code: "connection/invalid-name",
    line: 11,
    column: 11,
    message: /the name is shorter than 3 characters/,
  },
  // connection/duplicate-name
  {
    behaviour: "two connections of one project whose names differ only in case collide",
    yaml: withConnections(`          search: ${aadSearch}\n          Search: ${aadSearch}\n`),
    code: "connection/duplicate-name",
    line: 12,
    column: 11,
    path: "accounts.east.projects.chat-app.connections.Search",
    message:
      /connection "Search" of project "chat-app" on account "east" is the same Azure connection as "search" at line 11/,
  },
  // connection/unknown-category
  {
    behaviour: "a connection category spelled in the wrong case",
    yaml: withConnections(
      "          search:\n            category: cognitivesearch\n            authType: AAD\n            target: https://contoso-search.search.windows.net\n",
    ),
    code: "connection/unknown-category",
    line: 12,
    column: 23,
    path: "accounts.east.projects.chat-app.connections.search.category",
    message: /has category "cognitivesearch", which is not a connection category of the Azure specification/,
    hint: /write "CognitiveSearch"/,
  },
  {
    behaviour: "a connection category the specification does not list",
    yaml: withConnections("          keyvault:\n            category: KeyVault\n            authType: AAD\n"),
    code: "connection/unknown-category",
    line: 12,
    column: 23,
    hint: /CognitiveSearch, AzureOpenAI/,
  },
  // connection/missing-credentials
  {
    behaviour: "an ApiKey connection without the configuration key of its key",
    yaml: withConnections(
      "          search:\n            category: CognitiveSearch\n            target: https://contoso-search.search.windows.net\n            authType: ApiKey\n",
    ),
    code: "connection/missing-credentials",
    line: 14,
    column: 23,
    path: "accounts.east.projects.chat-app.connections.search.authType",
    message: /has authType ApiKey but no credentials.apiKey/,
    hint: /credentials: \{ apiKey: \{ config: <key> \} \}.*pulumi config set --secret/,
  },
  {
    behaviour: "an AAD connection that gives an API key it would not send",
    yaml: withConnections(
      "          search:\n            category: CognitiveSearch\n            target: https://contoso-search.search.windows.net\n            authType: AAD\n            credentials:\n              apiKey: { config: searchKey }\n",
    ),
    code: "connection/missing-credentials",
    line: 16,
    column: 15,
    path: "accounts.east.projects.chat-app.connections.search.credentials.apiKey",
    message: /has authType AAD, which does not use credentials.apiKey/,
    hint: /AAD connections carry none/,
  },
  // connection/target-not-url
  {
    behaviour: "a CognitiveSearch connection whose target is a bare service name",
    yaml: withConnections(
      "          search:\n            category: CognitiveSearch\n            target: contoso-search\n            authType: AAD\n",
    ),
    code: "connection/target-not-url",
    line: 13,
    column: 21,
    path: "accounts.east.projects.chat-app.connections.search.target",
    message: /has target "contoso-search", which is not an https URL/,
    hint: /https:\/\/<service>.search.windows.net/,
  },
  {
    behaviour: "an AzureOpenAI connection without a target",
    yaml: withConnections("          aoai: { category: AzureOpenAI, authType: AAD }\n"),
    code: "connection/target-not-url",
    line: 11,
    column: 11,
    message: /has category AzureOpenAI but no target/,
  },
  // subscription-rai-policy/invalid-name
  {
    behaviour: "a subscription RAI policy whose name has a space",
    yaml: `${baseline}subscriptionRaiPolicy:\n  name: org baseline\n  prompt: { hate: low }\n`,
    code: "subscription-rai-policy/invalid-name",
    line: 13,
    column: 9,
    path: "subscriptionRaiPolicy.name",
    message: /subscription RAI policy name "org baseline" contains " "/,
    hint: /for example "org-baseline"/,
    alsoCodes: ["subscription-rai-policy/preview-api"],
  },
  // subscription-rai-policy/preview-api
  {
    behaviour: "a subscription RAI policy, written at the preview api-version azure-native has for it",
    yaml: `${baseline}subscriptionRaiPolicy:\n  name: org-baseline\n  prompt: { hate: low }\n`,
    code: "subscription-rai-policy/preview-api",
    line: 12,
    column: 1,
    path: "subscriptionRaiPolicy",
    message: /written at the preview api-version 2025-10-01-preview.*not counted as filtering any deployment/,
    hint: /keep a content filter on each deployment/,
  },
  // subscription-rai-policy/several-subscriptions
  {
    behaviour: "a subscription RAI policy while prod puts one account in another subscription",
    yaml: `${baseline.replace("version: 1\n", "version: 1\nsubscription: 11111111-1111-1111-1111-111111111111\n")}subscriptionRaiPolicy:\n  name: org-baseline\n  prompt: { hate: low }\nenvironments:\n  prod:\n    accounts:\n      west: { name: contoso-west-prod, subscription: 22222222-2222-2222-2222-222222222222 }\n`,
    code: "subscription-rai-policy/several-subscriptions",
    line: 13,
    column: 1,
    path: "subscriptionRaiPolicy",
    message:
      /^the accounts in environment "prod" are in 2 subscriptions, 11111111-1111-1111-1111-111111111111 \("east"\), 22222222-2222-2222-2222-222222222222 \("west"\); .*written once per stack/,
    hint: /an environment per subscription/,
    alsoCodes: ["subscription-rai-policy/preview-api"],
  },
  // subscription-rai-policy/shared-subscription
  {
    behaviour: "a subscription RAI policy while dev and prod deploy to the same subscription",
    yaml: `${baseline.replace("version: 1\n", "version: 1\nsubscription: 11111111-1111-1111-1111-111111111111\n")}subscriptionRaiPolicy:\n  name: org-baseline\n  prompt: { hate: low }\nenvironments:\n  dev:\n    accounts:\n      east: { name: contoso-east-dev }\n      west: { name: contoso-west-dev }\n  prod:\n    retainOnDelete: true\n`,
    code: "subscription-rai-policy/shared-subscription",
    line: 14,
    column: 9,
    path: "subscriptionRaiPolicy.name",
    message:
      /^environments "dev", "prod" both deploy to subscription 11111111-1111-1111-1111-111111111111, .*"org-baseline".*destroying the stack of environment "dev" deletes/,
    hint: /`retainOnDelete: true` in "dev"/,
    alsoCodes: ["subscription-rai-policy/preview-api"],
  },
  // deployment/duplicate-name
  {
    behaviour: "two deployments whose names differ only in case on one account collide",
    yaml: withDeployments(
      `  - { name: GPT-4o, account: east, model: { format: OpenAI, name: gpt-4o, version: "1" } }\n`,
    ),
    code: "deployment/duplicate-name",
    line: 12,
    column: 13,
    message: /"GPT-4o" is already used \(as "gpt-4o"\) on account "east" by deployments\[0\] at line 9/,
  },
  {
    behaviour: "a deployment on several accounts collides with one of the same name on one of them",
    yaml: withDeployments(
      `  - { name: gpt-4o, accounts: [west, east], model: { format: OpenAI, name: gpt-4o, version: "1" } }\n`,
    ),
    code: "deployment/duplicate-name",
    line: 12,
    column: 13,
    message: /on account "east"/,
  },
  // deployment/account-and-accounts
  {
    behaviour: "a deployment with both account and accounts is refused at `account`",
    yaml: baseline.replace("    account: east\n", "    account: east\n    accounts: [west]\n"),
    code: "deployment/account-and-accounts",
    line: 10,
    column: 5,
    hint: /add "east" to `accounts`/,
  },
  // deployment/account-required
  {
    behaviour: "a deployment without an account in a file of two accounts is refused",
    yaml: baseline.replace("    account: east\n", ""),
    code: "deployment/account-required",
    line: 9,
    column: 5,
    hint: /east, west/,
  },
  // account/unknown-reference
  {
    behaviour: "a misspelt account reference says which account was meant",
    yaml: baseline.replace("account: east", "account: est"),
    code: "account/unknown-reference",
    line: 10,
    column: 14,
    hint: /did you mean "east"\?/,
  },
  {
    behaviour: "an unknown key in `accounts` is reported at that list item",
    yaml: baseline.replace("account: east", "accounts: [east, wes]"),
    code: "account/unknown-reference",
    line: 10,
    column: 22,
    hint: /did you mean "west"\?/,
  },
  {
    behaviour: "an account referred to by its Azure name is told to use its key",
    yaml: baseline.replace("account: east", "account: contoso-east"),
    code: "account/unknown-reference",
    line: 10,
    column: 14,
    hint: /Azure name of account "east"/,
  },
  // deployment/repeated-account
  {
    behaviour: "an account listed twice in `accounts` is a warning at the repetition",
    yaml: baseline.replace("account: east", "accounts: [east, west, east]"),
    code: "deployment/repeated-account",
    line: 10,
    column: 28,
  },
  // deployment/invalid-name
  {
    behaviour: "a deployment name with a space is a warning, with a valid example",
    yaml: baseline.replace("- name: gpt-4o", '- name: "gpt 4o"'),
    code: "deployment/invalid-name",
    line: 9,
    column: 11,
    message: /contains " "/,
    hint: /for example "gpt-4o"/,
  },
  {
    behaviour: "the naming warning says Azure documents no rule and cites what is known",
    yaml: baseline.replace("- name: gpt-4o", '- name: "gpt+4o"'),
    code: "deployment/invalid-name",
    line: 9,
    column: 11,
    message: /^deployment name "gpt\+4o" contains "\+"$/,
    hint: /a convention, since Azure documents no rule for deployment names \(the REST API's deploymentName path parameter sets no pattern, minimum or maximum length\), but Azure may refuse other names \(Azure answered a name with "\/" with "The resource name is invalid/,
  },
  {
    behaviour: "a deployment name longer than 64 characters is a warning",
    yaml: baseline.replace("- name: gpt-4o", `- name: ${"g".repeat(65)}`),
    code: "deployment/invalid-name",
    line: 9,
    column: 11,
    message: /65 characters long/,
  },
  // deployment/unsafe-name
  {
    behaviour: "a deployment name with a slash is an error: it would break the ARM resource path",
    yaml: baseline.replace("- name: gpt-4o", '- name: "gpt/4o"'),
    code: "deployment/unsafe-name",
    line: 9,
    column: 11,
    path: "deployments[0].name",
    message:
      /^deployment name "gpt\/4o" contains "\/": the name is one segment of the deployment's ARM resource path/,
    hint: /for example "gpt-4o"/,
  },
  {
    behaviour: "a deployment name with a control character is an error",
    yaml: baseline.replace("- name: gpt-4o", '- name: "gpt\\t4o"'),
    code: "deployment/unsafe-name",
    line: 9,
    column: 11,
    message: /contains "\\t" \(U\+0009\)/,
  },
  {
    behaviour: "a deployment name of two dots is an error: URLs read it as the parent path",
    yaml: baseline.replace("- name: gpt-4o", '- name: ".."'),
    code: "deployment/unsafe-name",
    line: 9,
    column: 11,
    message: /is "\.\.", which URLs read as a relative path/,
  },
  // deployment/missing-type
  {
    behaviour: "a deployment with no type after defaults is refused",
    yaml: baseline.replace("  sku: GlobalStandard\n", ""),
    code: "deployment/missing-type",
    line: 8,
    column: 5,
  },
  // capacity/missing
  {
    behaviour: "a deployment with no capacity nor rate limit after defaults is refused",
    yaml: baseline.replace("  capacity: 10\n", ""),
    code: "capacity/missing",
    line: 8,
    column: 5,
  },
  // capacity/rate-limit-with-capacity
  {
    behaviour: "capacity and rateLimit on one deployment are refused at the rateLimit",
    yaml: withDeployments(
      yaml`
        - name: mini
          account: east
          model: { format: OpenAI, name: gpt-4o-mini, version: "2024-07-18" }
          capacity: 10
          rateLimit: { tokensPerMinute: 20000 }
      `.replace(/^(?=.)/gm, "  "),
    ),
    code: "capacity/rate-limit-with-capacity",
    line: 16,
    column: 5,
  },
  {
    behaviour: "capacity and rateLimit in an environment's override are refused there",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          deployments:
            gpt-4o: { capacity: 1, rateLimit: { tokensPerMinute: 1000 } }
    `}`,
    code: "capacity/rate-limit-with-capacity",
    line: 15,
    column: 30,
  },
  // capacity/rate-limit-step
  {
    behaviour:
      "tokens per minute that are not a whole number of the model's units are refused, naming the unit and its source",
    yaml: baseline
      .replace("  capacity: 10", "  rateLimit: { tokensPerMinute: 15000 }")
      .replace('name: gpt-4o, version: "2024-11-20"', 'name: o3-pro, version: "2025-06-10"'),
    code: "capacity/rate-limit-step",
    line: 7,
    column: 33,
    hint: /use 10000 or 20000/,
    message:
      /"gpt-4o": tokensPerMinute 15000 is not a whole number of capacity units of o3-pro; one unit is 10,000 tokens and 1 request per minute \(Quota units \(articles\/foundry\/openai\/includes\/quota-1\.md, 2026-09-16\); test catalog of 2026-12-02\)/,
  },
  {
    behaviour: "a rate limit below one unit of the model is refused with the unit as the nearest value",
    yaml: withKnownUnit(baseline).replace("  capacity: 10", "  rateLimit: { tokensPerMinute: 1500 }"),
    code: "capacity/rate-limit-step",
    line: 7,
    column: 33,
    hint: /use 1000 or 2000/,
  },
  // capacity/unit-unknown
  {
    behaviour: "a rate limit on a model whose unit is not documented is refused (never 1,000 assumed)",
    yaml: baseline.replace("  capacity: 10", "  rateLimit: { tokensPerMinute: 10000 }"),
    code: "capacity/unit-unknown",
    line: 7,
    column: 3,
    path: "defaults.rateLimit",
    message:
      /deployment "gpt-4o": the capacity unit of gpt-4o is not documented \(test catalog of 2026-12-02\): write `capacity` in units instead of `rateLimit`/,
  },
  {
    behaviour: "a rate limit on a model the catalog does not know is refused",
    yaml: withDeployments(
      `  - { name: next, account: east, model: { format: OpenAI, name: gpt-9, version: "1" }, rateLimit: { tokensPerMinute: 5000 } }\n`,
    ),
    code: "capacity/unit-unknown",
    line: 12,
    column: 88,
    message:
      /OpenAI gpt-9 is not in the model catalog \(test catalog of 2026-12-02\), so its capacity unit is unknown/,
  },
  {
    behaviour: "a rate limit on a version the catalog does not know is refused, listing the known versions",
    yaml: `${withDeployments(
      `  - { name: pro, account: east, model: { format: OpenAI, name: o3-pro, version: "2025-06-10" }, rateLimit: { tokensPerMinute: 20000 } }\n`,
    )}environments:\n  dev:\n    deployments:\n      pro: { modelVersion: "2099-01-01" }\n`,
    code: "capacity/unit-unknown",
    line: 12,
    column: 97,
    message:
      /"pro" in environment "dev": version 2099-01-01 of o3-pro is not in the model catalog \(test catalog of 2026-12-02; it lists 2025-06-10\)/,
  },
  // capacity/rate-limit-on-provisioned
  {
    behaviour: "a provisioned deployment sized by rateLimit is refused at its rateLimit",
    yaml: withDeployments(ptu.replace("    capacity: 50", "    rateLimit: { tokensPerMinute: 50000 }")),
    code: "capacity/rate-limit-on-provisioned",
    line: 16,
    column: 5,
  },
  {
    behaviour:
      "a rate limit from the defaults applied to a provisioned deployment is refused at the defaults",
    yaml: withKnownUnit(withDeployments(ptu.replace("    capacity: 50\n", ""))).replace(
      "  capacity: 10",
      "  rateLimit: { tokensPerMinute: 10000 }",
    ),
    code: "capacity/rate-limit-on-provisioned",
    line: 7,
    column: 3,
    message: /gpt-4o-ptu" is GlobalProvisionedManaged/,
  },
  {
    behaviour: "a rate limit becomes wrong when an environment makes the deployment provisioned",
    yaml: `${withKnownUnit(baseline).replace("  capacity: 10", "  rateLimit: { tokensPerMinute: 10000 }")}${yaml`
      environments:
        dev:
          deployments:
            gpt-4o: { sku: ProvisionedManaged }
    `}`,
    code: "capacity/rate-limit-on-provisioned",
    line: 7,
    column: 3,
    message: /is ProvisionedManaged in environment "dev"/,
  },
  // capacity/rate-limit-unsupported
  {
    behaviour: "a batch deployment sized by rateLimit is refused: batch quota counts enqueued tokens",
    yaml: withKnownUnit(baseline)
      .replace("  sku: GlobalStandard", "  sku: GlobalBatch")
      .replace("  capacity: 10", "  rateLimit: { tokensPerMinute: 10000 }"),
    code: "capacity/rate-limit-unsupported",
    line: 7,
    column: 3,
    message:
      /"gpt-4o" is GlobalBatch, a batch type, quota'd in enqueued tokens rather than tokens per minute/,
  },
  {
    behaviour: "a rate limit becomes wrong when an environment makes the deployment Developer tier",
    yaml: `${withKnownUnit(baseline).replace("  capacity: 10", "  rateLimit: { tokensPerMinute: 10000 }")}${yaml`
      environments:
        dev:
          defaults: { sku: DeveloperTier }
    `}`,
    code: "capacity/rate-limit-unsupported",
    line: 7,
    column: 3,
    message: /is DeveloperTier in environment "dev", the Developer tier/,
    // The baseline's model is a base model, which the Developer tier does not serve.
    alsoCodes: ["developer-tier/not-fine-tuned"],
  },
  // capacity/out-of-bounds
  {
    behaviour: "provisioned capacity off the model's step is refused, with the nearest valid capacities",
    yaml: withDeployments(ptu.replace("    capacity: 50", "    capacity: 52")),
    code: "capacity/out-of-bounds",
    line: 16,
    column: 15,
    path: "deployments[1].capacity",
    hint: /^use 50 or 55; the bounds come from .*PTU costs \(articles\/foundry\/openai\/how-to\/provisioned-throughput-onboarding\.md, 2026-04-07\)/,
    message:
      /"gpt-4o-ptu": capacity 52 PTUs is not a multiple of the step 5 for GlobalProvisionedManaged of gpt-4o 2024-11-20 \(minimum 15, maximum 100,000, step 5; test catalog of 2026-12-02\)$/,
  },
  {
    behaviour: "provisioned capacity below the model's minimum is refused",
    yaml: withDeployments(ptu.replace("    capacity: 50", "    capacity: 10")),
    code: "capacity/out-of-bounds",
    line: 16,
    column: 15,
    hint: /^use 15;/,
    message: /capacity 10 PTUs is below the minimum 15/,
  },
  {
    behaviour: "regional provisioned capacity counts its own bounds (50, step 50)",
    yaml: withDeployments(
      ptu
        .replace("    sku: GlobalProvisionedManaged", "    sku: ProvisionedManaged")
        .replace("capacity: 50", "capacity: 75")
        .replace(/\n *spillover: gpt-4o/, ""),
    ),
    code: "capacity/out-of-bounds",
    line: 16,
    column: 15,
    hint: /^use 50 or 100;/,
  },
  {
    behaviour: "capacity above the documented maximum is refused",
    yaml: withDeployments(ptu.replace("    capacity: 50", "    capacity: 100050")),
    code: "capacity/out-of-bounds",
    line: 16,
    column: 15,
    hint: /^use 100000;/,
    message: /is above the maximum 100000/,
  },
  {
    behaviour: "an environment's capacity override out of bounds is refused at the override",
    yaml: `${withDeployments(ptu)}environments:\n  dev:\n    deployments:\n      gpt-4o-ptu: { capacity: 62 }\n`,
    code: "capacity/out-of-bounds",
    line: 21,
    column: 31,
    message: /"gpt-4o-ptu" in environment "dev": capacity 62 PTUs/,
  },
  // spillover/self
  {
    behaviour: "a deployment that spills over to itself is refused",
    yaml: withDeployments(ptu.replace("spillover: gpt-4o", "spillover: GPT-4o-PTU")),
    code: "spillover/self",
    line: 17,
    column: 16,
  },
  // spillover/unknown-target
  {
    behaviour: "a misspelt spillover target says which deployment was meant",
    yaml: withDeployments(ptu.replace("spillover: gpt-4o", "spillover: gpt4o")),
    code: "spillover/unknown-target",
    line: 17,
    column: 16,
    hint: /did you mean "gpt-4o"\?/,
  },
  {
    behaviour: "a spillover target on another account is not found",
    yaml: withDeployments(ptu.replace("    account: east", "    account: west")),
    code: "spillover/unknown-target",
    line: 17,
    column: 16,
    message: /not a deployment on account "west"/,
  },
  // spillover/source-not-provisioned
  {
    behaviour: "a token-based deployment with spillover is refused",
    yaml: withDeployments(ptu.replace("    sku: GlobalProvisionedManaged\n", "")),
    code: "spillover/source-not-provisioned",
    line: 16,
    column: 5,
    message: /is GlobalStandard;/,
  },
  // spillover/provisioned-target
  {
    behaviour: "spilling over to a provisioned deployment is refused",
    yaml: withDeployments(ptu)
      .replace("  sku: GlobalStandard", "  sku: ProvisionedManaged")
      .replace("  capacity: 10", "  capacity: 50"),
    code: "spillover/provisioned-target",
    line: 17,
    column: 16,
  },
  // spillover/processing-level
  {
    behaviour: "a global provisioned deployment spilling to a regional Standard one is refused",
    yaml: withDeployments(ptu).replace("  sku: GlobalStandard", "  sku: Standard"),
    code: "spillover/processing-level",
    line: 17,
    column: 16,
    path: "deployments[1].spillover",
    message:
      /^deployment "gpt-4o-ptu" is GlobalProvisionedManaged \(global processing\) and spills over to "gpt-4o", which is Standard \(regional processing\); Azure's spillover guide says the data processing level of the standard deployment must match/,
    hint: /spill over to a GlobalStandard deployment/,
  },
  {
    behaviour: "a regional provisioned deployment spilling to a GlobalStandard one is refused",
    yaml: withDeployments(ptu.replace("sku: GlobalProvisionedManaged", "sku: ProvisionedManaged")),
    code: "spillover/processing-level",
    line: 17,
    column: 16,
    message:
      /is ProvisionedManaged \(regional processing\) and spills over to "gpt-4o", which is GlobalStandard/,
    hint: /spill over to a Standard deployment/,
  },
  {
    behaviour: "a target made DataZoneStandard in one environment is refused for that environment",
    yaml: `${withDeployments(ptu)}${yaml`
      environments:
        dev:
          deployments:
            gpt-4o: { sku: DataZoneStandard }
    `}`,
    code: "spillover/processing-level",
    line: 17,
    column: 16,
    message: /which is DataZoneStandard \(data zone processing\) in environment "dev"/,
  },
  // spillover/model-mismatch
  {
    behaviour: "spilling over to another version of the model is a warning",
    yaml: withDeployments(ptu.replace('version: "2024-11-20"', 'version: "2024-08-06"')),
    code: "spillover/model-mismatch",
    line: 17,
    column: 16,
    path: "deployments[1].spillover",
    message:
      /^deployment "gpt-4o-ptu" \(OpenAI gpt-4o version 2024-08-06\) spills over to "gpt-4o", which deploys OpenAI gpt-4o version 2024-11-20; the portal tip of Azure's spillover guide says the account needs an active pay-as-you-go deployment that matches the model and version/,
  },
  {
    behaviour: "spilling over to another model is a warning",
    yaml: withDeployments(ptu.replace("name: gpt-4o, version", "name: gpt-4o-mini, version")),
    code: "spillover/model-mismatch",
    line: 17,
    column: 16,
    message: /which deploys OpenAI gpt-4o version 2024-11-20/,
  },
  {
    behaviour: "a target moved to another model version in one environment is a warning for that environment",
    yaml: `${withDeployments(ptu)}${yaml`
      environments:
        dev:
          deployments:
            gpt-4o: { modelVersion: "2024-08-06" }
    `}`,
    code: "spillover/model-mismatch",
    line: 17,
    column: 16,
    message: /which deploys OpenAI gpt-4o version 2024-08-06 in environment "dev"/,
  },
  // spillover/non-standard-target
  {
    behaviour: "spilling over to a batch deployment is refused",
    yaml: withDeployments(ptu).replace("  sku: GlobalStandard", "  sku: GlobalBatch"),
    code: "spillover/non-standard-target",
    line: 17,
    column: 16,
    message:
      /"gpt-4o", which is GlobalBatch \(a batch deployment\); Azure's spillover guide says the spillover target must be a standard/,
    hint: /GlobalStandard deployment/,
  },
  {
    behaviour: "spilling over to a DeveloperTier deployment is refused",
    yaml: withDeployments(ptu).replace("  sku: GlobalStandard", "  sku: DeveloperTier"),
    code: "spillover/non-standard-target",
    line: 17,
    column: 16,
    message: /which is DeveloperTier \(a Developer/,
    alsoCodes: ["developer-tier/not-fine-tuned"],
  },
  // spillover/unsupported-model
  {
    behaviour: "a provisioned deployment of a model from another provider may not spill over",
    yaml: withDeployments(
      ptu.replace(
        'model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }',
        'model: { format: DeepSeek, name: DeepSeek-R1, version: "1" }',
      ),
    ),
    code: "spillover/unsupported-model",
    line: 17,
    column: 5,
    path: "deployments[1].spillover",
    message:
      /deploys a DeepSeek model; Azure's provisioned throughput guide says .*models from other providers \(DeepSeek, Meta Llama\) don't/,
    alsoCodes: ["spillover/model-mismatch"],
  },
  // spillover/disabled-target
  {
    behaviour: "a disabled deployment that another spills over to is refused",
    yaml: withDeployments(ptu).replace("    account: east\n", "    account: east\n    enabled: false\n"),
    code: "spillover/disabled-target",
    line: 11,
    column: 14,
  },
  {
    behaviour: "a deployment disabled in an environment while spilled to there is refused at the override",
    yaml: `${withDeployments(ptu)}${yaml`
      environments:
        dev:
          deployments:
            gpt-4o: { enabled: false }
    `}`,
    code: "spillover/disabled-target",
    line: 21,
    column: 26,
    message: /disabled in environment "dev"/,
  },
  // content-filter/unknown-reference
  {
    behaviour: "a misspelt content filter of a deployment says which filter was meant",
    yaml: `${baseline.replace("    account: east\n", "    account: east\n    contentFilter: strct\n")}${filters}`,
    code: "content-filter/unknown-reference",
    line: 11,
    column: 20,
    hint: /did you mean "strict"\?/,
    alsoCodes: ["content-filter/unused", "blocklist/unused"],
  },
  {
    behaviour: "an undeclared content filter in the defaults is refused",
    yaml: baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: Microsoft.Defualt\n"),
    code: "content-filter/unknown-reference",
    line: 8,
    column: 18,
    hint: /did you mean "Microsoft.Default"\?/,
  },
  {
    behaviour: "an undeclared content filter in an environment's defaults and overrides is refused",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          defaults: { contentFilter: lenient }
          deployments:
            gpt-4o: { contentFilter: lenient }
    `}`,
    code: "content-filter/unknown-reference",
    line: 16,
    column: 32,
  },
  // blocklist/unknown-reference
  {
    behaviour: "a misspelt blocklist of a content filter says which blocklist was meant",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "blocklists: [banned]",
      "blocklists: [baned]",
    )}`,
    code: "blocklist/unknown-reference",
    line: 15,
    column: 39,
    hint: /did you mean "banned"\?/,
    alsoCodes: ["blocklist/unused"],
  },
  // content-filter/invalid-name
  {
    behaviour: "a content filter name with a space is invalid",
    yaml: `${baseline.replace("  capacity: 10\n", '  capacity: 10\n  contentFilter: "strict filter"\n')}${filters.replace(
      "  strict:",
      '  "strict filter":',
    )}`,
    code: "content-filter/invalid-name",
    line: 14,
    column: 3,
    hint: /for example "strict-filter"/,
  },
  {
    behaviour: "a content filter may not take the name of a Microsoft base policy",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: Microsoft.Default\n")}${filters.replace(
      "  strict:",
      "  Microsoft.Default:",
    )}`,
    code: "content-filter/invalid-name",
    line: 14,
    column: 3,
    message: /name of a Microsoft base policy/,
  },
  // content-filter/legacy-mode
  {
    behaviour: "mode Deferred is a warning that names its current name",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n",
      "  strict:\n    mode: Deferred\n",
    )}`,
    code: "content-filter/legacy-mode",
    line: 15,
    column: 11,
    path: "contentFilters.strict.mode",
    message: /mode Deferred, the older name of Asynchronous_filter/,
    hint: /`mode: Asynchronous_filter`/,
  },
  {
    behaviour: "mode Blocking is a warning that says what the Guardrail built-in does with it",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n",
      "  strict:\n    mode: Blocking\n",
    )}`,
    code: "content-filter/legacy-mode",
    line: 15,
    column: 11,
    message:
      /mode Blocking, .*Guardrail built-in policy c1ad46c6-37f8-4af0-9c71-c208375c87dd .*allows only Default and Asynchronous_filter, so where it is assigned it reports every deployment using this filter as non-compliant/,
    hint: /`mode: Default`/,
  },
  // content-filter/needs-approval
  {
    behaviour: "a harm category switched off needs approval for modified content filtering",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "prompt: { hate: low,",
      "prompt: { hate: off,",
    )}`,
    code: "content-filter/needs-approval",
    line: 15,
    column: 21,
    path: "contentFilters.strict.prompt.hate",
    message: /turns hate on prompts off: this needs approval for modified content filtering/,
  },
  {
    behaviour: "an annotate-only harm category needs approval for modified content filtering",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n",
      "  strict:\n    completion:\n      violence: { threshold: medium, action: annotate }\n",
    )}`,
    code: "content-filter/needs-approval",
    line: 16,
    column: 17,
    path: "contentFilters.strict.completion.violence",
    message: /turns violence on completions to annotate only \(at medium\): this needs approval/,
  },
  // content-filter/undocumented-action
  {
    behaviour: "a harm category with the action humanReview is a warning at the action: HITL is undocumented",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n",
      "  strict:\n    completion:\n      violence: { threshold: medium, action: humanReview }\n",
    )}`,
    code: "content-filter/undocumented-action",
    line: 16,
    column: 46,
    path: "contentFilters.strict.completion.violence.action",
    message:
      /sets completion\.violence to humanReview, written as the RaiPolicy action HITL: the API's action HITL, which no Microsoft document describes .*annotate \("Annotate"\) and block \("Annotate and block"\) only \(Azure\/azure-rest-api-specs specification\/cognitiveservices\/.*\/stable\/2026-09-01\/cognitiveservices\.json \(2026-09-01\)\)/,
    hint: /use `block` or `annotate`/,
  },
  {
    behaviour: "a detection with the action retry is a warning at its value: RETRY is undocumented",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n",
      "  strict:\n    completion:\n      protectedMaterialText: retry\n",
    )}`,
    code: "content-filter/undocumented-action",
    line: 16,
    column: 30,
    path: "contentFilters.strict.completion.protectedMaterialText",
    message: /sets completion\.protectedMaterialText to retry, written as the RaiPolicy action RETRY/,
  },
  // content-filter/preview-intervention-point
  {
    behaviour: "an agent's tool call in a content filter is an error at the key: Preview per the docs",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n",
      "  strict:\n    toolCall:\n      hate: high\n",
    )}`,
    code: "content-filter/preview-intervention-point",
    line: 15,
    column: 5,
    path: "contentFilters.strict.toolCall",
    message:
      /declares `toolCall` \(Tool call, RaiPolicy source PreToolCall\), an intervention point Microsoft documents as Preview \(MicrosoftDocs\/azure-ai-docs articles\/foundry\/guardrails\/intervention-points\.md \(2026-02-18\)/,
    hint: /remove `toolCall`/,
  },
  {
    behaviour: "an agent's tool response in a content filter is an error at the key",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n",
      "  strict:\n    toolResponse: { indirectAttack: block }\n",
    )}`,
    code: "content-filter/preview-intervention-point",
    line: 15,
    column: 5,
    path: "contentFilters.strict.toolResponse",
    message: /declares `toolResponse` \(Tool response, RaiPolicy source PostToolCall\)/,
  },
  // blocklist/non-openai-models
  {
    behaviour: "a blocklist on a filter only a Mistral deployment uses is a warning",
    yaml: `${baseline
      .replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")
      .replace(
        'model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }',
        'model: { format: Mistral AI, name: Mistral-Large-2411, version: "2" }',
      )}${filters}`,
    code: "blocklist/non-openai-models",
    line: 15,
    column: 26,
    path: "contentFilters.strict.prompt.blocklists",
    message:
      /only deployments of models that are not Azure OpenAI models use it: "gpt-4o" \(Mistral AI\); Azure's blocklist guide says "Blocklist \(preview\) is only supported for Azure OpenAI models"/,
  },
  // blocklist/invalid-name
  {
    behaviour: "a blocklist name starting with a hyphen is invalid",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replaceAll(
      "banned",
      "-banned",
    )}`,
    code: "blocklist/invalid-name",
    line: 17,
    column: 3,
    message: /starts with "-"/,
  },
  // account/invalid-name
  {
    behaviour: "an account name with a space is invalid",
    yaml: baseline.replace("name: contoso-west", '"name": "contoso west"'),
    code: "account/invalid-name",
    line: 4,
    column: 19,
    hint: /for example "contoso-west"/,
  },
  {
    behaviour: "an account name too long in an environment override is invalid",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            west: { name: ${"w".repeat(65)} }
    `}`,
    code: "account/invalid-name",
    line: 15,
    column: 21,
  },
  // account/invalid-subdomain
  {
    behaviour: "a custom subdomain with capitals and an underscore is invalid",
    yaml: baseline.replace("location: westus3 }", "location: westus3, customSubDomain: Contoso_West }"),
    code: "account/invalid-subdomain",
    line: 4,
    column: 89,
    hint: /for example "contoso-west"/,
  },
  {
    behaviour: "a created account without a subdomain needs a name that is a valid subdomain",
    yaml: baseline.replace("contoso-west, resourceGroup", "Contoso.West, create: true, resourceGroup"),
    code: "account/invalid-subdomain",
    line: 4,
    column: 17,
    message: /used as subdomain/,
  },
  // blocklist/invalid-regex
  {
    behaviour: "a blocklist pattern that does not compile is refused with the engine's message",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "items: [secret]",
      'items: [secret, { pattern: "proj-[0-9", regex: true }]',
    )}`,
    code: "blocklist/invalid-regex",
    line: 18,
    column: 32,
    message: /Unterminated character class/,
  },
  // account/missing-location
  {
    behaviour: "an account aideploy creates without a location is refused at `create`",
    yaml: baseline.replace("resourceGroup: rg-ai, location: westus3", "resourceGroup: rg-ai, create: true"),
    code: "account/missing-location",
    line: 4,
    column: 53,
  },
  // account/duplicate-resource
  {
    behaviour: "two account keys renamed to one Azure account in an environment are refused",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            west: { name: contoso-east }
    `}`,
    code: "account/duplicate-resource",
    line: 15,
    column: 21,
    message: /"east" and "west" both name the Azure account "contoso-east".* in environment "dev"/,
  },
  {
    behaviour: "two account keys naming one Azure account as written are refused",
    yaml: baseline.replace("name: contoso-west", "name: contoso-east"),
    code: "account/duplicate-resource",
    line: 4,
    column: 17,
    path: "accounts.west.name",
    message:
      /^accounts "east" and "west" both name the Azure account "contoso-east" in resource group "rg-ai"$/,
  },
  {
    behaviour: "an environment moving an account into another's resource group is refused at that override",
    yaml: `${baseline.replace(
      "name: contoso-west, resourceGroup: rg-ai, location: westus3",
      "name: contoso-east, resourceGroup: rg-other, location: westus3, customSubDomain: contoso-west",
    )}${yaml`
      environments:
        dev:
          accounts:
            west: { resourceGroup: rg-ai }
    `}`,
    code: "account/duplicate-resource",
    line: 15,
    column: 30,
    path: "environments.dev.accounts.west.resourceGroup",
    message:
      /"east" and "west" both name the Azure account "contoso-east" in resource group "rg-ai" in environment "dev"/,
    // In dev, west's subdomain belongs to another Azure account than as written.
    alsoCodes: ["account/duplicate-subdomain"],
  },
  // account/duplicate-subdomain
  {
    behaviour: "two accounts with the same custom subdomain are refused",
    yaml: baseline.replace("location: westus3 }", "location: westus3, customSubDomain: Contoso-East }"),
    code: "account/duplicate-subdomain",
    line: 4,
    column: 89,
    path: "accounts.west.customSubDomain",
    message:
      /^the custom subdomain "contoso-east" of account "west" \(Azure account "contoso-west" in resource group "rg-ai"\) is also the subdomain of account "east" \(Azure account "contoso-east" in resource group "rg-ai", line 3\); subdomains are unique across Azure$/,
    hint: /give account "west" a subdomain of its own/,
    alsoCodes: ["account/invalid-subdomain"],
  },
  {
    behaviour: "two accounts of one name in two resource groups both default to that name as subdomain",
    yaml: baseline.replace(
      "name: contoso-west, resourceGroup: rg-ai",
      "name: contoso-east, resourceGroup: rg-other",
    ),
    code: "account/duplicate-subdomain",
    line: 4,
    column: 17,
    path: "accounts.west.name",
    message:
      /^account "west" \(Azure account "contoso-east" in resource group "rg-other"\) has no customSubDomain, so its name is its subdomain, which is also the subdomain of account "east"/,
    hint: /set `customSubDomain:` on account "west"/,
  },
  {
    behaviour:
      "an environment renaming an account that keeps its custom subdomain collides with the account as written",
    yaml: `${baseline.replace("location: eastus2 }", "location: eastus2, customSubDomain: contoso-east }")}${yaml`
      environments:
        dev:
          accounts:
            east: { name: contoso-east-dev }
    `}`,
    code: "account/duplicate-subdomain",
    line: 15,
    column: 21,
    path: "environments.dev.accounts.east.name",
    message:
      /^the custom subdomain "contoso-east" of account "east" in environment "dev" \(Azure account "contoso-east-dev" in resource group "rg-ai"\) is also the subdomain of account "east" \(Azure account "contoso-east" in resource group "rg-ai", line 3\)/,
    hint: /set `customSubDomain:` in environment "dev"'s override of account "east"/,
  },
  // reservation/scope
  {
    behaviour: "a reservation scoped to a resource group that names none",
    yaml: `${baseline}reservations:\n  - { deploymentType: GlobalProvisionedManaged, region: eastus2, quantity: 50, term: year, scope: resourceGroup }\n`,
    code: "reservation/scope",
    line: 13,
    column: 99,
    path: "reservations[0].scope",
    message:
      /^reservation 1 \(GlobalProvisionedManaged in eastus2\) is scoped to a resource group but names none$/,
    hint: /add `resourceGroup: <name>`/,
  },
  {
    behaviour: "a reservation naming a resource group under the shared scope",
    yaml: `${baseline}reservations:\n  - { deploymentType: GlobalProvisionedManaged, region: eastus2, quantity: 50, term: year, resourceGroup: rg-ai }\n`,
    code: "reservation/scope",
    line: 13,
    column: 107,
    path: "reservations[0].resourceGroup",
    message: /names resource group "rg-ai" but its scope is shared$/,
    hint: /set `scope: resourceGroup`/,
  },
  // environment/shared-account
  {
    behaviour: "two environments without account overrides both deploy to the file's accounts",
    yaml: `${baseline}environments:\n  dev: {}\n  prod: { protect: true }\n`,
    code: "environment/shared-account",
    line: 14,
    column: 3,
    path: "environments.prod",
    message:
      /^environments "dev" and "prod" both deploy to the Azure account "contoso-east" in resource group "rg-ai" \(account "east"\); their Pulumi stacks would undo each other's changes to it$/,
    hint: /`environments\.prod\.accounts\.east`/,
  },
  {
    behaviour: "two environments overriding an account to the same Azure account share it",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            east: { name: contoso-east-2, customSubDomain: contoso-east-2 }
        prod:
          accounts:
            east: { name: contoso-east-2, customSubDomain: contoso-east-2 }
            west: { name: contoso-west-prod }
    `}`,
    code: "environment/shared-account",
    line: 18,
    column: 7,
    path: "environments.prod.accounts.east",
    message:
      /^environments "dev" and "prod" both deploy to the Azure account "contoso-east-2" in resource group "rg-ai" \(account "east"\)/,
  },
  // account/invalid-resource-group
  {
    behaviour: "a resource group ending with a period is refused, with a valid example",
    yaml: baseline.replace(
      "resourceGroup: rg-ai, location: westus3",
      'resourceGroup: "rg-ai.", location: westus3',
    ),
    code: "account/invalid-resource-group",
    line: 4,
    column: 46,
    path: "accounts.west.resourceGroup",
    message: /^the resource group "rg-ai\." of account "west" ends with "\."$/,
    hint: /for example "rg-ai"/,
  },
  {
    behaviour: "a resource group with a slash in an environment override is refused",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            west: { resourceGroup: rg/dev, name: contoso-west-dev }
    `}`,
    code: "account/invalid-resource-group",
    line: 15,
    column: 30,
    path: "environments.dev.accounts.west.resourceGroup",
    message: /^the resource group "rg\/dev" of account "west" contains "\/"$/,
  },
  {
    behaviour: "a resource group longer than 90 characters is refused",
    yaml: baseline.replace(
      "resourceGroup: rg-ai, location: westus3",
      `resourceGroup: ${"r".repeat(91)}, location: westus3`,
    ),
    code: "account/invalid-resource-group",
    line: 4,
    column: 46,
    path: "accounts.west.resourceGroup",
    message: /is 91 characters long, more than 90/,
  },
  // account/lookalike-resource-group
  {
    behaviour: "a resource group with a Cyrillic letter that looks Latin names the letter and its code point",
    yaml: baseline.replace(
      "resourceGroup: rg-ai, location: westus3",
      "resourceGroup: rg-\u0430i, location: westus3",
    ),
    code: "account/lookalike-resource-group",
    line: 4,
    column: 46,
    path: "accounts.west.resourceGroup",
    message:
      /^the resource group "rg-\u0430i" of account "west" contains "\u0430" \(U\+0430, looks like "a"\); Azure treats it as a resource group other than "rg-ai"$/,
  },
  // account/invalid-location
  {
    behaviour: "a location written as the region's display name is refused, with its name",
    yaml: baseline.replace("location: eastus2", 'location: "East US 2"'),
    code: "account/invalid-location",
    line: 3,
    column: 63,
    path: "accounts.east.location",
    message:
      /^the location "East US 2" of account "east" is the display name of region "eastus2", not its name$/,
    hint: /^did you mean "eastus2"\?$/,
  },
  {
    behaviour: "a misspelt location is refused, with the region meant",
    yaml: baseline.replace("location: eastus2", "location: eastu2"),
    code: "account/invalid-location",
    line: 3,
    column: 63,
    path: "accounts.east.location",
    message: /^the location "eastu2" of account "east" is not an Azure region name$/,
    hint: /^did you mean "eastus2"\?$/,
  },
  {
    behaviour: "a misspelt location in an environment override is refused there",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            west: { location: westeurop }
    `}`,
    code: "account/invalid-location",
    line: 15,
    column: 25,
    path: "environments.dev.accounts.west.location",
    hint: /^did you mean "westeurope"\?$/,
  },
  {
    behaviour: "a location with a Cyrillic letter is refused, naming the letter's code point",
    yaml: baseline.replace("location: eastus2", "location: e\u0430stus2"),
    code: "account/invalid-location",
    line: 3,
    column: 63,
    path: "accounts.east.location",
    message: /^the location "e\u0430stus2" of account "east" is not an Azure region name$/,
    hint: /^did you mean "eastus2"\? \("e\u0430stus2" contains "\u0430" U\+0430\)$/,
  },
  // account/unknown-location
  {
    behaviour: "a well-formed location that is not a known region is a warning",
    yaml: baseline.replace("location: westus3", "location: usgovvirginia"),
    code: "account/unknown-location",
    line: 4,
    column: 63,
    path: "accounts.west.location",
    message:
      /^the location "usgovvirginia" of account "west" is not one of the Azure regions aideploy knows \(catalog\/regions\.json\)$/,
  },
  // account/invalid-name: characters that look like others
  {
    behaviour: "an account name with a Cyrillic letter names the letter, its code point and the Latin name",
    yaml: baseline.replace("name: contoso-west", "name: c\u043Entoso-west"),
    code: "account/invalid-name",
    line: 4,
    column: 17,
    path: "accounts.west.name",
    message:
      /^the Azure name "c\u043Entoso-west" of account "west" contains "\u043E" \(U\+043E, looks like "o"\)$/,
    hint: /for example "contoso-west"/,
  },
  {
    behaviour: "a deployment name with an invisible character names its code point",
    yaml: baseline.replace("- name: gpt-4o", "- name: gpt-4o\u200B"),
    code: "deployment/invalid-name",
    line: 9,
    column: 11,
    path: "deployments[0].name",
    message: /^deployment name "gpt-4o\u200B" contains "\u200B" \(U\+200B\)$/,
  },
  // blocklist/catastrophic-regex
  {
    behaviour: "a blocklist pattern with nested repetition is a warning",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "items: [secret]",
      'items: [secret, { pattern: "(a+)+$", regex: true }]',
    )}`,
    code: "blocklist/catastrophic-regex",
    line: 18,
    column: 32,
    path: "blocklists.banned.items[1].pattern",
    message:
      /^the pattern of blocklist "banned" item 2 can backtrack catastrophically: on text with a long run of "a", matching time grows exponentially with its length$/,
  },
  {
    behaviour: "a blocklist pattern repeating overlapping alternatives is a warning",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "items: [secret]",
      'items: [secret, { pattern: "(x|x?)+y", regex: true }]',
    )}`,
    code: "blocklist/catastrophic-regex",
    line: 18,
    column: 32,
    path: "blocklists.banned.items[1].pattern",
    message:
      /item 2 can backtrack catastrophically: on text with a long run of "x", matching time grows exponentially/,
  },
  {
    behaviour: "a blocklist pattern whose backtracking grows as a power of 3 or more is a warning",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "items: [secret]",
      'items: [secret, { pattern: "a*a*a*b", regex: true }]',
    )}`,
    code: "blocklist/catastrophic-regex",
    line: 18,
    column: 32,
    path: "blocklists.banned.items[1].pattern",
    message: /matching time grows with the fourth power of its length$/,
  },
  // blocklist/duplicate-item
  {
    behaviour: "the same blocklist item twice is a warning at the second",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "items: [secret]",
      "items: [secret, other, { pattern: secret }]",
    )}`,
    code: "blocklist/duplicate-item",
    line: 18,
    column: 28,
  },
  // content-filter/unused and blocklist/unused
  {
    behaviour: "a content filter no deployment uses is reported as not deployed",
    yaml: `${baseline}${filters}`,
    code: "content-filter/unused",
    line: 13,
    column: 3,
    message: /will not be deployed/,
    alsoCodes: ["blocklist/unused"],
  },
  {
    behaviour: "a blocklist only an unused content filter attaches is reported as not deployed",
    yaml: `${baseline}${filters}`,
    code: "blocklist/unused",
    line: 16,
    column: 3,
    message: /only to content filters no deployment uses/,
    alsoCodes: ["content-filter/unused"],
  },
  {
    behaviour: "a content filter used only by a disabled deployment is reported as not deployed",
    yaml: `${baseline.replace("    account: east\n", "    account: east\n    enabled: false\n    contentFilter: strict\n")}${filters}`,
    code: "content-filter/unused",
    line: 15,
    column: 3,
    alsoCodes: ["blocklist/unused"],
  },
  {
    behaviour: "a blocklist no content filter attaches is reported as not deployed",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters}  spare:\n    items: [x]\n`,
    code: "blocklist/unused",
    line: 19,
    column: 3,
    message: /attached to no content filter/,
  },
  // environment/unknown-account
  {
    behaviour: "an environment overriding a misspelt account says which account was meant",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            eastt: { resourceGroup: rg-dev }
    `}`,
    code: "environment/unknown-account",
    line: 15,
    column: 7,
    hint: /did you mean "east"\?/,
  },
  // environment/unknown-deployment
  {
    behaviour: "an environment overriding a misspelt deployment says which deployment was meant",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          deployments:
            gpt4o: { capacity: 1 }
    `}`,
    code: "environment/unknown-deployment",
    line: 15,
    column: 7,
    hint: /did you mean "gpt-4o"\?/,
  },
  {
    behaviour: "an environment overriding a deployment spelt with a Cyrillic letter names the letter",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          deployments:
            gpt-4\u043E: { capacity: 1 }
    `}`,
    code: "environment/unknown-deployment",
    line: 15,
    column: 7,
    path: 'environments.dev.deployments["gpt-4\u043E"]',
    hint: /^did you mean "gpt-4o"\? \("gpt-4\u043E" contains "\u043E" U\+043E\)$/,
  },
  // import/ignored-id
  {
    behaviour: "one import id for a deployment on two accounts is refused",
    yaml: baseline.replace(
      "    account: east\n",
      "    accounts: [east, west]\n    import: /subscriptions/0/resourceGroups/rg-ai/deployments/gpt-4o\n",
    ),
    code: "import/ignored-id",
    line: 11,
    column: 13,
    hint: /east: <id>, west: <id>/,
  },
  {
    behaviour: "an import id for an account the deployment is not on says which account was meant",
    yaml: baseline.replace(
      "    account: east\n",
      "    account: east\n    import: { est: /subscriptions/0/x }\n",
    ),
    code: "import/ignored-id",
    line: 11,
    column: 15,
    hint: /did you mean "east"\?/,
  },
  {
    behaviour: "one import id for a content filter used on two accounts is refused",
    yaml: `${withDeployments(
      `  - { name: mini, account: west, model: { format: OpenAI, name: gpt-4o-mini, version: "1" } }\n`,
    ).replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "    prompt: { hate: low, blocklists: [banned] }\n",
      "    prompt: { hate: low, blocklists: [banned] }\n    import: /subscriptions/0/x/raiPolicies/strict\n",
    )}`,
    code: "import/ignored-id",
    line: 17,
    column: 13,
    message: /content filter "strict" is on accounts east, west/,
  },
];

const compliant: { behaviour: string; yaml: string }[] = [
  {
    behaviour:
      "connections with each supported auth type, and a target not judged where the specification does not describe it",
    yaml: withConnections(
      `          search: ${aadSearch}\n` +
        '          search_key: { category: CognitiveSearch, target: "https://contoso-search.search.windows.net", authType: ApiKey, credentials: { apiKey: { config: searchKey } }, metadata: { ApiType: Azure }, isSharedToAll: true }\n' +
        '          aoai-mi: { category: AzureOpenAI, target: "https://contoso.openai.azure.com/", authType: ManagedIdentity, credentials: { clientId: "00000000-0000-0000-0000-000000000000" } }\n' +
        '          registry: { category: ContainerRegistry, target: "[target url]", authType: None, expiryTime: "2027-03-15T14:30:00Z" }\n',
    ),
  },
  {
    behaviour:
      "projects on an AIServices account aideploy creates, with the same name on two accounts allowed",
    yaml: withProjects(
      '      chat-app: { displayName: Chat, description: "Chat agents", identity: SystemAssigned, tags: { team: chat } }\n      eval.runs_2: {}\n',
    ),
  },
  {
    behaviour: "rate limits that are whole units of the models' documented units",
    yaml: withDeployments(
      [
        `  - { name: pro, account: east, model: { format: OpenAI, name: o3-pro, version: "2025-06-10" }, rateLimit: { tokensPerMinute: 100000 } }`,
        `  - { name: router, account: east, model: { format: OpenAI, name: model-router, version: "2025-11-18" }, rateLimit: { tokensPerMinute: 250000 } }`,
        `  - { name: mini, account: west, model: { format: OpenAI, name: o4-mini, version: "2025-04-16" }, rateLimit: { tokensPerMinute: 1000 } }`,
        "",
      ].join("\n"),
    ),
  },
  {
    behaviour: "capacity where the catalog gives no bounds: an unknown model, a token-based type",
    yaml: withDeployments(
      [
        `  - { name: next-ptu, account: east, sku: ProvisionedManaged, capacity: 7, model: { format: OpenAI, name: gpt-9, version: "1" } }`,
        `  - { name: small, account: west, sku: Standard, capacity: 3, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" } }`,
        "",
      ].join("\n"),
    ),
  },
  {
    behaviour:
      "provisioned capacity on either reading of a minimum that is not a multiple of the step (o1: 25, 50)",
    yaml: withDeployments(
      [75, 100]
        .map(
          (capacity) =>
            `  - { name: o1-${capacity}, account: east, sku: ProvisionedManaged, capacity: ${capacity}, model: { format: OpenAI, name: o1, version: "2024-12-17" } }\n`,
        )
        .join(""),
    ),
  },
  {
    behaviour: "provisioned capacity of a model listed without a version, within its bounds",
    yaml: withDeployments(
      `  - { name: llama, account: east, sku: GlobalProvisionedManaged, capacity: 300, model: { format: Meta, name: Llama-3.3-70B-Instruct, version: "5" } }\n`,
    ),
  },
  {
    behaviour: "batch and Developer tier deployments sized by capacity",
    yaml: withDeployments(
      [
        `  - { name: batch, account: east, sku: GlobalBatch, capacity: 50, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" } }`,
        `  - { name: dev, account: west, sku: DeveloperTier, capacity: 1, model: { format: OpenAI, name: o4-mini-2025-04-16.ft-0123456789abcdef0123456789abcdef, version: "1" } }`,
        "",
      ].join("\n"),
    ),
  },
  { behaviour: "the baseline", yaml: baseline },
  {
    behaviour: "a project with a system-assigned and a user-assigned identity",
    yaml: withProjects(
      "      chat-app:\n        identity: SystemAssigned, UserAssigned\n        userAssignedIdentities: [UAI]\n".replace(
        "UAI",
        "/subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agents",
      ),
    ),
  },
  {
    behaviour: "a fine-tuned model on the Developer tier, and one from another account (model.source)",
    yaml: withDeployments(
      [
        `  - { name: eval, account: east, sku: DeveloperTier, capacity: 50, model: { format: OpenAI, name: ${fineTuned}, version: "1" } }`,
        `  - { name: copy, account: west, sku: Standard, capacity: 1, model: { format: OpenAI, name: ${fineTuned}, version: "1", source: /subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/training } }`,
        '  - { name: checkpoint, account: east, sku: DeveloperTier, capacity: 50, model: { format: OpenAI, name: ftchkpt-e559c011ecc04fc68eaa339d8227d02d, version: "1" } }',
        "",
      ].join("\n"),
    ),
  },
  {
    behaviour: "the documented modes, and the spotlighting shield of the Guardrail built-ins",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "  strict:\n    prompt: { hate: low,",
      "  strict:\n    mode: Asynchronous_filter\n    prompt: { hate: low, indirectAttackSpotlighting: block,",
    )}`,
  },
  {
    behaviour: "a blocklist on a filter used by an Azure OpenAI deployment and a Mistral one",
    yaml:
      withDeployments(
        `  - { name: mistral, account: east, model: { format: Mistral AI, name: Mistral-Large-2411, version: "2" } }\n`,
      ).replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n") + filters,
  },
  {
    behaviour: "spillover from each provisioned type to the standard type of its processing level",
    yaml: withDeployments(
      [
        ["GlobalProvisionedManaged", "GlobalStandard"],
        ["DataZoneProvisionedManaged", "DataZoneStandard"],
        ["ProvisionedManaged", "Standard"],
      ]
        .map(
          ([source, target]) =>
            `  - { name: ${target}-t, account: west, sku: ${target}, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" } }\n` +
            `  - { name: ${source}-s, account: west, sku: ${source}, capacity: 50, spillover: ${target}-t, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" } }\n`,
        )
        .join(""),
    ),
  },
  {
    behaviour: "a provisioned deployment disabled in the environment whose target has another type",
    yaml: `${withDeployments(ptu)}${yaml`
      environments:
        dev:
          deployments:
            gpt-4o: { sku: Standard, modelVersion: "2024-08-06" }
            gpt-4o-ptu: { enabled: false }
    `}`,
  },
  {
    behaviour: "the same deployment name on two accounts",
    yaml: withDeployments(
      `  - { name: gpt-4o, account: west, model: { format: OpenAI, name: gpt-4o, version: "1" } }\n`,
    ),
  },
  {
    behaviour: "a deployment without an account when the file has one account",
    yaml: baseline.replace(/ {2}west: .*\n/, "").replace("    account: east\n", ""),
  },
  {
    behaviour: "Microsoft base policies used without being declared",
    yaml: baseline
      .replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: Microsoft.DefaultV2\n")
      .replace("    account: east\n", "    account: east\n    contentFilter: Microsoft.Default\n"),
  },
  { behaviour: "a provisioned deployment spilling over to a standard one", yaml: withDeployments(ptu) },
  {
    behaviour: "a provisioned deployment disabled in an environment while its target stays",
    yaml: `${withDeployments(ptu)}environments:\n  dev:\n    deployments:\n      gpt-4o-ptu: { enabled: false }\n`,
  },
  {
    behaviour: "a rate limit in the defaults overridden by the provisioned deployment's capacity",
    yaml: withKnownUnit(withDeployments(ptu)).replace(
      "  capacity: 10",
      "  rateLimit: { tokensPerMinute: 10000 }",
    ),
  },
  {
    behaviour: "content filters and blocklists that are used",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "items: [secret]",
      'items: [secret, { pattern: "proj-[0-9]{4}", regex: true }, { pattern: secret, regex: true }]',
    )}`,
  },
  {
    behaviour: "a content filter used only in one environment",
    yaml: `${baseline}${filters}environments:\n  prod:\n    defaults: { contentFilter: strict }\n`,
  },
  {
    behaviour: "environment overrides of declared accounts and deployments",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            east: { name: contoso-east-dev, customSubDomain: contoso-east-dev }
          deployments:
            gpt-4o: { capacity: 5 }
    `}`,
  },
  {
    behaviour: "resource groups with Unicode letters, digits, underscores and parentheses",
    yaml: baseline
      .replace(
        "resourceGroup: rg-ai, location: eastus2",
        "resourceGroup: \u30EA\u30BD\u30FC\u30B9-1, location: eastus2",
      )
      .replace(
        "resourceGroup: rg-ai, location: westus3",
        "resourceGroup: Ressourcen-M\u00FCnchen_(prod).1, location: westus3",
      ),
  },
  {
    behaviour: "environments that each give every account an Azure account and subdomain of its own",
    yaml: `${baseline.replace("location: eastus2 }", "location: eastus2, customSubDomain: contoso-east }")}${yaml`
      environments:
        dev:
          accounts:
            east: { name: contoso-east-dev, customSubDomain: contoso-east-dev, location: swedencentral }
            west: { name: contoso-west-dev }
        prod: {}
    `}`,
  },
  {
    behaviour: "an account whose subdomain differs from its name in one environment, as written in another",
    yaml: `${baseline}${yaml`
      environments:
        dev:
          accounts:
            east: { name: contoso-east-dev }
            west: { resourceGroup: rg-dev, customSubDomain: contoso-west-dev }
    `}`,
  },
  {
    behaviour: "blocklist patterns whose backtracking is at most quadratic",
    yaml: `${baseline.replace("  capacity: 10\n", "  capacity: 10\n  contentFilter: strict\n")}${filters.replace(
      "items: [secret]",
      'items: [secret, { pattern: "\\\\d+x", regex: true }, { pattern: "^(ab|cd)+x", regex: true }]',
    )}`,
  },
];

describe("semantic checks", () => {
  it.each(violations)("$code: $behaviour", (c) => {
    const loaded = load(c.yaml);
    const found = problems(loaded);
    expect(
      found.every((d) => d.code === c.code || c.alsoCodes?.includes(d.code)),
      found.map(where).join(", "),
    ).toBe(true);
    const match = found.find((d) => d.code === c.code && d.line === c.line && d.column === c.column);
    expect(
      match,
      `expected ${c.code}@${c.line}:${c.column}, got ${found.map(where).join(", ")}`,
    ).toBeDefined();
    if (c.path !== undefined) expect(match?.path).toBe(c.path);
    if (c.hint) expect(match?.hint).toMatch(c.hint);
    if (c.message) expect(match?.message).toMatch(c.message);
    expect(match?.hint, "every finding says how to fix it").toBeTruthy();
    const check = semanticChecks().find((k) => k.code === c.code);
    expect(match?.severity).toBe(check?.severity);
  });

  it.each(compliant)("accepts $behaviour", ({ yaml: text }) => {
    const loaded = load(text);
    expect(problems(loaded).map((d) => `${where(d)} ${d.message}`)).toEqual([]);
    expect(loaded.config).toBeDefined();
  });

  it("has a violating case for every registered check", () => {
    // The 2026 deployment properties have their cases in deployment-features.cases.ts.
    const covered = new Set([...violations, ...featureCases].map((c) => c.code));
    expect(
      semanticChecks()
        .filter((check) => !covered.has(check.code))
        .map((c) => c.code),
    ).toEqual([]);
  });

  it("reports a problem that exists as written once, not once per environment", () => {
    // prod has accounts of its own: two environments on the same accounts would be a finding of their own.
    const text = `${withDeployments(ptu.replace("    capacity: 50", "    rateLimit: { tokensPerMinute: 50000 }"))}environments:\n  dev: {}\n  prod:\n    accounts: { east: { name: contoso-east-prod }, west: { name: contoso-west-prod } }\n`;
    expect(problems(load(text)).map(where)).toEqual(["capacity/rate-limit-on-provisioned@16:5"]);
  });

  it("names every environment a problem occurs in", () => {
    const text = `${withKnownUnit(baseline).replace("  capacity: 10", "  rateLimit: { tokensPerMinute: 10000 }")}${yaml`
      environments:
        dev:
          defaults: { sku: ProvisionedManaged }
        test:
          defaults: { sku: DataZoneProvisionedManaged }
          accounts: { east: { name: contoso-east-test }, west: { name: contoso-west-test } }
    `}`;
    const found = problems(load(text));
    expect(found.map(where)).toEqual(["capacity/rate-limit-on-provisioned@7:3"]);
    expect(found[0]?.message).toContain('in environments "dev", "test"');
  });
});
