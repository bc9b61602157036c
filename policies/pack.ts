import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { typedForm } from "../infra/deployment-resource";
import { ArmTypes, type ArmView, armTypeOf, dataPlaneView, describeView, toArmView } from "./arm-view";
import type { AzurePolicyUnit } from "./azure-policies";
import {
  type CompiledDefinitionPolicy,
  type CompiledPolicy,
  type CompiledStackPolicy,
  compilePolicy,
  staticEffect,
} from "./compiled";
import { readPolicyEntry } from "./config";
import { evaluateAzureUnits, type Viewed } from "./evaluate-plan";
import { type BoundParameters, bindParameters, evaluateBound, type JsonValue } from "./evaluator";
import type { ProjectPolicy, StackResource } from "./policy";
import { projectPolicies } from "./registry";
import type { PolicyResult } from "./results";
import { enforcementForEffect, policyParameters, resolvePolicySettings } from "./settings";

type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

/**
 * JSON Schema of a policy's parameters, so `--policy-pack-config` values are checked by Pulumi.
 * The engine hands the pack every schema default as if configured, so parameters bound to the context
 * carry no default: otherwise the default would always win over the context.
 */
function configSchema(policy: CompiledPolicy): PolicyConfigSchema {
  const properties: PolicyConfigSchema["properties"] = {};
  if (policy.kind === "stack") {
    for (const [name, value] of Object.entries(policy.policy.parameters)) {
      properties[name] = {
        type: typeof value === "number" ? "number" : Array.isArray(value) ? "array" : "string",
        default: value,
      };
    }
    return { properties };
  }
  const jsonType: Record<string, "array" | "string" | "integer" | "boolean" | "object" | "number"> = {
    array: "array",
    string: "string",
    integer: "integer",
    boolean: "boolean",
    object: "object",
    float: "number",
  };
  for (const parameter of policy.parameters) {
    const schema: Record<string, unknown> = {
      type: jsonType[String(parameter.type).toLowerCase()] ?? "string",
    };
    if (parameter.defaultValue !== undefined && !policy.contextBound.has(parameter.name.toLowerCase()))
      schema.default = parameter.defaultValue;
    if (parameter.allowedValues !== undefined && schema.type === "string")
      schema.enum = parameter.allowedValues;
    properties[parameter.name] = schema as PolicyConfigSchema["properties"][string];
  }
  return { properties };
}

function base(policy: CompiledPolicy) {
  // The level a policy has where it applies at all: a policy the context switches off elsewhere (for
  // example pinned-model-version outside protected environments) must still be called, so it is not
  // registered as disabled; each resource's `protect` option decides per call.
  const settings = resolvePolicySettings(policy, {}, { protect: true });
  const { description, id, remediation, severity } = policy.policy;
  return {
    name: policy.policy.name,
    description: `${description} [${id}]`,
    enforcementLevel: settings.enforcement,
    severity,
    remediationSteps: remediation,
    configSchema: configSchema(policy),
  };
}

function violationMessage(policy: ProjectPolicy, subject: string, detail: string): string {
  return `${policy.id} ${subject}: ${detail}. ${policy.remediation}`;
}

/**
 * A definition policy's parameters, bound once per configuration and protection rather than per
 * resource: the engine configures the pack once, then asks about every resource.
 */
function parameterBinder(
  policy: CompiledDefinitionPolicy,
): (config: Record<string, JsonValue>, protect: boolean) => BoundParameters {
  const last = new Map<boolean, { key: string; bound: BoundParameters }>();
  return (config, protect) => {
    const key = JSON.stringify(config);
    const cached = last.get(protect);
    if (cached?.key === key) return cached.bound;
    const parameters = policyParameters(policy, readPolicyEntry(config), { protect });
    const bound = bindParameters(policy.definition.parsed, parameters);
    last.set(protect, { key, bound });
    return bound;
  };
}

function evaluateView(
  policy: CompiledDefinitionPolicy,
  view: ArmView,
  parameters: BoundParameters,
): string | undefined {
  const evaluation = evaluateBound(policy.definition.parsed, parameters, view);
  if (evaluation.outcome === "non-compliant") return `does not comply (effect ${evaluation.effect})`;
  if (evaluation.outcome === "error")
    return `could not be evaluated, which counts as non-compliant: ${evaluation.message}`;
  return undefined;
}

