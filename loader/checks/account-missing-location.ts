import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

export const accountMissingLocation: SemanticCheck = {
  code: "account/missing-location",
  severity: "error",
  description: "An account with `create: true` has no `location`; Azure needs a region to create it.",
  run(context) {
    return entries(context.file.accounts)
      .filter(([, account]) => account.create === true && account.location === undefined)
      .map(([key]) =>
        finding(
          accountMissingLocation,
          context,
          ["accounts", key, "create"],
          `account "${key}" is created by aideploy (\`create: true\`) but has no \`location\``,
          `add \`location: <region>\` (for example eastus2 or swedencentral) to account "${key}"`,
          { key: true },
        ),
      );
  },
};
