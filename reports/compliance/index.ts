import type { Formatters } from "../../text/formatter";
import { formatComplianceHtml } from "./html";
import { formatComplianceJson } from "./json";
import { formatComplianceJunit } from "./junit";
import { formatComplianceMarkdown } from "./markdown";
import type { ComplianceReport } from "./model";
import { formatComplianceSarif } from "./sarif";

/** What `report` writes, by `--format`, each format with its default options. */
export const complianceFormatters = {
  md: formatComplianceMarkdown,
  json: formatComplianceJson,
  sarif: formatComplianceSarif,
  junit: formatComplianceJunit,
  html: formatComplianceHtml,
} satisfies Formatters<ComplianceReport>;

export type ComplianceFormat = keyof typeof complianceFormatters;
