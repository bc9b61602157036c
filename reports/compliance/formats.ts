import { formatComplianceHtml } from "./html";
import { formatComplianceJson } from "./json";
import { formatComplianceJunit } from "./junit";
import { formatComplianceMarkdown } from "./markdown";
import type { ComplianceReport } from "./model";
import { formatComplianceSarif } from "./sarif";

export const REPORT_FORMATS = ["md", "json", "sarif", "junit", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The formatter of each format, with its default options. */
export const reportFormatters: Readonly<Record<ReportFormat, (report: ComplianceReport) => string>> = {
  md: (report) => formatComplianceMarkdown(report),
  json: (report) => formatComplianceJson(report),
  sarif: (report) => formatComplianceSarif(report),
  junit: (report) => formatComplianceJunit(report),
  html: (report) => formatComplianceHtml(report),
};
