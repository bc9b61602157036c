import type { DriftReport } from "../../live/drift";
import type { Formatters } from "../../text/formatter";
import { formatDriftJson } from "./json";
import { formatDriftMarkdown } from "./markdown";
import { formatDriftText } from "./text";

/** What `drift` prints, by `--format`. */
export const driftFormatters = {
  text: formatDriftText,
  md: formatDriftMarkdown,
  json: formatDriftJson,
} satisfies Formatters<DriftReport>;

export type DriftFormat = keyof typeof driftFormatters;
