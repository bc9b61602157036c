/* Generated from schemas/deployments.schema.json by `npm run generate:types`. Do not edit. */

/**
 * Deployment type (the deployment's sku.name). Standard, GlobalStandard and DataZoneStandard count capacity in units of the model's tokens and requests per minute; provisioned types in PTUs (one quota per region and type, shared by all models); batch types in units of enqueued-token quota; DeveloperTier has no throughput quota.
 */
export type DeploymentType = ("Standard" | "GlobalStandard" | "DataZoneStandard" | "ProvisionedManaged" | "GlobalProvisionedManaged" | "DataZoneProvisionedManaged" | "GlobalBatch" | "DataZoneBatch" | "DeveloperTier")
/**
 * Capacity in units (the deployment's sku.capacity). For Standard, GlobalStandard and DataZoneStandard one unit is a model-specific number of tokens and requests per minute (for example 1,000 TPM and 1 RPM for o4-mini, 10,000 TPM and 1 RPM for o3-pro; the model catalog records the units Microsoft documents); for provisioned types a PTU, within the model's minimum and increment; for batch types a unit of enqueued-token quota. Set capacity or rateLimit, not both.
 */
export type Capacity = number
/**
 * Name of a content filter in `contentFilters`, or a Microsoft base policy (Microsoft.DefaultV2, the documented default of models; Microsoft.Default, whose settings are not documented).
 */
export type ContentFilterRef = string
/**
 * When Azure may move the deployment to a newer model version.
 */
export type VersionUpgradeOption = ("NoAutoUpgrade" | "OnceNewDefaultVersionAvailable" | "OnceCurrentVersionExpired")
/**
 * Processing tier of the deployment (ARM `properties.serviceTier`, API 2026-09-01). `Priority` (priority processing) serves requests ahead of standard traffic at a higher price per token; only on GlobalStandard and DataZoneStandard deployments, in the regions Azure lists per model. `Default` is standard processing. Requests may still ask for a tier of their own (`service_tier`), which overrides this one.
 */
export type ServiceTier = ("Default" | "Priority")
/**
 * Whether the deployment answers inference calls (ARM `properties.deploymentState`, API 2026-09-01). `paused` keeps the deployment and its configuration but every inference call gets HTTP 423 (Locked) until it is `running` again. Only Standard, DataZoneStandard and GlobalStandard deployments can be paused. Omitted: Azure's default (running).
 */
export type DeploymentState = ("running" | "paused")
/**
 * Adopt an existing Azure resource on the first `pulumi up` instead of creating it: its ARM resource id, or a map from account key to id when the resource exists on several accounts.
 */
export type ImportIds = (ArmId | {
[k: string]: ArmId | undefined
})
/**
 * A full Azure Resource Manager resource id.
 */
export type ArmId = string
/**
 * A harm category (Azure's severity filter). A threshold blocks content from that severity: low (strictest: low, medium and high are blocked), medium, high; off: not run. The object form sets what happens at the threshold: action block (the same as the bare threshold) or annotate (detected and annotated in the response, but let through). off and annotate need Microsoft's approval for modified content filtering (a warning reminds of it). Omitted: not sent; Azure keeps/applies its own setting.
 */
export type Severity = (("low" | "medium" | "high" | "off") | SeverityAction)
/**
 * Severity from which a harm category acts: low (strictest: low, medium and high), medium (medium and high), high (high only).
 */
export type Threshold = ("low" | "medium" | "high")
/**
 * block: detected content is blocked; annotate: detected and annotated but let through; off: not run. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so). Omitted: not sent; Azure keeps/applies its own setting.
 */
export type Action = ("block" | "annotate" | "off" | "humanReview" | "retry")
/**
 * Names of blocklists (in `blocklists`) applied to this side. Azure documents blocklists for Azure OpenAI models only.
 */
export type BlocklistRefs = string[]
/**
 * A blocked term (exact text) or a pattern.
 */
