import type { CostEstimate } from "../../cost/estimate";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { inputFields, type ResourceNode, ResourceTypes } from "../../infra/graph";
import { type AccountOutput, unknownEndpointsReason } from "../../infra/outputs";
import type { Plan } from "../../infra/plan";
import type { CapacityMeaning } from "../../loader/capacity";
import { secretPlaceholder } from "../../loader/connections";
import { MODEL_ROUTER } from "../../loader/deployment-features";
import type { DesiredDeployment } from "../../loader/desired-state";
import { SUBSCRIPTION_RAI_POLICY } from "../../loader/subscription-rai-policy";
import type { Outcome, PolicyResult } from "../../policies/results";
import { filterSettingFields } from "../../review/resources/content-filter";
import { formatNumber } from "../../text/number";

export interface PlannedDeploymentRow {
  name: string;
  model: string;
  version: string;
  deploymentType: string;
  capacity: number;
  /** What the capacity counts (the model's unit, PTUs, enqueued-token quota, nothing). */
  capacityMeaning: CapacityMeaning;
  /** Present when the model's unit is known. */
  tokensPerMinute?: number;
  requestsPerMinute?: number;
  contentFilter: string;
  /** The 2026 deployment properties the file sets, for people ("priority processing", "paused: …"). */
  features: string[];
}

/** A Foundry project on an account, as the plan shows it. */
export interface PlannedProjectRow {
  name: string;
  displayName?: string;
  /** The project's endpoint as the stack outputs give it; absent when the account's subdomain is unknown. */
  endpoint?: string;
  /** The project's connections, in file order. */
  connections: PlannedConnectionRow[];
}

/** A connection of a project as the plan shows it: a secret is only the configuration key it is read from. */
export interface PlannedConnectionRow {
  name: string;
  category: string;
  authType: string;
  target?: string;
  /** `[secret from config <key>]` per secret credential. */
  secrets: string[];
}

export interface PlannedAccount {
  key: string;
  name: string;
  resourceGroup: string;
  location?: string;
  managed: boolean;
  /** The account's endpoints as the stack outputs give them, for people: what each is, and its URL. */
  endpoints: { label: string; url: string }[];
  /** Why the account has no endpoints (an existing account whose subdomain the file does not give). */
  endpointsUnknown?: string;
  deployments: PlannedDeploymentRow[];
  /** The account's Foundry projects, in file order; they share its deployments. */
  projects: PlannedProjectRow[];
  /** Resource names under the account, in the order they are written. */
  writeOrder: ResourceNode[];
}

/**
 * The subscription's RAI policy as the plan shows it: what is written, through which azure-native type
 * and api-version, and its settings as people read them.
 */
export interface PlannedSubscriptionRaiPolicy {
  name: string;
  /** The subscription the file names for this environment; the stack writes where its provider writes. */
  subscription?: string;
  /** azure-native type token and the api-version it writes (SUBSCRIPTION_RAI_POLICY.apiVersion). */
  type: string;
  apiVersion: string;
  preview: boolean;
  base: string;
  mode: string;
  /** "prompt: hate low, jailbreak block" per side the file declares settings on. */
  settings: string[];
  node: ResourceNode;
}

export interface PlanSummary {
  file: string;
  environment: string | null;
  /** Present when the file declares the subscription's RAI policy. */
  subscriptionRaiPolicy?: PlannedSubscriptionRaiPolicy;
  accounts: PlannedAccount[];
  resourceCount: number;
  /** Length of the longest chain of writes that must happen one after another. */
  longestChain: number;
}

/** What `plan` shows, in every format: the plan, what a person reads of it, and its policy results. */
export interface PlanReport {
  /** As planned: the JSON format writes the graph's nodes and the outputs as they are. */
  plan: Plan;
  summary: PlanSummary;
  /** Every resource against every policy. */
  policyResults: readonly PolicyResult[];
  /** What the policies found (and problems of their configuration), as diagnostics. */
  policyFindings: readonly Diagnostic[];
  /** The monthly cost estimate, when prices were read. */
  cost?: CostEstimate;
}

