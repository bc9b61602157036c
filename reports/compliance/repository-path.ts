import { existsSync, realpathSync } from "node:fs";
import * as path from "node:path";

/**
 * What a report's relative paths are relative to (SARIF's `%SRCROOT%`, JUnit's `file`):
 * - `git`: the top level of the Git work tree that holds the file (code scanning resolves relative
 *   paths against the root of the repository analysed);
 * - `working-directory`: outside Git, the directory aideploy ran in, when the file is under it;
 * - `file-directory`: outside Git and outside the working directory, the file's own directory.
 */
export type SourceRoot = "git" | "working-directory" | "file-directory";

export const SOURCE_ROOT_DESCRIPTIONS: Readonly<Record<SourceRoot, string>> = {
  git: "The top level of the Git work tree that holds the deployments file.",
  "working-directory": "The directory aideploy ran in (the deployments file is not in a Git work tree).",
  "file-directory":
    "The directory of the deployments file (it is neither in a Git work tree nor under the directory aideploy ran in).",
};

/** A file as tools that link into a repository name it. */
export interface RepositoryPath {
  /** Relative to the root, `/`-separated: never absolute, never leaving the root. */
  path: string;
  root: SourceRoot;
}

function toUrlPath(relative: string): string {
  return relative.split(path.sep).join("/");
}

function isInside(relative: string): boolean {
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** The path with symbolic links resolved (code scanning cannot show results on a symlink's path). */
function resolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Where a deployments file is, for reports: relative to the top level of its Git work tree (the nearest
 * enclosing directory with a `.git` entry, a directory or, in a linked worktree or submodule, a file),
 * else to the working directory, else to the file's own directory. Reads the file system: call it
 * before formatting and pass the result in.
 */
export function repositoryPath(where: { cwd: string }, file: string): RepositoryPath {
  const absolute = resolved(path.resolve(where.cwd, file));
  for (let dir = path.dirname(absolute); ; ) {
    if (existsSync(path.join(dir, ".git")))
      return { path: toUrlPath(path.relative(dir, absolute)), root: "git" };
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const fromCwd = path.relative(resolved(where.cwd), absolute);
  if (isInside(fromCwd)) return { path: toUrlPath(fromCwd), root: "working-directory" };
  return { path: path.basename(absolute), root: "file-directory" };
}

/**
 * Without the file system (a report built from a plan alone): the file as named when it is a relative
 * path inside the working directory, else its base name.
 */
export function namedRepositoryPath(file: string): RepositoryPath {
  const normalized = path.normalize(file);
  if (isInside(normalized)) return { path: toUrlPath(normalized), root: "working-directory" };
  return { path: path.basename(normalized), root: "file-directory" };
}
