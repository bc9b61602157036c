/**
 * Codes raised outside the semantic checks and policies (those carry their own descriptions).
 * The documentation table in docs/diagnostics.md is generated from this data and the checks.
 */
export interface CodeDescription {
  code: string;
  description: string;
}

export const fileCodes: readonly CodeDescription[] = [
  {
    code: "file/unreadable",
    description: "The file cannot be read (missing, a directory, no permission). Exit code 2.",
  },
  { code: "file/too-large", description: "The file exceeds the size limit (5 MiB) and is not parsed." },
  {
    code: "file/encoding",
    description: "The file is not UTF-8 (or UTF-16 with a byte-order mark) text, or contains NUL bytes.",
  },
  { code: "file/empty", description: "The file has no content." },
  { code: "yaml/syntax", description: "The YAML cannot be parsed." },
  {
    code: "yaml/duplicate-key",
    description: "A mapping has the same key twice; YAML would silently keep one.",
  },
  {
    code: "yaml/alias-limit",
    description: "Anchors and aliases expand too far (an alias bomb) or an alias is unresolved.",
  },
  {
    code: "schema/unknown-key",
    description:
      "A key the format does not know, often a typo or a mis-nested key; says which key was meant.",
  },
  { code: "schema/required", description: "A required key is missing." },
  {
    code: "schema/type",
    description: "A value has the wrong type (for example a number where a quoted string is needed).",
  },
  { code: "schema/enum", description: "A value is not one of the allowed values; says which one was meant." },
  { code: "schema/const", description: "A value must be exactly one thing (`version: 1`)." },
  {
    code: "schema/value",
    description: "A value is out of range, too long, too short or does not match its pattern.",
  },
  {
    code: "schema/not-allowed",
    description:
      "A key the format knows is not allowed in this place (blocklists in the subscription RAI policy); says why.",
  },
];
