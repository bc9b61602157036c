import { accountDuplicateResource } from "./account-duplicate-resource";
import { accountDuplicateSubdomain } from "./account-duplicate-subdomain";
import { accountInvalidLocation } from "./account-invalid-location";
import { accountInvalidName } from "./account-invalid-name";
import { accountInvalidResourceGroup } from "./account-invalid-resource-group";
import { accountInvalidSubdomain } from "./account-invalid-subdomain";
import { accountLookalikeResourceGroup } from "./account-lookalike-resource-group";
import { accountMissingLocation } from "./account-missing-location";
import { accountUnknownLocation } from "./account-unknown-location";
import { accountUnknownReference } from "./account-unknown-reference";
import { blocklistCatastrophicRegex } from "./blocklist-catastrophic-regex";
import { blocklistDuplicateItem } from "./blocklist-duplicate-item";
import { blocklistInvalidName } from "./blocklist-invalid-name";
import { blocklistInvalidRegex } from "./blocklist-invalid-regex";
import { blocklistNonOpenAiModels } from "./blocklist-non-openai-models";
import { blocklistUnknownReference } from "./blocklist-unknown-reference";
import { blocklistUnused } from "./blocklist-unused";
import { capacityMissing } from "./capacity-missing";
import { capacityOutOfBounds } from "./capacity-out-of-bounds";
import { capacityRateLimitOnProvisioned } from "./capacity-rate-limit-on-provisioned";
import { capacityRateLimitStep } from "./capacity-rate-limit-step";
import { capacityRateLimitUnsupported } from "./capacity-rate-limit-unsupported";
import { capacityRateLimitWithCapacity } from "./capacity-rate-limit-with-capacity";
import { capacityUnitUnknown } from "./capacity-unit-unknown";
import type { SemanticCheck } from "./check";
import { connectionDuplicateName } from "./connection-duplicate-name";
import { connectionInvalidName } from "./connection-invalid-name";
import { connectionMissingCredentials } from "./connection-missing-credentials";
import { connectionTargetNotUrl } from "./connection-target-not-url";
import { connectionUnknownCategory } from "./connection-unknown-category";
import { contentFilterInvalidName } from "./content-filter-invalid-name";
import { contentFilterLegacyMode } from "./content-filter-legacy-mode";
import { contentFilterNeedsApproval } from "./content-filter-needs-approval";
import { contentFilterPreviewInterventionPoint } from "./content-filter-preview-intervention-point";
import { contentFilterUndocumentedAction } from "./content-filter-undocumented-action";
import { contentFilterUnknownReference } from "./content-filter-unknown-reference";
import { contentFilterUnused } from "./content-filter-unused";
import { deploymentAccountAndAccounts } from "./deployment-account-and-accounts";
import { deploymentAccountRequired } from "./deployment-account-required";
import { deploymentDuplicateName } from "./deployment-duplicate-name";
import { deploymentInvalidName } from "./deployment-invalid-name";
import { deploymentMissingType } from "./deployment-missing-type";
import { deploymentRepeatedAccount } from "./deployment-repeated-account";
import { deploymentUnsafeName } from "./deployment-unsafe-name";
import { developerTierNotFineTuned } from "./developer-tier-not-fine-tuned";
import { environmentSharedAccount } from "./environment-shared-account";
import { environmentUnknownAccount } from "./environment-unknown-account";
import { environmentUnknownDeployment } from "./environment-unknown-deployment";
import { importIgnoredId } from "./import-ignored-id";
import { modelSourceNotFineTuned } from "./model-source-not-fine-tuned";
import { partnerMissingProviderData } from "./partner-missing-provider-data";
import { partnerUnneededProviderData } from "./partner-unneeded-provider-data";
import { projectDuplicateName } from "./project-duplicate-name";
import { projectExistingAccount } from "./project-existing-account";
import { projectInvalidName } from "./project-invalid-name";
import { projectUnsupportedAccountKind } from "./project-unsupported-account-kind";
import { projectUserAssignedIdentities } from "./project-user-assigned-identities";
import { reservationScope } from "./reservation-scope";
import { routingModeAlias } from "./routing-mode-alias";
import { routingModelNotDeployed } from "./routing-model-not-deployed";
import { routingNotModelRouter } from "./routing-not-model-router";
import { routingUnsupportedType } from "./routing-unsupported-type";
import { serviceTierUnknownAvailability } from "./service-tier-unknown-availability";
import { serviceTierUnsupportedRegion } from "./service-tier-unsupported-region";
import { serviceTierUnsupportedType } from "./service-tier-unsupported-type";
import { spilloverDisabledTarget } from "./spillover-disabled-target";
import { spilloverModelMismatch } from "./spillover-model-mismatch";
import { spilloverNonStandardTarget } from "./spillover-non-standard-target";
import { spilloverProcessingLevel } from "./spillover-processing-level";
import { spilloverProvisionedTarget } from "./spillover-provisioned-target";
import { spilloverSelf } from "./spillover-self";
import { spilloverSourceNotProvisioned } from "./spillover-source-not-provisioned";
import { spilloverUnknownTarget } from "./spillover-unknown-target";
import { spilloverUnsupportedModel } from "./spillover-unsupported-model";
import { stateUnsupportedType } from "./state-unsupported-type";
import { subscriptionRaiPolicyInvalidName } from "./subscription-rai-policy-invalid-name";
import { subscriptionRaiPolicyPreviewApi } from "./subscription-rai-policy-preview-api";
import { subscriptionRaiPolicySeveralSubscriptions } from "./subscription-rai-policy-several-subscriptions";
import { subscriptionRaiPolicySharedSubscription } from "./subscription-rai-policy-shared-subscription";

