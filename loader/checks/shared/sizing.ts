import {
  type CapacityKind,
  capacityKindOf,
  type ModelRef,
  type TokenUnitLookup,
  tokenUnitOf,
} from "../../capacity";
import type { Deployment, DeploymentType } from "../../file-types.generated";
import { deploymentLayers, firstSetting, own } from "../../layers";
import type { DocPath } from "../../path";
import { type CheckContext, shared } from "../check";
import { settingPath } from "./effective";
import { type Scope, scopes } from "./scopes";

/** How a deployment is sized in one scope, and where that is written. */
export type Sizing =
  | { by: "capacity"; capacity: number; path: DocPath }
  | { by: "rateLimit"; tokensPerMinute: number; path: DocPath };

/** One enabled deployment as one scope sees it: what the capacity checks need. */
export interface SizedDeployment {
  scope: Scope;
  index: number;
  deployment: Deployment;
  sku: DeploymentType;
  kind: CapacityKind;
  model: ModelRef;
  sizing: Sizing;
}

/**
 * Every enabled deployment with a type and a sizing, as written and in each environment (the model
 * version an environment pins included). Deployments without a type or a sizing are reported by
 * deployment/missing-type and capacity/missing. Computed once per run.
 */
export function sizedDeployments(context: CheckContext): readonly SizedDeployment[] {
  return shared(context, computeSized);
}

function computeSized({ file }: CheckContext): SizedDeployment[] {
  const out: SizedDeployment[] = [];
  for (const scope of scopes(file)) {
    const { env } = scope;
    file.deployments.forEach((deployment, index) => {
      const override = own(env.deployments, deployment.name);
      if (!(override?.enabled ?? deployment.enabled ?? true)) return;
      const layers = deploymentLayers(file.defaults, env, deployment);
      const sku = firstSetting(layers, (l) => l.sku)?.value;
      // Within one layer an explicit capacity wins over a rate limit, as the desired state reads it.
      const sizing = firstSetting(layers, (l) =>
        l.capacity !== undefined
          ? ({ by: "capacity", capacity: l.capacity } as const)
          : l.rateLimit !== undefined
            ? ({ by: "rateLimit", tokensPerMinute: l.rateLimit.tokensPerMinute } as const)
            : undefined,
      );
      if (sku === undefined || sizing === undefined) return;
      const path = settingPath(scope, deployment, index, sizing.from, sizing.value.by);
      out.push({
        scope,
        index,
        deployment,
        sku,
        kind: capacityKindOf(sku),
        model: { ...deployment.model, version: override?.modelVersion ?? deployment.model.version },
        sizing:
          sizing.value.by === "capacity"
            ? { by: "capacity", capacity: sizing.value.capacity, path }
            : { by: "rateLimit", tokensPerMinute: sizing.value.tokensPerMinute, path },
      });
    });
  }
  return out;
}

/** A token-based deployment sized by `rateLimit`, with its model's unit as the catalog gives it. */
export interface RateLimitedDeployment extends SizedDeployment {
  sizing: Extract<Sizing, { by: "rateLimit" }>;
  unit: TokenUnitLookup;
}

/** The token-based deployments sized by `rateLimit`, each with its unit looked up once per run. */
export function rateLimitedDeployments(context: CheckContext): readonly RateLimitedDeployment[] {
  return shared(context, computeRateLimited);
}

function computeRateLimited(context: CheckContext): RateLimitedDeployment[] {
  const out: RateLimitedDeployment[] = [];
  for (const entry of sizedDeployments(context)) {
    const { sizing } = entry;
    if (sizing.by !== "rateLimit" || entry.kind !== "tokens") continue;
    out.push({ ...entry, sizing, unit: tokenUnitOf(context.catalog, entry.model) });
  }
  return out;
}

/** The problem key of a deployment in a scope: the same problem at the same place is one finding. */
export function problemKey(entry: SizedDeployment, ...parts: readonly (string | number)[]): string {
  return [entry.index, ...entry.sizing.path, entry.sku, entry.model.version, ...parts].join("\u0000");
}
