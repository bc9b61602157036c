import type { ModelCatalog } from "../../catalog/model-catalog";
import type { Diagnostic, Severity, SourceLocation } from "../../diagnostics/diagnostic";
import type { AideployDeploymentsFile } from "../file-types.generated";
import type { ParsedDocument } from "../parse";
import type { DocPath } from "../path";

/** What every semantic check reads: the schema-valid file, the positions of its parts, the model catalog. */
export interface CheckContext {
  file: AideployDeploymentsFile;
  document: ParsedDocument;
  /** What is known of the models: capacity units and bounds (see loader/capacity.ts). */
  catalog: ModelCatalog;
  /**
   * Results that several checks of one run derive from the file (see `shared`); optional, so that a
   * check can be run on a context without one.
   */
  memo?: Map<unknown, unknown>;
}

/** `derive(context)`, computed once per run when the context carries a memo. `derive` must be pure. */
export function shared<T>(context: CheckContext, derive: (context: CheckContext) => T): T {
  if (!context.memo) return derive(context);
  if (context.memo.has(derive)) return context.memo.get(derive) as T;
  const value = derive(context);
  context.memo.set(derive, value);
  return value;
}

/**
 * A rule the JSON Schema cannot express. One check per file, one code per check; the check is pure and
 * returns its findings, it never prints or throws.
 */
export interface SemanticCheck {
  code: string;
  severity: Severity;
  /** One line for the documentation table: what the check enforces and why. */
  description: string;
  run(context: CheckContext): Diagnostic[];
}

/** Builds a finding of `check` at `path` (pointing at the key itself when `key` is set). */
export function finding(
  check: Pick<SemanticCheck, "code" | "severity">,
  context: CheckContext,
  path: DocPath,
  message: string,
  hint?: string,
  options: { key?: boolean } = {},
): Diagnostic {
  const location: SourceLocation = context.document.locate(path, options);
  const d: Diagnostic = { code: check.code, severity: check.severity, message, ...location };
  if (hint !== undefined) d.hint = hint;
  return d;
}
