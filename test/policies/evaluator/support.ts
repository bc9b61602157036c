import * as fs from "node:fs";
import * as path from "node:path";
import {
  type ArmResource,
  type EvaluationOptions,
  evaluatePolicy,
  type JsonObject,
  type JsonValue,
  type PolicyDefinition,
  type PolicyEvaluation,
  parseDefinition,
  parseJsonText,
} from "../../../policies/evaluator";
import { referenceDir } from "../../support/paths";

/** A policyRule object; the only place tests spell its `then` key. */
export function ruleOf(condition: JsonValue | undefined, then: JsonValue = { effect: "audit" }): JsonObject {
  const rule: JsonObject = { then };
  return condition === undefined ? rule : { if: condition, ...rule };
}

/** A definition in mode All whose `if` is the given condition and whose effect is audit. */
export function ruleDefinition(condition: JsonValue, extra: { parameters?: JsonValue; mode?: string } = {}) {
  return parseDefinition({
    properties: {
      mode: extra.mode ?? "All",
      parameters: extra.parameters ?? {},
      policyRule: ruleOf(condition),
    },
  });
}

/** Evaluates a condition on a resource and returns the outcome. */
export function evaluateCondition(
  condition: JsonValue,
  resource: ArmResource,
  options: EvaluationOptions & { declare?: JsonValue } = {},
): PolicyEvaluation {
  const definition = ruleDefinition(
    condition,
    options.declare === undefined ? {} : { parameters: options.declare },
  );
  return evaluatePolicy(definition, resource, options);
}

/** True when the condition matches (non-compliant); fails the test on an error or not-applicable outcome. */
export function matches(
  condition: JsonValue,
  resource: ArmResource,
  options: EvaluationOptions & { declare?: JsonValue } = {},
): boolean {
  const result = evaluateCondition(condition, resource, options);
  if (result.outcome === "compliant") return false;
  if (result.outcome === "non-compliant") return true;
  throw new Error(`expected a verdict, got ${JSON.stringify(result)}`);
}

/** The error message of an evaluation that must fail. */
export function errorOf(
  condition: JsonValue,
  resource: ArmResource,
  options: EvaluationOptions & { declare?: JsonValue } = {},
): string {
  const result = evaluateCondition(condition, resource, options);
  if (result.outcome !== "error") throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.message;
}

/** Reads a public definition from the shared reference folder, BOM-tolerantly; never copied into the project. */
export function referenceDefinition(prefix: string): PolicyDefinition {
  const folder = path.join(referenceDir, "azure-policy");
  const file = fs.readdirSync(folder).find((name) => name.startsWith(prefix) && name.endsWith(".json"));
  if (!file) throw new Error(`no reference definition starting with ${prefix} in ${folder}`);
  return parseDefinition(parseJsonText(fs.readFileSync(path.join(folder, file), "utf8")));
}

export const accountId =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct";

/** A compliant-looking AIServices account; tests change one thing at a time. */
export function aiServicesAccount(
  properties: Record<string, JsonValue> = {},
  top: Record<string, JsonValue> = {},
) {
  return {
    id: accountId,
    name: "acct",
    type: "Microsoft.CognitiveServices/accounts",
    kind: "AIServices",
    location: "westeurope",
    tags: { CostCenter: "42" },
    sku: { name: "S0" },
    identity: { type: "SystemAssigned" },
    properties: {
      customSubDomainName: "acct",
      disableLocalAuth: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
      ...properties,
    },
    ...top,
  };
}

export function deployment(
  properties: Record<string, JsonValue> = {},
  sku: JsonValue = { name: "GlobalStandard", capacity: 10 },
) {
  return {
    id: `${accountId}/deployments/chat`,
    name: "chat",
    type: "Microsoft.CognitiveServices/accounts/deployments",
    sku,
    properties: {
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" },
      raiPolicyName: "strict",
      versionUpgradeOption: "NoAutoUpgrade",
      ...properties,
    },
  };
}
