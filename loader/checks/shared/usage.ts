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
