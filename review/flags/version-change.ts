import type { FlagRule } from "./rule";

export const versionChange: FlagRule = {
  id: "version-change",
  description: "a deployment's model version changes: answers may change",
  appliesTo(pair) {
    if (pair.kind !== "deployment" || pair.base === undefined || pair.head === undefined) return false;
    return pair.base.model.version !== pair.head.model.version;
  },
};
