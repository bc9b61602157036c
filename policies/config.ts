/**
 * The policy configuration a user writes for `--policy-config` (the JSON Pulumi takes as
 * `--policy-pack-config`): per policy name an enforcement level, or an object of `enforcementLevel` and
 * parameter values; `all` sets every policy's level. Parsed once, checked against the pack: a policy or
 * parameter name that does not exist is refused with the closest real one, because a typo would
 * otherwise silently leave the intended setting out.
 */
import { didYouMean } from "../diagnostics/suggest";
import { isJsonObject, type JsonValue } from "./evaluator";
import { enforcementLevels, type ProjectPolicy } from "./policy";
import type { PolicyConfig } from "./settings";

/** A configuration that Pulumi would refuse, or that names what the pack does not have. */
export class PolicyConfigError extends Error {
  override readonly name = "PolicyConfigError";
}

const ALL = "all";
const LEVEL = "enforcementLevel";

/** The parameters a policy takes: its definition's, or a stack policy's own. */
export function policyParameterNames(policy: ProjectPolicy): string[] {
  if (policy.kind === "stack") return Object.keys(policy.parameters);
  const definition = policy.definition as { properties?: { parameters?: object }; parameters?: object };
  return Object.keys(definition.properties?.parameters ?? definition.parameters ?? {});
}

function checkLevel(where: string, level: unknown): void {
  if (typeof level === "string" && (enforcementLevels as readonly string[]).includes(level)) return;
  const shown = JSON.stringify(level) ?? String(level);
  const hint = typeof level === "string" ? didYouMean(level, enforcementLevels) : undefined;
  throw new PolicyConfigError(
    `${where}: enforcement level must be one of ${enforcementLevels.join(", ")}, not ${shown}${hint ? ` (${hint})` : ""}`,
  );
}

function checkEntry(name: string, entry: JsonValue | undefined, parameters: readonly string[]): void {
  if (typeof entry === "string") {
    checkLevel(`"${name}"`, entry);
    return;
  }
  if (!isJsonObject(entry)) {
    throw new PolicyConfigError(
      `"${name}": must be an enforcement level or an object of enforcementLevel and parameters, not ${JSON.stringify(entry)}`,
    );
  }
  for (const [key, value] of Object.entries(entry)) {
    if (key === LEVEL) {
      checkLevel(`"${name}".${LEVEL}`, value);
      continue;
    }
    if (parameters.some((parameter) => parameter.toLowerCase() === key.toLowerCase())) continue;
    const suggestion = didYouMean(key, [LEVEL, ...parameters]);
    const known =
      parameters.length > 0 ? `its parameters: ${parameters.join(", ")}` : "it takes no parameters";
    throw new PolicyConfigError(
      `"${name}": policy ${name} has no parameter "${key}" (${suggestion ?? known})`,
    );
  }
}

/** Checks a parsed configuration against the pack's policies and returns it typed. */
export function parsePolicyConfig(json: JsonValue, policies: readonly ProjectPolicy[]): PolicyConfig {
  if (!isJsonObject(json)) throw new PolicyConfigError("must be a JSON object of policy names");
  const byName = new Map(policies.map((policy) => [policy.name, policy]));
  for (const [name, entry] of Object.entries(json)) {
    if (name === ALL) {
      if (isJsonObject(entry)) {
        const extra = Object.keys(entry).find((key) => key !== LEVEL);
        if (extra !== undefined)
          throw new PolicyConfigError(`"all": only ${LEVEL} applies to every policy, not "${extra}"`);
        checkLevel(`"all".${LEVEL}`, entry[LEVEL]);
      } else checkLevel(`"all"`, entry);
      continue;
    }
    const policy = byName.get(name);
    if (!policy) {
      const suggestion = didYouMean(name, [ALL, ...byName.keys()]);
      throw new PolicyConfigError(
        `no policy named "${name}" (${suggestion ?? "run `aideploy policies` for the names"})`,
      );
    }
    checkEntry(name, entry, policyParameterNames(policy));
  }
  return json;
}
