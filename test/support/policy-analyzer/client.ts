// Drives a policy pack's Analyzer service as the Pulumi engine does: plugin and analyzer info, Configure with
// the policy configuration (schema defaults filled in, as the engine does), then Analyze per resource and
// AnalyzeStack over all of them. Every call has a deadline.
import * as grpc from "@grpc/grpc-js";
import type { ResourceNode } from "../../../infra/graph";
import type { Enforcement, PolicySeverity } from "../../../policies/policy";
import { analyzerGrpc, analyzerPb, Empty, type JavaScriptValue, Struct } from "./proto";

const CALL_TIMEOUT_MS = 10_000;

const levelNames: Record<number, Enforcement> = {
  [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
  [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};
const levelCodes: Record<Enforcement, analyzerPb.EnforcementLevel> = {
  advisory: analyzerPb.EnforcementLevel.ADVISORY,
  mandatory: analyzerPb.EnforcementLevel.MANDATORY,
  disabled: analyzerPb.EnforcementLevel.DISABLED,
  remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};
const severityNames: Record<number, PolicySeverity | "unspecified"> = {
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "unspecified",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};
const policyTypes: Record<number, "unknown" | "resource" | "stack"> = {
  [analyzerPb.PolicyType.POLICY_TYPE_UNKNOWN]: "unknown",
  [analyzerPb.PolicyType.POLICY_TYPE_RESOURCE]: "resource",
  [analyzerPb.PolicyType.POLICY_TYPE_STACK]: "stack",
};

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: Enforcement;
  type: "unknown" | "resource" | "stack";
  severity: PolicySeverity | "unspecified";
  remediationSteps: string;
  /** The JSON Schema `properties` of the policy's configuration. */
  configSchema: Record<string, Record<string, JavaScriptValue>>;
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  description: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
}

export interface AnalyzeDiagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: Enforcement;
  urn: string;
  severity: PolicySeverity | "unspecified";
}

export interface AnalyzeResult {
  diagnostics: AnalyzeDiagnostic[];
  notApplicable: { policyName: string; reason: string }[];
}

/** A resource as the engine describes it to analyzers. */
export interface AnalyzedResource {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
  protect?: boolean;
  dependencies?: string[];
}

/** Per policy: what the engine sends in Configure. */
export type PolicyConfiguration = Record<
  string,
  { enforcementLevel: Enforcement; properties: Record<string, unknown> }
>;

export function urnOf(type: string, name: string, stack = "dev", project = "aideploy"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** Planned graph nodes as the engine hands them over: inputs, the protect option, dependencies by URN. */
export function resourcesOfNodes(nodes: readonly ResourceNode[], stack = "dev"): AnalyzedResource[] {
  const urns = new Map(nodes.map((n) => [n.name, urnOf(n.type, n.name, stack)]));
  return nodes.map((node) => ({
    type: node.type,
    name: node.name,
    urn: urns.get(node.name) ?? "",
    // Through JSON, as over the wire: undefined fields vanish.
    properties: JSON.parse(JSON.stringify(node.inputs)) as Record<string, unknown>,
    protect: node.options.protect === true,
    dependencies: node.dependsOn.flatMap((name) => urns.get(name) ?? []),
  }));
}

/**
 * The configuration the engine sends: for every policy the pack declares, its schema defaults overlaid with
 * the user's values, and the level from the user's entry, else `all`, else the policy's own.
 */
export function engineConfiguration(
  info: AnalyzerInfo,
  user: Record<string, unknown> = {},
): PolicyConfiguration {
  const levelOf = (entry: unknown): Enforcement | undefined => {
    if (typeof entry === "string") return entry as Enforcement;
    if (entry && typeof entry === "object" && "enforcementLevel" in entry)
      return (entry as { enforcementLevel: Enforcement }).enforcementLevel;
    return undefined;
  };
  const result: PolicyConfiguration = {};
  for (const policy of info.policies) {
    const entry = user[policy.name];
    const properties: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(policy.configSchema)) {
      if (schema.default !== undefined) properties[name] = schema.default;
    }
    if (entry && typeof entry === "object") {
      const { enforcementLevel: _level, ...values } = entry as Record<string, unknown>;
      Object.assign(properties, values);
    }
    result[policy.name] = {
      enforcementLevel: levelOf(entry) ?? levelOf(user.all) ?? policy.enforcementLevel,
      properties,
    };
  }
  return result;
}

