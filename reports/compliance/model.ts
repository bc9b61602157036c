import type { CostEstimate } from "../../cost/estimate";
import type { SourceLocation } from "../../diagnostics/diagnostic";
import { type ResourceNode, ResourceTypes } from "../../infra/graph";
import type { Plan } from "../../infra/plan";
import { secretPlaceholder } from "../../loader/connections";
import { SUBSCRIPTION_RAI_POLICY } from "../../loader/subscription-rai-policy";
import type { Enforcement, PolicySeverity, ProjectPolicy } from "../../policies/policy";
import { projectPolicies } from "../../policies/registry";
import type { Outcome, PolicyResult } from "../../policies/results";
import { type CapacityBar, capacityBars, type QuotaEntry } from "./capacity";
import { ENFORCEMENTS, enforcementRank } from "./labels";
import { namedRepositoryPath, type RepositoryPath, type SourceRoot } from "./repository-path";

export type OutcomeCounts = Record<Outcome, number>;

/** One policy as the report lists it, with its counts over every resource. */
export interface ReportPolicy {
  id: string;
  name: string;
  displayName: string;
  /** Why the policy exists; the display name when nothing longer is known. */
  description: string;
  /** The Azure Policy definition followed: a file of policies/definitions/ or an assigned definition id. */
  definition: string;
  follows?: string;
  severity: PolicySeverity;
  remediation: string;
  origin: "project" | "azure";
  /** The strictest enforcement the policy is bound with over its results. */
  enforcement: Enforcement;
  /** Effects seen in its results, lower case. */
  effects: string[];
  counts: OutcomeCounts;
}

export interface ResourceDetail {
  label: string;
  value: string;
}

/** One planned resource, with what a reader needs to recognise it. */
export interface ReportResource {
  /** Pulumi logical name. */
  name: string;
  /** azure-native type token. */
  type: string;
  /** "account", "deployment", "content filter", "blocklist" or "blocklist item". */
  kind: string;
  /** Its name in Azure (a blocklist item: its pattern). */
  label: string;
  /** Key of its account; absent for a resource at subscription scope (the subscription's RAI policy). */
  account?: string;
  source: SourceLocation;
  /** Model, capacity, tags, description, pattern… all user text, to be escaped by every formatter. */
  details: ResourceDetail[];
  counts: OutcomeCounts;
}

export interface ReportSummary {
  policies: number;
  resources: number;
  /** Results: policies × resources. */
  checks: number;
  outcomes: OutcomeCounts;
  byEnforcement: Record<Enforcement, OutcomeCounts>;
  /** Non-compliant or failed results of mandatory policies: they fail a pipeline. */
  blocking: number;
  /** Non-compliant or failed results of advisory and remediating policies. */
  advisory: number;
  verdict: "pass" | "fail";
}

/** Everything every report format shows, built once from a plan and its policy results. */
export interface ComplianceReport {
  /** The deployments file as the user named it. */
  file: string;
  /**
   * The file relative to `sourceRoot` with `/` separators (never absolute, never `..`), for tools that
   * link into the repository.
   */
  repositoryPath: string;
  /** What `repositoryPath` is relative to: the Git work tree's top level when there is one. */
  sourceRoot: SourceRoot;
  environment: string | null;
  /** ISO 8601; absent unless asked for, so that reports are reproducible. */
  generatedAt?: string;
  tool: { name: string; version: string; informationUri?: string };
  summary: ReportSummary;
  policies: ReportPolicy[];
  resources: ReportResource[];
  /** Every resource against every policy, policies in pack order, resources in write order. */
  results: PolicyResult[];
  capacity: CapacityBar[];
  /** The monthly cost estimate, when prices were read. */
  cost?: CostEstimate;
}

export interface ReportBuildOptions {
  /** aideploy's version (package.json). */
  version: string;
  informationUri?: string;
  generatedAt?: Date | string;
  /** Where the file is in its repository (`repositoryPath()`); defaults to the file as named, made relative. */
  repositoryPath?: RepositoryPath;
  quotas?: readonly QuotaEntry[];
  /** Policies whose descriptions the report shows; defaults to the project's pack. */
  policyCatalog?: readonly Pick<ProjectPolicy, "id" | "description">[];
  /** The monthly cost estimate of the plan. */
  cost?: CostEstimate;
}

export function emptyCounts(): OutcomeCounts {
  return { "non-compliant": 0, error: 0, compliant: 0, "not-applicable": 0 };
}

/** A finding: a result someone has to act on. */
export function isFinding(result: PolicyResult): boolean {
  return result.outcome === "non-compliant" || result.outcome === "error";
}

/** A finding of a mandatory policy: it fails the report's exit code. */
export function isBlocking(result: PolicyResult): boolean {
  return isFinding(result) && result.enforcement === "mandatory";
}

const kindByType: Record<string, string> = {
  [ResourceTypes.account]: "account",
  [ResourceTypes.deployment]: "deployment",
  [ResourceTypes.contentFilter]: "content filter",
  [ResourceTypes.blocklist]: "blocklist",
  [ResourceTypes.blocklistItem]: "blocklist item",
  [ResourceTypes.project]: "project",
  [ResourceTypes.projectConnection]: "project connection",
  [ResourceTypes.subscriptionRaiPolicy]: "subscription RAI policy",
};

