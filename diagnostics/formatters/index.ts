import type { Formatters } from "../../text/formatter";
import type { Diagnostic } from "../diagnostic";
import { formatGithub } from "./github";
import { formatJson } from "./json";
import { formatText } from "./text";

/** What `validate` prints, by `--format`. */
export const diagnosticFormatters = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
} satisfies Formatters<readonly Diagnostic[]>;

export type DiagnosticFormat = keyof typeof diagnosticFormatters;
