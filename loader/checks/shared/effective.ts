import type { Defaults, Deployment, DeploymentType } from "../../file-types.generated";
import type { DocPath } from "../../path";
import { type CheckContext, shared } from "../check";
import { own, type Scope, scopes } from "./scopes";

/** Where a deployment setting comes from, most specific first (as resolveDesiredState applies them). */
export type Source = "override" | "deployment" | "environment-defaults" | "defaults";

/** A deployment's settings in one scope and where each was written; undefined: nothing sets it. */
export interface EffectiveDeployment {
  sku: DeploymentType | undefined;
  skuFrom: Source | undefined;
  /** The first source with `capacity` or `rateLimit` (capacity wins within one source). */
  sizing: "capacity" | "rateLimit" | undefined;
  sizingFrom: Source | undefined;
  contentFilter: string | undefined;
  contentFilterFrom: Source | undefined;
  enabled: boolean;
  /** Where `enabled` is decided: an environment override, the deployment, or nowhere (the default). */
  enabledFrom: "override" | "deployment" | undefined;
}

/** The deployments of the file (same order and indexes) as one scope sees them. */
export interface ScopeView {
  scope: Scope;
  deployments: readonly EffectiveDeployment[];
}

/**
 * Every deployment's effective settings, as written and in each environment: the environment's
 * override of the deployment, then the deployment, the environment's defaults, the defaults.
 * Computed once per run; an environment without defaults shares the entries it does not override.
 */
export function scopeViews(context: CheckContext): readonly ScopeView[] {
  return shared(context, computeScopeViews);
}

/** The path of a setting, for pointing a finding at it. */
export function settingPath(
  scope: Scope,
  deployment: Deployment,
  index: number,
  from: Source,
  field: string,
): DocPath {
  switch (from) {
    case "override":
      return ["environments", scope.environment ?? "", "deployments", deployment.name, field];
    case "deployment":
      return ["deployments", index, field];
    case "environment-defaults":
      return ["environments", scope.environment ?? "", "defaults", field];
    case "defaults":
      return ["defaults", field];
  }
}

function computeScopeViews({ file }: CheckContext): ScopeView[] {
  const [asWritten, ...environments] = scopes(file);
  if (!asWritten) return [];
  const base = file.deployments.map((deployment) =>
    effectiveIn(file.defaults, undefined, deployment, undefined),
  );
  const views: ScopeView[] = [{ scope: asWritten, deployments: base }];
  for (const scope of environments) {
    const { env } = scope;
    const envDefaults = env.defaults;
    const overrides = env.deployments;
    const deployments =
      envDefaults === undefined && overrides === undefined
        ? base
        : file.deployments.map((deployment, index) => {
            const override = own(overrides, deployment.name);
            return envDefaults === undefined && override === undefined
              ? (base[index] as EffectiveDeployment)
              : effectiveIn(file.defaults, envDefaults, deployment, override);
          });
    views.push({ scope, deployments });
  }
  return views;
}

type Layer = Defaults & { enabled?: boolean };

function effectiveIn(
  defaults: Defaults | undefined,
  envDefaults: Defaults | undefined,
  deployment: Deployment,
  override: Layer | undefined,
): EffectiveDeployment {
  const result: EffectiveDeployment = {
    sku: undefined,
    skuFrom: undefined,
    sizing: undefined,
    sizingFrom: undefined,
    contentFilter: undefined,
    contentFilterFrom: undefined,
    enabled: true,
    enabledFrom: undefined,
  };
  apply(result, override, "override");
  apply(result, deployment, "deployment");
  apply(result, envDefaults, "environment-defaults");
  apply(result, defaults, "defaults");
  if (override?.enabled !== undefined) {
    result.enabled = override.enabled;
    result.enabledFrom = "override";
  } else if (deployment.enabled !== undefined) {
    result.enabled = deployment.enabled;
    result.enabledFrom = "deployment";
  }
  return result;
}

/** Fills what `layer` sets and nothing more specific has set. */
function apply(result: EffectiveDeployment, layer: Defaults | undefined, from: Source): void {
  if (layer === undefined) return;
  if (result.skuFrom === undefined && layer.sku !== undefined) {
    result.sku = layer.sku;
    result.skuFrom = from;
  }
  if (result.sizingFrom === undefined) {
    if (layer.capacity !== undefined) {
      result.sizing = "capacity";
      result.sizingFrom = from;
    } else if (layer.rateLimit !== undefined) {
      result.sizing = "rateLimit";
      result.sizingFrom = from;
    }
  }
  if (result.contentFilterFrom === undefined && layer.contentFilter !== undefined) {
    result.contentFilter = layer.contentFilter;
    result.contentFilterFrom = from;
  }
}