export type BlocklistItem = (string | {
/**
 * Text or regular expression.
 */
pattern: string
/**
 * true: the pattern is a regular expression.
 */
regex?: boolean
/**
 * Azure name of the item (letters, digits, '-', '_', '.'). Omitted: derived from the pattern, so reordering the list changes nothing. Set by `aideploy import` to adopt existing items.
 */
name?: string
})
/**
 * Optional org baseline: one content filter (RAI policy) at subscription scope (Microsoft.CognitiveServices/raiPolicy, not under any account), in the subscription the Pulumi provider writes to. Written at the preview api-version 2025-10-01-preview, the only one azure-native can write it at. No Microsoft document says what Azure does with it: whether it applies to accounts or deployments, or sets a floor, is not known, so aideploy never counts it as protecting a deployment. Same settings as an account content filter, without blocklists (blocklists live on accounts; there is none at subscription scope to name).
 */
export type SubscriptionRaiPolicy = ({
prompt?: {
blocklists?: never
}
completion?: {
blocklists?: never
}
} & {
/**
 * Azure name of the subscription's RAI policy (letters, digits, '_', '.' and '-', starting with a letter or digit; Azure compares names ignoring case).
 */
name: string
/**
 * Microsoft base policy this filter starts from.
 */
base?: ("Microsoft.Default" | "Microsoft.DefaultV2")
/**
 * Streaming mode. Default: content is held until filtered; Asynchronous_filter: streamed first and filtered afterwards. Both are documented, and the only ones Microsoft's Guardrail built-in policy c1ad46c6 allows. Deferred (the older name of Asynchronous_filter) and Blocking (in the API, described by no document) are accepted with a warning.
 */
mode?: ("Default" | "Asynchronous_filter" | "Deferred" | "Blocking")
prompt?: PromptFilter
completion?: CompletionFilter
tags?: Tags
/**
 * A full Azure Resource Manager resource id.
 */
import?: string
})
/**
 * An Azure subscription id: a GUID, 32 hexadecimal digits in groups of 8-4-4-4-12 (`az account show --query id`).
 */
export type SubscriptionId = string

/**
 * Every model deployment on a team's Azure AI services (Foundry) accounts, in one reviewed file.
 */
export interface AideployDeploymentsFile {
/**
 * Format version of this file. Only 1 exists.
 */
version: 1
/**
 * Azure subscription id that holds the accounts, used by live commands unless an account or the command line names another.
 */
subscription?: string
/**
 * Azure AI services accounts, by logical key. Deployments refer to accounts by this key.
 */
accounts: {
[k: string]: Account | undefined
}
defaults?: Defaults
/**
 * Model deployments. Each name is what clients send as the model; routing ignores case.
 */
deployments: Deployment[]
/**
 * Content filters (Azure RAI policies), by name. A deployment names one of these or a Microsoft base policy.
 */
contentFilters?: {
[k: string]: ContentFilter | undefined
}
/**
 * Custom blocklists, by name. Content filters attach them to prompts or completions.
 */
blocklists?: {
[k: string]: Blocklist | undefined
}
subscriptionRaiPolicy?: SubscriptionRaiPolicy
/**
 * Provisioned throughput reservations bought for these accounts: cost estimates count reserved PTUs as covered and bill only the rest hourly, and `diff` warns when a change moves PTUs out of what a reservation covers. A reservation matches deployments on deployment type, region and scope, not on model.
 */
reservations?: Reservation[]
/**
 * Per-environment overrides, selected by the Pulumi stack (config `aideploy:environment`) or `--env`.
 */
environments?: {
[k: string]: Environment | undefined
}
}
/**
 * An Azure AI services account (Microsoft.CognitiveServices/accounts).
 */
