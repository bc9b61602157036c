import { jsonDocument } from "../../text/json";
import type { ComplianceReport } from "./model";

export interface ComplianceJsonOptions {
  /** Spaces of indentation; 0 for one line. */
  indent?: number;
}

/**
 * The report as JSON for other programs: `{file, repositoryPath, sourceRoot, environment, generatedAt?, tool,
 * summary, policies, results, resources, capacity, cost?}`. `results` holds every PolicyResult unchanged.
 */
export function formatComplianceJson(report: ComplianceReport, options: ComplianceJsonOptions = {}): string {
  const document: Record<string, unknown> = {
    file: report.file,
    repositoryPath: report.repositoryPath,
    sourceRoot: report.sourceRoot,
    environment: report.environment,
  };
  if (report.generatedAt !== undefined) document.generatedAt = report.generatedAt;
  Object.assign(document, {
    tool: report.tool,
    summary: report.summary,
    policies: report.policies,
    results: report.results,
    resources: report.resources,
    capacity: report.capacity,
  });
  if (report.cost !== undefined) document.cost = report.cost;
  return jsonDocument(document, options.indent);
}
