import type { Deployment, DeploymentType } from "../../file-types.generated";
import type { DocPath } from "../../path";
import { deploymentAccountKeys } from "../../resolve";
import type { CheckContext } from "../check";
import { scopeViews, settingPath } from "./effective";
import { own, type Scope } from "./scopes";

/** A deployment that sets a 2026 property, on one account, as one scope reads it. */
export interface FeatureUse {
  scope: Scope;
  deployment: Deployment;
  index: number;
  account: string;
  /** The account's region in this scope (programmatic name, lower case); undefined when not given. */
  location: string | undefined;
  sku: DeploymentType | undefined;
  /** Where the deployment type is written, or the deployment itself when nothing sets it. */
  skuPath: DocPath;
}

/** Every use, in every scope where the deployment is enabled, of the deployments `uses` selects. */
export function featureUses(context: CheckContext, uses: (deployment: Deployment) => boolean): FeatureUse[] {
  const { file } = context;
  const result: FeatureUse[] = [];
  const selected = file.deployments.flatMap((d, i) => (uses(d) ? [i] : []));
  if (selected.length === 0) return result;
  for (const view of scopeViews(context)) {
    for (const index of selected) {
      const deployment = file.deployments[index] as Deployment;
      const effective = view.deployments[index];
      if (effective === undefined || !effective.enabled) continue;
      const skuPath =
        effective.skuFrom === undefined
          ? ["deployments", index]
          : settingPath(view.scope, deployment, index, effective.skuFrom, "sku");
      for (const account of new Set(deploymentAccountKeys(deployment, file))) {
        const declared = own(file.accounts, account);
        if (declared === undefined) continue;
        const override = view.scope.environment === null ? undefined : own(view.scope.env.accounts, account);
        const location = (override?.location ?? declared.location)?.toLowerCase().replace(/\s+/g, "");
        result.push({ scope: view.scope, deployment, index, account, location, sku: effective.sku, skuPath });
      }
    }
  }
  return result;
}
