import { DefinitionError } from "./errors";

/** `All`, `Indexed`, or a resource-provider mode such as `Microsoft.CognitiveServices.Data`. */
export type PolicyMode = "All" | "Indexed" | `${string}.Data`;

/**
 * Types that support neither tags nor location, which `Indexed` definitions skip. Azure decides this
 * per type; this table covers the Microsoft.CognitiveServices child types the project creates.
 * Types not listed are evaluated.
 */
const typesWithoutTagsAndLocation = new Set(
  [
    "Microsoft.CognitiveServices/accounts/deployments",
    "Microsoft.CognitiveServices/accounts/raiPolicies",
    "Microsoft.CognitiveServices/accounts/raiBlocklists",
    "Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems",
    "Microsoft.CognitiveServices/accounts/privateEndpointConnections",
  ].map((type) => type.toLowerCase()),
);

/** Reads a definition's mode. Azure treats a definition without one as `Indexed`. */
export function parseMode(json: unknown, path: string): PolicyMode {
  if (json === undefined || json === null) return "Indexed";
  if (typeof json !== "string") throw new DefinitionError("'mode' must be a string", path);
  if (json.toLowerCase() === "all") return "All";
  if (json.toLowerCase() === "indexed") return "Indexed";
  if (/^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*\.Data$/i.test(json)) return json as PolicyMode;
  throw new DefinitionError(`unknown mode '${json}'`, path);
}

/** Undefined when a definition of this mode evaluates resources of this type; otherwise why not. */
export function modeSkipReason(mode: PolicyMode, resourceType: string | undefined): string | undefined {
  const type = (resourceType ?? "").toLowerCase();
  const namespace = type.split("/")[0] ?? "";
  if (mode !== "All" && mode !== "Indexed") {
    return namespace === mode.toLowerCase()
      ? undefined
      : `mode ${mode} applies only to ${mode}/* resources, not ${resourceType ?? "a resource without a type"}`;
  }
  if (namespace.endsWith(".data")) {
    return `${resourceType} is a data-plane view, evaluated only by ${resourceType?.split("/")[0]} mode definitions`;
  }
  if (mode === "Indexed" && typesWithoutTagsAndLocation.has(type)) {
    return `mode Indexed skips ${resourceType}, a type without tags and location`;
  }
  return undefined;
}
