import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";
import { entries } from "./shared/scopes";

/** Compiled with JavaScript's engine: Azure's is not documented, so this catches only plain mistakes. */
export const blocklistInvalidRegex: SemanticCheck = {
  code: "blocklist/invalid-regex",
  severity: "error",
  description: "A blocklist item with `regex: true` is not a valid regular expression.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const [name, blocklist] of entries(context.file.blocklists)) {
      blocklist.items.forEach((item, position) => {
        if (typeof item === "string" || item.regex !== true) return;
        const problem = compileError(item.pattern);
        if (problem === undefined) return;
        diagnostics.push(
          finding(
            blocklistInvalidRegex,
            context,
            ["blocklists", name, "items", position, "pattern"],
            `the pattern of blocklist "${name}" item ${position + 1} is not a valid regular expression: ${problem}`,
            "fix the expression (escape special characters such as ( [ { with a backslash), or set `regex: false` for plain text",
          ),
        );
      });
    }
    return diagnostics;
  },
};

function compileError(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
