import { evaluateCondition } from "./conditions";
import { type ArmResource, EvaluationContext, parameterTable } from "./context";
import { isKnownEffect, type PolicyDefinition } from "./definition";
import { DefinitionError, EvaluationError } from "./errors";
import { evaluateTemplateValue } from "./expressions";
import type { EvaluationUnit } from "./initiatives";
import { isJsonObject, type JsonObject, type JsonValue, jsonTypeName } from "./json";
import { modeSkipReason } from "./modes";
import { normalizeParameterValues, resolveParameters } from "./parameters";

/** The api-version `requestContext().apiVersion` reports unless the caller says otherwise. */
export const defaultApiVersion = "2025-06-01";

export interface EvaluationOptions {
  /**
   * Assignment values: `{name: value}`, Azure's `{name: {value: value}}`, or an ARM parameter file.
   * Typed loosely because callers pass parsed files; anything but an object is an error outcome.
   */
  parameters?: unknown;
  /** The clock behind `utcNow()`. */
  now?: Date | (() => Date);
  /** What `requestContext().apiVersion` returns. */
  apiVersion?: string;
}

/** The four outcomes; `effect` is lower case. An error counts as non-compliant, as in Azure. */
export type PolicyEvaluation =
  | { outcome: "compliant"; effect: string }
  | { outcome: "non-compliant"; effect: string }
  | { outcome: "not-applicable"; reason: string; effect?: string }
  | { outcome: "error"; message: string; effect?: string };

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
 * the way to evaluate many resources without resolving the same values each time.
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
  const skip = modeSkipReason(definition.mode, typeof resource.type === "string" ? resource.type : undefined);
  if (skip) return { outcome: "not-applicable", reason: skip };
  if (!parameters.ok) return { outcome: "error", message: parameters.message };
  let effect: string | undefined;
  try {
    const context = new EvaluationContext(
      resource as JsonObject,
      parameters.table,
      clock(options.now),
      options.apiVersion ?? defaultApiVersion,
    );
    effect = resolveEffect(definition, context);
    if (effect === "disabled") return { outcome: "not-applicable", reason: "the effect is disabled", effect };
    const matched = evaluateCondition(definition.if, context);
    return { outcome: matched ? "non-compliant" : "compliant", effect };
  } catch (error) {
    if (error instanceof EvaluationError || error instanceof DefinitionError) {
      return effect === undefined
        ? { outcome: "error", message: error.message }
        : { outcome: "error", message: error.message, effect };
    }
    throw error;
  }
}

function resolveEffect(definition: PolicyDefinition, context: EvaluationContext): string {
  const effect = evaluateTemplateValue(definition.effect, context.expressionScope());
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
    evaluation: evaluatePolicy(unit.definition, resource, { ...options, parameters: unit.parameters }),
  }));
}
