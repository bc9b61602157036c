import { quotaUsage } from "./deployment-rules";
import { ArmError, ok, paged, type RequestContext } from "./http";
import type { Router } from "./router";
import { accountRefFrom, type EmulatorServices } from "./services";
import { locationKey, nameKey } from "./state";
import type { JsonObject, UsageEntry } from "./types";

const provider = "/subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices";
const accountPath =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}";

/** Fixed usages of a location plus one computed entry per configured quota limit. */
function locationUsages(services: EmulatorServices, subscriptionId: string, location: string): UsageEntry[] {
  const { state } = services;
  const fixed = state.locationUsages.get(locationKey(location)) ?? [];
  const computed: UsageEntry[] = [];
  for (const [key, quota] of state.quotaLimits.get(locationKey(location)) ?? []) {
    if (fixed.some((usage) => nameKey(usage.name.value) === key)) continue;
    const usageName = quota.usageName;
    computed.push({
      name: { value: usageName, localizedValue: quota.localizedValue ?? usageName },
      currentValue: quotaUsage(state, subscriptionId, location, usageName),
      limit: quota.limit,
      unit: "Count",
    });
  }
  return [...fixed, ...computed];
}

function requiredQuery(ctx: RequestContext, name: string): string {
  const value = ctx.query.get(name);
  if (!value) {
    throw new ArmError(400, "InvalidRequestParameter", `The query parameter '${name}' is required.`);
  }
  return value;
}

function modelCapacities(services: EmulatorServices, ctx: RequestContext): JsonObject[] {
  const { state } = services;
  const subscriptionId = ctx.params.subscriptionId ?? "";
  const format = requiredQuery(ctx, "modelFormat");
  const name = requiredQuery(ctx, "modelName");
  const version = requiredQuery(ctx, "modelVersion");
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const result: JsonObject[] = [];
  const entry = (
    location: string,
    skuName: string,
    availableCapacity: number,
    finetune?: number,
  ): JsonObject => {
    const properties: JsonObject = { model: { format, name, version }, skuName, availableCapacity };
    if (finetune !== undefined) properties.availableFinetuneCapacity = finetune;
    return {
      id: `/subscriptions/${subscriptionId}/providers/Microsoft.CognitiveServices/locations/${location}/models/${format}.${name}.${version}/skuCapacities/${skuName}`,
      type: "Microsoft.CognitiveServices/locations/models/skuCapacities",
      name: skuName,
      location,
      properties,
    };
  };
  const explicit = state.modelCapacities.filter(
    (seed) => same(seed.format, format) && same(seed.name, name) && seed.version === version,
  );
  for (const seed of explicit) {
    result.push(entry(seed.location, seed.skuName, seed.availableCapacity, seed.availableFinetuneCapacity));
  }
  // Where nothing is set explicitly, the capacity left under the location's quota limit.
  for (const [key, catalog] of state.catalogs) {
    const model = catalog
      .map((item) => item.model)
      .find(
        (candidate) =>
          same(candidate.format, format) && same(candidate.name, name) && candidate.version === version,
      );
    for (const sku of model?.skus ?? []) {
      const covered = explicit.some(
        (seed) => locationKey(seed.location) === key && same(seed.skuName, sku.name),
      );
      const quota = sku.usageName ? state.quotaLimits.get(key)?.get(nameKey(sku.usageName)) : undefined;
      if (covered || !quota || !sku.usageName) continue;
      const used = quotaUsage(state, subscriptionId, key, sku.usageName);
      result.push(entry(key, sku.name, Math.max(0, quota.limit - used)));
    }
  }
  return result;
}

export function registerCognitiveRoutes(router: Router, services: EmulatorServices): void {
  const { state, settings, operations } = services;
  router
    .add("GET", `${provider}/accounts`, (ctx) => {
      const accounts = state.accountsOfSubscription(ctx.params.subscriptionId ?? "");
      return paged(
        ctx,
        accounts.map((account) => account.resource),
        settings.pageSize,
      );
    })
    .add(
      "GET",
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts",
      (ctx) => {
        const subscriptionId = ctx.params.subscriptionId ?? "";
        const resourceGroup = ctx.params.resourceGroupName ?? "";
        state.requireResourceGroup(subscriptionId, resourceGroup);
        const accounts = state
          .accountsOfSubscription(subscriptionId)
          .filter((account) => nameKey(account.ref.resourceGroup) === nameKey(resourceGroup));
        return paged(
          ctx,
          accounts.map((account) => account.resource),
          settings.pageSize,
        );
      },
    )
    .add("GET", accountPath, (ctx) => ok(state.requireAccount(accountRefFrom(ctx.params)).resource))
    .add("GET", `${accountPath}/usages`, (ctx) => {
      // Not paged in the REST contract: the SDK reads `value` only.
      return ok({ value: state.requireAccount(accountRefFrom(ctx.params)).usages });
    })
    .add("GET", `${provider}/locations/{location}/models`, (ctx) => {
      return paged(ctx, state.catalogOf(ctx.params.location ?? "") ?? [], settings.pageSize);
    })
    .add("GET", `${provider}/locations/{location}/usages`, (ctx) => {
      const usages = locationUsages(services, ctx.params.subscriptionId ?? "", ctx.params.location ?? "");
      return paged(ctx, usages, settings.pageSize);
    })
    .add("GET", `${provider}/modelCapacities`, (ctx) =>
      paged(ctx, modelCapacities(services, ctx), settings.pageSize),
    )
    .add("GET", `${provider}/locations/{location}/operationStatuses/{operationId}`, (ctx) =>
      operations.poll(ctx, ctx.params.operationId ?? "", "azure-async-operation"),
    )
    .add("GET", `${provider}/locations/{location}/operationResults/{operationId}`, (ctx) =>
      operations.poll(ctx, ctx.params.operationId ?? "", "location"),
    );
}
