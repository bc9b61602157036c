import { execFile } from "node:child_process";
import * as path from "node:path";
import type { ModelCatalog } from "../catalog/model-catalog";
import { type LoadedFile, loadDeploymentsBytes, loadDeploymentsFile } from "../loader/load";
import { DEFAULT_MAX_FILE_BYTES } from "../loader/source";
import { oneLine } from "../text/escape";

/** `git:<ref>:<path>` reads the file as committed; anything else is a path in the working tree. */
export const GIT_PREFIX = "git:";

/** A git call that takes longer than this is abandoned (reading one blob is instant). */
const GIT_TIMEOUT_MS = 30_000;

export type InputSpec =
  | { kind: "file"; path: string }
  | { kind: "git"; ref: string; path: string }
  | { kind: "invalid"; message: string };

export function parseInputSpec(spec: string): InputSpec {
  if (!spec.startsWith(GIT_PREFIX)) return { kind: "file", path: spec };
  const rest = spec.slice(GIT_PREFIX.length);
  // Git refs cannot contain ":", so the first one ends the ref; the path may contain more.
  const colon = rest.indexOf(":");
  const ref = colon < 0 ? rest : rest.slice(0, colon);
  const file = colon < 0 ? "" : rest.slice(colon + 1);
  if (ref === "" || file === "") {
    return {
      kind: "invalid",
      message: `"${spec}" is not of the form git:<ref>:<path> (e.g. git:origin/main:deployments.yaml)`,
    };
  }
  if (ref.startsWith("-")) return { kind: "invalid", message: `"${ref}" is not a git ref` };
  return { kind: "git", ref, path: file };
}

export type InputResult = { ok: true; loaded: LoadedFile } | { ok: false; message: string };

/**
 * Reads one side of a diff, checked against `catalog` (default: the one for the file; a diff passes the
 * same catalog to both sides, so that a capacity means the same on each). A file goes through the loader as `validate` reads it; a git object is read
 * with `git` (no shell, bounded output) in the working directory, as git resolves `<ref>:<path>`.
 */
export async function readInput(
  spec: string,
  cwd: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  catalog?: ModelCatalog,
): Promise<InputResult> {
  const parsed = parseInputSpec(spec);
  if (parsed.kind === "invalid") return { ok: false, message: parsed.message };
  if (parsed.kind === "file")
    return { ok: true, loaded: loadDeploymentsFile(path.resolve(cwd, parsed.path), spec, catalog) };
  const object = `${parsed.ref}:${parsed.path}`;
  const type = await git(["cat-file", "-t", "--end-of-options", object], cwd, 1024);
  if (!type.ok) return { ok: false, message: `${spec}: ${type.message}` };
  const kind = type.stdout.toString("utf8").trim();
  if (kind !== "blob") return { ok: false, message: `${spec}: "${object}" is a ${kind}, not a file` };
  const shown = await git(["show", "--end-of-options", object], cwd, maxBytes + 1);
  if (!shown.ok) {
    if (shown.tooLarge) {
      return {
        ok: true,
        loaded: {
          file: spec,
          ioError: false,
          diagnostics: [
            {
              code: "file/too-large",
              severity: "error",
              message: `the file is more than the limit of ${maxBytes} bytes`,
              file: spec,
              line: 1,
              column: 1,
              path: "",
              hint: "split the estate into several files, or check that this is the right file",
            },
          ],
        },
      };
    }
    return { ok: false, message: `${spec}: ${shown.message}` };
  }
  return { ok: true, loaded: loadDeploymentsBytes(spec, shown.stdout, catalog) };
}

type GitResult = { ok: true; stdout: Buffer } | { ok: false; message: string; tooLarge: boolean };

function git(args: string[], cwd: string, maxBuffer: number): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      "git",
      args,
      { cwd, encoding: "buffer", maxBuffer, timeout: GIT_TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ ok: true, stdout });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
          resolve({ ok: false, message: "the file is too large", tooLarge: true });
          return;
        }
        if (code === "ENOENT") {
          resolve({ ok: false, message: `cannot run git in ${cwd} (is it installed?)`, tooLarge: false });
          return;
        }
        const said = oneLine(stderr.toString("utf8"))
          .trim()
          .replace(/^fatal:\s*/, "");
        resolve({ ok: false, message: said || `git ${args[0]} failed (${error.message})`, tooLarge: false });
      },
    );
  });
}
