import { finding, type SemanticCheck } from "./check";
import { accountFieldSettings } from "./shared/account-names";
import { nameProblem, resourceGroupNameRule, suggestName } from "./shared/names";

/** Azure refuses the deployment of any resource into a resource group it would not accept as a name. */
export const accountInvalidResourceGroup: SemanticCheck = {
  code: "account/invalid-resource-group",
  severity: "error",
  description:
    "A resource group name (of an account or an environment's override) is not 1-90 letters, digits, '_', '-', '.', '(' or ')', or ends with '.'.",
  run(context) {
    return accountFieldSettings(context.file, "resourceGroup").flatMap(({ key, value, path }) => {
      const problem = nameProblem(value, resourceGroupNameRule);
      if (problem === undefined) return [];
      const suggestion = suggestName(value, resourceGroupNameRule);
      return [
        finding(
          accountInvalidResourceGroup,
          context,
          path,
          `the resource group ${JSON.stringify(value)} of account "${key}" ${problem}`,
          `use ${resourceGroupNameRule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
        ),
      ];
    });
  },
};
