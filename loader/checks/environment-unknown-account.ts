import type { Diagnostic } from "../../diagnostics/diagnostic";
import { didYouMean } from "../../diagnostics/suggest";
import { finding, type SemanticCheck } from "./check";
import { entries, own } from "./shared/scopes";

export const environmentUnknownAccount: SemanticCheck = {
  code: "environment/unknown-account",
  severity: "error",
  description:
    "An environment overrides an account key that is not in `accounts`; the override would be ignored.",
  run(context) {
    const keys = Object.keys(context.file.accounts);
    const diagnostics: Diagnostic[] = [];
    for (const [environment, env] of entries(context.file.environments)) {
      for (const [key] of entries(env.accounts)) {
        if (own(context.file.accounts, key) !== undefined) continue;
        diagnostics.push(
          finding(
            environmentUnknownAccount,
            context,
            ["environments", environment, "accounts", key],
            `environment "${environment}" overrides account "${key}", which is not declared in \`accounts\``,
            didYouMean(key, keys) ?? `declared accounts: ${keys.join(", ")}`,
            { key: true },
          ),
        );
      }
    }
    return diagnostics;
  },
};
