/**
 * What the effects that look beyond the `if` do, as Microsoft documents them:
 * - auditIfNotExists / deployIfNotExists: MicrosoftDocs/azure-docs,
 *   articles/governance/policy/concepts/effect-audit-if-not-exists.md (ms.date 03/04/2025) and
 *   effect-deploy-if-not-exists.md: `details.type` (required), `name`, `resourceGroupName`,
 *   `existenceScope` (ResourceGroup by default, or Subscription; ignored for a type under the `if`
 *   resource), `existenceCondition` evaluated against each related resource, `field()` in it reading the
 *   `if` resource; any related resource that satisfies it makes the resource compliant; with no
 *   `existenceCondition` any related resource of the type does. A `name` may end in `?` for every nested
 *   resource of a parent.
 * - denyAction: effect-deny-action.md (ms.date 04/17/2024): blocks the actions of `details.actionNames`;
 *   `delete` is the only one; creation and update are never blocked.
 * - modify: effect-modify.md (ms.date 03/04/2025): `details.operations` of `addOrReplace`, `add`
 *   (only where the property is absent) and `remove` (tags only), each with an optional `condition`,
 *   applied to the request before the resource provider sees it; `conflictEffect` (default deny) where
 *   an operation cannot apply. Whether an alias is Modifiable in an API version is not published in the
 *   alias table this project reads, so every alias with a path is modified.
 */
import type { Condition } from "./condition-parser";
import { parseCondition } from "./condition-parser";
import { type CompiledCondition, compiledCondition } from "./conditions";
import type { ArmResource, EvaluationContext } from "./context";
import type { PolicyDefinition } from "./definition";
import { DefinitionError, EvaluationError } from "./errors";
import { type CompiledValue, compiledValue, compileTemplateValue } from "./expressions";
import { cachedFieldReference, fullNameOf, type PathSegment, targetFor } from "./fields";
import { getProperty, isJsonObject, type JsonObject, type JsonValue, jsonTypeName } from "./json";

/**
 * What the offline evaluation does with each effect Azure Policy knows, for the documentation
 * (docs/policies.md). Sources: MicrosoftDocs/azure-docs articles/governance/policy/concepts/
 * effect-*.md (effect-audit-if-not-exists.md and effect-modify.md ms.date 03/04/2025,
 * effect-deny-action.md ms.date 04/17/2024) and assignment-structure.md (ms.date 09/05/2024).
 */
export const effectSupport: readonly { effect: string; offline: string }[] = [
  {
    effect: "Deny",
    offline: "A match is a finding that blocks (mandatory); DoNotEnforce reports it as an audit (advisory).",
  },
  { effect: "Audit", offline: "A match is an advisory finding." },
  {
    effect: "AuditIfNotExists",
    offline:
      "A match looks for the related resource of `details` (type, name, resourceGroupName, existenceScope) among the planned resources and the resource itself, and evaluates `existenceCondition` on each: compliant when one satisfies it, an advisory finding when none does, cannot be decided offline when the type is not one the file plans.",
  },
  {
    effect: "DeployIfNotExists",
    offline:
      "As AuditIfNotExists; a finding is `remediate` (Azure deploys the template after the write), advisory in the CrossGuard pack.",
  },
  {
    effect: "Modify",
    offline:
      "A match applies `details.operations` (addOrReplace, add, remove on tags; addOrReplace and add on aliases) whose condition holds, shown as a notice that Azure will change the resource; every other policy is evaluated on the modified resource. DoNotEnforce changes nothing and reports an advisory finding.",
  },
  {
    effect: "DenyAction",
    offline:
      "Never applies to a create or update. A resource it protects is marked, and `diff` raises `policy-blocks-delete` when HEAD removes or replaces it.",
  },
  { effect: "Disabled", offline: "Not evaluated." },
  {
    effect: "Append, Manual, Mutate, AddToNetworkGroup",
    offline:
      "A match is reported (Append, Mutate and AddToNetworkGroup as remediate, Manual as advisory); their details are not applied.",
  },
];

