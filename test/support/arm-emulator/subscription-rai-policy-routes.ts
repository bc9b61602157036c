import { ArmError, isJsonObject, noContent, ok, requireObjectBody } from "./http";
import type { Router } from "./router";
import { type EmulatorServices, ensureValidName } from "./services";
import { nameKey } from "./state";
import type { ArmResource, JsonObject } from "./types";

const policy =
  "/subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/raiPolicy/{raiPolicyName}";

/** The ARM type of the subscription's RAI policy (loader/subscription-rai-policy.ts). */
export const SUBSCRIPTION_RAI_POLICY_TYPE = "Microsoft.CognitiveServices/raiPolicy";

export function subscriptionRaiPolicyKey(subscriptionId: string, name: string): string {
  return `${nameKey(subscriptionId)}/${nameKey(name)}`;
}

/** A subscription RAI policy as ARM returns it: the RaiPolicy body at subscription scope. */
export function subscriptionRaiPolicyResource(
  subscriptionId: string,
  name: string,
  properties: JsonObject,
  tags?: Record<string, string>,
): ArmResource {
  const resource: ArmResource = {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.CognitiveServices/raiPolicy/${name}`,
    name,
    type: SUBSCRIPTION_RAI_POLICY_TYPE,
    properties: { type: "UserManaged", ...properties },
  };
  if (tags !== undefined) resource.tags = { ...tags };
  return resource;
}

/**
 * The subscription's RAI policy (SubscriptionRaiPolicy_Get, _CreateOrUpdate, _Delete): synchronous, one per
 * name per subscription, no list operation.
 */
export function registerSubscriptionRaiPolicyRoutes(router: Router, services: EmulatorServices): void {
  const { state } = services;
  const nameOf = (params: Record<string, string>) => params.raiPolicyName ?? "";
  const keyOf = (params: Record<string, string>) =>
    subscriptionRaiPolicyKey(params.subscriptionId ?? "", nameOf(params));
  router
    .add("GET", policy, (ctx) => {
      const found = state.subscriptionRaiPolicies.get(keyOf(ctx.params));
      if (!found) {
        throw new ArmError(404, "ResourceNotFound", `The RAI policy '${nameOf(ctx.params)}' was not found.`);
      }
      return ok(found);
    })
    .add("PUT", policy, (ctx) => {
      const name = nameOf(ctx.params);
      ensureValidName("RAI policy", name);
      const body = requireObjectBody(ctx);
      if (!isJsonObject(body.properties)) {
        throw new ArmError(
          400,
          "InvalidResourceProperties",
          `The RAI policy '${name}' requires 'properties'.`,
        );
      }
      const tags = isJsonObject(body.tags) ? (body.tags as Record<string, string>) : undefined;
      const key = keyOf(ctx.params);
      const existed = state.subscriptionRaiPolicies.has(key);
      const resource = subscriptionRaiPolicyResource(
        ctx.params.subscriptionId ?? "",
        name,
        body.properties,
        tags,
      );
      state.subscriptionRaiPolicies.set(key, resource);
      return ok(resource, existed ? 200 : 201);
    })
    .add("DELETE", policy, (ctx) => {
      const deleted = state.subscriptionRaiPolicies.delete(keyOf(ctx.params));
      return noContent(deleted ? 200 : 204);
    });
}