export interface Account {
/**
 * Azure resource name of the account: 2-64 letters, digits, '-', '_' or '.', starting with a letter or digit.
 */
name: string
/**
 * Resource group that holds the account: 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending with '.' (Azure's rule; letters and digits may be non-ASCII).
 */
resourceGroup: string
/**
 * Azure region of the account, by its programmatic name (eastus2, not East US 2). Required when the account is created; used by quota and availability checks.
 */
location?: string
/**
 * Subscription of this account when it differs from the file's.
 */
subscription?: string
/**
 * true: aideploy creates and manages the account. false (default): the account exists; only its deployments, content filters, blocklists and projects are managed, the account itself is never created, changed or deleted.
 */
create?: boolean
/**
 * Account kind when created.
 */
kind?: ("AIServices" | "OpenAI")
/**
 * Custom subdomain: the host name of the account's endpoints (also needed for Entra ID authentication); it cannot change once set. An account aideploy creates gets the account name unless this is set. For an existing account (create: false) set it to the account's real subdomain: without it the stack outputs and the plan leave the account's endpoints out, since an existing account's subdomain need not be its name.
 */
customSubDomain?: string
/**
 * Whether the account is reachable from public networks.
 */
publicNetworkAccess?: ("Enabled" | "Disabled")
/**
 * true disables key authentication, leaving Entra ID only.
 */
disableLocalAuth?: boolean
/**
 * Managed identity of the account.
 */
identity?: ("SystemAssigned" | "None")
/**
 * Network rules of the account.
 */
networkAcls?: {
/**
 * What happens to traffic no rule matches.
 */
defaultAction: ("Allow" | "Deny")
/**
 * Public IP addresses or CIDR ranges allowed in.
 */
ipRules?: string[]
/**
 * Subnet resource ids allowed in.
 */
virtualNetworkRules?: string[]
}
/**
 * Customer-managed key for data at rest.
 */
encryption?: {
/**
 * URI of the Key Vault.
 */
keyVaultUri: string
/**
 * Name of the key.
 */
keyName: string
/**
 * Version of the key; omitted: the latest.
 */
keyVersion?: string
/**
 * Client id of the user-assigned identity that reads the key; omitted: the system-assigned identity.
 */
identityClientId?: string
}
/**
 * true restricts outbound calls to allowedFqdnList.
 */
restrictOutboundNetworkAccess?: boolean
/**
 * Host names the account may call when outbound access is restricted.
 */
allowedFqdnList?: string[]
tags?: Tags
/**
 * Foundry projects on this account, by project name (Microsoft.CognitiveServices/accounts/projects). Projects share the account's deployments. Only AIServices (Foundry) accounts hold projects; an account aideploy creates gets allowProjectManagement when it declares any. Names: 2-64 letters, digits, '-', '_' or '.', starting with a letter or digit; Azure compares them ignoring case.
 */
projects?: {
[k: string]: Project | undefined
}
}
/**
 * Azure resource tags.
 */
export interface Tags {
[k: string]: string | undefined
}
/**
 * A Foundry project (Microsoft.CognitiveServices/accounts/projects): a workspace for agents, evaluations and files on its account, in the account's region. Its endpoint is https://<subdomain>.services.ai.azure.com/api/projects/<name>.
 */
export interface Project {
/**
 * Name shown for the project (ARM properties.displayName).
 */
displayName?: string
/**
 * What the project is for (ARM properties.description).
 */
description?: string
/**
 * Managed identity of the project (ARM identity.type); omitted: not sent, Azure's default. With UserAssigned, list the identities in `userAssignedIdentities`.
 */
identity?: ("SystemAssigned" | "UserAssigned" | "SystemAssigned, UserAssigned" | "None")
/**
 * The user-assigned managed identities of the project (ARM identity.userAssignedIdentities), by ARM id; only with `identity: UserAssigned` or `SystemAssigned, UserAssigned`.
 * 
 * @minItems 1
 */
userAssignedIdentities?: [string, ...(string)[]]
tags?: Tags
/**
 * Connections of the project, by connection name (Microsoft.CognitiveServices/accounts/projects/connections): how agents and tools of the project reach other services. Names: 3-33 letters, digits, '_' or '-', starting with a letter or digit; Azure compares them ignoring case. A secret is never written here: an API key names a secret of the stack's configuration.
 */
connections?: {
[k: string]: Connection | undefined
}
/**
 * ARM id of an existing project to adopt on the first `pulumi up` instead of creating it (written by `aideploy import`).
 */
import?: string
}
/**
 * A connection of a Foundry project (ARM ConnectionPropertiesV2, written by azure-native's cognitiveservices.ProjectConnection at api-version 2025-06-01).
 */
