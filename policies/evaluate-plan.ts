import type { Diagnostic, SourceLocation } from "../diagnostics/diagnostic";
import type { ResourceGraph, ResourceNode } from "../infra/graph";
import { ArmTypes, type ArmView, describeView, graphArmViews, PLACEHOLDER_SUBSCRIPTION } from "./arm-view";
import type { AzurePolicyUnit } from "./azure-policies";
import {
  type CompiledDefinition,
  type CompiledDefinitionPolicy,
  type CompiledStackPolicy,
  compilePolicy,
  staticEffect,
} from "./compiled";
import type { PolicyConfigFile } from "./config";
import {
  type BoundParameters,
  bindParameters,
  describeModification,
  type EvaluationOptions,
  evaluateBound,
  explainMatch,
  fieldPath,
  isJsonObject,
  type JsonObject,
  type MatchReason,
  type PolicyEvaluation,
  type RelatedResources,
} from "./evaluator";
import { fieldLocation, type LocatableDocument } from "./field-locations";
import type { PolicyContext, ProjectPolicy, StackResource } from "./policy";
import { projectPolicies } from "./registry";
import type { Outcome, PolicyResult } from "./results";
import { enforcementForEffect, resolvePolicySettings } from "./settings";

/**
 * The Azure REST API version the graph writes Microsoft.CognitiveServices resources with, which
 * `requestContext().apiVersion` returns: @pulumi/azure-native 3.28.0, cognitiveservices/account.d.ts
 * ("Uses Azure REST API version 2025-06-01").
 */
export const WRITTEN_API_VERSION = "2025-06-01";

/** Resource types the plan writes: of these it knows every one; of any other type, none. */
const PLANNED_TYPES = new Set(Object.values(ArmTypes).map((t) => t.toLowerCase()));

export interface PolicyRunOptions {
  config?: PolicyConfigFile;
  context: PolicyContext;
  subscription?: string;
  /** Users' own Azure Policy assignments, expanded (policies/azure/). */
  azureUnits?: readonly AzurePolicyUnit[];
  policies?: readonly ProjectPolicy[];
  now?: Date;
  /** The parsed file: findings then point at the key that sets the field a policy read. */
  document?: LocatableDocument;
  /** The environment the plan applies, whose overrides set fields before the declarations do. */
  environment?: string | null;
}

/** A planned resource with its ARM views: the control-plane view, and a deployment's data-plane view. */
export interface Viewed {
  resource: PolicyResult["resource"];
  control: ArmView;
  dataPlane?: ArmView;
}

function resourceOf(node: ResourceNode): PolicyResult["resource"] {
  const resource: PolicyResult["resource"] = { name: node.name, type: node.type, source: node.source };
  if (node.account !== undefined) resource.account = node.account;
  return resource;
}

function viewsOf(graph: ResourceGraph, subscription: string | undefined): Viewed[] {
  const { control, dataPlane } = graphArmViews(graph, subscription);
  const planes = new Map(dataPlane.map((d) => [d.node.name, d.view]));
  return control.map(({ node, view }) => {
    const viewed: Viewed = { resource: resourceOf(node), control: view };
    const plane = planes.get(node.name);
    if (plane) viewed.dataPlane = plane;
    return viewed;
  });
}

function evaluationOutcome(evaluation: PolicyEvaluation): { outcome: Outcome; detail: string } {
  switch (evaluation.outcome) {
    case "compliant":
      return { outcome: "compliant", detail: "compliant" };
    case "non-compliant":
      return { outcome: "non-compliant", detail: `matched (effect ${evaluation.effect})` };
    case "not-applicable":
      return { outcome: "not-applicable", detail: evaluation.reason };
    case "error":
      return { outcome: "error", detail: `evaluation failed: ${evaluation.message}` };
    case "undetermined":
      return { outcome: "not-applicable", detail: `cannot be decided offline: ${evaluation.reason}` };
  }
}

/**
 * Evaluates one compiled definition, its parameters bound once, on every resource; types it is not
 * written for are not applicable.
 */
