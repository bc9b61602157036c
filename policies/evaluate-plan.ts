import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ResourceGraph, ResourceNode } from "../infra/graph";
import { ArmTypes, type ArmView, describeView, graphArmViews } from "./arm-view";
import type { AzurePolicyUnit } from "./azure-policies";
import {
  type CompiledDefinition,
  type CompiledDefinitionPolicy,
  type CompiledStackPolicy,
  compilePolicy,
} from "./compiled";
import type { PolicyConfigFile } from "./config";
import {
  type BoundParameters,
  bindParameters,
  type EvaluationOptions,
  evaluateBound,
  type PolicyEvaluation,
} from "./evaluator";
import type { PolicyContext, ProjectPolicy, StackResource } from "./policy";
import { projectPolicies } from "./registry";
import type { Outcome, PolicyResult } from "./results";
import { enforcementForEffect, resolvePolicySettings } from "./settings";

export interface PolicyRunOptions {
  config?: PolicyConfigFile;
  context: PolicyContext;
  subscription?: string;
  /** Users' own Azure Policy assignments, expanded (policies/azure/). */
  azureUnits?: readonly AzurePolicyUnit[];
  policies?: readonly ProjectPolicy[];
  now?: Date;
}

interface Viewed {
  node: ResourceNode;
  control: ArmView;
  dataPlane?: ArmView;
}

function resourceOf(node: ResourceNode): PolicyResult["resource"] {
  return { name: node.name, type: node.type, account: node.account, source: node.source };
}

function viewsOf(graph: ResourceGraph, subscription: string | undefined): Viewed[] {
  const { control, dataPlane } = graphArmViews(graph, subscription);
  const planes = new Map(dataPlane.map((d) => [d.node.name, d.view]));
  return control.map(({ node, view }) => {
    const viewed: Viewed = { node, control: view };
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
): { viewed: Viewed; outcome: Outcome; effect: string | null; detail: string; subject: string }[] {
  const types = definition.targetTypes;
  const options: Omit<EvaluationOptions, "parameters"> = now ? { now } : {};
  return viewed.map((v) => {
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
    return { viewed: v, outcome, effect: evaluation.effect ?? null, detail, subject: describeView(view) };
  });
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
  return evaluateDefinitionOnAll(definition, parameters, viewed, options.now).map((r) => ({
    policy: meta,
    resource: resourceOf(r.viewed.node),
    outcome: r.outcome,
    effect: r.effect ?? settings.effect,
    enforcement: settings.enforcement,
    message: r.outcome === "non-compliant" ? `${displayName}: ${r.subject} does not comply` : r.detail,
  }));
}

function stackResults(
  compiled: CompiledStackPolicy,
  viewed: readonly Viewed[],
  options: PolicyRunOptions,
): PolicyResult[] {
  const { policy } = compiled;
  const settings = resolvePolicySettings(compiled, options.config ?? {}, options.context);
  const resources: StackResource[] = viewed.map((v) => ({
    name: v.node.name,
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
    const messages = byResource.get(v.node.name);
    const relevant = v.control.type === ArmTypes.deployment;
    const outcome: Outcome = messages ? "non-compliant" : relevant ? "compliant" : "not-applicable";
    return {
      policy: meta,
      resource: resourceOf(v.node),
      outcome,
      effect: settings.effect,
      enforcement: settings.enforcement,
      message: messages ? messages.join("; ") : relevant ? "compliant" : "applies to deployments",
    };
  });
}

function azureResults(
  unit: AzurePolicyUnit,
  viewed: readonly Viewed[],
  options: PolicyRunOptions,
): PolicyResult[] {
  const meta: PolicyResult["policy"] = {
    id: unit.id,
    name: unit.name,
    definition: unit.definitionId,
    displayName: unit.displayName,
    severity: "medium",
    remediation: `See the Azure Policy definition ${unit.definitionId}.`,
    origin: "azure",
  };
  const parameters = bindParameters(unit.definition.parsed, unit.parameters);
  return evaluateDefinitionOnAll(unit.definition, parameters, viewed, options.now).map((r) => {
    const effect = r.effect ?? "audit";
    const enforcement = unit.enforced ? enforcementForEffect(effect) : "advisory";
    return {
      policy: meta,
      resource: resourceOf(r.viewed.node),
      outcome: r.outcome,
      effect: r.effect,
      enforcement,
      message: r.outcome === "non-compliant" ? `${unit.displayName}: ${r.subject} does not comply` : r.detail,
    };
  });
}

/** Every resource of the graph against every policy: the project's pack and users' Azure Policy. */
export function evaluateGraphPolicies(graph: ResourceGraph, options: PolicyRunOptions): PolicyResult[] {
  const viewed = viewsOf(graph, options.subscription);
  const results: PolicyResult[] = [];
  for (const policy of options.policies ?? projectPolicies()) {
    const compiled = compilePolicy(policy);
    results.push(
      ...(compiled.kind === "definition"
        ? definitionResults(compiled, viewed, options)
        : stackResults(compiled, viewed, options)),
    );
  }
  for (const unit of options.azureUnits ?? []) results.push(...azureResults(unit, viewed, options));
  return results;
}

/** Findings worth telling: non-compliant or failed evaluations of enforced policies, as Diagnostics. */
export function policyDiagnostics(results: readonly PolicyResult[]): Diagnostic[] {
  return results
    .filter((r) => (r.outcome === "non-compliant" || r.outcome === "error") && r.enforcement !== "disabled")
    .map(
      (r): Diagnostic => ({
        code: r.policy.origin === "project" ? `policy/${r.policy.name}` : `azure-policy/${r.policy.name}`,
        severity: r.enforcement === "mandatory" ? "error" : "warning",
        message: `${r.message} [${r.policy.id}, ${r.enforcement}]`,
        file: r.resource.source.file,
        line: r.resource.source.line,
        column: r.resource.source.column,
        path: r.resource.source.path,
        hint: r.policy.remediation,
      }),
    );
}
