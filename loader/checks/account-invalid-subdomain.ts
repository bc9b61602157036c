import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { accountFieldSettings } from "./shared/account-names";
import { nameProblem, subdomainRule, suggestName } from "./shared/names";
import { entries, own } from "./shared/scopes";

/**
 * The subdomain is a DNS label. When it is omitted, an account aideploy creates gets its name as
 * subdomain, so that name must be a valid label too.
 */
export const accountInvalidSubdomain: SemanticCheck = {
  code: "account/invalid-subdomain",
  severity: "error",
  description:
    "A custom subdomain (set, or defaulted from the name of a created account) is not 2-64 lowercase letters, digits or inner hyphens.",
  run(context) {
    const { file } = context;
    const diagnostics: Diagnostic[] = [];
    for (const { key, value, path } of accountFieldSettings(file, "customSubDomain")) {
      const problem = nameProblem(value, subdomainRule);
      if (problem === undefined) continue;
      diagnostics.push(
        finding(
          accountInvalidSubdomain,
          context,
          path,
          `the custom subdomain ${JSON.stringify(value)} of account "${key}" ${problem}`,
          hint(value),
        ),
      );
    }
    for (const [key, account] of entries(file.accounts)) {
      if (account.create !== true || account.customSubDomain !== undefined) continue;
      const names = [{ value: account.name, path: ["accounts", key, "name"], where: "" }];
      for (const [environment, env] of entries(file.environments)) {
        const override = own(env.accounts, key);
        if (override?.name !== undefined && override.customSubDomain === undefined) {
          names.push({
            value: override.name,
            path: ["environments", environment, "accounts", key, "name"],
            where: ` in environment "${environment}"`,
          });
        }
      }
      for (const { value, path, where } of names) {
        const problem = nameProblem(value, subdomainRule);
        if (problem === undefined) continue;
        diagnostics.push(
          finding(
            accountInvalidSubdomain,
            context,
            path,
            `account "${key}" has no customSubDomain, so its name ${JSON.stringify(value)} is used as subdomain${where}, and it ${problem}`,
            `set \`customSubDomain:\`; ${hint(value)}`,
          ),
        );
      }
    }
    return diagnostics;
  },
};

function hint(value: string): string {
  const suggestion = suggestName(value, subdomainRule);
  return `use ${subdomainRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`;
}
