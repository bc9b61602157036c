import type { SemanticCheck } from "./check";
import { effectiveAccounts } from "./shared/effective-accounts";
import { reportAcrossScopes, type ScopedProblem } from "./shared/scopes";

/**
 * One stack writes one subscription RAI policy, into the subscription its Pulumi provider writes to
 * (azure-native's SubscriptionRaiPolicy has no subscription input: SUBSCRIPTION_RAI_POLICY.apiVersion).
 * When the accounts of one environment (or of the file as written) live in several subscriptions, the
 * baseline reaches only one of them: the others would silently have none.
 */
export const subscriptionRaiPolicySeveralSubscriptions: SemanticCheck = {
  code: "subscription-rai-policy/several-subscriptions",
  severity: "warning",
  description:
    "The subscription RAI policy is declared while the accounts of one environment (or of the file as written) are in several subscriptions; a stack writes it into one subscription only, the one its Pulumi provider writes to.",
  run(context) {
    if (context.file.subscriptionRaiPolicy === undefined) return [];
    const problems: ScopedProblem[] = [];
    for (const { scope, accounts } of effectiveAccounts(context)) {
      const bySubscription = new Map<string, string[]>();
      for (const account of accounts) {
        if (account.subscription === undefined) continue;
        const id = account.subscription.toLowerCase();
        bySubscription.set(id, [...(bySubscription.get(id) ?? []), account.key]);
      }
      if (bySubscription.size < 2) continue;
      const listed = [...bySubscription.entries()]
        .map(([id, keys]) => `${id} (${keys.map((k) => JSON.stringify(k)).join(", ")})`)
        .join(", ");
      problems.push({
        key: [...bySubscription.keys()].sort().join("|"),
        environment: scope.environment,
        path: ["subscriptionRaiPolicy"],
        pointAtKey: true,
        message: (where) =>
          `the accounts${where} are in ${bySubscription.size} subscriptions, ${listed}; the subscription RAI policy is written once per stack, into the subscription its Pulumi provider writes to, so the other subscriptions would have none`,
        hint: "keep the accounts of one environment in one subscription (an environment per subscription), or remove subscriptionRaiPolicy and manage each subscription's baseline from a file of its own",
      });
    }
    return reportAcrossScopes(subscriptionRaiPolicySeveralSubscriptions, context, problems);
  },
};
