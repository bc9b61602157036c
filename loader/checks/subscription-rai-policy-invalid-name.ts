import { SUBSCRIPTION_RAI_POLICY } from "../subscription-rai-policy";
import { finding, type SemanticCheck } from "./check";
import { nameProblem, raiNameRule, suggestName } from "./shared/names";

/** The spec's raiPolicyName pattern (SUBSCRIPTION_RAI_POLICY.name), with the limits of content filter names. */
const rule = { ...raiNameRule, pattern: SUBSCRIPTION_RAI_POLICY.name.pattern };

export const subscriptionRaiPolicyInvalidName: SemanticCheck = {
  code: "subscription-rai-policy/invalid-name",
  severity: "error",
  description:
    "The subscription RAI policy's name breaks the API's raiPolicyName pattern (letters, digits, '_', '.' and '-', starting with a letter or digit).",
  run(context) {
    const name = context.file.subscriptionRaiPolicy?.name;
    if (name === undefined) return [];
    const problem = nameProblem(name, rule);
    if (problem === undefined) return [];
    const suggestion = suggestName(name, rule);
    return [
      finding(
        subscriptionRaiPolicyInvalidName,
        context,
        ["subscriptionRaiPolicy", "name"],
        `subscription RAI policy name ${JSON.stringify(name)} ${problem}`,
        `use ${rule.text}${suggestion === undefined ? "" : `, for example "${suggestion}"`}`,
      ),
    ];
  },
};
