import { mkdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import writeFileAtomic from "write-file-atomic";
import { UsageError } from "../diagnostics/failure";

/**
 * Writes a file so that it holds either its old content or the new one, never part of either: the text
 * goes to a temporary file in the same directory, which is then renamed over the target; a write that
 * fails removes its temporary file and leaves the target as it was. Parent directories are created.
 * Every command that writes a file the user keeps (reports, catalogs, imports, pulled policies) uses it.
 */
export function writeFileAtomically(target: string, text: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileAtomic.sync(target, text);
}

/**
 * Writes (atomically) or, for `text: null`, removes the files a use case decided on. A failure is the
 * usage error `cannot write SHOWN: reason`, with `note` after it (e.g. that the old file was kept).
 */
export function writeFiles(
  files: readonly { path: string; text: string | null }[],
  shown: string,
  note = "",
): void {
  try {
    for (const file of files) {
      if (file.text === null) rmSync(file.path);
      else writeFileAtomically(file.path, file.text);
    }
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as Error).message}${note}`);
  }
}
