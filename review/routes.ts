import type { DesiredAccount, DesiredDeployment, DesiredState } from "../loader/desired-state";

/**
 * The Azure account clients call, by its ARM identity (subscription, resource group, name; ARM ignores
 * case). Two account keys naming one Azure account are one account to clients.
 */
function accountIdentity(state: DesiredState, account: DesiredAccount): string {
  const subscription = account.subscription ?? state.subscription ?? "";
  return JSON.stringify([subscription, account.resourceGroup, account.name].map((s) => s.toLowerCase()));
}

/** What a client calls: an Azure account and a deployment name, which Azure routes ignoring case. */
export function deploymentRoute(state: DesiredState, deployment: DesiredDeployment): string | undefined {
  const account = state.accounts.find((a) => a.key === deployment.accountKey);
  if (account === undefined) return undefined;
  return `${accountIdentity(state, account)}\u0000${deployment.name.toLowerCase()}`;
}

export function routesOf(state: DesiredState): Set<string> {
  const routes = new Set<string>();
  for (const d of state.deployments) {
    const route = deploymentRoute(state, d);
    if (route !== undefined) routes.add(route);
  }
  return routes;
}

/** Routes clients can call on BASE that answer nothing on HEAD. */
export function lostRoutes(base: DesiredState, head: DesiredState): Set<string> {
  const after = routesOf(head);
  return new Set([...routesOf(base)].filter((route) => !after.has(route)));
}
