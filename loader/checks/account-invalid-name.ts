import { finding, type SemanticCheck } from "./check";
import { accountFieldSettings } from "./shared/account-names";
import { accountNameRule, nameProblem, suggestName } from "./shared/names";

export const accountInvalidName: SemanticCheck = {
  code: "account/invalid-name",
  severity: "error",
  description:
    "An account name (or an environment's override of it) is not 2-64 letters, digits, '-', '_' or '.' starting with a letter or digit.",
  run(context) {
    return accountFieldSettings(context.file, "name").flatMap(({ key, value, path }) => {
      const problem = nameProblem(value, accountNameRule);
      if (problem === undefined) return [];
      const suggestion = suggestName(value, accountNameRule);
      return [
        finding(
          accountInvalidName,
          context,
          path,
          `the Azure name ${JSON.stringify(value)} of account "${key}" ${problem}`,
          `use ${accountNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
        ),
      ];
    });
  },
};