function tagsText(tags: unknown): string | undefined {
  if (!tags || typeof tags !== "object") return undefined;
  const entries = Object.entries(tags as Record<string, unknown>);
  return entries.length === 0 ? undefined : entries.map(([k, v]) => `${k}=${String(v)}`).join(", ");
}

/** A model router's routing in words: `mode balanced; models gpt-5.4@2026-03-05, …`. */
function routingText(routing: unknown): string | undefined {
  if (!routing || typeof routing !== "object") return undefined;
  const parts: string[] = [];
  const mode = field(routing, "mode");
  if (typeof mode === "string") parts.push(`mode ${mode}`);
  const models = field(routing, "models");
  if (Array.isArray(models) && models.length > 0) {
    const names = models.map((m) => `${String(field(m, "name"))}@${String(field(m, "version"))}`);
    parts.push(`models ${names.join(", ")}`);
  }
  return parts.length === 0 ? undefined : parts.join("; ");
}

/** A partner model's Marketplace details in words: `Contoso (US, Technology)`. */
function providerText(data: unknown): string | undefined {
  if (!data || typeof data !== "object") return undefined;
  const [organization, country, industry] = ["organizationName", "countryCode", "industry"].map((k) =>
    String(field(data, k) ?? "?"),
  );
  return `${organization} (${country}, ${industry})`;
}

/** A field of plain inputs by path (graph inputs hold plain values, never Outputs). */
function field(inputs: unknown, ...keys: string[]): unknown {
  let value = inputs;
  for (const key of keys) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function describeResource(node: ResourceNode): { label: string; details: ResourceDetail[] } {
  const details: ResourceDetail[] = [];
  const i = node.inputs;
  const add = (label: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== "") details.push({ label, value: String(value) });
  };
  switch (node.type) {
    case ResourceTypes.account:
      add("resource group", field(i, "resourceGroupName"));
      add("location", field(i, "location"));
      add("kind", field(i, "kind"));
      add("tags", tagsText(field(i, "tags")));
      return { label: String(field(i, "accountName")), details };
    case ResourceTypes.deployment: {
      const model = ["format", "name"].map((k) => String(field(i, "properties", "model", k))).join(" ");
      add("model", `${model}@${String(field(i, "properties", "model", "version"))}`);
      add("model source", field(i, "properties", "model", "source"));
      add("type", field(i, "sku", "name"));
      add("capacity", field(i, "sku", "capacity"));
      add("content filter", field(i, "properties", "raiPolicyName"));
      add("version upgrade", field(i, "properties", "versionUpgradeOption"));
      add("spillover to", field(i, "properties", "spilloverDeploymentName"));
      add("service tier", field(i, "properties", "serviceTier"));
      add("state", field(i, "properties", "deploymentState"));
      add("routing", routingText(field(i, "properties", "routing")));
      add("model provider data", providerText(field(i, "properties", "modelProviderData")));
      add("tags", tagsText(field(i, "tags")));
      return { label: String(field(i, "deploymentName")), details };
    }
    case ResourceTypes.contentFilter:
      add("base", field(i, "properties", "basePolicyName"));
      add("mode", field(i, "properties", "mode"));
      return { label: String(field(i, "raiPolicyName")), details };
    case ResourceTypes.blocklist:
      add("description", field(i, "properties", "description"));
      return { label: String(field(i, "raiBlocklistName")), details };
    case ResourceTypes.blocklistItem: {
      const pattern = field(i, "properties", "pattern");
      add("blocklist", field(i, "raiBlocklistName"));
      add(field(i, "properties", "isRegex") === true ? "regular expression" : "text", pattern);
      return { label: String(pattern ?? field(i, "raiBlocklistItemName")), details };
    }
    case ResourceTypes.project:
      add("display name", field(i, "properties", "displayName"));
      add("description", field(i, "properties", "description"));
      add("identity", field(i, "identity", "type"));
      add("tags", tagsText(field(i, "tags")));
      return { label: String(field(i, "projectName")), details };
    case ResourceTypes.projectConnection:
      add("project", field(i, "projectName"));
      add("category", field(i, "properties", "category"));
      add("target", field(i, "properties", "target"));
      add("auth type", field(i, "properties", "authType"));
      add("shared to all", field(i, "properties", "isSharedToAll"));
      for (const secret of node.secrets ?? [])
        add(secret.path.slice(1).join("."), secretPlaceholder(secret.config));
      return { label: String(field(i, "connectionName")), details };
    case ResourceTypes.subscriptionRaiPolicy:
      add("scope", "subscription");
      add(
        "api-version",
        `${SUBSCRIPTION_RAI_POLICY.apiVersion.apiVersion}${SUBSCRIPTION_RAI_POLICY.apiVersion.preview ? " (preview)" : ""}`,
      );
      add("base", field(i, "properties", "basePolicyName"));
      add("mode", field(i, "properties", "mode"));
      add("tags", tagsText(field(i, "tags")));
      return { label: String(field(i, "raiPolicyName")), details };
  }
}