/** Longest dependency chain in a graph (nodes are in write order, so one pass suffices). */
export function longestChain(nodes: readonly ResourceNode[]): number {
  const depth = new Map<string, number>();
  let longest = 0;
  for (const node of nodes) {
    const d = 1 + Math.max(0, ...node.dependsOn.map((n) => depth.get(n) ?? 0));
    depth.set(node.name, d);
    longest = Math.max(longest, d);
  }
  return longest;
}

/** The endpoints of an account's outputs, labelled; the legacy `inferenceEndpoint` key is not repeated. */
function endpointsOf(output: AccountOutput | undefined): PlannedAccount["endpoints"] {
  const endpoints: PlannedAccount["endpoints"] = [];
  if (output?.openAiV1BaseUrl !== undefined) {
    endpoints.push({ label: "OpenAI v1 API", url: output.openAiV1BaseUrl });
  }
  if (output?.modelInferenceEndpoint !== undefined) {
    endpoints.push({ label: "model inference (retired SDK)", url: output.modelInferenceEndpoint });
  }
  return endpoints;
}

/** The projects of an account's outputs, in the order the file declares them. */
function projectRows(output: AccountOutput | undefined, nodes: ResourceNode[]): PlannedProjectRow[] {
  return Object.entries(output?.projects ?? {}).map(([name, p]): PlannedProjectRow => {
    const row: PlannedProjectRow = { name, connections: connectionRows(name, nodes) };
    if (p.displayName !== undefined) row.displayName = p.displayName;
    if (p.endpoint !== undefined) row.endpoint = p.endpoint;
    return row;
  });
}

/** The connections of project `projectName` among an account's nodes, in write (file) order. */
function connectionRows(projectName: string, nodes: ResourceNode[]): PlannedConnectionRow[] {
  const rows: PlannedConnectionRow[] = [];
  for (const node of nodes) {
    if (node.type !== ResourceTypes.projectConnection || node.inputs.projectName !== projectName) continue;
    const { properties } = node.inputs;
    const row: PlannedConnectionRow = {
      name: node.inputs.connectionName,
      category: properties.category,
      authType: properties.authType,
      secrets: (node.secrets ?? []).map((s) => secretPlaceholder(s.config)),
    };
    if (properties.target !== undefined) row.target = properties.target;
    rows.push(row);
  }
  return rows;
}

/** The 2026 properties of a deployment as people read them; empty when the file sets none. */
export function describeFeatures(
  d: Pick<DesiredDeployment, "serviceTier" | "state" | "routing" | "modelProviderData">,
): string[] {
  const features: string[] = [];
  if (d.serviceTier === "Priority") features.push("priority processing (priced per token above standard)");
  if (d.serviceTier === "Default") features.push("standard processing");
  if (d.state === "Paused") features.push("paused: every call gets HTTP 423 until it runs again");
  if (d.state === "Running") features.push("running");
  if (d.routing !== undefined) {
    const mode = d.routing.mode ?? `${MODEL_ROUTER.defaultMode} (Azure's default)`;
    const models = d.routing.models;
    const over =
      models === undefined
        ? "every model of the router version"
        : models.map((m) => `${m.name} ${m.version}`).join(", ");
    features.push(`routing ${mode} over ${over}`);
  }
  if (d.modelProviderData !== undefined) {
    const { organizationName, countryCode, industry } = d.modelProviderData;
    features.push(
      `accepts the provider's Marketplace terms as ${organizationName} (${countryCode}, ${industry})`,
    );
  }
  return features;
}

