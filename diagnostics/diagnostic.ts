/** The one finding type shared by every stage: schema, semantic checks, policies, live checks. */
export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  /** Stable, documented code such as `schema/unknown-key` or `policy/AID-ACC-001`. */
  code: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /** The file the finding is about, as the user named it. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Location inside the document, e.g. `deployments[2].model.version`; empty for the whole file. */
  path: string;
  /** How to fix it. */
  hint?: string;
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  path: string;
}

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

/** Exit code of a command from its findings: 1 when any finding reaches the threshold, else 0. */
export function exitCodeFor(diagnostics: readonly Diagnostic[], threshold: Severity = "error"): 0 | 1 {
  return diagnostics.some((d) => atLeast(d.severity, threshold)) ? 1 : 0;
}

/** Stable order for output: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

export function diagnosticAt(
  location: SourceLocation,
  fields: Pick<Diagnostic, "code" | "severity" | "message"> & { hint?: string | undefined },
): Diagnostic {
  const d: Diagnostic = {
    ...fields,
    file: location.file,
    line: location.line,
    column: location.column,
    path: location.path,
  };
  if (fields.hint === undefined) delete d.hint;
  return d;
}
