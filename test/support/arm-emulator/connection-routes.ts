import { ArmError, ok, paged } from "./http";
import type { Router } from "./router";
import { accountRefFrom, type EmulatorServices } from "./services";
import { nameKey } from "./state";

const connections =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}/projects/{projectName}/connections";

/**
 * Connections of a Foundry project: list and get (ProjectConnections_List, ProjectConnections_Get) of what
 * was seeded with `addConnection`. A project that does not exist answers 404 like the project routes.
 */
export function registerConnectionRoutes(router: Router, services: EmulatorServices): void {
  const { state } = services;
  const projectConnections = (params: Record<string, string>) => {
    const owner = state.requireAccount(accountRefFrom(params));
    const name = params.projectName ?? "";
    if (!owner.projects.has(nameKey(name)))
      throw new ArmError(404, "ResourceNotFound", `The project '${name}' was not found.`);
    return owner.connections.get(nameKey(name)) ?? new Map();
  };
  router
    .add("GET", connections, (ctx) =>
      paged(ctx, [...projectConnections(ctx.params).values()], services.settings.pageSize),
    )
    .add("GET", `${connections}/{connectionName}`, (ctx) => {
      const name = ctx.params.connectionName ?? "";
      const connection = projectConnections(ctx.params).get(nameKey(name));
      if (!connection) throw new ArmError(404, "ResourceNotFound", `The connection '${name}' was not found.`);
      return ok(connection);
    });
}