/** What a person reads of a plan: per account, what will exist and the order it is written in. */
export function summarizePlan(plan: Plan): PlanSummary {
  const accounts = plan.state.accounts.map((account): PlannedAccount => {
    const deployments = plan.state.deployments
      .filter((d) => d.accountKey === account.key)
      .map((d): PlannedDeploymentRow => {
        const row: PlannedDeploymentRow = {
          name: d.name,
          model: d.model.name,
          version: d.model.version,
          deploymentType: d.sku,
          capacity: d.capacity,
          capacityMeaning: d.capacityMeaning,
          contentFilter: d.contentFilter,
          features: describeFeatures(d),
        };
        if (d.tokensPerMinute !== undefined) row.tokensPerMinute = d.tokensPerMinute;
        if (d.requestsPerMinute !== undefined) row.requestsPerMinute = d.requestsPerMinute;
        return row;
      });
    const planned: PlannedAccount = {
      key: account.key,
      name: account.name,
      resourceGroup: account.resourceGroup,
      managed: account.create,
      endpoints: endpointsOf(plan.outputs.accounts[account.key]),
      deployments,
      projects: projectRows(
        plan.outputs.accounts[account.key],
        plan.graph.nodes.filter((n) => n.account === account.key),
      ),
      writeOrder: plan.graph.nodes.filter((n) => n.account === account.key),
    };
    if (account.location !== undefined) planned.location = account.location;
    const unknown = unknownEndpointsReason(account);
    if (unknown !== undefined) planned.endpointsUnknown = unknown;
    return planned;
  });
  const summary: PlanSummary = {
    file: plan.state.file,
    environment: plan.state.environment,
    accounts,
    resourceCount: plan.graph.nodes.length,
    longestChain: longestChain(plan.graph.nodes),
  };
  const baseline = plannedSubscriptionRaiPolicy(plan);
  if (baseline !== undefined) summary.subscriptionRaiPolicy = baseline;
  return summary;
}

function plannedSubscriptionRaiPolicy(plan: Plan): PlannedSubscriptionRaiPolicy | undefined {
  const policy = plan.state.subscriptionRaiPolicy;
  const node = plan.graph.nodes.find((n) => n.type === ResourceTypes.subscriptionRaiPolicy);
  if (policy === undefined || node === undefined) return undefined;
  const { apiVersion, preview } = SUBSCRIPTION_RAI_POLICY.apiVersion;
  const settings: string[] = [];
  for (const side of ["prompt", "completion"] as const) {
    const declared = filterSettingFields(policy).flatMap((f) =>
      f.path.startsWith(`${side}.`) && typeof f.value === "string"
        ? [`${f.path.slice(side.length + 1)} ${f.value}`]
        : [],
    );
    if (declared.length > 0) settings.push(`${side}: ${declared.join(", ")}`);
  }
  const planned: PlannedSubscriptionRaiPolicy = {
    name: policy.name,
    type: node.type,
    apiVersion,
    preview,
    base: policy.base,
    mode: policy.mode,
    settings,
    node,
  };
  if (plan.state.subscription !== undefined) planned.subscription = plan.state.subscription;
  return planned;
}

/**
 * A deployment's capacity as people read it: units with tokens and requests per minute where the model's
 * unit is known, "unknown" with the reason where it is not, PTUs, or enqueued-token quota units.
 */
export function describeCapacity(
  row: Pick<PlannedDeploymentRow, "capacity" | "capacityMeaning" | "tokensPerMinute" | "requestsPerMinute">,
): string {
  const units = formatNumber(row.capacity);
  const meaning = row.capacityMeaning;
  switch (meaning.kind) {
    case "tokens": {
      const tpm =
        row.tokensPerMinute === undefined ? "TPM unknown" : `${formatNumber(row.tokensPerMinute)} TPM`;
      const rpm =
        row.requestsPerMinute === undefined ? "RPM unknown" : `${formatNumber(row.requestsPerMinute)} RPM`;
      return `${units} (${tpm}, ${rpm})`;
    }
    case "tokens-unknown":
      return `${units} ${row.capacity === 1 ? "unit" : "units"} (TPM and RPM unknown: ${meaning.reason})`;
    case "provisioned":
      return `${units} PTU`;
    case "batch":
      return `${units} ${row.capacity === 1 ? "unit" : "units"} of enqueued-token quota`;
    case "developer":
      return `${units} (Developer tier: no throughput quota)`;
  }
}

