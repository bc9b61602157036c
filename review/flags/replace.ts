import type { FlagRule } from "./rule";

/**
 * Azure cannot change the field in place: the resource is deleted, then created again. Between the two a
 * deployment answers nothing (a content filter or blocklist is missing from the deployments that use it),
 * so a replace costs downtime even when the name stays.
 */
export const replace: FlagRule = {
  id: "replace",
  description:
    "Azure deletes the resource and creates it again (a new model, deployment type or region, a renamed or moved resource): it is gone while Azure re-creates it",
  appliesTo: (pair) => pair.action === "replace",
};
