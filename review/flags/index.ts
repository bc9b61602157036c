import { autoUpgradeEnabled } from "./auto-upgrade-enabled";
import { breaking } from "./breaking";
import { capacityDecrease } from "./capacity-decrease";
import { contentFilterWeakened } from "./content-filter-weakened";
import { costIncrease } from "./cost-increase";
import { marketplaceTerms } from "./marketplace-terms";
import { newAccount } from "./new-account";
import { policyBlocksDelete } from "./policy-blocks-delete";
import { policyRegression } from "./policy-regression";
import { quotaImpact } from "./quota-impact";
import { replace } from "./replace";
import type { FlagRule } from "./rule";
import { serviceTierChange } from "./service-tier-change";
import { versionChange } from "./version-change";

/** Every flag rule, in DIFF_FLAGS order. */
export function flagRules(): readonly FlagRule[] {
  return [
    breaking,
    replace,
    capacityDecrease,
    contentFilterWeakened,
    versionChange,
    autoUpgradeEnabled,
    newAccount,
    quotaImpact,
    policyRegression,
    policyBlocksDelete,
    serviceTierChange,
    marketplaceTerms,
    costIncrease,
  ];
}