function resourcePolicy(policy: CompiledDefinitionPolicy): ResourceValidationPolicy {
  const types = policy.definition.targetTypes;
  const bind = parameterBinder(policy);
  return {
    ...base(policy),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const armType = armTypeOf(args.type, args.props);
      if (!armType || (types && !types.includes(armType.toLowerCase()))) return;
      const view = toArmView(args.type, args.props);
      if (!view) return;
      const parameters = bind(args.getConfig<Record<string, JsonValue>>(), args.opts.protect);
      const problem = evaluateView(policy, view, parameters);
      if (problem) report(violationMessage(policy.policy, describeView(view), problem));
    },
  };
}

/** `resource group/account` of a resource, in lower case, whichever azure-native type wrote it. */
function accountOf(resource: PolicyResource): string {
  const { inputs } = typedForm(resource.type, resource.props);
  return `${String(inputs.resourceGroupName).toLowerCase()}/${String(inputs.accountName).toLowerCase()}`;
}

function sameAccount(a: PolicyResource, b: PolicyResource): boolean {
  return accountOf(a) === accountOf(b);
}

/** Data-plane definitions see a deployment joined with its content filter: only the stack has both. */
function dataPlanePolicy(policy: CompiledDefinitionPolicy): StackValidationPolicy {
  const bind = parameterBinder(policy);
  return {
    ...base(policy),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const config = args.getConfig<Record<string, JsonValue>>();
      const filters = args.resources.filter((r) => armTypeOf(r.type, r.props) === ArmTypes.raiPolicy);
      // A filter's view is made once, when the first deployment that uses it is checked.
      const filterViews = new Map<PolicyResource, ArmView | undefined>();
      const filterView = (filter: PolicyResource): ArmView | undefined => {
        if (!filterViews.has(filter)) filterViews.set(filter, toArmView(filter.type, filter.props));
        return filterViews.get(filter);
      };
      for (const resource of args.resources) {
        if (armTypeOf(resource.type, resource.props) !== ArmTypes.deployment) continue;
        const view = toArmView(resource.type, resource.props);
        if (!view) continue;
        const filterName = String(view.properties.raiPolicyName ?? "").toLowerCase();
        const filter = filters.find(
          (f) => sameAccount(f, resource) && String(f.props.raiPolicyName).toLowerCase() === filterName,
        );
        const parameters = bind(config, resource.opts.protect);
        const problem = evaluateView(
          policy,
          dataPlaneView(view, filter ? filterView(filter) : undefined),
          parameters,
        );
        if (problem) report(violationMessage(policy.policy, describeView(view), problem), resource.urn);
      }
    },
  };
}

function crossResourcePolicy(policy: CompiledStackPolicy): StackValidationPolicy {
  const { id, remediation } = policy.policy;
  return {
    ...base(policy),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const entry = readPolicyEntry(args.getConfig<Record<string, JsonValue>>());
      const parameters = policyParameters(policy, entry, { protect: false });
      const byName = new Map<string, PolicyResource>();
      const resources: StackResource[] = [];
      for (const resource of args.resources) {
        const view = toArmView(resource.type, resource.props);
        if (!view) continue;
        byName.set(resource.name, resource);
        resources.push({ name: resource.name, accountId: view.id.split("/").slice(0, 9).join("/"), view });
      }
      for (const violation of policy.policy.check(resources, parameters)) {
        report(`${id} ${violation.message}. ${remediation}`, byName.get(violation.resource)?.urn);
      }
    },
  };
}

/** The CrossGuard policies of the pack: one per project policy, enforcement following each effect. */
export function packPolicies(policies: readonly ProjectPolicy[] = projectPolicies()): PackPolicy[] {
  return policies.map((policy) => {
    const compiled = compilePolicy(policy);
    if (compiled.kind === "stack") return crossResourcePolicy(compiled);
    return compiled.definition.dataPlane ? dataPlanePolicy(compiled) : resourcePolicy(compiled);
  });
}

