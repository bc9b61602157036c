import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { DocPath } from "../path";
import { finding, type SemanticCheck } from "./check";
import { azureAccountText, type EffectiveAccount, effectiveAccounts } from "./shared/effective-accounts";
import { lineOf, whereText } from "./shared/scopes";

/**
 * A custom subdomain names the account's endpoints (`<subdomain>.openai.azure.com`) and is unique across
 * all of Azure, so two Azure accounts cannot share one, whether they are two keys of one environment or
 * the same key in two environments. One Azure account seen in several environments is one account and
 * keeps its subdomain (environment/shared-account reports that case). A missing subdomain is the name.
 */
export const accountDuplicateSubdomain: SemanticCheck = {
  code: "account/duplicate-subdomain",
  severity: "error",
  description:
    "Two Azure accounts (two keys, or one key in two environments) have the same custom subdomain, set or defaulted from the name; subdomains are globally unique.",
  run(context) {
    const bySubdomain = new Map<string, Map<string, EffectiveAccount[]>>();
    for (const { accounts } of effectiveAccounts(context)) {
      for (const account of accounts) {
        let byIdentity = bySubdomain.get(account.subdomain);
        if (!byIdentity) {
          byIdentity = new Map();
          bySubdomain.set(account.subdomain, byIdentity);
        }
        const seen = byIdentity.get(account.identity);
        if (seen) seen.push(account);
        else byIdentity.set(account.identity, [account]);
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const byIdentity of bySubdomain.values()) {
      const [owner, ...others] = [...byIdentity.values()];
      if (!owner || others.length === 0) continue;
      const first = owner[0] as EffectiveAccount;
      for (const accounts of others) {
        const account = accounts[0] as EffectiveAccount;
        const where = whereText([...new Set(accounts.map((a) => a.environment))]);
        diagnostics.push(
          finding(
            accountDuplicateSubdomain,
            context,
            pointAt(account),
            `${subject(account, where)} is also the subdomain of account "${first.key}"${whereText([first.environment])} (Azure account ${azureAccountText(first)}, line ${lineOf(context, first.subdomainPath)}); subdomains are unique across Azure`,
            hint(account),
          ),
        );
      }
    }
    return diagnostics;
  },
};

function subject(account: EffectiveAccount, where: string): string {
  const azure = `Azure account ${azureAccountText(account)}`;
  return account.subdomainDefaulted
    ? `account "${account.key}"${where} (${azure}) has no customSubDomain, so its name is its subdomain, which`
    : `the custom subdomain "${account.subdomain}" of account "${account.key}"${where} (${azure})`;
}

function hint(account: EffectiveAccount): string {
  if (account.overridePath !== undefined && !subdomainInOverride(account)) {
    return `set \`customSubDomain:\` in environment "${account.environment}"'s override of account "${account.key}" to a subdomain of its own`;
  }
  return account.subdomainDefaulted
    ? `set \`customSubDomain:\` on account "${account.key}" to a subdomain of its own`
    : `give account "${account.key}" a subdomain of its own`;
}

function subdomainInOverride(account: EffectiveAccount): boolean {
  const override = account.overridePath;
  return override?.every((segment, i) => account.subdomainPath[i] === segment) ?? false;
}

/** The subdomain where this scope writes it, else the environment's override that made the account. */
function pointAt(account: EffectiveAccount): DocPath {
  if (account.overridePath === undefined || subdomainInOverride(account)) return account.subdomainPath;
  return account.identityPath;
}
