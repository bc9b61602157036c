import { ArmError, ok, paged } from "./http";
import type { Router } from "./router";
import { accountRefFrom, type EmulatorServices } from "./services";
import { nameKey } from "./state";

const projects =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}/projects";

/** Foundry projects: list and get (Projects_List, Projects_Get) of what was seeded with `addProject`. */
export function registerProjectRoutes(router: Router, services: EmulatorServices): void {
  const { state } = services;
  router
    .add("GET", projects, (ctx) => {
      const owner = state.requireAccount(accountRefFrom(ctx.params));
      return paged(ctx, [...owner.projects.values()], services.settings.pageSize);
    })
    .add("GET", `${projects}/{projectName}`, (ctx) => {
      const owner = state.requireAccount(accountRefFrom(ctx.params));
      const name = ctx.params.projectName ?? "";
      const project = owner.projects.get(nameKey(name));
      if (!project) throw new ArmError(404, "ResourceNotFound", `The project '${name}' was not found.`);
      return ok(project);
    });
}