/** Every semantic check, in the order they run (findings are sorted by position afterwards). */
export function semanticChecks(): readonly SemanticCheck[] {
  return [
    // Accounts
    accountInvalidName,
    accountInvalidSubdomain,
    accountInvalidResourceGroup,
    accountLookalikeResourceGroup,
    accountMissingLocation,
    accountInvalidLocation,
    accountUnknownLocation,
    accountDuplicateResource,
    accountDuplicateSubdomain,
    // Deployments and their accounts
    deploymentUnsafeName,
    deploymentInvalidName,
    deploymentAccountAndAccounts,
    deploymentAccountRequired,
    accountUnknownReference,
    deploymentRepeatedAccount,
    deploymentDuplicateName,
    deploymentMissingType,
    // Capacity
    capacityMissing,
    capacityRateLimitWithCapacity,
    capacityRateLimitOnProvisioned,
    capacityRateLimitUnsupported,
    capacityUnitUnknown,
    capacityRateLimitStep,
    capacityOutOfBounds,
    // Spillover
    spilloverSelf,
    spilloverUnknownTarget,
    spilloverSourceNotProvisioned,
    spilloverUnsupportedModel,
    spilloverProvisionedTarget,
    spilloverNonStandardTarget,
    spilloverProcessingLevel,
    spilloverModelMismatch,
    spilloverDisabledTarget,
    // Deployment properties of 2026: priority processing, pause, model router, partner models
    serviceTierUnsupportedType,
    serviceTierUnsupportedRegion,
    serviceTierUnknownAvailability,
    stateUnsupportedType,
    routingNotModelRouter,
    routingModeAlias,
    routingUnsupportedType,
    routingModelNotDeployed,
    partnerMissingProviderData,
    partnerUnneededProviderData,
    // Fine-tuned models and the Developer tier
    developerTierNotFineTuned,
    modelSourceNotFineTuned,
    // Content filters and blocklists
    contentFilterInvalidName,
    contentFilterUnknownReference,
    contentFilterUnused,
    contentFilterLegacyMode,
    contentFilterNeedsApproval,
    contentFilterPreviewInterventionPoint,
    contentFilterUndocumentedAction,
    blocklistInvalidName,
    blocklistUnknownReference,
    blocklistInvalidRegex,
    blocklistCatastrophicRegex,
    blocklistDuplicateItem,
    blocklistUnused,
    blocklistNonOpenAiModels,
    // The subscription's RAI policy (org baseline)
    subscriptionRaiPolicyInvalidName,
    subscriptionRaiPolicyPreviewApi,
    subscriptionRaiPolicySeveralSubscriptions,
    subscriptionRaiPolicySharedSubscription,
    // Foundry projects
    projectInvalidName,
    projectUserAssignedIdentities,
    projectDuplicateName,
    projectUnsupportedAccountKind,
    projectExistingAccount,
    // Connections of Foundry projects
    connectionInvalidName,
    connectionDuplicateName,
    connectionUnknownCategory,
    connectionMissingCredentials,
    connectionTargetNotUrl,
    // Environments
    environmentUnknownAccount,
    environmentSharedAccount,
    environmentUnknownDeployment,
    // Adopting existing resources
    importIgnoredId,
    // Cost
    reservationScope,
  ];
}
