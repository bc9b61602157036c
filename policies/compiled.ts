/**
 * Azure Policy definitions parsed once and kept with what the pack, the offline check, the docs and the
 * listing read from them (target types, mode, declared parameters, the effect), so that nothing re-reads
 * the JSON per resource or per run. The project's definitions and users' Azure Policy alike.
 * Compiled objects are memoized per definition document and per policy: both are treated as immutable.
 */
import {
  type Condition,
  type JsonValue,
  type ParameterDefinition,
  type PolicyDefinition,
  parseDefinition,
  targetTypes as ruleTargetTypes,
} from "./evaluator";
import type { DefinitionPolicy, ProjectPolicy, StackPolicy } from "./policy";

/** Definitions of this mode are evaluated on the data-plane view of a deployment and its filter. */
const DATA_PLANE_MODE = "microsoft.cognitiveservices.data";

/** A definition, parsed, with what is read from it without evaluating a resource. */
export interface CompiledDefinition {
  readonly parsed: PolicyDefinition;
  /** Lower-case resource types the rule is written for; undefined when the rule does not say. */
  readonly targetTypes: readonly string[] | undefined;
  /** The same types as a set, to skip a resource of any other type with one lookup. */
  readonly targetTypeSet: ReadonlySet<string> | undefined;
  /** Evaluated on data-plane views (mode `Microsoft.CognitiveServices.Data`). */
  readonly dataPlane: boolean;
}

/** A project policy with its definition compiled. */
export interface CompiledDefinitionPolicy {
  readonly kind: "definition";
  readonly policy: DefinitionPolicy;
  readonly definition: CompiledDefinition;
  /** The parameters the definition declares, in its order. */
  readonly parameters: readonly ParameterDefinition[];
  readonly parameterNames: readonly string[];
  /** Lower-case names of the parameters the deployment context sets (either way the context goes). */
  readonly contextBound: ReadonlySet<string>;
}

export interface CompiledStackPolicy {
  readonly kind: "stack";
  readonly policy: StackPolicy;
  readonly parameterNames: readonly string[];
}

export type CompiledPolicy = CompiledDefinitionPolicy | CompiledStackPolicy;

const compiledDefinitions = new WeakMap<object, CompiledDefinition>();
const compiledPolicies = new WeakMap<ProjectPolicy, CompiledPolicy>();

/**
 * Parses a definition as Azure stores it, once per document object. Throws the evaluator's
 * DefinitionError for what Azure would refuse.
 */
export function compileDefinition(document: unknown): CompiledDefinition {
  const key = typeof document === "object" && document !== null ? document : undefined;
  const known = key === undefined ? undefined : compiledDefinitions.get(key);
  if (known) return known;
  const parsed = parseDefinition(document);
  const types = targetTypes(parsed.if);
  const compiled: CompiledDefinition = {
    parsed,
    targetTypes: types,
    targetTypeSet: types ? new Set(types) : undefined,
    dataPlane: parsed.mode.toLowerCase() === DATA_PLANE_MODE,
  };
  if (key !== undefined) compiledDefinitions.set(key, compiled);
  return compiled;
}

/**
 * Whether a definition's rule can match a resource of this type (any case): false when its `if` names
 * the types it is written for and this is not one of them, so the resource need not be evaluated.
 */
export function canMatchType(definition: CompiledDefinition, resourceType: string): boolean {
  return definition.targetTypeSet === undefined || definition.targetTypeSet.has(resourceType.toLowerCase());
}

/** A project policy compiled, once per policy object. */
export function compilePolicy(policy: ProjectPolicy): CompiledPolicy {
  const known = compiledPolicies.get(policy);
  if (known) return known;
  const compiled: CompiledPolicy =
    policy.kind === "stack"
      ? { kind: "stack", policy, parameterNames: Object.keys(policy.parameters) }
      : compileDefinitionPolicy(policy);
  compiledPolicies.set(policy, compiled);
  return compiled;
}

function compileDefinitionPolicy(policy: DefinitionPolicy): CompiledDefinitionPolicy {
  const definition = compileDefinition(policy.definition);
  const bound = [true, false].flatMap((protect) =>
    Object.keys(policy.contextParameters?.({ protect }) ?? {}),
  );
  return {
    kind: "definition",
    policy,
    definition,
    parameters: definition.parsed.parameters,
    parameterNames: definition.parsed.parameters.map((parameter) => parameter.name),
    contextBound: new Set(bound.map((name) => name.toLowerCase())),
  };
}

/**
 * The resource types a rule is written for, read from `{field: "type", equals|in: …}` conditions at its
 * top (possibly inside allOf). Undefined when the rule does not say.
 */
export function targetTypes(condition: Condition): string[] | undefined {
  return ruleTargetTypes(condition);
}

/**
 * The effect a definition has for some parameter values, lower case, without evaluating a resource:
 * the literal effect, or the value (else the default) of the parameter `then.effect` names.
 */
export function staticEffect(
  definition: PolicyDefinition,
  parameters: Readonly<Record<string, JsonValue>>,
): string {
  const written = definition.effect;
  if (written.kind === "literal") return String(written.value).toLowerCase();
  if (written.kind !== "expression") return "audit";
  const reference = /^\[parameters\('([^']+)'\)\]$/i.exec(written.source);
  if (!reference?.[1]) return written.source.toLowerCase();
  const name = reference[1].toLowerCase();
  const supplied = Object.entries(parameters).find(([key]) => key.toLowerCase() === name)?.[1];
  const declared = definition.parameters.find((parameter) => parameter.name.toLowerCase() === name);
  return String(supplied ?? declared?.defaultValue ?? "audit").toLowerCase();
}