/**
 * The resources of a type the caller knows, as Azure would find them: every resource of that type in
 * the plan (the evaluated one included). Undefined when resources of that type cannot be known offline.
 */
export type RelatedResources = (type: string) => readonly ArmResource[] | undefined;

/** `then.details` of auditIfNotExists and deployIfNotExists, compiled. */
export interface ExistenceDetails {
  kind: "existence";
  /** As written, for messages. */
  type: string;
  name: CompiledValue | undefined;
  resourceGroupName: CompiledValue | undefined;
  existenceScope: "resourcegroup" | "subscription";
  existenceCondition: CompiledCondition | undefined;
  condition: Condition | undefined;
}

export type ModifyOperationName = "addOrReplace" | "add" | "remove";

export interface ModifyOperation {
  operation: ModifyOperationName;
  field: string;
  value: CompiledValue | undefined;
  condition: CompiledValue | undefined;
}

export interface ModifyDetails {
  kind: "modify";
  operations: ModifyOperation[];
  conflictEffect: string;
}

export interface DenyActionDetails {
  kind: "denyAction";
  /** Lower case. */
  actionNames: string[];
}

/** One change Azure makes to the request, as a person reads it. */
export interface Modification {
  operation: ModifyOperationName;
  field: string;
  /** Undefined for remove. */
  value?: JsonValue;
}

const existenceCache = new WeakMap<PolicyDefinition, ExistenceDetails>();
const modifyCache = new WeakMap<PolicyDefinition, ModifyDetails>();

function detailsObject(definition: PolicyDefinition, effect: string): JsonObject {
  const details = definition.details;
  if (!isJsonObject(details))
    throw new DefinitionError(
      `the ${effect} effect needs a 'then.details' object`,
      "policyRule.then.details",
    );
  return details;
}

function optionalValue(details: JsonObject, key: string): CompiledValue | undefined {
  const value = getProperty(details, key);
  if (value === undefined) return undefined;
  return compiledValue(compileTemplateValue(value, `policyRule.then.details.${key}`));
}

/** The related-resource details of an auditIfNotExists or deployIfNotExists definition, compiled once. */
export function existenceDetails(definition: PolicyDefinition, effect: string): ExistenceDetails {
  const known = existenceCache.get(definition);
  if (known) return known;
  const details = detailsObject(definition, effect);
  const type = getProperty(details, "type");
  if (typeof type !== "string" || type === "")
    throw new DefinitionError(`${effect} needs 'details.type'`, "policyRule.then.details.type");
  const scope = getProperty(details, "existenceScope") ?? "ResourceGroup";
  if (typeof scope !== "string" || !/^(resourcegroup|subscription)$/i.test(scope))
    throw new DefinitionError(
      `existenceScope must be ResourceGroup or Subscription, got ${JSON.stringify(scope)}`,
      "policyRule.then.details.existenceScope",
    );
  const written = getProperty(details, "existenceCondition");
  const condition =
    written === undefined ? undefined : parseCondition(written, "policyRule.then.details.existenceCondition");
  const compiled: ExistenceDetails = {
    kind: "existence",
    type,
    name: optionalValue(details, "name"),
    resourceGroupName: optionalValue(details, "resourceGroupName"),
    existenceScope: scope.toLowerCase() as ExistenceDetails["existenceScope"],
    existenceCondition: condition ? compiledCondition(condition) : undefined,
    condition,
  };
  existenceCache.set(definition, compiled);
  return compiled;
}

