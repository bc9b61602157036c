/** The Azure Policy reads `aideploy policy pull` needs, in the URL shapes @azure/arm-policy 6.0.0 calls. */
import { ArmError, ok, paged, type RequestContext } from "./http";
import type { Router } from "./router";
import type { EmulatorServices } from "./services";
import { nameKey } from "./state";
import type { ArmResource, JsonObject } from "./types";

const authorization = "providers/Microsoft.Authorization";
const managementGroupScope = "/providers/Microsoft.Management/managementGroups";

export function managementGroupId(name: string): string {
  return `${managementGroupScope}/${name}`;
}

/** The scope an assignment is made at: `properties.scope`, else the part of its id before the provider. */
export function assignmentScope(assignment: ArmResource): string {
  const properties = assignment.properties as JsonObject | undefined;
  if (typeof properties?.scope === "string") return properties.scope;
  const index = assignment.id.toLowerCase().indexOf(`/${authorization.toLowerCase()}/policyassignments/`);
  return index < 0 ? "" : assignment.id.slice(0, index);
}

/** Scopes above a scope, nearest first: resource → resource group → subscription → management groups. */
function ancestorsOf(services: EmulatorServices, scope: string): string[] {
  const lower = scope.toLowerCase();
  const result: string[] = [];
  const subscription = /^\/subscriptions\/[^/]+/i.exec(scope)?.[0];
  const resourceGroup = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.exec(scope)?.[0];
  if (resourceGroup && resourceGroup.toLowerCase() !== lower) result.push(resourceGroup);
  if (subscription && subscription.toLowerCase() !== lower) result.push(subscription);
  if (subscription) {
    const id = subscription.split("/")[2] ?? "";
    for (const group of services.state.managementGroupsOf.get(nameKey(id)) ?? []) {
      result.push(managementGroupId(group));
    }
  }
  return result;
}

type Relation = "exact" | "above" | "below" | "unrelated";

function relation(services: EmulatorServices, scope: string, candidate: string): Relation {
  const a = scope.toLowerCase();
  const b = candidate.toLowerCase();
  if (a === b) return "exact";
  if (ancestorsOf(services, scope).some((ancestor) => ancestor.toLowerCase() === b)) return "above";
  if (b.startsWith(`${a}/`)) return "below";
  return "unrelated";
}

/** ARM's `$filter` for assignment lists: `atScope()`, `atExactScope()`, `policyDefinitionId eq '…'`. */
function assignmentFilter(ctx: RequestContext): (relation: Relation, assignment: ArmResource) => boolean {
  const filter = ctx.query.get("$filter")?.trim();
  if (!filter) return (rel) => rel !== "unrelated";
  if (/^atScope\(\)$/i.test(filter)) return (rel) => rel === "exact" || rel === "above";
  if (/^atExactScope\(\)$/i.test(filter)) return (rel) => rel === "exact";
  const definition = /^policyDefinitionId\s+eq\s+'([^']+)'$/i.exec(filter)?.[1];
  if (definition) {
    return (rel, assignment) => {
      const properties = assignment.properties as JsonObject | undefined;
      const id = typeof properties?.policyDefinitionId === "string" ? properties.policyDefinitionId : "";
      return rel !== "unrelated" && id.toLowerCase() === definition.toLowerCase();
    };
  }
  throw new ArmError(400, "InvalidFilterInQueryString", `The filter '${filter}' is not supported.`);
}

function listAssignments(services: EmulatorServices, ctx: RequestContext, scope: string) {
  const keep = assignmentFilter(ctx);
  const assignments = [...services.state.policyAssignments.values()].filter((assignment) =>
    keep(relation(services, scope, assignmentScope(assignment)), assignment),
  );
  return paged(ctx, assignments, services.settings.pageSize);
}

