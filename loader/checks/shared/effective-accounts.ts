import type { AideployDeploymentsFile } from "../../file-types.generated";
import type { DocPath } from "../../path";
import { type CheckContext, shared } from "../check";
import { entries, own, type Scope, scopes } from "./scopes";

/** An account key as one scope resolves it (as resolveDesiredState does), and where each value is written. */
export interface EffectiveAccount {
  key: string;
  environment: string | null;
  name: string;
  resourceGroup: string;
  /** Undefined: the file names no subscription, so the command line or the environment decides. */
  subscription: string | undefined;
  /** Subscription, resource group and name, compared ignoring case as Azure compares them. */
  identity: string;
  /** The custom subdomain, or the name when none is set (lower case: DNS ignores case). */
  subdomain: string;
  subdomainDefaulted: boolean;
  namePath: DocPath;
  subdomainPath: DocPath;
  /** The value of this scope that decides which Azure account the key is: the override's, else the name. */
  identityPath: DocPath;
  /** The environment's override of this account key, when there is one. */
  overridePath: DocPath | undefined;
}

/** Every scope (the file as written, then each environment) with its accounts, in file order. */
export interface ScopeAccounts {
  scope: Scope;
  accounts: readonly EffectiveAccount[];
}

/** The accounts of every scope, computed once per run. */
export function effectiveAccounts(context: CheckContext): readonly ScopeAccounts[] {
  return shared(context, computeEffectiveAccounts);
}

function computeEffectiveAccounts({ file }: CheckContext): ScopeAccounts[] {
  return scopes(file).map((scope) => ({ scope, accounts: accountsIn(file, scope) }));
}

function accountsIn(file: AideployDeploymentsFile, scope: Scope): EffectiveAccount[] {
  const { environment, env } = scope;
  return entries(file.accounts).map(([key, declared]): EffectiveAccount => {
    const override = environment === null ? undefined : own(env.accounts, key);
    const overridePath: DocPath | undefined =
      override === undefined || environment === null
        ? undefined
        : ["environments", environment, "accounts", key];
    const at = (field: string, overridden: boolean): DocPath =>
      overridden && overridePath ? [...overridePath, field] : ["accounts", key, field];
    const name = override?.name ?? declared.name;
    const resourceGroup = override?.resourceGroup ?? declared.resourceGroup;
    const subscription =
      override?.subscription ?? declared.subscription ?? env.subscription ?? file.subscription;
    const customSubDomain = override?.customSubDomain ?? declared.customSubDomain;
    const namePath = at("name", override?.name !== undefined);
    const identityPath =
      override?.name !== undefined
        ? namePath
        : override?.resourceGroup !== undefined
          ? at("resourceGroup", true)
          : override?.subscription !== undefined
            ? at("subscription", true)
            : namePath;
    return {
      key,
      environment,
      name,
      resourceGroup,
      subscription,
      identity: [subscription ?? "", resourceGroup, name].join("\u0000").toLowerCase(),
      subdomain: (customSubDomain ?? name).toLowerCase(),
      subdomainDefaulted: customSubDomain === undefined,
      namePath,
      subdomainPath:
        customSubDomain === undefined
          ? namePath
          : at("customSubDomain", override?.customSubDomain !== undefined),
      identityPath,
      overridePath,
    };
  });
}

/** `"contoso-ai" in resource group "rg-ai"`, naming the subscription when the file names one. */
export function azureAccountText(account: EffectiveAccount): string {
  const subscription = account.subscription === undefined ? "" : ` of subscription ${account.subscription}`;
  return `"${account.name}" in resource group "${account.resourceGroup}"${subscription}`;
}
