import { matchesResource } from "../policy";
import type { FlagRule } from "./rule";

export const policyRegression: FlagRule = {
  id: "policy-regression",
  description: "a policy that passed (or did not apply) on BASE fails on HEAD",
  appliesTo: (pair, { policyRegressions }) =>
    policyRegressions.some((regression) => matchesResource(pair, regression.resourceKey)),
};