function policyOf(result: PolicyResult, descriptions: ReadonlyMap<string, string>): ReportPolicy {
  const p = result.policy;
  const policy: ReportPolicy = {
    id: p.id,
    name: p.name,
    displayName: p.displayName,
    description: descriptions.get(p.id) ?? p.displayName,
    definition: p.definition,
    severity: p.severity,
    remediation: p.remediation,
    origin: p.origin,
    enforcement: result.enforcement,
    effects: [],
    counts: emptyCounts(),
  };
  if (p.follows !== undefined) policy.follows = p.follows;
  return policy;
}

function summarize(
  policies: readonly ReportPolicy[],
  resources: readonly ReportResource[],
  results: readonly PolicyResult[],
): ReportSummary {
  const outcomes = emptyCounts();
  const byEnforcement = Object.fromEntries(ENFORCEMENTS.map((e) => [e, emptyCounts()])) as Record<
    Enforcement,
    OutcomeCounts
  >;
  let blocking = 0;
  let advisory = 0;
  for (const r of results) {
    outcomes[r.outcome] += 1;
    byEnforcement[r.enforcement][r.outcome] += 1;
    if (isBlocking(r)) blocking += 1;
    else if (isFinding(r) && r.enforcement !== "disabled") advisory += 1;
  }
  return {
    policies: policies.length,
    resources: resources.length,
    checks: results.length,
    outcomes,
    byEnforcement,
    blocking,
    advisory,
    verdict: blocking > 0 ? "fail" : "pass",
  };
}

/** Builds the one model every report format is rendered from. */
export function buildComplianceReport(
  plan: Plan,
  results: readonly PolicyResult[],
  options: ReportBuildOptions,
): ComplianceReport {
  const catalog = options.policyCatalog ?? projectPolicies();
  const descriptions = new Map(catalog.map((p) => [p.id, p.description]));
  const policies = new Map<string, ReportPolicy>();
  const resources = new Map<string, ReportResource>();
  for (const node of plan.graph.nodes) {
    const { label, details } = describeResource(node);
    resources.set(node.name, {
      name: node.name,
      type: node.type,
      kind: kindByType[node.type] ?? node.type,
      label,
      ...(node.account === undefined ? {} : { account: node.account }),
      source: node.source,
      details,
      counts: emptyCounts(),
    });
  }
  for (const r of results) {
    let policy = policies.get(r.policy.id);
    if (policy === undefined) {
      policy = policyOf(r, descriptions);
      policies.set(r.policy.id, policy);
    }
    if (enforcementRank(r.enforcement) > enforcementRank(policy.enforcement))
      policy.enforcement = r.enforcement;
    if (r.effect !== null && !policy.effects.includes(r.effect)) policy.effects.push(r.effect);
    policy.counts[r.outcome] += 1;
    let resource = resources.get(r.resource.name);
    if (resource === undefined) {
      // A result on a resource the graph does not list: still shown, never dropped.
      resource = {
        name: r.resource.name,
        type: r.resource.type,
        kind: kindByType[r.resource.type] ?? r.resource.type,
        label: r.resource.name,
        account: r.resource.account,
        source: r.resource.source,
        details: [],
        counts: emptyCounts(),
      };
      resources.set(r.resource.name, resource);
    }
    resource.counts[r.outcome] += 1;
  }
  const policyList = [...policies.values()];
  const resourceList = [...resources.values()];
  const location = options.repositoryPath ?? namedRepositoryPath(plan.state.file);
  const report: ComplianceReport = {
    file: plan.state.file,
    repositoryPath: location.path,
    sourceRoot: location.root,
    environment: plan.state.environment,
    tool: { name: "aideploy", version: options.version },
    summary: summarize(policyList, resourceList, results),
    policies: policyList,
    resources: resourceList,
    results: [...results],
    capacity: capacityBars(plan.state, options.quotas),
  };
  if (options.informationUri !== undefined) report.tool.informationUri = options.informationUri;
  if (options.cost !== undefined) report.cost = options.cost;
  if (options.generatedAt !== undefined) {
    report.generatedAt =
      typeof options.generatedAt === "string" ? options.generatedAt : options.generatedAt.toISOString();
  }
  return report;
}

/** Looks a result up by policy id and resource name (the matrix of every format). */
export function resultIndex(
  report: ComplianceReport,
): (policyId: string, resource: string) => PolicyResult | undefined {
  const index = new Map<string, PolicyResult>();
  for (const r of report.results) index.set(JSON.stringify([r.policy.id, r.resource.name]), r);
  return (policyId, resource) => index.get(JSON.stringify([policyId, resource]));
}

/** Findings in the order a reader should fix them: blocking first, then by place in the file. */
export function findingsOf(report: ComplianceReport): PolicyResult[] {
  return report.results
    .filter(isFinding)
    .sort(
      (a, b) =>
        enforcementRank(b.enforcement) - enforcementRank(a.enforcement) ||
        a.resource.source.line - b.resource.source.line ||
        a.resource.source.column - b.resource.source.column ||
        a.policy.id.localeCompare(b.policy.id),
    );
}