function definitionRoutes(
  router: Router,
  services: EmulatorServices,
  collection: "policyDefinitions" | "policySetDefinitions",
  store: Map<string, ArmResource>,
  notFoundCode: string,
  label: string,
): void {
  const get = (id: string, name: string) => {
    const found = store.get(id.toLowerCase());
    if (!found) throw new ArmError(404, notFoundCode, `The ${label} '${name}' could not be found.`);
    return ok(found);
  };
  const builtIns = () =>
    [...store.values()].filter((definition) =>
      definition.id.toLowerCase().startsWith(`/${authorization.toLowerCase()}/`),
    );
  const under = (prefix: string) =>
    [...store.values()].filter((definition) =>
      definition.id.toLowerCase().startsWith(`${prefix.toLowerCase()}/`),
    );
  router
    .add("GET", `/subscriptions/{subscriptionId}/${authorization}/${collection}`, (ctx) => {
      const subscription = `/subscriptions/${ctx.params.subscriptionId ?? ""}`;
      const groups = services.state.managementGroupsOf.get(nameKey(ctx.params.subscriptionId ?? "")) ?? [];
      const visible = [
        ...builtIns(),
        ...groups.flatMap((group) => under(managementGroupId(group))),
        ...under(subscription),
      ];
      return paged(ctx, visible, services.settings.pageSize);
    })
    .add("GET", `/${authorization}/${collection}`, (ctx) =>
      paged(ctx, builtIns(), services.settings.pageSize),
    )
    .add("GET", `/subscriptions/{subscriptionId}/${authorization}/${collection}/{name}`, (ctx) =>
      get(
        `/subscriptions/${ctx.params.subscriptionId}/${authorization}/${collection}/${ctx.params.name}`,
        ctx.params.name ?? "",
      ),
    )
    .add("GET", `/${authorization}/${collection}/{name}`, (ctx) =>
      get(`/${authorization}/${collection}/${ctx.params.name}`, ctx.params.name ?? ""),
    )
    .add("GET", `${managementGroupScope}/{managementGroupId}/${authorization}/${collection}/{name}`, (ctx) =>
      get(
        `${managementGroupId(ctx.params.managementGroupId ?? "")}/${authorization}/${collection}/${ctx.params.name}`,
        ctx.params.name ?? "",
      ),
    );
}

export function registerPolicyRoutes(router: Router, services: EmulatorServices): void {
  const { state } = services;
  router
    .add("GET", `/subscriptions/{subscriptionId}/${authorization}/policyAssignments`, (ctx) =>
      listAssignments(services, ctx, `/subscriptions/${ctx.params.subscriptionId}`),
    )
    .add(
      "GET",
      `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/${authorization}/policyAssignments`,
      (ctx) =>
        listAssignments(
          services,
          ctx,
          `/subscriptions/${ctx.params.subscriptionId}/resourceGroups/${ctx.params.resourceGroupName}`,
        ),
    )
    .add("GET", `${managementGroupScope}/{managementGroupId}/${authorization}/policyAssignments`, (ctx) =>
      listAssignments(services, ctx, managementGroupId(ctx.params.managementGroupId ?? "")),
    )
    .add("GET", `/{...scope}/${authorization}/policyAssignments/{name}`, (ctx) => {
      const id = `${ctx.params.scope}/${authorization}/policyAssignments/${ctx.params.name}`;
      const found = state.policyAssignments.get(id.toLowerCase());
      if (!found) {
        throw new ArmError(
          404,
          "PolicyAssignmentNotFound",
          `The policy assignment '${ctx.params.name}' is not found.`,
        );
      }
      return ok(found);
    });
  definitionRoutes(
    router,
    services,
    "policyDefinitions",
    state.policyDefinitions,
    "PolicyDefinitionNotFound",
    "policy definition",
  );
  definitionRoutes(
    router,
    services,
    "policySetDefinitions",
    state.policySetDefinitions,
    "PolicySetDefinitionNotFound",
    "policy set definition",
  );
}