/** The operations of a modify definition, compiled once. */
export function modifyDetails(definition: PolicyDefinition): ModifyDetails {
  const known = modifyCache.get(definition);
  if (known) return known;
  const details = detailsObject(definition, "modify");
  const operations = getProperty(details, "operations");
  if (!Array.isArray(operations) || operations.length === 0)
    throw new DefinitionError("modify needs 'details.operations'", "policyRule.then.details.operations");
  const compiled: ModifyDetails = {
    kind: "modify",
    conflictEffect: String(getProperty(details, "conflictEffect") ?? "deny").toLowerCase(),
    operations: operations.map((written, index) => {
      const path = `policyRule.then.details.operations[${index}]`;
      if (!isJsonObject(written)) throw new DefinitionError("an operation must be an object", path);
      const name = String(getProperty(written, "operation") ?? "").toLowerCase();
      const operation: ModifyOperationName | undefined =
        name === "addorreplace"
          ? "addOrReplace"
          : name === "add"
            ? "add"
            : name === "remove"
              ? "remove"
              : undefined;
      if (!operation)
        throw new DefinitionError(
          `operation must be addOrReplace, add or remove, got ${JSON.stringify(getProperty(written, "operation"))}`,
          `${path}.operation`,
        );
      const field = getProperty(written, "field");
      if (typeof field !== "string" || field === "")
        throw new DefinitionError("an operation needs a 'field'", `${path}.field`);
      if (operation === "remove" && !/^tags[.[]/i.test(field))
        throw new DefinitionError("remove is only supported for tags", `${path}.field`);
      return {
        operation,
        field,
        value: optionalValue(written, "value"),
        condition: optionalValue(written, "condition"),
      };
    }),
  };
  modifyCache.set(definition, compiled);
  return compiled;
}

/** The action names a denyAction definition blocks, lower case. */
export function denyActionDetails(definition: PolicyDefinition): DenyActionDetails {
  const details = detailsObject(definition, "denyAction");
  const names = getProperty(details, "actionNames");
  if (!Array.isArray(names) || names.some((n) => typeof n !== "string"))
    throw new DefinitionError(
      "denyAction needs 'details.actionNames'",
      "policyRule.then.details.actionNames",
    );
  return { kind: "denyAction", actionNames: names.map((n) => String(n).toLowerCase()) };
}

function stringOf(
  value: CompiledValue | undefined,
  context: EvaluationContext,
  what: string,
): string | undefined {
  if (value === undefined) return undefined;
  const result = value(context);
  if (typeof result !== "string")
    throw new EvaluationError(`details.${what} must be a string, got ${jsonTypeName(result)}`);
  return result;
}

function resourceGroupOf(id: unknown): string | undefined {
  if (typeof id !== "string") return undefined;
  return /\/resourcegroups\/([^/]+)/i.exec(id)?.[1]?.toLowerCase();
}

function subscriptionOf(id: unknown): string | undefined {
  if (typeof id !== "string") return undefined;
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1]?.toLowerCase();
}

function nameMatches(pattern: string, resource: ArmResource): boolean {
  const lower = pattern.toLowerCase();
  const full = String(fullNameOf(resource.id as string, resource.name as string) ?? "").toLowerCase();
  const own = String(resource.name ?? "").toLowerCase();
  if (lower.endsWith("/?"))
    return full.startsWith(lower.slice(0, -1)) && !full.slice(lower.length - 1).includes("/");
  return lower === full || lower === own;
}

/** Where the related resources come from, and which of them are candidates. */
export type ExistenceVerdict =
  | { kind: "exists"; matched: ArmResource }
  | { kind: "missing"; candidates: number }
  | { kind: "unknown"; reason: string };

/**
 * Looks the related resources up (`related`, else only the evaluated resource itself) and evaluates the
 * existence condition on each.
 */
