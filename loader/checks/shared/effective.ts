import type {
  Defaults,
  Deployment,
  DeploymentState,
  DeploymentType,
  Environment,
  ServiceTier,
} from "../../file-types.generated";
import { deploymentLayers, firstSetting, type SettingSource } from "../../layers";
import type { DocPath } from "../../path";
import { type CheckContext, shared } from "../check";
import { own, type Scope, scopes } from "./scopes";

/** Where a deployment setting comes from, most specific first (see loader/layers.ts). */
export type Source = SettingSource;

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
  /** The model version: an environment's `modelVersion`, else the deployment's `model.version`. */
  modelVersion: string;
  modelVersionFrom: "override" | "deployment";
  /** Priority or standard processing: an environment's override, else the deployment's. */
  serviceTier: ServiceTier | undefined;
  serviceTierFrom: "override" | "deployment" | undefined;
  /** Running or paused as the file spells it: an environment's override, else the deployment's. */
  state: DeploymentState | undefined;
  stateFrom: "override" | "deployment" | undefined;
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
  const base = file.deployments.map((deployment) => effectiveIn(file.defaults, undefined, deployment));
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
              : effectiveIn(file.defaults, env, deployment);
          });
    views.push({ scope, deployments });
  }
  return views;
}

function effectiveIn(
  defaults: Defaults | undefined,
  env: Environment | undefined,
  deployment: Deployment,
): EffectiveDeployment {
  const layers = deploymentLayers(defaults, env, deployment);
  const sku = firstSetting(layers, (l) => l.sku);
  // Within one layer an explicit capacity wins over a rate limit, as the desired state reads it.
  const sizing = firstSetting(layers, (l): EffectiveDeployment["sizing"] =>
    l.capacity !== undefined ? "capacity" : l.rateLimit !== undefined ? "rateLimit" : undefined,
  );
  const contentFilter = firstSetting(layers, (l) => l.contentFilter);
  const override = own(env?.deployments, deployment.name);
  const enabledFrom =
    override?.enabled !== undefined
      ? "override"
      : deployment.enabled !== undefined
        ? "deployment"
        : undefined;
  return {
    sku: sku?.value,
    skuFrom: sku?.from,
    sizing: sizing?.value,
    sizingFrom: sizing?.from,
    contentFilter: contentFilter?.value,
    contentFilterFrom: contentFilter?.from,
    enabled: override?.enabled ?? deployment.enabled ?? true,
    enabledFrom,
    modelVersion: override?.modelVersion ?? deployment.model.version,
    modelVersionFrom: override?.modelVersion !== undefined ? "override" : "deployment",
    serviceTier: override?.serviceTier ?? deployment.serviceTier,
    serviceTierFrom: fromOf(override?.serviceTier, deployment.serviceTier),
    state: override?.state ?? deployment.state,
    stateFrom: fromOf(override?.state, deployment.state),
  };
}

function fromOf(override: unknown, own: unknown): "override" | "deployment" | undefined {
  return override !== undefined ? "override" : own !== undefined ? "deployment" : undefined;
}
