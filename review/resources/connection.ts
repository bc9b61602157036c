import { secretPlaceholder } from "../../loader/connections";
import type { DesiredConnection } from "../../loader/desired-state";
import { formatPath } from "../../loader/path";
import { entries, type FieldEntry } from "../values";
import type { ResourceKind } from "./kind";

export const connectionKind: ResourceKind<"connection", DesiredConnection> = {
  kind: "connection",
  items: (state) => state.connections ?? [],
  accountKey: (c) => c.accountKey,
  // A connection's name is unique within its project only: two projects may each have a "search".
  matchName: (c) => `${c.projectName}/${c.name}`,
  fields(c): FieldEntry[] {
    const credentials = c.credentials ?? {};
    return [
      ...entries({
        name: c.name,
        category: c.category,
        target: c.target,
        authType: c.authType,
        // A secret is compared by the configuration key it is read from; its value is never known here.
        "credentials.apiKey":
          credentials.apiKeyConfig === undefined ? undefined : secretPlaceholder(credentials.apiKeyConfig),
        "credentials.clientId": credentials.clientId,
        "credentials.resourceId": credentials.resourceId,
        isSharedToAll: c.isSharedToAll,
        expiryTime: c.expiryTime,
      }),
      ...Object.keys(c.metadata)
        .sort()
        .map((key) => ({ path: formatPath(["metadata", key]), value: c.metadata[key] ?? null })),
    ];
  },
  // The name is the connection's Azure name; everything else is written in place.
  replacedBy: (path) => path === "name",
};