export function findRelated(
  details: ExistenceDetails,
  context: EvaluationContext,
  related: RelatedResources | undefined,
): ExistenceVerdict {
  const resource = context.resource;
  const ownType = String(resource.type ?? "").toLowerCase();
  const type = details.type.toLowerCase();
  let pool = related?.(details.type);
  if (pool === undefined) {
    if (type !== ownType)
      return {
        kind: "unknown",
        reason: `whether a ${details.type} exists is not known offline (it is not planned in the file)`,
      };
    pool = [resource];
  } else if (type === ownType && !pool.some((r) => sameId(r, resource))) pool = [...pool, resource];
  const name = stringOf(details.name, context, "name");
  const isChild = type.startsWith(`${ownType}/`);
  const ownId = String(resource.id ?? "").toLowerCase();
  const group = (
    stringOf(details.resourceGroupName, context, "resourceGroupName") ?? resourceGroupOf(resource.id)
  )?.toLowerCase();
  const subscription = subscriptionOf(resource.id);
  const candidates = pool.filter((candidate) => {
    if (String(candidate.type ?? "").toLowerCase() !== type) return false;
    const id = String(candidate.id ?? "").toLowerCase();
    if (isChild) {
      if (!id.startsWith(`${ownId}/`)) return false;
    } else if (subscription !== undefined && subscriptionOf(id) !== subscription) return false;
    else if (
      !isChild &&
      details.existenceScope === "resourcegroup" &&
      group !== undefined &&
      resourceGroupOf(id) !== group
    )
      return false;
    if (name !== undefined) {
      const pattern =
        isChild && !name.includes("/")
          ? `${String(fullNameOf(resource.id as string, resource.name as string))}/${name}`
          : name;
      if (!nameMatches(pattern, candidate)) return false;
    }
    return true;
  });
  for (const candidate of candidates) {
    if (!isJsonObject(candidate as JsonValue)) continue;
    if (!details.existenceCondition) return { kind: "exists", matched: candidate };
    if (details.existenceCondition(context.forRelated(candidate as JsonObject)))
      return { kind: "exists", matched: candidate };
  }
  return { kind: "missing", candidates: candidates.length };
}

function sameId(a: ArmResource, b: ArmResource): boolean {
  return String(a.id ?? "").toLowerCase() === String(b.id ?? "").toLowerCase();
}

function segmentsOf(field: string, type: string | undefined): PathSegment[] {
  const target = targetFor(cachedFieldReference(field), type);
  if (target.kind !== "path" || target.many)
    throw new EvaluationError(`modify cannot change '${field}' on a ${type ?? "resource"}`);
  return target.segments;
}

function containerFor(
  root: JsonObject,
  segments: readonly PathSegment[],
  create: boolean,
): JsonObject | undefined {
  let at: JsonObject = root;
  for (const segment of segments.slice(0, -1)) {
    if (segment.kind !== "property") return undefined;
    const key = Object.keys(at).find((k) => k.toLowerCase() === segment.name.toLowerCase()) ?? segment.name;
    let next = at[key];
    if (!isJsonObject(next as JsonValue)) {
      if (!create) return undefined;
      next = {};
      at[key] = next;
    }
    at = next as JsonObject;
  }
  return at;
}

/**
 * Applies a modify definition's operations to a copy of the resource, as Azure applies them to the
 * request: operations whose condition is false are skipped, `add` leaves a present value alone.
 */
export function applyModify(
  details: ModifyDetails,
  context: EvaluationContext,
): { resource: JsonObject; modifications: Modification[] } {
  const copy = structuredClone(context.resource) as JsonObject;
  const type = context.type;
  const modifications: Modification[] = [];
  for (const operation of details.operations) {
    if (operation.condition) {
      const holds = operation.condition(context);
      if (typeof holds !== "boolean")
        throw new EvaluationError(
          `an operation's condition must be true or false, got ${jsonTypeName(holds)}`,
        );
      if (!holds) continue;
    }
    const segments = segmentsOf(operation.field, type);
    const last = segments[segments.length - 1];
    if (last?.kind !== "property") throw new EvaluationError(`modify cannot change '${operation.field}'`);
    const container = containerFor(copy, segments, operation.operation !== "remove");
    if (!container) continue;
    const key = Object.keys(container).find((k) => k.toLowerCase() === last.name.toLowerCase());
    if (operation.operation === "remove") {
      if (key !== undefined) {
        delete container[key];
        modifications.push({ operation: "remove", field: operation.field });
      }
      continue;
    }
    if (operation.operation === "add" && key !== undefined && container[key] !== undefined) continue;
    const value = operation.value ? operation.value(context) : null;
    container[key ?? last.name] = value;
    modifications.push({ operation: operation.operation, field: operation.field, value });
  }
  return { resource: copy, modifications };
}

/** A modification as a person reads it: `addOrReplace properties.disableLocalAuth = true`. */
export function describeModification(modification: Modification): string {
  if (modification.operation === "remove") return `remove ${modification.field}`;
  return `${modification.operation} ${modification.field} = ${JSON.stringify(modification.value)}`;
}