function evaluateDefinitionOnAll(
  definition: CompiledDefinition,
  parameters: BoundParameters,
  viewed: readonly Viewed[],
  now: Date | undefined,
  excluded: (v: Viewed) => string | undefined = () => undefined,
): {
  viewed: Viewed;
  outcome: Outcome;
  effect: string | null;
  detail: string;
  subject: string;
  evaluation?: PolicyEvaluation;
  /** For a plain match: the field conditions that decided it. */
  reasons?: MatchReason[];
  /** The view evaluated. */
  view?: ArmView;
}[] {
  const types = definition.targetTypes;
  const options: Omit<EvaluationOptions, "parameters"> = {
    apiVersion: WRITTEN_API_VERSION,
    related: relatedIn(viewed),
  };
  if (now) options.now = now;
  return viewed.map((v) => {
    const outside = excluded(v);
    if (outside !== undefined)
      return {
        viewed: v,
        outcome: "not-applicable" as const,
        effect: null,
        detail: outside,
        subject: describeView(v.control),
      };
    const view = definition.dataPlane ? v.dataPlane : v.control;
    if (!view || (types && !types.includes(view.type.toLowerCase()))) {
      const what = types ? types.join(", ") : "other resources";
      return {
        viewed: v,
        outcome: "not-applicable" as const,
        effect: null,
        detail: `applies to ${what}`,
        subject: describeView(v.control),
      };
    }
    const evaluation = evaluateBound(definition.parsed, parameters, view, options);
    const { outcome, detail } = evaluationOutcome(evaluation);
    const plainMatch =
      evaluation.outcome === "non-compliant" && !evaluation.modifications && !evaluation.reason;
    return {
      viewed: v,
      outcome,
      effect: evaluation.effect ?? null,
      detail,
      subject: describeView(view),
      evaluation,
      view,
      ...(plainMatch ? { reasons: explainMatch(definition.parsed, parameters, view, options) } : {}),
      // A Modify notice points at the key of the (last) field Azure changes, when the file writes it.
      ...(evaluation.outcome === "non-compliant" && evaluation.modifications
        ? {
            reasons: evaluation.modifications.map((m) => ({
              field: m.field,
              path: fieldPath(m.field, view.type),
              found: null,
              requirement: "",
            })),
          }
        : {}),
    };
  });
}

/** What a finding says the policy read: the deciding field, what was found, and what complies. */
function foundAndRequired(reasons: readonly MatchReason[] | undefined): string {
  const reason = reasons?.[reasons.length - 1];
  if (!reason) return "";
  if (reason.selector) {
    const which = Object.entries(reason.selector)
      .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
      .join(", ");
    const elements = Array.isArray(reason.found) ? reason.found : [];
    const held =
      elements.length === 0
        ? "none"
        : elements
            .map((element) =>
              Object.entries(element as Record<string, unknown>)
                .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
                .join(", "),
            )
            .join("; ");
    return `: found ${reason.field} with ${which}: ${held}, allowed: one with ${reason.requirement}`;
  }
  return `: found ${reason.field} = ${JSON.stringify(reason.found)}, allowed: ${reason.field} ${reason.requirement}`;
}

/** The YAML key that sets the deciding field, trying the last deciding condition first. */
function findingLocation(
  r: { reasons?: MatchReason[]; view?: ArmView; viewed: Viewed },
  options: Pick<PolicyRunOptions, "document" | "environment">,
): SourceLocation | undefined {
  const { document } = options;
  if (!document || !r.reasons || !r.view) return undefined;
  for (const reason of [...r.reasons].reverse()) {
    if (!reason.path) continue;
    const at = fieldLocation(
      document,
      r.view.type,
      r.viewed.resource.source,
      reason.path,
      options.environment ?? null,
      reason.selector,
    );
    if (at) return at;
  }
  return undefined;
}

/** The planned views by lower-case type, built once per list of views (every definition shares it). */
const viewsByType = new WeakMap<readonly Viewed[], Map<string, ArmView[]>>();

function viewsOfType(viewed: readonly Viewed[], type: string): ArmView[] {
  let byType = viewsByType.get(viewed);
  if (!byType) {
    byType = new Map();
    for (const v of viewed) {
      for (const view of [v.control, v.dataPlane]) {
        if (!view) continue;
        const t = view.type.toLowerCase();
        const list = byType.get(t);
        if (list) list.push(view);
        else byType.set(t, [view]);
      }
    }
    viewsByType.set(viewed, byType);
  }
  return byType.get(type) ?? [];
}

