import { finding, type SemanticCheck } from "./check";
import { effectiveAccounts } from "./shared/effective-accounts";

/**
 * Each environment is deployed by its own Pulumi stack, and each stack writes the subscription RAI policy
 * into its subscription. Two environments whose accounts are in the same subscription make two stacks
 * manage one Azure resource: the settings are the same (they are declared once, at the top level), but
 * destroying either stack deletes the baseline the other still declares. Environments whose accounts span
 * several subscriptions are subscription-rai-policy/several-subscriptions; the file as written is not an
 * environment.
 */
export const subscriptionRaiPolicySharedSubscription: SemanticCheck = {
  code: "subscription-rai-policy/shared-subscription",
  severity: "warning",
  description:
    "Two environments deploy to the same subscription, so their Pulumi stacks both manage the one subscription RAI policy there; destroying either stack deletes it.",
  run(context) {
    const policy = context.file.subscriptionRaiPolicy;
    if (policy === undefined) return [];
    const environmentsBySubscription = new Map<
      string,
      { id: string; environments: string[]; deleting: string[] }
    >();
    for (const { scope, accounts } of effectiveAccounts(context)) {
      if (scope.environment === null) continue;
      const subscriptions = new Set(
        accounts.flatMap((a) => (a.subscription === undefined ? [] : [a.subscription.toLowerCase()])),
      );
      const [only] = subscriptions;
      if (subscriptions.size !== 1 || only === undefined) continue;
      const entry = environmentsBySubscription.get(only) ?? { id: only, environments: [], deleting: [] };
      entry.environments.push(scope.environment);
      if (scope.env.retainOnDelete !== true) entry.deleting.push(scope.environment);
      environmentsBySubscription.set(only, entry);
    }
    return (
      [...environmentsBySubscription.values()]
        // Stacks that keep the baseline when destroyed (retainOnDelete) write the same settings: no harm.
        .filter((entry) => entry.environments.length > 1 && entry.deleting.length > 0)
        .map(({ id, environments, deleting }) =>
          finding(
            subscriptionRaiPolicySharedSubscription,
            context,
            ["subscriptionRaiPolicy", "name"],
            `environments ${quoted(environments)} ${environments.length === 2 ? "both" : "all"} deploy to subscription ${id}, so each of their stacks writes the subscription RAI policy "${policy.name}" there; destroying the stack of ${deleting.length === 1 ? "environment" : "any of environments"} ${quoted(deleting)} deletes the baseline the others still declare`,
            `give each environment its own subscription, or set \`retainOnDelete: true\` in ${quoted(deleting)} so that no stack deletes the baseline`,
          ),
        )
    );
  },
};

const quoted = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(", ");
