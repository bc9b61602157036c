import type { ModelCatalog } from "../catalog/model-catalog";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { sortDiagnostics } from "../diagnostics/diagnostic";
import { catalogFor } from "./catalog-file";
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
  /** The model catalog the file was checked with (present with `config`); the desired state reads it too. */
  catalog?: ModelCatalog;
}

/**
 * Parses, schema-checks and semantically checks deployments text against a model catalog (default: the
 * catalog for `file`, see catalogFor). Never throws on any input; a default catalog that cannot be read
 * is a UsageError.
 */
export function loadDeploymentsText(
  file: string,
  text: string,
  catalog: ModelCatalog = catalogFor(file),
): LoadedFile {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return { file, diagnostics: parsed.diagnostics, ioError: false };
  const document = parsed.document;
  const schemaDiagnostics = checkSchema(document);
  if (schemaDiagnostics.length > 0) {
    return { file, diagnostics: sortDiagnostics(schemaDiagnostics), ioError: false, document };
  }
  const config = document.value as AideployDeploymentsFile;
  const context: CheckContext = { file: config, document, catalog, memo: new Map() };
  const diagnostics = semanticChecks().flatMap((check) => check.run(context));
  return { file, diagnostics: sortDiagnostics(diagnostics), ioError: false, document, config, catalog };
}

/**
 * Reads a deployments file from disk (bounded in size) and loads it. `displayName` is used in findings;
 * the catalog defaults to the one for `path`.
 */
export function loadDeploymentsFile(
  path: string,
  displayName = path,
  catalog?: ModelCatalog,
  /** Largest file read (bytes); default DEFAULT_MAX_FILE_BYTES. */
  maxBytes?: number,
): LoadedFile {
  const source = readSourceFile(path, maxBytes);
  if (!source.ok) {
    return {
      file: displayName,
      diagnostics: [{ ...source.diagnostic, file: displayName }],
      ioError: source.io,
    };
  }
  return loadDeploymentsText(displayName, source.text, catalog ?? catalogFor(path));
}

/** Loads deployments from bytes (for example a file read from git); the catalog defaults to the one for `displayName`. */
export function loadDeploymentsBytes(
  displayName: string,
  bytes: Uint8Array,
  catalog?: ModelCatalog,
): LoadedFile {
  const source = decodeSource(displayName, bytes);
  if (!source.ok) return { file: displayName, diagnostics: [source.diagnostic], ioError: source.io };
  return loadDeploymentsText(displayName, source.text, catalog ?? catalogFor(displayName));
}