/** The planned resources of a type, for auditIfNotExists and deployIfNotExists; other types are unknown. */
function relatedIn(viewed: readonly Viewed[]): RelatedResources {
  return (type) => {
    const key = type.toLowerCase();
    return PLANNED_TYPES.has(key) ? viewsOfType(viewed, key) : undefined;
  };
}

/** Whether `id` is `scope` or under it, ids compared as Azure compares them (any case). */
function within(id: string, scope: string, subscription: string | undefined): boolean {
  let s = scope.toLowerCase().replace(/\/+$/, "");
  // An assignment at a management group: the file does not say which groups a subscription is in.
  if (s.includes("/providers/microsoft.management/managementgroups/")) return true;
  const i = id.toLowerCase();
  // Without a subscription in the file, ids carry a placeholder: any subscription's scope matches it.
  if (subscription === undefined)
    s = s.replace(/^\/subscriptions\/[^/]+/, `/subscriptions/${PLACEHOLDER_SUBSCRIPTION}`);
  return i === s || i.startsWith(`${s}/`);
}

/** Why an assignment does not apply to a resource: outside its scope, or under one of its notScopes. */
function exclusion(
  unit: AzurePolicyUnit,
  subscription: string | undefined,
): (v: Viewed) => string | undefined {
  return (v) => {
    const id = v.control.id;
    if (unit.scope !== undefined && !within(id, unit.scope, subscription))
      return `outside the assignment's scope ${unit.scope}`;
    const excludedBy = (unit.notScopes ?? []).find((scope) => within(id, scope, subscription));
    return excludedBy === undefined ? undefined : `excluded by the assignment's notScopes (${excludedBy})`;
  };
}

function definitionResults(
  compiled: CompiledDefinitionPolicy,
  viewed: readonly Viewed[],
  options: PolicyRunOptions,
): PolicyResult[] {
  const { policy, definition } = compiled;
  const settings = resolvePolicySettings(compiled, options.config ?? {}, options.context);
  const displayName = definition.parsed.displayName ?? policy.name;
  const meta: PolicyResult["policy"] = {
    id: policy.id,
    name: policy.name,
    definition: `policies/definitions/${policy.definitionFile}`,
    displayName,
    severity: policy.severity,
    remediation: policy.remediation,
    origin: "project",
  };
  if (policy.follows) meta.follows = policy.follows;
  const parameters = bindParameters(definition.parsed, settings.parameters);
  return evaluateDefinitionOnAll(definition, parameters, viewed, options.now).map((r) => {
    const result: PolicyResult = {
      policy: meta,
      resource: r.viewed.resource,
      outcome: r.outcome,
      effect: r.effect ?? settings.effect,
      enforcement: settings.enforcement,
      message:
        r.outcome === "non-compliant"
          ? `${displayName}: ${r.subject} does not comply${foundAndRequired(r.reasons)}`
          : r.detail,
    };
    const at = findingLocation(r, options);
    if (at) result.at = at;
    return result;
  });
}

function stackResults(
  compiled: CompiledStackPolicy,
  viewed: readonly Viewed[],
  options: PolicyRunOptions,
): PolicyResult[] {
  const { policy } = compiled;
  const settings = resolvePolicySettings(compiled, options.config ?? {}, options.context);
  const resources: StackResource[] = viewed.map((v) => ({
    name: v.resource.name,
    accountId: v.control.id.split("/").slice(0, 9).join("/"),
    view: v.control,
  }));
  const violations = policy.check(resources, settings.parameters);
  const byResource = new Map<string, string[]>();
  for (const v of violations) byResource.set(v.resource, [...(byResource.get(v.resource) ?? []), v.message]);
  const meta: PolicyResult["policy"] = {
    id: policy.id,
    name: policy.name,
    definition: `stack policy ${policy.name}`,
    displayName: policy.description,
    severity: policy.severity,
    remediation: policy.remediation,
    origin: "project",
  };
  return viewed.map((v) => {
    const messages = byResource.get(v.resource.name);
    const relevant = v.control.type === ArmTypes.deployment;
    const outcome: Outcome = messages ? "non-compliant" : relevant ? "compliant" : "not-applicable";
    return {
      policy: meta,
      resource: v.resource,
      outcome,
      effect: settings.effect,
      enforcement: settings.enforcement,
      message: messages ? messages.join("; ") : relevant ? "compliant" : "applies to deployments",
    };
  });
}