function struct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(value as Record<string, JavaScriptValue>);
}

function options(resource: AnalyzedResource): analyzerPb.AnalyzerResourceOptions {
  return new analyzerPb.AnalyzerResourceOptions().setProtect(resource.protect ?? false);
}

function result(response: analyzerPb.AnalyzeResponse): AnalyzeResult {
  return {
    diagnostics: response.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      policyPackVersion: d.getPolicypackversion(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: levelNames[d.getEnforcementlevel()] ?? "advisory",
      urn: d.getUrn(),
      severity: severityNames[d.getSeverity()] ?? "unspecified",
    })),
    notApplicable: response
      .getNotApplicableList()
      .map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
  };
}

type Unary<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

export class AnalyzerDriver {
  private readonly client: analyzerGrpc.AnalyzerClient;

  constructor(address: string) {
    this.client = new analyzerGrpc.AnalyzerClient(address, grpc.credentials.createInsecure());
  }

  private call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      method.call(
        this.client,
        request,
        new grpc.Metadata(),
        { deadline: Date.now() + CALL_TIMEOUT_MS },
        (error, response) => (error ? reject(error) : resolve(response)),
      );
    });
  }

  async pluginVersion(): Promise<string> {
    return (await this.call(this.client.getPluginInfo, new Empty())).getVersion();
  }

  async analyzerInfo(): Promise<AnalyzerInfo> {
    const info = await this.call(this.client.getAnalyzerInfo, new Empty());
    return {
      name: info.getName(),
      version: info.getVersion(),
      description: info.getDescription(),
      supportsConfig: info.getSupportsconfig(),
      policies: info.getPoliciesList().map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: levelNames[p.getEnforcementlevel()] ?? "advisory",
        type: policyTypes[p.getPolicyType()] ?? "unknown",
        severity: severityNames[p.getSeverity()] ?? "unspecified",
        remediationSteps: p.getRemediationSteps(),
        configSchema: (p.getConfigschema()?.getProperties()?.toJavaScript() ??
          {}) as PolicyInfo["configSchema"],
      })),
    };
  }

  async configure(configuration: PolicyConfiguration): Promise<void> {
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, { enforcementLevel, properties }] of Object.entries(configuration)) {
      map.set(
        name,
        new analyzerPb.PolicyConfig()
          .setEnforcementlevel(levelCodes[enforcementLevel])
          .setProperties(struct(properties)),
      );
    }
    await this.call(this.client.configure, request);
  }

  async analyze(resource: AnalyzedResource): Promise<AnalyzeResult> {
    const request = new analyzerPb.AnalyzeRequest()
      .setType(resource.type)
      .setName(resource.name)
      .setUrn(resource.urn)
      .setProperties(struct(resource.properties))
      .setOptions(options(resource));
    return result(await this.call(this.client.analyze, request));
  }

  async analyzeStack(resources: readonly AnalyzedResource[]): Promise<AnalyzeResult> {
    const request = new analyzerPb.AnalyzeStackRequest().setResourcesList(
      resources.map((r) =>
        new analyzerPb.AnalyzerResource()
          .setType(r.type)
          .setName(r.name)
          .setUrn(r.urn)
          .setProperties(struct(r.properties))
          .setOptions(options(r))
          .setDependenciesList(r.dependencies ?? []),
      ),
    );
    return result(await this.call(this.client.analyzeStack, request));
  }

  close(): void {
    this.client.close();
  }
}
