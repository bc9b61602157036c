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
  /**
   * The environments of the file the finding is about, when it holds only once their overrides apply;
   * absent for a finding about the file as written (which every environment inherits).
   */
  environments?: string[];
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

/** The findings of one run over the file: as written (`environment` null) or with one environment's overrides. */
export interface EnvironmentFindings {
  environment: string | null;
  diagnostics: readonly Diagnostic[];
}

function findingKey(d: Diagnostic): string {
  return JSON.stringify([d.code, d.severity, d.message, d.file, d.line, d.column, d.path, d.hint ?? null]);
}

/**
 * One list from the runs over the file as written and over each environment: a finding of the file as
 * written is listed once, untagged; a finding that appears only with some environments' overrides is
 * listed once, naming those environments.
 */
export function mergeEnvironmentFindings(runs: readonly EnvironmentFindings[]): Diagnostic[] {
  const merged = new Map<string, Diagnostic>();
  const asWritten = new Set<string>();
  for (const run of runs.filter((r) => r.environment === null)) {
    for (const d of run.diagnostics) {
      const key = findingKey(d);
      asWritten.add(key);
      if (!merged.has(key)) merged.set(key, d);
    }
  }
  for (const run of runs) {
    const { environment } = run;
    if (environment === null) continue;
    for (const d of run.diagnostics) {
      const key = findingKey(d);
      if (asWritten.has(key)) continue;
      const known = merged.get(key);
      if (!known) merged.set(key, { ...d, environments: [environment] });
      else if (!known.environments?.includes(environment))
        known.environments = [...(known.environments ?? []), environment];
    }
  }
  return [...merged.values()];
}

/** ` [environment dev]`, ` [environments dev, test]`, or nothing for a finding about the file as written. */
export function environmentSuffix(d: Diagnostic): string {
  const names = d.environments ?? [];
  if (names.length === 0) return "";
  return ` [${names.length === 1 ? "environment" : "environments"} ${names.join(", ")}]`;
}