export interface Connection {
/**
 * What the connection reaches (ARM properties.category), one of the specification's ConnectionCategory values, e.g. CognitiveSearch, AzureOpenAI, AIServices, AzureBlob, CosmosDb, ApiKey, CustomKeys.
 */
category: string
/**
 * The connection URL to be used (ARM properties.target); for AzureOpenAI and CognitiveSearch the service's https endpoint.
 */
target?: string
/**
 * How the project authenticates to the target (ARM properties.authType). Supported: AAD (Microsoft Entra ID, no credentials), ApiKey (a key read from a secret of the stack's configuration), ManagedIdentity (optional clientId and resourceId), None. The specification's other auth types (PAT, UsernamePassword, SAS, AccountKey, ServicePrincipal, AccessKey, CustomKeys, OAuth2) are not supported yet.
 */
authType: ("AAD" | "ApiKey" | "ManagedIdentity" | "None")
credentials?: ConnectionCredentials
/**
 * Metadata of the connection (ARM properties.metadata), string values only, e.g. ApiType, ApiVersion, ResourceId.
 */
metadata?: {
[k: string]: string | undefined
}
/**
 * Whether every user of the project may use the connection (ARM properties.isSharedToAll); omitted: not sent, Azure's default.
 */
isSharedToAll?: boolean
/**
 * When the connection's credentials expire (ARM properties.expiryTime), an RFC 3339 date-time.
 */
expiryTime?: string
/**
 * ARM id of an existing connection to adopt on the first `pulumi up` instead of creating it (written by `aideploy import`).
 */
import?: string
}
/**
 * Credentials of a connection. Secrets are never values in the file: `apiKey` names a secret of the stack's configuration (`pulumi config set --secret <key> <value>`), read by the Pulumi program; plans, diffs and reports show `[secret from config <key>]`.
 */
export interface ConnectionCredentials {
apiKey?: SecretFromConfig
/**
 * Client id of the user-assigned identity of a ManagedIdentity connection (ARM credentials.clientId).
 */
clientId?: string
/**
 * ARM id of the managed identity of a ManagedIdentity connection (ARM credentials.resourceId).
 */
resourceId?: string
}
/**
 * The API key of an ApiKey connection (ARM credentials.key).
 */
export interface SecretFromConfig {
/**
 * The configuration key that holds the secret: `name` for the Pulumi project's namespace, or `namespace:name`. Set it with `pulumi config set --secret <key> <value>`.
 */
config: string
}
/**
 * Applied to every deployment that does not set the field.
 */
export interface Defaults {
sku?: DeploymentType
capacity?: Capacity
rateLimit?: RateLimit
contentFilter?: ContentFilterRef
versionUpgradeOption?: VersionUpgradeOption
usage?: Usage
}
/**
 * Rate limit of a Standard, GlobalStandard or DataZoneStandard deployment; capacity becomes tokensPerMinute divided by the tokens per minute of one unit of the model, from the model catalog. Refused when the catalog does not document the model's unit (write capacity instead), on provisioned types (PTUs) and on batch types (enqueued tokens).
 */
export interface RateLimit {
/**
 * Tokens per minute: a whole number of the model's capacity units (a multiple of 1,000 for o4-mini, of 10,000 for o3-pro).
 */
tokensPerMinute: number
}
/**
 * Assumed use per month, for the usage cost estimate (tokens are billed per use; nothing here is sent to Azure). Without it, usage cost is shown as not estimated, never guessed.
 */
export interface Usage {
/**
 * Input tokens per month, not counting cached input.
 */
inputTokens?: number
/**
 * Cached input tokens per month.
 */
cachedInputTokens?: number
/**
 * Output tokens per month.
 */
outputTokens?: number
/**
 * Instead of token counts, on a token-based deployment whose model's unit is known: the average share (0 to 1) of its tokens per minute used over the month (tokens per month = TPM × share × 60 × 730). Needs `outputShare`; ignored when token counts are given.
 */
capacityShare?: number
/**
 * With `capacityShare`: the share (0 to 1) of those tokens that are output; the rest is input.
 */
outputShare?: number
/**
 * For a provisioned deployment with `spillover`: the share (0 to 1) of these tokens that overflows to the spillover target and is billed at its per-token prices.
 */
spilloverShare?: number
}
/**
 * A model deployment: a name that applications route to.
 */
