import { type PolicyDefinition, parseDefinition, stringOrUndefined, unwrapProperties } from "./definition";
import { AssignmentError, DefinitionError, EvaluationError } from "./errors";
import type { PolicyFacts } from "./expression-functions";
import { compileTemplateValue, evaluateTemplateValue, type TemplateValue } from "./expressions";
import { getProperty, isJsonObject, type JsonObject, type JsonValue } from "./json";
import {
  normalizeParameterValues,
  type ParameterDefinition,
  type ParameterValues,
  parseParameterDefinitions,
  resolveParameters,
} from "./parameters";

/** One definition inside an initiative, with parameter values written over the initiative's parameters. */
export interface PolicySetMember {
  policyDefinitionId: string;
  referenceId: string | undefined;
  parameters: [string, TemplateValue][];
}

/** An initiative (policy set definition). */
export interface PolicySetDefinition {
  kind: "policySetDefinition";
  id: string | undefined;
  name: string | undefined;
  displayName: string | undefined;
  parameters: ParameterDefinition[];
  members: PolicySetMember[];
}

export type EnforcementMode = "Default" | "DoNotEnforce";

export interface PolicyAssignment {
  id: string | undefined;
  name: string | undefined;
  displayName: string | undefined;
  policyDefinitionId: string;
  parameters: ParameterValues;
  /** DoNotEnforce: Azure still evaluates and reports, but does not deny. */
  enforcementMode: EnforcementMode;
  /** Where the assignment applies (a management group, subscription, resource group or resource id). */
  scope?: string;
  /** Scopes excluded from the assignment: resources at or under them are not evaluated. */
  notScopes?: string[];
  /** Shown with a finding: for one initiative member (its reference id), or for the whole assignment. */
  nonComplianceMessages?: { message: string; policyDefinitionReferenceId?: string }[];
}

/** Finds a definition or initiative document by its id; returns undefined when unknown. */
export type DefinitionLookup = (id: string) => unknown;

/** What to evaluate for one assignment: a definition with its parameter values. */
export interface EvaluationUnit {
  definition: PolicyDefinition;
  definitionId: string;
  /** `policyDefinitionReferenceId` inside an initiative; undefined for a direct assignment. */
  referenceId: string | undefined;
  parameters: Record<string, JsonValue>;
  enforcementMode: EnforcementMode;
  /** What `policy()` returns for this unit, as far as the assignment and initiative say. */
  policy?: PolicyFacts;
}

export function parsePolicySetDefinition(json: unknown): PolicySetDefinition {
  if (!isJsonObject(json)) throw new DefinitionError("a policy set definition must be a JSON object");
  const { body, path } = unwrapProperties(json, "policyDefinitions");
  const members = getProperty(body, "policyDefinitions");
  if (!Array.isArray(members))
    throw new DefinitionError("policy set definition has no policyDefinitions array", path);
  return {
    kind: "policySetDefinition",
    id: stringOrUndefined(getProperty(json, "id")),
    name: stringOrUndefined(getProperty(json, "name")),
    displayName: stringOrUndefined(getProperty(body, "displayName")),
    parameters: parseParameterDefinitions(getProperty(body, "parameters"), `${path}parameters`),
    members: members.map((member, index) => parseMember(member, `${path}policyDefinitions[${index}]`)),
  };
}

function parseMember(json: JsonValue, path: string): PolicySetMember {
  if (!isJsonObject(json)) throw new DefinitionError("a policyDefinitions entry must be an object", path);
  const id = getProperty(json, "policyDefinitionId");
  if (typeof id !== "string" || id === "") throw new DefinitionError("entry has no policyDefinitionId", path);
  const values = normalizeParameterValues(getProperty(json, "parameters"));
  return {
    policyDefinitionId: id,
    referenceId: stringOrUndefined(getProperty(json, "policyDefinitionReferenceId")),
    parameters: Object.entries(values).map(([name, value]) => [
      name,
      compileTemplateValue(value, `${path}.parameters.${name}`),
    ]),
  };
}

export function parseAssignment(json: unknown): PolicyAssignment {
  if (!isJsonObject(json)) throw new DefinitionError("a policy assignment must be a JSON object");
  const { body, path } = unwrapProperties(json, "policyDefinitionId");
  const definitionId = getProperty(body, "policyDefinitionId");
  if (typeof definitionId !== "string" || definitionId === "") {
    throw new DefinitionError("assignment has no policyDefinitionId", path);
  }
  const mode = getProperty(body, "enforcementMode") ?? "Default";
  if (typeof mode !== "string" || !/^(default|donotenforce)$/i.test(mode)) {
    throw new DefinitionError(`unknown enforcementMode ${JSON.stringify(mode)}`, `${path}enforcementMode`);
  }
  return {
    id: stringOrUndefined(getProperty(json, "id")),
    name: stringOrUndefined(getProperty(json, "name")),
    displayName: stringOrUndefined(getProperty(body, "displayName")),
    policyDefinitionId: definitionId,
    parameters: normalizeParameterValues(getProperty(body, "parameters")),
    enforcementMode: mode.toLowerCase() === "default" ? "Default" : "DoNotEnforce",
    ...assignmentScopes(body, path),
  };
}

/**
 * `scope`, `notScopes` and `nonComplianceMessages` of an assignment, as MicrosoftDocs/azure-docs
 * articles/governance/policy/concepts/assignment-structure.md (ms.date 09/05/2024) describes them.
 */
