import type { DesiredAccount, DesiredState } from "../../loader/desired-state";
import { asSet, entries, type FieldEntry, normalizeLocation, tagFields } from "../values";
import type { ResourceKind } from "./kind";

/** Where an account is: changing any of these points every child at another Azure account. */
export const ACCOUNT_IDENTITY_FIELDS: ReadonlySet<string> = new Set([
  "name",
  "resourceGroup",
  "location",
  "subscription",
]);

/** Fixed when Azure creates an account: a managed account is re-created when they change. */
const FIXED_AT_CREATION: ReadonlySet<string> = new Set(["kind", "customSubDomain"]);

export const accountKind: ResourceKind<"account", DesiredAccount> = {
  kind: "account",
  items: (state) => state.accounts,
  accountKey: () => undefined,
  matchName: (a) => a.key,
  fields(a: DesiredAccount, state: DesiredState): FieldEntry[] {
    const fields = entries({
      name: a.name,
      resourceGroup: a.resourceGroup,
      location: normalizeLocation(a.location) ?? undefined,
      subscription: a.subscription ?? state.subscription,
      kind: a.kind,
      customSubDomain: a.customSubDomain,
      create: a.create,
      publicNetworkAccess: a.publicNetworkAccess,
      disableLocalAuth: a.disableLocalAuth,
      identity: a.identity,
      "networkAcls.defaultAction": a.networkAcls?.defaultAction,
      "networkAcls.ipRules": a.networkAcls ? asSet(a.networkAcls.ipRules ?? []) : undefined,
      "networkAcls.virtualNetworkRules": a.networkAcls
        ? asSet(a.networkAcls.virtualNetworkRules ?? [])
        : undefined,
      "encryption.keyVaultUri": a.encryption?.keyVaultUri,
      "encryption.keyName": a.encryption?.keyName,
      "encryption.keyVersion": a.encryption?.keyVersion,
      "encryption.identityClientId": a.encryption?.identityClientId,
      restrictOutboundNetworkAccess: a.restrictOutboundNetworkAccess,
      allowedFqdnList: a.allowedFqdnList ? asSet(a.allowedFqdnList) : undefined,
    });
    return [...fields, ...tagFields(a.tags)];
  },
  replacedBy: (path, base, head) =>
    ACCOUNT_IDENTITY_FIELDS.has(path) || (FIXED_AT_CREATION.has(path) && base.create && head.create),
};
