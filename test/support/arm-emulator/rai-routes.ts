import { ArmError, isJsonObject, ok, paged, type RequestContext, requireObjectBody } from "./http";
import type { Router } from "./router";
import {
  accountRefFrom,
  deleteChild,
  type EmulatorServices,
  ensureAccountIdle,
  ensureValidName,
} from "./services";
import { type AccountState, accountId, type BlocklistState, nameKey } from "./state";
import type { ArmResource, JsonObject } from "./types";

const account =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}";

/** One kind of synchronous child resource (content filter, blocklist, blocklist item). */
interface ChildKind {
  label: string;
  type: string;
  collectionPath: string;
  nameParam: string;
  /** The map holding the children, or a 404 when a parent is missing. */
  children(account: AccountState, ctx: RequestContext): Map<string, ArmResource>;
  idPrefix(account: AccountState, ctx: RequestContext): string;
  properties(body: JsonObject, name: string): JsonObject;
  /** Creates the state the child owns (a blocklist's items). */
  onCreate?(account: AccountState, resource: ArmResource): void;
}

function notFound(label: string, name: string): ArmError {
  return new ArmError(404, "ResourceNotFound", `The ${label} '${name}' was not found.`);
}

function requireProperties(body: JsonObject, label: string, name: string): JsonObject {
  if (!isJsonObject(body.properties)) {
    throw new ArmError(400, "InvalidResourceProperties", `The ${label} '${name}' requires 'properties'.`);
  }
  return { ...body.properties };
}

function blocklistOf(account: AccountState, ctx: RequestContext): BlocklistState {
  const name = ctx.params.raiBlocklistName ?? "";
  const blocklist = account.blocklists.get(nameKey(name));
  if (!blocklist) throw notFound("RAI blocklist", name);
  return blocklist;
}

/** Blocklists are kept with their items; this view exposes only the blocklist resources. */
function blocklistResources(account: AccountState): Map<string, ArmResource> {
  const view = new Map<string, ArmResource>();
  for (const [key, blocklist] of account.blocklists) view.set(key, blocklist.resource);
  return view;
}

const kinds: ChildKind[] = [
  {
    label: "RAI policy",
    type: "Microsoft.CognitiveServices/accounts/raiPolicies",
    collectionPath: `${account}/raiPolicies`,
    nameParam: "raiPolicyName",
    children: (owner) => owner.raiPolicies,
    idPrefix: (owner) => `${accountId(owner.ref)}/raiPolicies`,
    properties: (body, name) => ({ type: "UserManaged", ...requireProperties(body, "RAI policy", name) }),
  },
  {
    label: "RAI blocklist",
    type: "Microsoft.CognitiveServices/accounts/raiBlocklists",
    collectionPath: `${account}/raiBlocklists`,
    nameParam: "raiBlocklistName",
    children: blocklistResources,
    idPrefix: (owner) => `${accountId(owner.ref)}/raiBlocklists`,
    properties: (body) => (isJsonObject(body.properties) ? { ...body.properties } : {}),
    onCreate: (owner, resource) =>
      owner.blocklists.set(nameKey(resource.name), { resource, items: new Map() }),
  },
  {
    label: "RAI blocklist item",
    type: "Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems",
    collectionPath: `${account}/raiBlocklists/{raiBlocklistName}/raiBlocklistItems`,
    nameParam: "raiBlocklistItemName",
    children: (owner, ctx) => blocklistOf(owner, ctx).items,
    idPrefix: (owner, ctx) =>
      `${accountId(owner.ref)}/raiBlocklists/${blocklistOf(owner, ctx).resource.name}/raiBlocklistItems`,
    properties: (body, name) => {
      const properties = requireProperties(body, "RAI blocklist item", name);
      if (typeof properties.pattern !== "string" || properties.pattern === "") {
        throw new ArmError(
          400,
          "InvalidResourceProperties",
          `The RAI blocklist item '${name}' requires 'properties.pattern'.`,
        );
      }
      return { isRegex: false, ...properties };
    },
  },
];

function registerKind(router: Router, services: EmulatorServices, kind: ChildKind): void {
  const { state } = services;
  const itemPath = `${kind.collectionPath}/{${kind.nameParam}}`;
  const nameOf = (ctx: RequestContext): string => ctx.params[kind.nameParam] ?? "";
  router
    .add("GET", kind.collectionPath, (ctx) => {
      const owner = state.requireAccount(accountRefFrom(ctx.params));
      return paged(ctx, [...kind.children(owner, ctx).values()], services.settings.pageSize);
    })
    .add("GET", itemPath, (ctx) => {
      const owner = state.requireAccount(accountRefFrom(ctx.params));
      const resource = kind.children(owner, ctx).get(nameKey(nameOf(ctx)));
      if (!resource) throw notFound(kind.label, nameOf(ctx));
      return ok(resource);
    })
    .add("PUT", itemPath, (ctx) => {
      const owner = state.requireAccount(accountRefFrom(ctx.params));
      ensureAccountIdle(services, owner);
      const children = kind.children(owner, ctx);
      const requested = nameOf(ctx);
      ensureValidName(kind.label, requested);
      const existing = children.get(nameKey(requested));
      const name = existing?.name ?? requested;
      const body = requireObjectBody(ctx);
      const resource: ArmResource = {
        id: `${kind.idPrefix(owner, ctx)}/${name}`,
        name,
        type: kind.type,
        properties: kind.properties(body, name),
      };
      if (isJsonObject(body.tags)) resource.tags = body.tags;
      if (existing) {
        // Replace in place so that a blocklist keeps its items.
        for (const field of Object.keys(existing)) delete existing[field];
        Object.assign(existing, resource);
        return ok(existing, 200);
      }
      children.set(nameKey(name), resource);
      kind.onCreate?.(owner, resource);
      return ok(resource, 201);
    })
    .add("DELETE", itemPath, (ctx) => {
      const owner = state.requireAccount(accountRefFrom(ctx.params));
      const key = nameKey(nameOf(ctx));
      // Blocklists are deleted from the map that owns them (with their items).
      const children = kind.nameParam === "raiBlocklistName" ? owner.blocklists : kind.children(owner, ctx);
      return deleteChild(services, ctx, owner, children, key);
    });
}

export function registerRaiRoutes(router: Router, services: EmulatorServices): void {
  for (const kind of kinds) registerKind(router, services, kind);
}
