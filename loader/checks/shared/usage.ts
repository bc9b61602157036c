import type { ContentFilter } from "../../file-types.generated";
import { DEFAULT_CONTENT_FILTER, deploymentAccountKeys } from "../../resolve";
import { type CheckContext, shared } from "../check";
import { scopeViews } from "./effective";
import { own } from "./scopes";

/**
 * Names of the content filters some enabled deployment uses, as written or in any environment
 * (Microsoft base policies included). resolveDesiredState creates only these.
 */
export function usedContentFilterNames(context: CheckContext): ReadonlySet<string> {
  return shared(context, computeUsedContentFilterNames);
}

/**
 * Per content filter name, the model formats of the enabled deployments that use it, as written or in any
 * environment, with the names of those deployments.
 */
export function contentFilterModels(
  context: CheckContext,
): ReadonlyMap<string, readonly { deployment: string; format: string }[]> {
  return shared(context, computeContentFilterModels);
}

function computeContentFilterModels(
  context: CheckContext,
): ReadonlyMap<string, readonly { deployment: string; format: string }[]> {
  const { file } = context;
  const models = new Map<string, { deployment: string; format: string }[]>();
  // Per filter, the deployments already listed: a set, since one filter often serves thousands.
  const listed = new Map<string, Set<string>>();
  for (const view of scopeViews(context)) {
    view.deployments.forEach((effective, index) => {
      const deployment = file.deployments[index];
      if (!deployment || !effective.enabled) return;
      if (!deploymentAccountKeys(deployment, file).some((key) => own(file.accounts, key) !== undefined))
        return;
      const name = effective.contentFilter ?? DEFAULT_CONTENT_FILTER;
      let list = models.get(name);
      let names = listed.get(name);
      if (!list || !names) {
        list = [];
        names = new Set();
        models.set(name, list);
        listed.set(name, names);
      }
      if (!names.has(deployment.name)) {
        names.add(deployment.name);
        list.push({ deployment: deployment.name, format: deployment.model.format });
      }
    });
  }
  return models;
}

function computeUsedContentFilterNames(context: CheckContext): ReadonlySet<string> {
  const { file } = context;
  const placed = file.deployments.map((deployment) =>
    deploymentAccountKeys(deployment, file).some((key) => own(file.accounts, key) !== undefined),
  );
  const used = new Set<string>();
  for (const view of scopeViews(context)) {
    view.deployments.forEach((deployment, index) => {
      if (!deployment.enabled || !placed[index]) return;
      used.add(deployment.contentFilter ?? DEFAULT_CONTENT_FILTER);
    });
  }
  return used;
}

/** Blocklists a content filter attaches, prompt side first. */
export function blocklistNamesOf(filter: ContentFilter): string[] {
  return [...(filter.prompt?.blocklists ?? []), ...(filter.completion?.blocklists ?? [])];
}