const shortType: Record<string, string> = {
  "azure-native:cognitiveservices:Account": "account",
  "azure-native:cognitiveservices:RaiBlocklist": "blocklist",
  "azure-native:cognitiveservices:RaiBlocklistItem": "blocklist item",
  "azure-native:cognitiveservices:RaiPolicy": "content filter",
  "azure-native:cognitiveservices:Deployment": "deployment",
  "azure-native:cognitiveservices:Project": "project",
  "azure-native:cognitiveservices:ProjectConnection": "project connection",
  "azure-native:cognitiveservices:SubscriptionRaiPolicy": "subscription RAI policy",
};

/** One line on what the subscription's RAI policy is written as, and where. */
export function describeSubscriptionRaiPolicy(p: PlannedSubscriptionRaiPolicy): string {
  const where =
    p.subscription === undefined
      ? "the subscription the stack's Pulumi provider writes to"
      : `subscription ${p.subscription}`;
  const version = `api-version ${p.apiVersion}${p.preview ? " (preview)" : ""}`;
  return `subscription RAI policy ${p.name} in ${where}: ${p.type} at ${version}, base ${p.base}, mode ${p.mode}`;
}

/** Why the plan never counts the subscription's RAI policy as filtering a deployment. */
export const SUBSCRIPTION_RAI_POLICY_NOTE =
  "declared baseline only: no Microsoft document says whether Azure applies it to the subscription's deployments";

/** "deployment gpt-4o" style label of a node. */
export function describeNode(node: ResourceNode): string {
  const inputs = inputFields(node);
  const label =
    inputs.deploymentName ??
    inputs.raiPolicyName ??
    (inputs.connectionName === undefined
      ? undefined
      : `${String(inputs.projectName)}/${String(inputs.connectionName)}`) ??
    inputs.projectName ??
    (node.type === "azure-native:cognitiveservices:RaiBlocklistItem"
      ? `${String(inputs.raiBlocklistName)}: ${String((inputs.properties as { pattern?: string } | undefined)?.pattern)}`
      : (inputs.raiBlocklistName ?? inputs.accountName));
  return `${shortType[node.type] ?? node.type} ${String(label)}`;
}

/** The plan report: the plan summarised once, with the policy results and findings on it. */
export function buildPlanReport(
  plan: Plan,
  policies: { results: readonly PolicyResult[]; diagnostics: readonly Diagnostic[] },
  cost?: CostEstimate,
): PlanReport {
  const report: PlanReport = {
    plan,
    summary: summarizePlan(plan),
    policyResults: policies.results,
    policyFindings: policies.diagnostics,
  };
  if (cost !== undefined) report.cost = cost;
  return report;
}

function policyCount(results: readonly PolicyResult[]): number {
  return new Set(results.map((r) => r.policy.id)).size;
}

/** "17 policies: 15 compliant, …; 1 mandatory and 2 advisory findings", for the text and Markdown formats. */
export function policyHeadline(report: PlanReport): string {
  const counts = countOutcomes(report.policyResults);
  const blocking = report.policyFindings.filter((f) => f.severity === "error").length;
  const advisory = report.policyFindings.length - blocking;
  return `${policyCount(report.policyResults)} policies: ${counts.compliant} compliant, ${counts["non-compliant"]} non-compliant, ${counts.error} errors, ${counts["not-applicable"]} not applicable; ${blocking} mandatory and ${advisory} advisory findings`;
}

export function countOutcomes(results: readonly PolicyResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { compliant: 0, "non-compliant": 0, "not-applicable": 0, error: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}