/** The stack's resources in ARM shape, deployments with their data-plane view, keyed by URN. */
function stackViews(resources: readonly PolicyResource[]): Viewed[] {
  const viewed: Viewed[] = [];
  const filters = new Map<string, ArmView>();
  for (const resource of resources) {
    const view = toArmView(resource.type, resource.props);
    if (!view) continue;
    if (view.type === ArmTypes.raiPolicy)
      filters.set(`${accountOf(resource)}/${view.name.toLowerCase()}`, view);
    viewed.push({
      resource: {
        name: resource.urn,
        type: resource.type,
        account: accountOf(resource),
        source: { file: "", line: 0, column: 0, path: "" },
      },
      control: view,
    });
  }
  for (const v of viewed) {
    if (v.control.type !== ArmTypes.deployment) continue;
    const filterName = String(v.control.properties.raiPolicyName ?? "").toLowerCase();
    v.dataPlane = dataPlaneView(v.control, filters.get(`${v.resource.account}/${filterName}`));
  }
  return viewed;
}

/**
 * The level CrossGuard gives an assignment: its effect's (Deny mandatory; Audit, AuditIfNotExists
 * advisory; Disabled disabled), advisory under DoNotEnforce. Effects Azure applies itself (Modify,
 * DeployIfNotExists) are advisory: CrossGuard's `remediate` means the pack changes the resource.
 */
export function azureEnforcement(unit: AzurePolicyUnit): "advisory" | "mandatory" | "disabled" {
  const level = enforcementForEffect(staticEffect(unit.definition.parsed, unit.parameters));
  if (level === "disabled") return "disabled";
  if (!unit.enforced) return "advisory";
  return level === "remediate" ? "advisory" : level;
}

/** A unit's CrossGuard policy name: the code the CLI reports (`azure-policy/<name>`), made unique. */
export function azurePolicyNames(units: readonly AzurePolicyUnit[]): string[] {
  const seen = new Map<string, number>();
  return units.map((unit) => {
    const base = `azure-policy-${unit.name}`.slice(0, 90);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

/** Finds worth reporting, as the CLI's policyDiagnostics chooses them. */
function reportable(result: PolicyResult): boolean {
  return (
    (result.outcome === "non-compliant" || result.outcome === "error") && result.enforcement !== "disabled"
  );
}

/**
 * One stack policy per assignment × definition of users' Azure Policy (policies/azure/), evaluated as
 * the offline check evaluates them: on the whole stack, so that existence effects see the planned
 * resources and Modify changes what the rest evaluate. The evaluation is shared by every unit's policy.
 */
export function azurePackPolicies(
  units: readonly AzurePolicyUnit[],
  loadDiagnostics: readonly Diagnostic[] = [],
): PackPolicy[] {
  const evaluated = new WeakMap<readonly PolicyResource[], PolicyResult[]>();
  const resultsOf = (resources: readonly PolicyResource[]) => {
    let results = evaluated.get(resources);
    if (!results) {
      results = evaluateAzureUnits(stackViews(resources), units, {});
      evaluated.set(resources, results);
    }
    return results;
  };
  const names = azurePolicyNames(units);
  const policies: PackPolicy[] = units.map((unit, index) => ({
    name: names[index] as string,
    description: `${unit.displayName} [${unit.id}]`,
    enforcementLevel: azureEnforcement(unit),
    severity: "medium",
    remediationSteps: `See the Azure Policy definition ${unit.definitionId}.`,
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      for (const result of resultsOf(args.resources)) {
        if (result.policy.id !== unit.id || !reportable(result)) continue;
        report(`${result.message} [${unit.id}]`, result.resource.name);
      }
    },
  }));
  if (loadDiagnostics.length > 0) {
    policies.push({
      name: "azure-policy-files",
      description: "The Azure Policy files the pack enforces (policies/azure/) are readable",
      enforcementLevel: "mandatory",
      severity: "high",
      validateStack: (_args: StackValidationArgs, report: ReportViolation) => {
        for (const d of loadDiagnostics) report(`${d.file}: ${d.message}. ${d.hint ?? ""}`.trim());
      },
    });
  }
  return policies;
}
