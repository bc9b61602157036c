import type { DiffReport } from "../../review/model";
import type { Formatters } from "../../text/formatter";
import { formatDiffJson } from "./json";
import { formatDiffMarkdown } from "./markdown";
import { formatDiffText } from "./text";

/** What `diff` prints, by `--format`. */
export const diffFormatters = {
  text: formatDiffText,
  md: formatDiffMarkdown,
  json: formatDiffJson,
} satisfies Formatters<DiffReport>;

export type DiffFormat = keyof typeof diffFormatters;