export interface Deployment {
/**
 * Deployment name, the model name clients send. Unique per account, ignoring case. Azure documents no naming rule (the REST API sets no pattern or length): aideploy warns outside the usual letters, digits, '-', '_' or '.', at most 64 characters, and refuses '/', '?', '#' and control characters, which break the deployment's ARM path.
 */
name: string
/**
 * Key of the account (in `accounts`) this deployment lives on. May be omitted when there is one account.
 */
account?: string
/**
 * Keys of several accounts that each get this deployment. Use instead of `account`.
 * 
 * @minItems 1
 */
accounts?: [string, ...(string)[]]
model: Model
sku?: DeploymentType
capacity?: Capacity
rateLimit?: RateLimit
contentFilter?: ContentFilterRef
versionUpgradeOption?: VersionUpgradeOption
/**
 * Name of the deployment on the same account that takes traffic beyond this provisioned deployment's PTUs: a standard deployment of the same data processing level (GlobalProvisionedManaged to GlobalStandard, DataZoneProvisionedManaged to DataZoneStandard, ProvisionedManaged to Standard) and of the same model and version. Azure supports spillover for Azure OpenAI models only.
 */
spillover?: string
serviceTier?: ServiceTier
state?: DeploymentState
routing?: Routing
modelProviderData?: ModelProviderData
usage?: Usage
/**
 * false keeps the deployment in the file but not in Azure (usually set per environment).
 */
enabled?: boolean
tags?: Tags
import?: ImportIds
}
/**
 * The model to deploy. The version is always explicit: server defaults change and would cause drift.
 */
export interface Model {
/**
 * Model format (publisher family) as Azure names it.
 */
format: string
/**
 * Model name.
 */
name: string
/**
 * Model version, as a string (quote it: "1", "2024-11-20").
 */
version: string
/**
 * Model publisher, when Azure needs it (some non-OpenAI models).
 */
publisher?: string
/**
 * For a fine-tuned model trained on another account (another region or subscription): the ARM id of that account (ARM `properties.model.source`). A fine-tuned model's `name` is the id its fine-tuning job gave it (`<base model>.ft-<32 hex digits>`, or a checkpoint `ftchkpt-<32 hex digits>`) and its `version` is "1". Left out: the model is on this account.
 */
source?: string
}
/**
 * How a model router deployment (model `model-router`, version 2025-11-18 or later) picks a model per request (ARM `properties.routing`, API 2026-09-01).
 */
export interface Routing {
/**
 * `balanced` (Azure's default) weighs quality and cost, `quality` favours the strongest model, `cost` the cheapest that fits. These are the values the API takes; the docs' capitalised `Balanced`, `Quality`, `Cost` are accepted and written in lower case.
 */
mode?: ("balanced" | "quality" | "cost" | "Balanced" | "Quality" | "Cost")
/**
 * The subset of supported models to route over (also the fallback set: name two or more). Omitted: every model of the router version. Models added to the router later are not added to a subset.
 * 
 * @minItems 1
 */
models?: [RoutedModel, ...(RoutedModel)[]]
}
/**
 * One model the model router may route to. Anthropic (Claude) models must also be deployed on the same account with the same deployment type.
 */
export interface RoutedModel {
/**
 * Model format as Azure names it.
 */
format: string
/**
 * Model name.
 */
name: string
/**
 * Model version, as a string.
 */
version: string
}
/**
 * Who accepts the model provider's Azure Marketplace terms (ARM `properties.modelProviderData`, sent as the documented Claude deployment flow sends it; no ARM specification declares it yet). Required for `format: Anthropic`: Azure accepts the offer with these values on the subscription's behalf, a legal acceptance a reviewer should see.
 */
export interface ModelProviderData {
/**
 * Legal name of the organisation accepting the terms.
 */
organizationName: string
/**
 * Two-letter country code of the organisation.
 */
countryCode: string
/**
 * Industry of the organisation, in lower case.
 */
industry: ("technology" | "finance" | "healthcare" | "education" | "retail" | "manufacturing" | "government" | "media" | "other")
}
/**
 * A content filter (Azure RAI policy). Created on every account where a deployment uses it. A category left out is not sent: Azure keeps/applies its own setting for it (write `off` to switch a category off).
 */
export interface ContentFilter {
/**
 * Microsoft base policy this filter starts from.
 */
base?: ("Microsoft.Default" | "Microsoft.DefaultV2")
/**
 * Streaming mode. Default: content is held until filtered; Asynchronous_filter: streamed first and filtered afterwards. Both are documented, and the only ones Microsoft's Guardrail built-in policy c1ad46c6 allows. Deferred (the older name of Asynchronous_filter) and Blocking (in the API, described by no document) are accepted with a warning.
 */
mode?: ("Default" | "Asynchronous_filter" | "Deferred" | "Blocking")
prompt?: PromptFilter
completion?: CompletionFilter
toolCall?: ToolFilter
toolResponse?: ToolFilter
import?: ImportIds
}
/**
 * Filters applied to prompts (user input). Each category is optional: omitted: not sent; Azure keeps/applies its own setting.
 */
