import { isProvisioned } from "../../deployment-types";
import type { Deployment } from "../../file-types.generated";
import { deploymentAccountKeys } from "../../resolve";
import { type CheckContext, shared } from "../check";
import { type EffectiveDeployment, scopeViews } from "./effective";
import { own, type Scope } from "./scopes";

/** A deployment with `spillover`, on one of its accounts, and the deployment it spills to there. */
export interface SpilloverLink {
  source: Deployment;
  sourceIndex: number;
  account: string;
  /** The first deployment named like the target on the same account; undefined when there is none. */
  targetIndex: number | undefined;
}

/** Every spillover link of the file, per account of the source; self-references are left out. */
export function spilloverLinks(context: CheckContext): readonly SpilloverLink[] {
  return shared(context, computeSpilloverLinks);
}

function computeSpilloverLinks({ file }: CheckContext): SpilloverLink[] {
  const sources = file.deployments.flatMap((deployment, index) =>
    deployment.spillover === undefined || isSelfSpillover(deployment) ? [] : [index],
  );
  if (sources.length === 0) return [];
  // Only the names some deployment spills to need indexing.
  const targets = new Set(sources.map((index) => file.deployments[index]?.spillover));
  const indexByAccountAndName = new Map<string, number>();
  file.deployments.forEach((deployment, index) => {
    if (!targets.has(deployment.name)) return;
    for (const account of deploymentAccountKeys(deployment, file)) {
      const key = `${account}\u0000${deployment.name}`;
      if (!indexByAccountAndName.has(key)) indexByAccountAndName.set(key, index);
    }
  });
  const links: SpilloverLink[] = [];
  for (const sourceIndex of sources) {
    const source = file.deployments[sourceIndex] as Deployment;
    // Links to undeclared accounts are left to account/unknown-reference.
    for (const account of new Set(deploymentAccountKeys(source, file))) {
      if (own(file.accounts, account) === undefined) continue;
      const targetIndex = indexByAccountAndName.get(`${account}\u0000${source.spillover}`);
      links.push({ source, sourceIndex, account, targetIndex });
    }
  }
  return links;
}

/** Names are compared ignoring case, as Azure compares resource names. */
export function isSelfSpillover(deployment: Deployment): boolean {
  const target = deployment.spillover;
  return target !== undefined && target.toLowerCase() === deployment.name.toLowerCase();
}

/** A spillover link as one scope sees it: both deployments' effective settings. */
export interface ScopedSpillover {
  scope: Scope;
  link: SpilloverLink & { targetIndex: number };
  source: EffectiveDeployment;
  target: EffectiveDeployment;
}

/**
 * Every link whose target exists, in every scope where the source is enabled and provisioned: the
 * links the rules about targets apply to (other links are reported by spillover/unknown-target and
 * spillover/source-not-provisioned).
 */
export function provisionedSpillovers(context: CheckContext): ScopedSpillover[] {
  const links = spilloverLinks(context);
  const out: ScopedSpillover[] = [];
  for (const { scope, deployments } of scopeViews(context)) {
    for (const link of links) {
      const { sourceIndex, targetIndex } = link;
      if (targetIndex === undefined) continue;
      const source = deployments[sourceIndex];
      const target = deployments[targetIndex];
      if (!source || !target || !source.enabled || source.sku === undefined || !isProvisioned(source.sku)) {
        continue;
      }
      out.push({ scope, link: { ...link, targetIndex }, source, target });
    }
  }
  return out;
}
