import type { FlagRule } from "./rule";

export const autoUpgradeEnabled: FlagRule = {
  id: "auto-upgrade-enabled",
  description: "a pinned deployment (NoAutoUpgrade) lets Azure move it to newer model versions",
  appliesTo(pair) {
    if (pair.kind !== "deployment" || pair.base === undefined || pair.head === undefined) return false;
    return (
      pair.base.versionUpgradeOption === "NoAutoUpgrade" && pair.head.versionUpgradeOption !== "NoAutoUpgrade"
    );
  },
};