function azureMeta(unit: AzurePolicyUnit): PolicyResult["policy"] {
  return {
    id: unit.id,
    name: unit.name,
    definition: unit.definitionId,
    displayName: unit.displayName,
    severity: "medium",
    remediation: `See the Azure Policy definition ${unit.definitionId}.`,
    origin: "azure",
  };
}

/**
 * The result of one unit on one resource. Effects as Azure applies them on a create or update: Modify
 * changes the request (a notice, `remediate`), DenyAction never applies (it blocks deletes), an existence
 * effect that cannot be decided offline is neither a pass nor a finding. With DoNotEnforce nothing is
 * applied or denied: matches are reported as audits (advisory).
 */
function azureResult(
  unit: AzurePolicyUnit,
  r: ReturnType<typeof evaluateDefinitionOnAll>[number],
  options: Pick<PolicyRunOptions, "document" | "environment">,
): PolicyResult {
  const effect = r.effect ?? "audit";
  const enforcement = unit.enforced ? enforcementForEffect(effect) : "advisory";
  const evaluation = r.evaluation;
  let message = r.detail;
  if (r.outcome === "non-compliant") {
    const parts = [`${unit.displayName}: ${r.subject} does not comply${foundAndRequired(r.reasons)}`];
    if (evaluation?.outcome === "non-compliant" && evaluation.reason) parts[0] += ` (${evaluation.reason})`;
    if (evaluation?.outcome === "non-compliant" && evaluation.modifications) {
      const changes = evaluation.modifications.map(describeModification).join("; ");
      parts[0] = unit.enforced
        ? `${unit.displayName}: Azure will change ${r.subject} when it is written: ${changes || "no operation applies"}`
        : `${unit.displayName}: ${r.subject} does not comply; Azure would change it (${changes}) but the assignment is DoNotEnforce`;
    }
    if (unit.nonComplianceMessage) parts.push(unit.nonComplianceMessage);
    message = parts.join(". ");
  }
  const result: PolicyResult = {
    policy: azureMeta(unit),
    resource: r.viewed.resource,
    outcome: r.outcome,
    effect: r.effect,
    enforcement,
    message,
  };
  const at = findingLocation(r, options);
  if (at) result.at = at;
  if (evaluation?.outcome === "undetermined") result.undecided = true;
  if (evaluation?.outcome === "not-applicable" && evaluation.blocksDelete && unit.enforced)
    result.blocksDelete = true;
  if (evaluation?.outcome === "non-compliant" && evaluation.modifications && unit.enforced)
    result.modifications = evaluation.modifications.map(describeModification);
  return result;
}

function azureResults(
  unit: AzurePolicyUnit,
  viewed: readonly Viewed[],
  options: PolicyRunOptions,
): { results: PolicyResult[]; raw: ReturnType<typeof evaluateDefinitionOnAll> } {
  const parameters = bindParameters(unit.definition.parsed, unit.parameters);
  const raw = evaluateDefinitionOnAll(
    unit.definition,
    parameters,
    viewed,
    options.now,
    exclusion(unit, options.subscription),
  );
  return { results: raw.map((r) => azureResult(unit, r, options)), raw };
}

/** Whether a unit's effect (for its parameters) is Modify: such units run first, as Azure runs them. */
function isModify(unit: AzurePolicyUnit): boolean {
  return staticEffect(unit.definition.parsed, unit.parameters) === "modify";
}

/** A view with what Modify changed: tags and properties (the parts Modify may write), the rest kept. */
function modifiedView(view: ArmView, modified: JsonObject): ArmView {
  const changed: ArmView = { ...view, properties: (modified.properties ?? {}) as Record<string, unknown> };
  if (isJsonObject(modified.tags)) changed.tags = modified.tags as Record<string, string>;
  else delete changed.tags;
  if (isJsonObject(modified.identity)) changed.identity = modified.identity as { type: string };
  if (isJsonObject(modified.sku)) changed.sku = modified.sku as { name: string };
  return changed;
}

/**
 * The resources once the enforced Modify assignments changed them, as Azure changes a request before
 * evaluating the rest: every other policy sees the modified resource.
 */
