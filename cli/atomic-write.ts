import { mkdirSync } from "node:fs";
import * as path from "node:path";
import writeFileAtomic from "write-file-atomic";

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
