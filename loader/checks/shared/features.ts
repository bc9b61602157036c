import type { Deployment, DeploymentType } from "../../file-types.generated";
import type { DocPath } from "../../path";
import { deploymentAccountKeys } from "../../resolve";
import type { CheckContext } from "../check";
import { type EffectiveDeployment, scopeViews, settingPath } from "./effective";
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
  /** The deployment's settings in this scope (environment overrides applied). */
  effective: EffectiveDeployment;
}

/** Where a setting an environment may override (`serviceTier`, `state`) is written in this scope. */
export function featurePath(use: FeatureUse, field: "serviceTier" | "state"): DocPath {
  const from = use.effective[`${field}From`];
  return from === undefined
    ? ["deployments", use.index]
    : settingPath(use.scope, use.deployment, use.index, from, field);
}

/**
 * Every use, in every scope where the deployment is enabled, of the deployments `uses` selects (given the
 * deployment as written and its settings in that scope).
 */
export function featureUses(
  context: CheckContext,
  uses: (deployment: Deployment, effective: EffectiveDeployment) => boolean,
): FeatureUse[] {
  const { file } = context;
  const result: FeatureUse[] = [];
  for (const view of scopeViews(context)) {
    for (const [index, deployment] of file.deployments.entries()) {
      const effective = view.deployments[index];
      if (effective === undefined || !effective.enabled || !uses(deployment, effective)) continue;
      const skuPath =
        effective.skuFrom === undefined
          ? ["deployments", index]
          : settingPath(view.scope, deployment, index, effective.skuFrom, "sku");
      for (const account of new Set(deploymentAccountKeys(deployment, file))) {
        const declared = own(file.accounts, account);
        if (declared === undefined) continue;
        const override = view.scope.environment === null ? undefined : own(view.scope.env.accounts, account);
        const location = (override?.location ?? declared.location)?.toLowerCase().replace(/\s+/g, "");
        result.push({
          scope: view.scope,
          deployment,
          index,
          account,
          location,
          sku: effective.sku,
          skuPath,
          effective,
        });
      }
    }
  }
  return result;
}