function assignmentScopes(
  body: JsonObject,
  path: string,
): Pick<PolicyAssignment, "scope" | "notScopes" | "nonComplianceMessages"> {
  const out: Pick<PolicyAssignment, "scope" | "notScopes" | "nonComplianceMessages"> = {};
  const scope = getProperty(body, "scope");
  if (typeof scope === "string" && scope !== "") out.scope = scope;
  const notScopes = getProperty(body, "notScopes");
  if (notScopes !== undefined && notScopes !== null) {
    if (!Array.isArray(notScopes) || notScopes.some((s) => typeof s !== "string"))
      throw new DefinitionError("notScopes must be an array of scope ids", `${path}notScopes`);
    out.notScopes = notScopes as string[];
  }
  const messages = getProperty(body, "nonComplianceMessages");
  if (messages !== undefined && messages !== null) {
    if (!Array.isArray(messages))
      throw new DefinitionError("nonComplianceMessages must be an array", `${path}nonComplianceMessages`);
    out.nonComplianceMessages = messages.map((entry, index) => {
      const message = isJsonObject(entry) ? getProperty(entry, "message") : undefined;
      if (typeof message !== "string" || message === "")
        throw new DefinitionError(
          "a non-compliance message needs a 'message'",
          `${path}nonComplianceMessages[${index}]`,
        );
      const reference = isJsonObject(entry) ? getProperty(entry, "policyDefinitionReferenceId") : undefined;
      return typeof reference === "string"
        ? { message, policyDefinitionReferenceId: reference }
        : { message };
    });
  }
  return out;
}

/** A lookup over documents by `id` or `name`, ignoring case (Azure ids are case-insensitive). */
export function definitionLookup(documents: Iterable<unknown>): DefinitionLookup {
  const byKey = new Map<string, unknown>();
  for (const document of documents) {
    if (!isJsonObject(document)) continue;
    for (const key of [getProperty(document, "id"), getProperty(document, "name")]) {
      if (typeof key === "string") byKey.set(key.toLowerCase(), document);
    }
  }
  return (id) => byKey.get(id.toLowerCase()) ?? byKey.get(id.split("/").pop()?.toLowerCase() ?? "");
}

export interface ExpansionOptions {
  now?: Date;
  apiVersion?: string;
  /**
   * Reads a definition document; defaults to `parseDefinition`. A caller expanding many assignments
   * passes a memoized one, so that a definition several assignments name is parsed once.
   */
  parseDefinition?: (document: unknown) => PolicyDefinition;
}

/**
 * Expands an assignment into evaluable units: the assigned definition, or every member of the
 * assigned initiative with its parameter values computed from the initiative's parameters.
 * Throws AssignmentError where Azure would refuse the assignment, DefinitionError for a bad document.
 */
export function expandAssignment(
  assignment: PolicyAssignment,
  lookup: DefinitionLookup,
  options: ExpansionOptions = {},
): EvaluationUnit[] {
  const document = find(lookup, assignment.policyDefinitionId);
  const { enforcementMode } = assignment;
  const parse = options.parseDefinition ?? parseDefinition;
  if (!isPolicySet(document)) {
    const definition = parse(document);
    const parameters = resolveFor(
      definition.parameters,
      assignment.parameters,
      assignment.policyDefinitionId,
    );
    return [
      {
        definition,
        definitionId: assignment.policyDefinitionId,
        referenceId: undefined,
        parameters,
        enforcementMode,
        policy: facts({ assignmentId: assignment.id, definitionId: assignment.policyDefinitionId }),
      },
    ];
  }
  const set = parsePolicySetDefinition(document);
  const setValues = resolveFor(set.parameters, assignment.parameters, assignment.policyDefinitionId);
  const scope = {
    parameter(name: string): JsonValue {
      const match = Object.entries(setValues).find(([key]) => key.toLowerCase() === name.toLowerCase());
      if (!match) throw new EvaluationError(`parameter '${name}' is not declared by the initiative`);
      return match[1];
    },
    now: () => options.now ?? new Date(),
    apiVersion: options.apiVersion,
  };
  return set.members.map((member) => {
    const label = member.referenceId ?? member.policyDefinitionId;
    const definition = parse(find(lookup, member.policyDefinitionId));
    const values: ParameterValues = {};
    for (const [name, value] of member.parameters) {
      try {
        values[name] = evaluateTemplateValue(value, scope);
      } catch (error) {
        if (error instanceof EvaluationError) throw new AssignmentError(`member ${label}: ${error.message}`);
        throw error;
      }
    }
    const parameters = resolveFor(definition.parameters, values, `member ${label}`);
    return {
      definition,
      definitionId: member.policyDefinitionId,
      referenceId: member.referenceId,
      parameters,
      enforcementMode,
      policy: facts({
        assignmentId: assignment.id,
        definitionId: member.policyDefinitionId,
        setDefinitionId: assignment.policyDefinitionId,
        definitionReferenceId: member.referenceId,
      }),
    };
  });
}

/** Policy facts without the members nobody gave. */
function facts(values: Partial<Record<keyof PolicyFacts, string | undefined>>): PolicyFacts {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as PolicyFacts;
}

function find(lookup: DefinitionLookup, id: string): unknown {
  const document = lookup(id);
  if (document === undefined || document === null)
    throw new AssignmentError(`policy definition '${id}' was not found`);
  return document;
}

function isPolicySet(document: unknown): boolean {
  if (!isJsonObject(document)) return false;
  return getProperty(unwrapProperties(document, "policyDefinitions").body, "policyDefinitions") !== undefined;
}

function resolveFor(
  declared: readonly ParameterDefinition[],
  supplied: ParameterValues,
  label: string,
): Record<string, JsonValue> {
  try {
    return resolveParameters(declared, supplied);
  } catch (error) {
    if (error instanceof EvaluationError) throw new AssignmentError(`${label}: ${error.message}`);
    throw error;
  }
}
