import { ArmTypes } from "../../arm-view";
import type { StackPolicy } from "../../policy";

/** Microsoft's built-in filters exist on every account; every other name must be created on the account. */
const builtIn = new Set(["microsoft.default", "microsoft.defaultv2", "microsoft.nill"]);

export const contentFilterOnAccount: StackPolicy = {
  kind: "stack",
  id: "AID-STK-001",
  name: "content-filter-on-account",
  description:
    "A deployment's content filter must exist on the same account; otherwise Azure rejects the deployment ('rai policy not found').",
  severity: "high",
  remediation:
    "Declare the content filter under `contentFilters` and reference it by that name from the deployment.",
  parameters: {},
  defaultEnforcement: "mandatory",
  check(resources) {
    const filters = new Set(
      resources
        .filter((r) => r.view.type === ArmTypes.raiPolicy)
        .map((r) => `${r.accountId.toLowerCase()}|${r.view.name.toLowerCase()}`),
    );
    return resources
      .filter((r) => r.view.type === ArmTypes.deployment)
      .flatMap((r) => {
        const filter = r.view.properties.raiPolicyName;
        if (typeof filter !== "string") return [];
        if (
          builtIn.has(filter.toLowerCase()) ||
          filters.has(`${r.accountId.toLowerCase()}|${filter.toLowerCase()}`)
        ) {
          return [];
        }
        return [
          {
            resource: r.name,
            message: `content filter "${filter}" of deployment "${r.view.name}" is not on its account`,
          },
        ];
      });
  },
};
