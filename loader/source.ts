import { readFileSync, statSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic";

/** Files larger than this are refused before parsing: a deployments file of 10,000 entries is about 2 MB. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type SourceText = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic; io: boolean };

function fileDiagnostic(file: string, code: string, message: string, hint: string): Diagnostic {
  return { code, severity: "error", message, file, line: 1, column: 1, path: "", hint };
}

/** Why a file could not be read, in words for a diagnostic or a usage error. */
export class FileReadError extends Error {
  override readonly name = "FileReadError";
  constructor(
    readonly reason: string,
    /** True when the file exists but is over the size limit (a finding, not an I/O failure). */
    readonly tooLarge = false,
  ) {
    super(reason);
  }
}

/**
 * Reads a regular file, at most `maxBytes`. Anything else is refused before a byte is read: a directory,
 * a FIFO or a device (`/dev/zero`) would otherwise hang the command or exhaust its memory.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new FileReadError("it is a directory");
    if (!stats.isFile()) throw new FileReadError("it is not a regular file (a FIFO, device or socket)");
    size = stats.size;
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(describeIoError(error));
  }
  if (size > maxBytes) {
    throw new FileReadError(`the file is ${size} bytes, more than the limit of ${maxBytes} bytes`, true);
  }
  try {
    return readFileSync(file);
  } catch (error) {
    throw new FileReadError(describeIoError(error));
  }
}

/** Largest JSON input read beside a deployments file (policy configuration, definitions, catalogs). */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** A bounded read of a regular file as UTF-8 text (a leading byte-order mark is kept for the parser). */
export function readRegularText(file: string, maxBytes = MAX_JSON_BYTES): string {
  return readRegularFile(file, maxBytes).toString("utf8");
}

/** Reads a deployments file as text: bounded in size, BOM-tolerant, refusing binary content. */
export function readSourceFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): SourceText {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, maxBytes);
  } catch (error) {
    const failure = error as FileReadError;
    if (failure.tooLarge) {
      return {
        ok: false,
        io: false,
        diagnostic: fileDiagnostic(
          file,
          "file/too-large",
          failure.reason,
          "split the estate into several files, raise the limit (`aideploy validate --max-file-size`), or check that this is the right file",
        ),
      };
    }
    return {
      ok: false,
      io: true,
      diagnostic: fileDiagnostic(
        file,
        "file/unreadable",
        `cannot read the file: ${failure.reason}`,
        "check the path",
      ),
    };
  }
  return decodeSource(file, bytes, maxBytes);
}

function describeIoError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === "ENOENT") return "no such file";
  if (e.code === "EISDIR") return "it is a directory";
  if (e.code === "EACCES") return "permission denied";
  return e.code ?? "unknown error";
}

/** Decodes bytes as UTF-8 (or UTF-16 with a byte-order mark); anything else is refused with a diagnostic. */
export function decodeSource(file: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): SourceText {
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      io: false,
      diagnostic: fileDiagnostic(
        file,
        "file/too-large",
        `the file is ${bytes.length} bytes, more than the limit of ${maxBytes} bytes`,
        "split the estate into several files, or check that this is the right file",
      ),
    };
  }
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return {
        ok: false,
        io: false,
        diagnostic: fileDiagnostic(
          file,
          "file/encoding",
          "the file is not valid UTF-8 text",
          "save the file as UTF-8; YAML files are text, not binary",
        ),
      };
    }
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split("\n").length;
    const column = nul - before.lastIndexOf("\n");
    return {
      ok: false,
      io: false,
      diagnostic: {
        ...fileDiagnostic(
          file,
          "file/encoding",
          "the file contains a NUL byte: it looks binary",
          "save the file as UTF-8 text",
        ),
        line,
        column,
      },
    };
  }
  return { ok: true, text };
}
