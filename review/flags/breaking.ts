import { deploymentRoute } from "../routes";
import type { FlagRule } from "./rule";

/**
 * Judged on routes, not keys: a deployment moving to another key of the same Azure account breaks
 * nobody. A re-created account breaks every client of its deployments, even under the same names. A
 * deployment that is paused keeps its route, but every call to it fails (HTTP 423).
 */
export const breaking: FlagRule = {
  id: "breaking",
  description:
    "a deployment name clients call disappears from an account (removed, renamed, moved away, disabled, or its account re-created) or is paused (HTTP 423): their requests fail",
  appliesTo(pair, { base, lostRoutes, replacedAccounts }) {
    if (pair.kind !== "deployment" || pair.base === undefined) return false;
    if (pair.head !== undefined && replacedAccounts.has(pair.base.accountKey)) return true;
    if (pair.head?.state === "Paused" && pair.base.state !== "Paused") return true;
    const route = deploymentRoute(base, pair.base);
    return route !== undefined && lostRoutes.has(route);
  },
};
