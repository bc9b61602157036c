import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { ArmTypes, type ArmView, armTypeOf, dataPlaneView, describeView, toArmView } from "./arm-view";
import { type EvaluationOptions, evaluatePolicy, type JsonValue, parseDefinition } from "./evaluator";
import type { DefinitionPolicy, ProjectPolicy, StackPolicy, StackResource } from "./policy";
import { projectPolicies } from "./registry";
import { policySettings } from "./settings";
import { targetTypes } from "./target-types";

type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

const DATA_PLANE_MODE = "microsoft.cognitiveservices.data";

/** Parameters a policy takes from the deployment context (either way the context goes). */
function contextBound(policy: DefinitionPolicy): Set<string> {
  const keys = [true, false].flatMap((protect) => Object.keys(policy.contextParameters?.({ protect }) ?? {}));
  return new Set(keys.map((k) => k.toLowerCase()));
}

/**
 * JSON Schema of a definition's parameters, so `--policy-pack-config` values are checked by Pulumi.
 * The engine hands the pack every schema default as if configured, so parameters bound to the context
 * carry no default: otherwise the default would always win over the context.
 */
function configSchema(policy: ProjectPolicy): PolicyConfigSchema {
  const properties: PolicyConfigSchema["properties"] = {};
  if (policy.kind === "stack") {
    for (const [name, value] of Object.entries(policy.parameters)) {
      properties[name] = {
        type: typeof value === "number" ? "number" : Array.isArray(value) ? "array" : "string",
        default: value,
      };
    }
    return { properties };
  }
  const body = ((policy.definition as { properties?: unknown }).properties ?? policy.definition) as {
    parameters?: Record<string, { type?: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  };
  const jsonType: Record<string, "array" | "string" | "integer" | "boolean" | "object" | "number"> = {
    array: "array",
    string: "string",
    integer: "integer",
    boolean: "boolean",
    object: "object",
    float: "number",
  };
  const bound = contextBound(policy);
  for (const [name, parameter] of Object.entries(body.parameters ?? {})) {
    const schema: Record<string, unknown> = {
      type: jsonType[String(parameter.type).toLowerCase()] ?? "string",
    };
    if (parameter.defaultValue !== undefined && !bound.has(name.toLowerCase()))
      schema.default = parameter.defaultValue;
    if (parameter.allowedValues !== undefined && schema.type === "string")
      schema.enum = parameter.allowedValues;
    properties[name] = schema as PolicyConfigSchema["properties"][string];
  }
  return { properties };
}

function base(policy: ProjectPolicy) {
  // The level a policy has where it applies at all: a policy the context switches off elsewhere (for
  // example pinned-model-version outside protected environments) must still be called, so it is not
  // registered as disabled; each resource's `protect` option decides per call.
  const settings = policySettings(policy, {}, { protect: true });
  return {
    name: policy.name,
    description: `${policy.description} [${policy.id}]`,
    enforcementLevel: settings.enforcement,
    severity: policy.severity,
    remediationSteps: policy.remediation,
    configSchema: configSchema(policy),
  };
}

function violationMessage(policy: ProjectPolicy, subject: string, detail: string): string {
  return `${policy.id} ${subject}: ${detail}. ${policy.remediation}`;
}

function evaluateView(
  policy: DefinitionPolicy,
  view: ArmView,
  config: Record<string, JsonValue>,
  protect: boolean,
): string | undefined {
  const parameters = { ...(policy.contextParameters?.({ protect }) ?? {}), ...config };
  delete (parameters as Record<string, unknown>).enforcementLevel;
  const evaluation = evaluatePolicy(parseDefinition(policy.definition), view, {
    parameters: parameters as EvaluationOptions["parameters"],
  });
  if (evaluation.outcome === "non-compliant") return `does not comply (effect ${evaluation.effect})`;
  if (evaluation.outcome === "error")
    return `could not be evaluated, which counts as non-compliant: ${evaluation.message}`;
  return undefined;
}

function resourcePolicy(policy: DefinitionPolicy): ResourceValidationPolicy {
  const types = targetTypes(policy.definition);
  return {
    ...base(policy),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const armType = armTypeOf(args.type);
      if (!armType || (types && !types.includes(armType.toLowerCase()))) return;
      const view = toArmView(args.type, args.props);
      if (!view) return;
      const problem = evaluateView(
        policy,
        view,
        args.getConfig<Record<string, JsonValue>>(),
        args.opts.protect,
      );
      if (problem) report(violationMessage(policy, describeView(view), problem));
    },
  };
}

function sameAccount(a: PolicyResource, b: PolicyResource): boolean {
  return (
    String(a.props.accountName).toLowerCase() === String(b.props.accountName).toLowerCase() &&
    String(a.props.resourceGroupName).toLowerCase() === String(b.props.resourceGroupName).toLowerCase()
  );
}

/** Data-plane definitions see a deployment joined with its content filter: only the stack has both. */
function dataPlanePolicy(policy: DefinitionPolicy): StackValidationPolicy {
  return {
    ...base(policy),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const config = args.getConfig<Record<string, JsonValue>>();
      const filters = args.resources.filter((r) => armTypeOf(r.type) === ArmTypes.raiPolicy);
      for (const resource of args.resources) {
        if (armTypeOf(resource.type) !== ArmTypes.deployment) continue;
        const view = toArmView(resource.type, resource.props);
        if (!view) continue;
        const filterName = String(view.properties.raiPolicyName ?? "").toLowerCase();
        const filter = filters.find(
          (f) => sameAccount(f, resource) && String(f.props.raiPolicyName).toLowerCase() === filterName,
        );
        const filterView = filter ? toArmView(filter.type, filter.props) : undefined;
        const problem = evaluateView(policy, dataPlaneView(view, filterView), config, resource.opts.protect);
        if (problem) report(violationMessage(policy, describeView(view), problem), resource.urn);
      }
    },
  };
}

function crossResourcePolicy(policy: StackPolicy): StackValidationPolicy {
  return {
    ...base(policy),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const config = { ...policy.parameters, ...args.getConfig<Record<string, JsonValue>>() };
      const byName = new Map<string, PolicyResource>();
      const resources: StackResource[] = [];
      for (const resource of args.resources) {
        const view = toArmView(resource.type, resource.props);
        if (!view) continue;
        byName.set(resource.name, resource);
        resources.push({ name: resource.name, accountId: view.id.split("/").slice(0, 9).join("/"), view });
      }
      for (const violation of policy.check(resources, config)) {
        report(
          `${policy.id} ${violation.message}. ${policy.remediation}`,
          byName.get(violation.resource)?.urn,
        );
      }
    },
  };
}

/** The CrossGuard policies of the pack: one per project policy, enforcement following each effect. */
export function packPolicies(policies: readonly ProjectPolicy[] = projectPolicies()): PackPolicy[] {
  return policies.map((policy) => {
    if (policy.kind === "stack") return crossResourcePolicy(policy);
    const mode = String((policy.definition as { properties?: { mode?: unknown } }).properties?.mode ?? "");
    return mode.toLowerCase() === DATA_PLANE_MODE ? dataPlanePolicy(policy) : resourcePolicy(policy);
  });
}