export interface PromptFilter {
hate?: Severity
sexual?: Severity
violence?: Severity
selfHarm?: Severity
/**
 * Prompt shield against jailbreak attempts. Omitted: not sent; Azure keeps/applies its own setting.
 */
jailbreak?: ("block" | "annotate" | "off" | "humanReview" | "retry")
/**
 * Prompt shield against attacks hidden in documents (indirect prompt injection); Azure's name: Indirect Attack. Omitted: not sent; Azure keeps/applies its own setting.
 */
indirectAttack?: ("block" | "annotate" | "off" | "humanReview" | "retry")
/**
 * Spotlighting (preview): marks documents in the prompt so that the model can tell them from instructions, against indirect attacks; models only, not agents. Azure's name: Indirect Attack Spotlighting (as Microsoft's Guardrail built-in policy f3a9c2e0 names it). Omitted: not sent; Azure keeps/applies its own setting.
 */
indirectAttackSpotlighting?: ("block" | "annotate" | "off" | "humanReview" | "retry")
profanity?: Action
blocklists?: BlocklistRefs
}
/**
 * A harm category with an explicit action at its threshold.
 */
export interface SeverityAction {
threshold: Threshold
/**
 * block: content at or above the threshold is blocked; annotate: it is detected and annotated but let through. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so).
 */
action: ("block" | "annotate" | "humanReview" | "retry")
}
/**
 * Filters applied to completions (model output). Each category is optional: omitted: not sent; Azure keeps/applies its own setting.
 */
export interface CompletionFilter {
hate?: Severity
sexual?: Severity
violence?: Severity
selfHarm?: Severity
/**
 * block: detected content is blocked; annotate: detected and annotated but let through; off: not run. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so). Omitted: not sent; Azure keeps/applies its own setting.
 */
protectedMaterialText?: ("block" | "annotate" | "off" | "humanReview" | "retry")
/**
 * block: detected content is blocked; annotate: detected and annotated but let through; off: not run. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so). Omitted: not sent; Azure keeps/applies its own setting.
 */
protectedMaterialCode?: ("block" | "annotate" | "off" | "humanReview" | "retry")
profanity?: Action
blocklists?: BlocklistRefs
}
/**
 * Filters at an agent's intervention points beyond user input and output: `toolCall` (RaiPolicy source PreToolCall: what the agent proposes to send to a tool) and `toolResponse` (PostToolCall: what a tool returns to the agent). Microsoft documents both as Preview (guardrails overview, intervention points); aideploy does not write them, and an error at the key says so. The categories are the risks the guardrails overview lists as applicable to agents that a RaiPolicy names.
 */
export interface ToolFilter {
hate?: Severity
sexual?: Severity
violence?: Severity
selfHarm?: Severity
/**
 * block: detected content is blocked; annotate: detected and annotated but let through; off: not run. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so). Omitted: not sent; Azure keeps/applies its own setting.
 */
jailbreak?: ("block" | "annotate" | "off" | "humanReview" | "retry")
/**
 * block: detected content is blocked; annotate: detected and annotated but let through; off: not run. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so). Omitted: not sent; Azure keeps/applies its own setting.
 */
indirectAttack?: ("block" | "annotate" | "off" | "humanReview" | "retry")
/**
 * block: detected content is blocked; annotate: detected and annotated but let through; off: not run. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so). Omitted: not sent; Azure keeps/applies its own setting.
 */
protectedMaterialText?: ("block" | "annotate" | "off" | "humanReview" | "retry")
/**
 * block: detected content is blocked; annotate: detected and annotated but let through; off: not run. humanReview and retry are written as the RaiPolicy API's action HITL and RETRY (RaiActionType, api-version 2026-09-01 of the Cognitive Services REST specification in Azure/azure-rest-api-specs); Microsoft documents no behaviour for them (a warning says so). Omitted: not sent; Azure keeps/applies its own setting.
 */
protectedMaterialCode?: ("block" | "annotate" | "off" | "humanReview" | "retry")
}
/**
 * A custom blocklist (Azure RAI blocklist). Created on every account where a content filter that uses it is.
 */
