/**
 * The one precedence of deployment settings: an environment's override of the deployment, then the
 * deployment, then the environment's defaults, then the file's defaults. The desired state and the
 * semantic checks both read settings through it, so they can never disagree about where one comes from.
 */
import type { Defaults, Deployment, Environment } from "./file-types.generated";

/** Where a deployment setting comes from, most specific first. */
export type SettingSource = "override" | "deployment" | "environment-defaults" | "defaults";

/** One layer of settings: what it sets and where it is written. */
export interface SettingLayer {
  from: SettingSource;
  values: Defaults;
}

/** Own-property lookup: keys written in the file may be named like members of Object.prototype. */
export function own<T>(record: { [k: string]: T | undefined } | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A deployment's layers in one environment (`undefined`: the file as written), most specific first. */
export function deploymentLayers(
  defaults: Defaults | undefined,
  env: Environment | undefined,
  deployment: Deployment,
): SettingLayer[] {
  const layers: SettingLayer[] = [];
  const override = own(env?.deployments, deployment.name);
  if (override !== undefined) layers.push({ from: "override", values: override });
  layers.push({ from: "deployment", values: deployment });
  if (env?.defaults !== undefined) layers.push({ from: "environment-defaults", values: env.defaults });
  if (defaults !== undefined) layers.push({ from: "defaults", values: defaults });
  return layers;
}

/** The first layer that sets a value (as `pick` reads it), with the value and where it came from. */
export function firstSetting<T>(
  layers: readonly SettingLayer[],
  pick: (values: Defaults) => T | undefined,
): { value: T; from: SettingSource } | undefined {
  for (const layer of layers) {
    const value = pick(layer.values);
    if (value !== undefined) return { value, from: layer.from };
  }
  return undefined;
}
