import { type CompiledCondition, compiledCondition } from "./conditions";
import { type ArmResource, EvaluationContext, type EvaluationFacts, parameterTable } from "./context";
import { isKnownEffect, type PolicyDefinition } from "./definition";
import {
  applyModify,
  denyActionDetails,
  existenceDetails,
  findRelated,
  type Modification,
  modifyDetails,
  type RelatedResources,
} from "./effects";
import { DefinitionError, EvaluationError } from "./errors";
import { type MatchReason, matchReasons } from "./explain";
import type { PolicyFacts, ResourceGroupFacts, SubscriptionFacts } from "./expression-functions";
import { type CompiledValue, compiledValue } from "./expressions";
import type { EvaluationUnit } from "./initiatives";
import { isJsonObject, type JsonObject, type JsonValue, jsonTypeName } from "./json";
import { modeSkipReason } from "./modes";
import { normalizeParameterValues, resolveParameters } from "./parameters";
import { targetTypes } from "./target-types";

/**
 * Formerly what `requestContext().apiVersion` reported when the caller did not say. The API version is
 * now the caller's to give (`EvaluationOptions.apiVersion`); without it the expression fails naming it.
 * Kept so that existing imports compile.
 */
export const defaultApiVersion = "2025-06-01";

export interface EvaluationOptions {
  /**
   * Assignment values: `{name: value}`, Azure's `{name: {value: value}}`, or an ARM parameter file.
   * Typed loosely because callers pass parsed files; anything but an object is an error outcome.
   */
  parameters?: unknown;
  /** The clock behind `utcNow()`. */
  now?: Date | (() => Date);
  /**
   * What `requestContext().apiVersion` returns: the API version the resource is written with, one for
   * all or per resource type. Unknown when absent, and an expression reading it fails.
   */
  apiVersion?: string | Readonly<Record<string, string>>;
  /** What `resourceGroup()` returns, as far as the caller knows it. */
  resourceGroup?: ResourceGroupFacts;
  /** What `subscription()` returns, as far as the caller knows it. */
  subscription?: SubscriptionFacts;
  /** What `policy()` returns; `definitionId` defaults to the definition's own `id`. */
  policy?: PolicyFacts;
  /**
   * The resources auditIfNotExists and deployIfNotExists look for, by type; without it only the
   * evaluated resource itself is known, and a related resource of another type cannot be decided.
   */
  related?: RelatedResources;
}

/** The four outcomes; `effect` is lower case. An error counts as non-compliant, as in Azure. */
export type PolicyEvaluation =
  | { outcome: "compliant"; effect: string; reason?: string }
  | {
      outcome: "non-compliant";
      effect: string;
      /** Modify: what Azure changes in the request, and the resource once changed. */
      modifications?: Modification[];
      modified?: JsonObject;
      /** AuditIfNotExists / DeployIfNotExists: why no related resource satisfies the rule. */
      reason?: string;
    }
  | {
      outcome: "not-applicable";
      reason: string;
      effect?: string;
      /** DenyAction: Azure would refuse to delete this resource. */
      blocksDelete?: boolean;
    }
  | { outcome: "error"; message: string; effect?: string }
  /** The related resource an existence effect looks for cannot be known offline: neither pass nor finding. */
  | { outcome: "undetermined"; reason: string; effect: string };

/** Azure treats a failed evaluation as a match (implicit deny). */
export function countsAsNonCompliant(evaluation: PolicyEvaluation): boolean {
  return evaluation.outcome === "non-compliant" || evaluation.outcome === "error";
}

/**
 * Parameter values checked against a definition's declarations once, to evaluate many resources with:
 * the case-insensitive table the rule reads, or why the values cannot be used (which every evaluation
 * then reports as its error outcome, as Azure does).
 */
export type BoundParameters =
  | { ok: true; table: ReadonlyMap<string, JsonValue> }
  | { ok: false; message: string };

