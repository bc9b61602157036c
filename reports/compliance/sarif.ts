import { createHash } from "node:crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Enforcement } from "../../policies/policy";
import type { PolicyResult } from "../../policies/results";
import { oneLine } from "../../text/escape";
import { jsonDocument } from "../../text/json";
import { type ComplianceReport, isFinding, type ReportPolicy } from "./model";
import { SOURCE_ROOT_DESCRIPTIONS } from "./repository-path";

export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** Name of the fingerprint that tracks one policy on one resource across runs, wherever its lines move. */
export const FINGERPRINT_KEY = "aideployPolicyResource/v1";

export interface ComplianceSarifOptions {
  /** Spaces of indentation; 0 for one line. */
  indent?: number;
}

const levelByEnforcement: Record<Enforcement, "error" | "warning" | "note" | "none"> = {
  mandatory: "error",
  remediate: "warning",
  advisory: "warning",
  disabled: "none",
};

/** A relative URI reference for a repository path: each segment percent-encoded, `/` kept. */
function uriOf(repositoryPath: string): string {
  return repositoryPath
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

function rule(policy: ReportPolicy): ReportingDescriptor {
  const properties: Record<string, unknown> = {
    definition: policy.definition,
    origin: policy.origin,
    severity: policy.severity,
    enforcement: policy.enforcement,
    tags: ["compliance", "azure-policy"],
  };
  if (policy.follows !== undefined) properties.follows = policy.follows;
  return {
    id: policy.id,
    name: policy.name,
    shortDescription: { text: oneLine(policy.displayName) },
    fullDescription: { text: oneLine(policy.description) },
    help: { text: oneLine(policy.remediation) },
    defaultConfiguration: { level: levelByEnforcement[policy.enforcement] },
    properties,
  };
}

function fingerprint(result: PolicyResult): string {
  return createHash("sha256")
    .update(JSON.stringify([result.policy.id, result.resource.name]))
    .digest("hex")
    .slice(0, 32);
}

function messageOf(result: PolicyResult): string {
  const prefix = result.outcome === "error" ? "Policy evaluation failed: " : "";
  return oneLine(`${prefix}${result.message} [${result.policy.id}, ${result.enforcement}]`);
}

function sarifResult(result: PolicyResult, ruleIndex: number, uri: string): Result {
  const { source } = result.resource;
  return {
    ruleId: result.policy.id,
    ruleIndex,
    level: levelByEnforcement[result.enforcement],
    message: { text: messageOf(result) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: "%SRCROOT%" },
          region: { startLine: Math.max(1, source.line), startColumn: Math.max(1, source.column) },
        },
        logicalLocations: [{ name: result.resource.name, kind: "resource" }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(result) },
    properties: {
      outcome: result.outcome,
      enforcement: result.enforcement,
      effect: result.effect,
      resourceType: result.resource.type,
      account: result.resource.account,
      documentPath: source.path,
    },
  };
}

/**
 * SARIF 2.1.0 for code scanning: one run, one rule per policy, one result per non-compliant or failed
 * check, located on the line of deployments.yaml that declared the resource.
 */
export function formatComplianceSarif(
  report: ComplianceReport,
  options: ComplianceSarifOptions = {},
): string {
  const ruleIndex = new Map(report.policies.map((p, i) => [p.id, i]));
  const uri = uriOf(report.repositoryPath);
  const driver: Log["runs"][number]["tool"]["driver"] = {
    name: report.tool.name,
    version: report.tool.version,
    semanticVersion: report.tool.version,
    rules: report.policies.map(rule),
  };
  if (report.tool.informationUri !== undefined) driver.informationUri = report.tool.informationUri;
  const run: Log["runs"][number] = {
    tool: { driver },
    automationDetails: { id: `aideploy/${report.environment ?? "default"}/` },
    // No absolute URI: the log stays the same on every machine, and code scanning resolves relative
    // paths against the repository it analyses.
    originalUriBaseIds: {
      "%SRCROOT%": { description: { text: SOURCE_ROOT_DESCRIPTIONS[report.sourceRoot] } },
    },
    artifacts: [{ location: { uri, uriBaseId: "%SRCROOT%" }, mimeType: "application/yaml" }],
    results: report.results
      .filter(isFinding)
      .map((r) => sarifResult(r, ruleIndex.get(r.policy.id) ?? 0, uri)),
    // The YAML parser counts columns in UTF-16 code units (JavaScript string offsets).
    columnKind: "utf16CodeUnits",
    properties: {
      environment: report.environment,
      summary: report.summary,
      ...(report.cost === undefined ? {} : { cost: report.cost }),
    },
  };
  if (report.generatedAt !== undefined) {
    run.invocations = [{ executionSuccessful: true, endTimeUtc: report.generatedAt }];
  }
  const log: Log = { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] };
  return jsonDocument(log, options.indent);
}
