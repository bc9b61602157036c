/**
 * The policy configuration a user writes for `--policy-config` (the JSON Pulumi takes as
 * `--policy-pack-config`): per policy name an enforcement level, or an object of `enforcementLevel` and
 * parameter values; `all` sets every policy's level. Parsed once, checked against the pack: a policy or
 * parameter name that does not exist is refused with the closest real one, because a typo would
 * otherwise silently leave the intended setting out. One policy's part is read by `readPolicyEntry`,
 * the same way for the offline check and for the CrossGuard pack (which Pulumi hands that part alone).
 */
import { didYouMean } from "../diagnostics/suggest";
import { compilePolicy } from "./compiled";
import { isJsonObject, type JsonValue } from "./evaluator";
import { type Enforcement, enforcementLevels, type ProjectPolicy } from "./policy";

/** The configuration as the user wrote it: policy names (and `all`) to a level or an entry object. */
export type PolicyConfigFile = Readonly<Record<string, JsonValue>>;

/** One policy's part of the configuration, read: its enforcement level, if set, and its parameter values. */
export interface PolicyConfigEntry {
  enforcementLevel?: Enforcement;
  parameters: Record<string, JsonValue>;
}

/** A configuration that Pulumi would refuse, or that names what the pack does not have. */
export class PolicyConfigError extends Error {
  override readonly name = "PolicyConfigError";
}

const ALL = "all";
const LEVEL = "enforcementLevel";

function isEnforcement(value: unknown): value is Enforcement {
  return typeof value === "string" && (enforcementLevels as readonly string[]).includes(value);
}

/** Reads one policy's entry: a level alone, or `{enforcementLevel?, ...parameters}`; anything else is empty. */
export function readPolicyEntry(entry: unknown): PolicyConfigEntry {
  if (isEnforcement(entry)) return { enforcementLevel: entry, parameters: {} };
  if (!isJsonObject(entry)) return { parameters: {} };
  const { [LEVEL]: level, ...parameters } = entry;
  return isEnforcement(level) ? { enforcementLevel: level, parameters } : { parameters };
}

/** The level `all` sets, if any. */
export function levelForAll(config: PolicyConfigFile): Enforcement | undefined {
  return readPolicyEntry(config[ALL]).enforcementLevel;
}

/** The parameters a policy takes: its definition's, or a stack policy's own. */
export function policyParameterNames(policy: ProjectPolicy): readonly string[] {
  return compilePolicy(policy).parameterNames;
}

function checkLevel(where: string, level: unknown): void {
  if (isEnforcement(level)) return;
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
export function parsePolicyConfig(json: JsonValue, policies: readonly ProjectPolicy[]): PolicyConfigFile {
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
        `no policy named "${name}" (${suggestion ?? "run `aideploy policy list` for the names"})`,
      );
    }
    checkEntry(name, entry, policyParameterNames(policy));
  }
  return json;
}
