import { GENERIC_CHILDREN } from "./deployment-resource";

/**
 * Prepares a stack's state (`pulumi stack export`) for the move of its deployments and content filters
 * from the typed `cognitiveservices:Deployment` and `cognitiveservices:RaiPolicy` to the generic
 * `resources:Resource` (infra/deployment-resource.ts).
 *
 * The alias makes Pulumi find each resource's old state, but azure-native replaces a resource when an
 * input of its ARM path is added (pulumi/pulumi-azure-native provider/pkg/provider/diff.go: path
 * parameters are replace keys; an added one is ADD_REPLACE unless the old outputs hold the same value):
 * the typed state has no `resourceProviderNamespace`, `parentResourcePath`, `resourceType` or
 * `resourceName`. Adding them to the old inputs, with the values the generic resource will send, turns
 * the move into an update. Ignoring their changes instead is no way out: the provider's Update builds
 * the ARM id from the (then missing) path inputs. Pure: the state in, the state and what changed out.
 */
export interface StateMigration {
  state: unknown;
  /** URNs of the deployments and content filters whose inputs were completed. */
  migrated: string[];
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The generic resource's path inputs of a typed deployment's or content filter's inputs (`type`, its
 * azure-native token); undefined for other types and when they cannot be derived.
 */
export function genericPathInputs(type: string, inputs: Json): Json | undefined {
  const child = GENERIC_CHILDREN.find((c) => c.typedToken === type);
  if (child === undefined) return undefined;
  const accountName = inputs.accountName;
  const name = inputs[child.nameInput];
  if (typeof accountName !== "string" || typeof name !== "string") return undefined;
  return {
    resourceProviderNamespace: "Microsoft.CognitiveServices",
    parentResourcePath: `accounts/${accountName}`,
    resourceType: child.resourceType,
    resourceName: name,
  };
}

export class StateFormatError extends Error {}

/**
 * The state with every typed deployment's and content filter's inputs completed; others, and completed
 * ones, unchanged.
 */
export function migrateState(exported: unknown): StateMigration {
  if (!isJson(exported) || !isJson(exported.deployment)) {
    throw new StateFormatError("not a stack export: no `deployment` object (use `pulumi stack export`)");
  }
  const resources = exported.deployment.resources ?? [];
  if (!Array.isArray(resources))
    throw new StateFormatError("not a stack export: `deployment.resources` is not a list");
  const migrated: string[] = [];
  const next = resources.map((resource: unknown) => {
    if (!isJson(resource) || typeof resource.type !== "string" || !isJson(resource.inputs)) return resource;
    const path = genericPathInputs(resource.type, resource.inputs);
    if (path === undefined) return resource;
    const missing = Object.entries(path).filter(([key]) => !Object.hasOwn(resource.inputs as Json, key));
    if (missing.length === 0) return resource;
    migrated.push(String(resource.urn ?? ""));
    return { ...resource, inputs: { ...resource.inputs, ...Object.fromEntries(missing) } };
  });
  return { state: { ...exported, deployment: { ...exported.deployment, resources: next } }, migrated };
}
