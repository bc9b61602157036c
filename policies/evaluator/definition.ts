import { type Condition, parseCondition } from "./condition-parser";
import { DefinitionError } from "./errors";
import { compileTemplateValue, type TemplateValue } from "./expressions";
import { getProperty, isJsonObject, type JsonObject, type JsonValue } from "./json";
import { type PolicyMode, parseMode } from "./modes";
import { type ParameterDefinition, parseParameterDefinitions } from "./parameters";

/** Effects Azure Policy knows, in lower case. */
export const knownEffects = [
  "addtonetworkgroup",
  "append",
  "audit",
  "auditifnotexists",
  "deny",
  "denyaction",
  "deployifnotexists",
  "disabled",
  "manual",
  "modify",
  "mutate",
] as const;

/** A policy definition, checked and with its expressions parsed. */
export interface PolicyDefinition {
  kind: "policyDefinition";
  id: string | undefined;
  name: string | undefined;
  displayName: string | undefined;
  mode: PolicyMode;
  parameters: ParameterDefinition[];
  if: Condition;
  /** `then.effect`, usually `[parameters('effect')]`. */
  effect: TemplateValue;
  /** `then.details`, kept as written (used by modify, deployIfNotExists, ...). */
  details: JsonValue | undefined;
}

/**
 * Reads a definition as Azure stores it (`{properties: {mode, parameters, policyRule}}`), the bare
 * inner object, or `{policyRule}` alone. Throws a DefinitionError for what Azure would refuse.
 */
export function parseDefinition(json: unknown): PolicyDefinition {
  if (!isJsonObject(json)) throw new DefinitionError("a policy definition must be a JSON object");
  const { body, path } = unwrapProperties(json, "policyRule");
  const rule = getProperty(body, "policyRule");
  if (rule === undefined) throw new DefinitionError("policy definition has no policyRule", path);
  const rulePath = `${path}policyRule`;
  if (!isJsonObject(rule)) throw new DefinitionError("'policyRule' must be an object", rulePath);
  const condition = getProperty(rule, "if");
  if (condition === undefined) throw new DefinitionError("policyRule has no 'if'", rulePath);
  const then = getProperty(rule, "then");
  if (!isJsonObject(then)) throw new DefinitionError("policyRule has no 'then' object", rulePath);
  const effect = getProperty(then, "effect");
  if (typeof effect !== "string" || effect === "") {
    throw new DefinitionError("'then.effect' must be a non-empty string", `${rulePath}.then`);
  }
  const compiledEffect = compileTemplateValue(effect, `${rulePath}.then.effect`);
  if (compiledEffect.kind === "literal" && !isKnownEffect(String(compiledEffect.value))) {
    throw new DefinitionError(`unknown effect '${effect}'`, `${rulePath}.then.effect`);
  }
  return {
    kind: "policyDefinition",
    id: stringOrUndefined(getProperty(json, "id")),
    name: stringOrUndefined(getProperty(json, "name")),
    displayName: stringOrUndefined(getProperty(body, "displayName")),
    mode: parseMode(getProperty(body, "mode"), `${path}mode`),
    parameters: parseParameterDefinitions(getProperty(body, "parameters"), `${path}parameters`),
    if: parseCondition(condition, `${rulePath}.if`),
    effect: compiledEffect,
    details: getProperty(then, "details"),
  };
}

export function isKnownEffect(effect: string): boolean {
  return (knownEffects as readonly string[]).includes(effect.toLowerCase());
}

/** Azure wraps a resource's body in `properties`; definitions are also written without it. */
export function unwrapProperties(json: JsonObject, marker: string): { body: JsonObject; path: string } {
  const properties = getProperty(json, "properties");
  if (isJsonObject(properties) && getProperty(json, marker) === undefined) {
    return { body: properties, path: "properties." };
  }
  return { body: json, path: "" };
}

export function stringOrUndefined(value: JsonValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
