import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { namedRepositoryPath, repositoryPath } from "../../reports/compliance/repository-path";

/** A fresh directory (symbolic links resolved) with the given files; a name ending in `/` is a directory. */
function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), "aideploy-repo-")));
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(root, name);
    if (name.endsWith("/")) mkdirSync(target, { recursive: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  return root;
}

describe("repositoryPath", () => {
  it.each([
    ["a Git repository (.git directory)", { ".git/": "" }],
    ["a linked worktree or submodule (.git file)", { ".git": "gitdir: /elsewhere/.git/worktrees/x\n" }],
  ])("is relative to the top level of %s, from any working directory", (_, marker) => {
    const root = tree({ ...marker, "infra/ai/deployments.yaml": "version: 1\n" });
    const expected = { path: "infra/ai/deployments.yaml", root: "git" };
    expect(repositoryPath({ cwd: path.join(root, "infra", "ai") }, "deployments.yaml")).toEqual(expected);
    expect(repositoryPath({ cwd: root }, "infra/ai/deployments.yaml")).toEqual(expected);
    expect(repositoryPath({ cwd: tmpdir() }, path.join(root, "infra", "ai", "deployments.yaml"))).toEqual(
      expected,
    );
  });

  it("outside Git, is relative to the working directory when the file is under it", () => {
    const root = tree({ "config/deployments.yaml": "version: 1\n" });
    expect(repositoryPath({ cwd: root }, "config/deployments.yaml")).toEqual({
      path: "config/deployments.yaml",
      root: "working-directory",
    });
    expect(repositoryPath({ cwd: root }, path.join(root, "config", "deployments.yaml"))).toEqual({
      path: "config/deployments.yaml",
      root: "working-directory",
    });
  });

  it("outside Git and outside the working directory, is the file's name: never absolute, never ..", () => {
    const root = tree({ "a/": "", "b/deployments.yaml": "version: 1\n" });
    const expected = { path: "deployments.yaml", root: "file-directory" };
    expect(repositoryPath({ cwd: path.join(root, "a") }, "../b/deployments.yaml")).toEqual(expected);
    expect(repositoryPath({ cwd: path.join(root, "a") }, path.join(root, "b", "deployments.yaml"))).toEqual(
      expected,
    );
  });

  it("resolves symbolic links, as code scanning matches files by their real path", () => {
    const root = tree({ ".git/": "", "infra/deployments.yaml": "version: 1\n", "work/": "" });
    symlinkSync(path.join(root, "infra", "deployments.yaml"), path.join(root, "deployments.yaml"));
    symlinkSync(path.join(root, "infra"), path.join(root, "work", "linked"));
    expect(repositoryPath({ cwd: root }, "deployments.yaml")).toEqual({
      path: "infra/deployments.yaml",
      root: "git",
    });
    expect(repositoryPath({ cwd: path.join(root, "work") }, "linked/deployments.yaml")).toEqual({
      path: "infra/deployments.yaml",
      root: "git",
    });
  });
});

describe("namedRepositoryPath", () => {
  it.each([
    ["deployments.yaml", "deployments.yaml", "working-directory"],
    ["./infra/deployments.yaml", "infra/deployments.yaml", "working-directory"],
    ["/srv/config/deployments.yaml", "deployments.yaml", "file-directory"],
    ["../other/deployments.yaml", "deployments.yaml", "file-directory"],
  ])("names %j as %j relative to the %s", (file, expected, root) => {
    expect(namedRepositoryPath(file)).toEqual({ path: expected, root });
  });
});
