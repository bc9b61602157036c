import type { Diagnostic } from "../diagnostics/diagnostic";
import { sortDiagnostics } from "../diagnostics/diagnostic";
import type { CheckContext } from "./checks/check";
import { semanticChecks } from "./checks/index";
import type { AideployDeploymentsFile } from "./file-types.generated";
import { type ParsedDocument, parseYaml } from "./parse";
import { checkSchema } from "./schema-check";
import { decodeSource, readSourceFile } from "./source";

export interface LoadedFile {
  file: string;
  /** Every finding, sorted by position. */
  diagnostics: Diagnostic[];
  /** True when the file could not be read at all (a usage or I/O failure, exit code 2). */
  ioError: boolean;
  /** Present when the text parsed as YAML. */
  document?: ParsedDocument;
  /** Present when the document is schema-valid (semantic errors may remain). */
  config?: AideployDeploymentsFile;
}

/** Parses, schema-checks and semantically checks deployments text. Never throws on any input. */
export function loadDeploymentsText(file: string, text: string): LoadedFile {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return { file, diagnostics: parsed.diagnostics, ioError: false };
  const document = parsed.document;
  const schemaDiagnostics = checkSchema(document);
  if (schemaDiagnostics.length > 0) {
    return { file, diagnostics: sortDiagnostics(schemaDiagnostics), ioError: false, document };
  }
  const config = document.value as AideployDeploymentsFile;
  const context: CheckContext = { file: config, document, memo: new Map() };
  const diagnostics = semanticChecks().flatMap((check) => check.run(context));
  return { file, diagnostics: sortDiagnostics(diagnostics), ioError: false, document, config };
}

/** Reads a deployments file from disk (bounded in size) and loads it. `displayName` is used in findings. */
export function loadDeploymentsFile(path: string, displayName = path): LoadedFile {
  const source = readSourceFile(path);
  if (!source.ok) {
    return {
      file: displayName,
      diagnostics: [{ ...source.diagnostic, file: displayName }],
      ioError: source.io,
    };
  }
  return loadDeploymentsText(displayName, source.text);
}

/** Loads deployments from bytes (for example a file read from git). */
export function loadDeploymentsBytes(displayName: string, bytes: Uint8Array): LoadedFile {
  const source = decodeSource(displayName, bytes);
  if (!source.ok) return { file: displayName, diagnostics: [source.diagnostic], ioError: source.io };
  return loadDeploymentsText(displayName, source.text);
}