export interface Blocklist {
/**
 * What the list is for.
 */
description?: string
items: BlocklistItem[]
import?: ImportIds
}
/**
 * A provisioned throughput reservation: a quantity of PTUs of one provisioned deployment type in one region, for a term, paid whether deployed or not.
 */
export interface Reservation {
/**
 * The provisioned deployment type it covers (reservations are bought per type: global, data zone or regional).
 */
deploymentType: ("GlobalProvisionedManaged" | "DataZoneProvisionedManaged" | "ProvisionedManaged")
/**
 * The Azure region it covers, as accounts name their location.
 */
region: string
/**
 * Reserved PTUs.
 */
quantity: number
/**
 * The reservation term: one month or one year.
 */
term: ("month" | "year")
/**
 * Which deployments it covers: shared or subscription (every account of this file), or resourceGroup (the accounts in `resourceGroup`).
 */
scope?: ("shared" | "subscription" | "resourceGroup")
/**
 * With scope resourceGroup: the resource group whose accounts it covers.
 */
resourceGroup?: string
}
/**
 * An environment: overrides and safety switches applied when it is selected.
 */
export interface Environment {
/**
 * true: accounts created by the stack, deployments and content filters are protected in Pulumi (cannot be deleted until unprotected), and deployments must pin their versions (policy pinned-model-version).
 */
protect?: boolean
/**
 * true: resources that leave the file are released from Pulumi but kept in Azure.
 */
retainOnDelete?: boolean
subscription?: SubscriptionId
/**
 * Account fields replaced in this environment, by account key.
 */
accounts?: {
[k: string]: AccountOverride | undefined
}
defaults?: Defaults
/**
 * Deployment fields replaced in this environment, by deployment name.
 */
deployments?: {
[k: string]: DeploymentOverride | undefined
}
}
/**
 * Fields of an account that an environment replaces.
 */
export interface AccountOverride {
/**
 * Azure resource name of the account: 2-64 letters, digits, '-', '_' or '.', starting with a letter or digit.
 */
name?: string
/**
 * Resource group that holds the account: 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending with '.' (Azure's rule; letters and digits may be non-ASCII).
 */
resourceGroup?: string
/**
 * Azure region of the account, by its programmatic name (eastus2, not East US 2). Required when the account is created; used by quota and availability checks.
 */
location?: string
subscription?: SubscriptionId
/**
 * Custom subdomain: the host name of the account's endpoints (also needed for Entra ID authentication); it cannot change once set. An account aideploy creates gets the account name unless this is set. For an existing account (create: false) set it to the account's real subdomain: without it the stack outputs and the plan leave the account's endpoints out, since an existing account's subdomain need not be its name.
 */
customSubDomain?: string
/**
 * Whether the account is reachable from public networks.
 */
publicNetworkAccess?: ("Enabled" | "Disabled")
/**
 * true disables key authentication, leaving Entra ID only.
 */
disableLocalAuth?: boolean
tags?: Tags
}
/**
 * Fields of a deployment that an environment replaces (on every account that has it).
 */
export interface DeploymentOverride {
/**
 * false: not deployed in this environment.
 */
enabled?: boolean
sku?: DeploymentType
capacity?: Capacity
rateLimit?: RateLimit
contentFilter?: ContentFilterRef
versionUpgradeOption?: VersionUpgradeOption
/**
 * Another model version in this environment.
 */
modelVersion?: string
/**
 * Processing tier of the deployment (ARM `properties.serviceTier`, API 2026-09-01). `Priority` (priority processing) serves requests ahead of standard traffic at a higher price per token; only on GlobalStandard and DataZoneStandard deployments, in the regions Azure lists per model. `Default` is standard processing. Requests may still ask for a tier of their own (`service_tier`), which overrides this one.
 */
serviceTier?: ("Default" | "Priority")
/**
 * Whether the deployment answers inference calls (ARM `properties.deploymentState`, API 2026-09-01). `paused` keeps the deployment and its configuration but every inference call gets HTTP 423 (Locked) until it is `running` again. Only Standard, DataZoneStandard and GlobalStandard deployments can be paused. Omitted: Azure's default (running).
 */
state?: ("running" | "paused")
usage?: Usage
}
