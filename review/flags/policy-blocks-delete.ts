import { matchesResource } from "../policy";
import type { FlagRule } from "./rule";

/**
 * Azure refuses a delete that a DenyAction assignment covers (MicrosoftDocs/azure-docs,
 * articles/governance/policy/concepts/effect-deny-action.md, ms.date 04/17/2024): removing such a
 * resource, or replacing it (the old one is deleted), fails at deploy time.
 */
export const policyBlocksDelete: FlagRule = {
  id: "policy-blocks-delete",
  description:
    "a resource HEAD removes or replaces is protected by a DenyAction assignment: Azure will refuse the delete",
  appliesTo: (pair, { protectedFromDelete }) =>
    (pair.action === "remove" || pair.action === "replace") &&
    protectedFromDelete.some((verdict) => matchesResource(pair, verdict.resourceKey)),
};