function applyModifications(
  viewed: readonly Viewed[],
  raw: ReturnType<typeof evaluateDefinitionOnAll>,
): Viewed[] {
  return viewed.map((v, index) => {
    const evaluation = raw[index]?.evaluation;
    if (evaluation?.outcome !== "non-compliant" || !evaluation.modified) return v;
    const control = modifiedView(v.control, evaluation.modified);
    const modified: Viewed = { resource: v.resource, control };
    if (v.dataPlane) modified.dataPlane = v.dataPlane;
    return modified;
  });
}

/** Every resource of the graph against every policy: the project's pack and users' Azure Policy. */
export function evaluateGraphPolicies(graph: ResourceGraph, options: PolicyRunOptions): PolicyResult[] {
  const { viewed, modifyResults } = modifiedViews(viewsOf(graph, options.subscription), options);
  const azureUnits = options.azureUnits ?? [];
  // One result per (resource × policy): hundreds of thousands for a large estate with Azure's built-ins,
  // too many to spread into one call's arguments.
  const results: PolicyResult[] = [];
  for (const policy of options.policies ?? projectPolicies()) {
    const compiled = compilePolicy(policy);
    const found =
      compiled.kind === "definition"
        ? definitionResults(compiled, viewed, options)
        : stackResults(compiled, viewed, options);
    for (const result of found) results.push(result);
  }
  for (const result of azureUnitResults(azureUnits, viewed, modifyResults, options)) results.push(result);
  return results;
}

/** Enforced Modify assignments applied in order; their own results are on the resources as written. */
function modifiedViews(
  viewed: readonly Viewed[],
  options: PolicyRunOptions,
): { viewed: readonly Viewed[]; modifyResults: Map<AzurePolicyUnit, PolicyResult[]> } {
  let current = viewed;
  const modifyResults = new Map<AzurePolicyUnit, PolicyResult[]>();
  for (const unit of (options.azureUnits ?? []).filter(isModify)) {
    const { results, raw } = azureResults(unit, current, options);
    modifyResults.set(unit, results);
    if (unit.enforced) current = applyModifications(current, raw);
  }
  return { viewed: current, modifyResults };
}

function azureUnitResults(
  units: readonly AzurePolicyUnit[],
  viewed: readonly Viewed[],
  modifyResults: ReadonlyMap<AzurePolicyUnit, PolicyResult[]>,
  options: PolicyRunOptions,
): PolicyResult[] {
  return units.flatMap((unit) => modifyResults.get(unit) ?? azureResults(unit, viewed, options).results);
}

/**
 * Users' Azure Policy on resources already in ARM shape (the CrossGuard pack's stack): the same
 * evaluation as the offline check, Modify first, each result keyed by the resource given.
 */
export function evaluateAzureUnits(
  viewed: readonly Viewed[],
  units: readonly AzurePolicyUnit[],
  options: Omit<PolicyRunOptions, "azureUnits" | "policies" | "config" | "context">,
): PolicyResult[] {
  const run: PolicyRunOptions = { ...options, context: { protect: false }, azureUnits: units };
  const modified = modifiedViews(viewed, run);
  return azureUnitResults(units, modified.viewed, modified.modifyResults, run);
}

/** Findings worth telling: non-compliant or failed evaluations of enforced policies, as Diagnostics. */
export function policyDiagnostics(results: readonly PolicyResult[]): Diagnostic[] {
  return results
    .filter((r) => (r.outcome === "non-compliant" || r.outcome === "error") && r.enforcement !== "disabled")
    .map(
      (r): Diagnostic => ({
        code: r.policy.origin === "project" ? `policy/${r.policy.name}` : `azure-policy/${r.policy.name}`,
        // A Modify Azure applies is a notice: the resource is changed, not refused.
        severity: r.enforcement === "mandatory" ? "error" : r.modifications ? "info" : "warning",
        message: `${r.message} [${r.policy.id}, ${r.enforcement}]`,
        file: (r.at ?? r.resource.source).file,
        line: (r.at ?? r.resource.source).line,
        column: (r.at ?? r.resource.source).column,
        path: (r.at ?? r.resource.source).path,
        hint: r.policy.remediation,
      }),
    );
}
