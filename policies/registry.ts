import type { ProjectPolicy } from "./policy";
import { customerManagedKey } from "./rules/accounts/customer-managed-key";
import { localAuthDisabled } from "./rules/accounts/local-auth-disabled";
import { managedIdentity } from "./rules/accounts/managed-identity";
import { networkAccessRestricted } from "./rules/accounts/network-access-restricted";
import { publicNetworkAccessDisabled } from "./rules/accounts/public-network-access-disabled";
import { contentFilterModes } from "./rules/content-filters/content-filter-modes";
import { contentFilterSeverityFloor } from "./rules/content-filters/content-filter-severity-floor";
import { promptShields } from "./rules/content-filters/prompt-shields";
import { protectedMaterial } from "./rules/content-filters/protected-material";
import { allowedDeploymentTypes } from "./rules/deployments/allowed-deployment-types";
import { approvedModels } from "./rules/deployments/approved-models";
import { approvedRegistryModels } from "./rules/deployments/approved-registry-models";
import { customContentFilter } from "./rules/deployments/custom-content-filter";
import { deploymentCapacityCap } from "./rules/deployments/deployment-capacity-cap";
import { pinnedModelVersion } from "./rules/deployments/pinned-model-version";
import { accountCapacityCap } from "./rules/stack/account-capacity-cap";
import { contentFilterOnAccount } from "./rules/stack/content-filter-on-account";

/** Every policy of the project's pack, in the order reports list them. */
export function projectPolicies(): readonly ProjectPolicy[] {
  return [
    localAuthDisabled,
    networkAccessRestricted,
    publicNetworkAccessDisabled,
    managedIdentity,
    customerManagedKey,
    approvedModels,
    approvedRegistryModels,
    allowedDeploymentTypes,
    customContentFilter,
    deploymentCapacityCap,
    pinnedModelVersion,
    contentFilterSeverityFloor,
    promptShields,
    protectedMaterial,
    contentFilterModes,
    contentFilterOnAccount,
    accountCapacityCap,
  ];
}
