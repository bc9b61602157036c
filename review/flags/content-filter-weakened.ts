import { filterSwitchWeakens, weakenedSettings } from "../filter-strength";
import type { FlagRule } from "./rule";

export const contentFilterWeakened: FlagRule = {
  id: "content-filter-weakened",
  description:
    "more content gets through: a threshold relaxed, a shield or protected-material filter turned down, a blocklist detached, asynchronous filtering, or a deployment moved to a weaker or Microsoft default filter",
  appliesTo(pair, { base, head }) {
    if (pair.base === undefined || pair.head === undefined) return false;
    if (pair.kind === "contentFilter" || pair.kind === "subscriptionRaiPolicy")
      return weakenedSettings(pair.base, pair.head).length > 0;
    if (pair.kind !== "deployment" || pair.base.contentFilter === pair.head.contentFilter) return false;
    return filterSwitchWeakens(
      { state: base, accountKey: pair.base.accountKey, name: pair.base.contentFilter },
      { state: head, accountKey: pair.head.accountKey, name: pair.head.contentFilter },
    );
  },
};