/** Resolves supplied values (any form `normalizeParameterValues` reads) against a definition's parameters. */
export function bindParameters(definition: PolicyDefinition, supplied: unknown): BoundParameters {
  try {
    const values = resolveParameters(definition.parameters, normalizeParameterValues(supplied));
    return { ok: true, table: parameterTable(values) };
  } catch (error) {
    if (error instanceof EvaluationError || error instanceof DefinitionError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

/** A definition compiled once: its rule and effect as closures, the types its rule can match. */
interface CompiledRule {
  condition: CompiledCondition;
  effect: CompiledValue;
  /** Lower-case types the rule's `if` can hold for; undefined when any type may match. */
  targetTypes: ReadonlySet<string> | undefined;
  /** Mode skip reasons by resource type as written, computed once per type. */
  skipReasons: Map<string, string | undefined>;
}

const compiledRules = new WeakMap<PolicyDefinition, CompiledRule>();

function compiledRule(definition: PolicyDefinition): CompiledRule {
  let rule = compiledRules.get(definition);
  if (!rule) {
    const types = targetTypes(definition.if);
    rule = {
      condition: compiledCondition(definition.if),
      effect: compiledValue(definition.effect),
      targetTypes: types ? new Set(types) : undefined,
      skipReasons: new Map(),
    };
    compiledRules.set(definition, rule);
  }
  return rule;
}

function skipReason(
  definition: PolicyDefinition,
  rule: CompiledRule,
  type: string | undefined,
): string | undefined {
  const key = type ?? "";
  if (!rule.skipReasons.has(key)) rule.skipReasons.set(key, modeSkipReason(definition.mode, type));
  return rule.skipReasons.get(key);
}

/** Evaluates one definition against one resource in ARM shape. Never throws for a bad rule or resource. */
export function evaluatePolicy(
  definition: PolicyDefinition,
  resource: ArmResource,
  options: EvaluationOptions = {},
): PolicyEvaluation {
  return evaluateBound(definition, bindParameters(definition, options.parameters), resource, options);
}

/**
 * Evaluates a definition whose parameters were bound once (`bindParameters`) against one resource:
 * the way to evaluate many resources without resolving the same values each time. The definition is
 * compiled on first use; a resource of a type its rule cannot match is compliant without evaluating.
 */
export function evaluateBound(
  definition: PolicyDefinition,
  parameters: BoundParameters,
  resource: ArmResource,
  options: Omit<EvaluationOptions, "parameters"> = {},
): PolicyEvaluation {
  if (!isJsonObject(resource)) {
    return {
      outcome: "error",
      message: `the resource must be a JSON object, got ${jsonTypeName(resource as JsonValue)}`,
    };
  }
  let rule: CompiledRule;
  try {
    rule = compiledRule(definition);
  } catch (error) {
    if (error instanceof EvaluationError || error instanceof DefinitionError) {
      return { outcome: "error", message: error.message };
    }
    throw error;
  }
  const type = typeof resource.type === "string" ? resource.type : undefined;
  const skip = skipReason(definition, rule, type);
  if (skip) return { outcome: "not-applicable", reason: skip };
  if (!parameters.ok) return { outcome: "error", message: parameters.message };
  let effect: string | undefined;
  try {
    const context = new EvaluationContext(
      resource as JsonObject,
      parameters.table,
      clock(options.now),
      facts(definition, options),
    );
    effect = resolveEffect(rule, context);
    if (effect === "disabled") return { outcome: "not-applicable", reason: "the effect is disabled", effect };
    if (rule.targetTypes && !rule.targetTypes.has(context.type ?? ""))
      return { outcome: "compliant", effect };
    const matched = rule.condition(context);
    return applyEffect(definition, effect, matched, context, options.related);
  } catch (error) {
    if (error instanceof EvaluationError || error instanceof DefinitionError) {
      return effect === undefined
        ? { outcome: "error", message: error.message }
        : { outcome: "error", message: error.message, effect };
    }
    throw error;
  }
}

/**
 * What a matched `if` means for each effect, as the effect pages of the Azure Policy documentation say
 * (see effects.ts for the pages and dates).
 */
function applyEffect(
  definition: PolicyDefinition,
  effect: string,
  matched: boolean,
  context: EvaluationContext,
  related: RelatedResources | undefined,
): PolicyEvaluation {
  switch (effect) {
    case "denyaction": {
      const blocks = denyActionDetails(definition).actionNames.includes("delete");
      return {
        outcome: "not-applicable",
        reason: "denyAction blocks delete requests only, never a create or an update",
        effect,
        blocksDelete: matched && blocks,
      };
    }
    case "auditifnotexists":
    case "deployifnotexists": {
      const details = existenceDetails(definition, effect);
      if (!matched) return { outcome: "compliant", effect };
      const verdict = findRelated(details, context, related);
      if (verdict.kind === "unknown") return { outcome: "undetermined", reason: verdict.reason, effect };
      if (verdict.kind === "exists")
        return { outcome: "compliant", effect, reason: `a matching ${details.type} exists` };
      return {
        outcome: "non-compliant",
        effect,
        reason:
          verdict.candidates === 0
            ? `no ${details.type} is planned`
            : `no ${details.type} satisfies the existence condition`,
      };
    }
    case "modify": {
      const details = modifyDetails(definition);
      if (!matched) return { outcome: "compliant", effect };
      const { resource, modifications } = applyModify(details, context);
      return { outcome: "non-compliant", effect, modifications, modified: resource };
    }
    default:
      return { outcome: matched ? "non-compliant" : "compliant", effect };
  }
}

function facts(
  definition: PolicyDefinition,
  options: Omit<EvaluationOptions, "parameters">,
): EvaluationFacts {
  const policy =
    definition.id !== undefined && options.policy?.definitionId === undefined
      ? { ...options.policy, definitionId: definition.id }
      : options.policy;
  return {
    apiVersion: options.apiVersion,
    resourceGroup: options.resourceGroup,
    subscription: options.subscription,
    policy,
  };
}

function resolveEffect(rule: CompiledRule, context: EvaluationContext): string {
  const effect = rule.effect(context);
  if (typeof effect !== "string")
    throw new EvaluationError(`the effect must be a string, got ${jsonTypeName(effect)}`);
  if (!isKnownEffect(effect)) throw new EvaluationError(`unknown effect '${effect}'`);
  return effect.toLowerCase();
}

function clock(now: EvaluationOptions["now"]): () => Date {
  if (now instanceof Date) return () => now;
  return now ?? (() => new Date());
}

/** Evaluates the units of an expanded assignment against one resource, in order. */
export function evaluateUnits(
  units: readonly EvaluationUnit[],
  resource: ArmResource,
  options: Omit<EvaluationOptions, "parameters"> = {},
): { unit: EvaluationUnit; evaluation: PolicyEvaluation }[] {
  return units.map((unit) => ({
    unit,
    evaluation: evaluatePolicy(unit.definition, resource, {
      ...options,
      parameters: unit.parameters,
      policy: { ...unit.policy, ...options.policy },
    }),
  }));
}

/**
 * Why a definition's `if` matched a resource: the field conditions that decided it, with what was
 * found and what would comply. Empty when the rule cannot be read that way (counts, expressions).
 */
export function explainMatch(
  definition: PolicyDefinition,
  parameters: BoundParameters,
  resource: ArmResource,
  options: Omit<EvaluationOptions, "parameters"> = {},
): MatchReason[] {
  if (!parameters.ok || !isJsonObject(resource)) return [];
  const context = new EvaluationContext(
    resource as JsonObject,
    parameters.table,
    clock(options.now),
    facts(definition, options),
  );
  return matchReasons(definition.if, context);
}
