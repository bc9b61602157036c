import type { FlagRule } from "./rule";

/**
 * Azure accepts a partner model's Marketplace terms with `modelProviderData` on the organisation's behalf:
 * a reviewer sees each new acceptance, and each change of who accepts.
 */
export const marketplaceTerms: FlagRule = {
  id: "marketplace-terms",
  description:
    "a deployment accepts a model provider's Azure Marketplace terms on the organisation's behalf (modelProviderData is new or names another organisation): a new legal acceptance",
  appliesTo(pair) {
    if (pair.kind !== "deployment" || pair.head?.modelProviderData === undefined) return false;
    const before = pair.base?.modelProviderData;
    return before === undefined || JSON.stringify(before) !== JSON.stringify(pair.head.modelProviderData);
  },
};
