import { deploymentRoute } from "../routes";
import type { FlagRule } from "./rule";

/**
 * Judged on routes, not keys: a deployment moving to another key of the same Azure account breaks
 * nobody. A re-created account breaks every client of its deployments, even under the same names.
 */
export const breaking: FlagRule = {
  id: "breaking",
  description:
    "a deployment name clients call disappears from an account (removed, renamed, moved away, disabled, or its account re-created): their requests fail",
  appliesTo(pair, { base, lostRoutes, replacedAccounts }) {
    if (pair.kind !== "deployment" || pair.base === undefined) return false;
    if (pair.head !== undefined && replacedAccounts.has(pair.base.accountKey)) return true;
    const route = deploymentRoute(base, pair.base);
    return route !== undefined && lostRoutes.has(route);
  },
};
