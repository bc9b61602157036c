import type { Formatters } from "../../text/formatter";
import { formatPlanJson } from "./json";
import { formatPlanMarkdown } from "./markdown";
import type { PlanReport } from "./model";
import { formatPlanText } from "./text";

/** What `plan` prints, by `--format`. */
export const planFormatters = {
  text: formatPlanText,
  json: formatPlanJson,
  md: formatPlanMarkdown,
} satisfies Formatters<PlanReport>;

export type PlanFormat = keyof typeof planFormatters;
