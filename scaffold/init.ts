import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { UsageError } from "../diagnostics/failure";

/** The package's own folder: templates, examples and the policy pack are read from it. */
const PACKAGE_ROOT = path.join(__dirname, "..");

/** Where the policy pack is, seen from a project that installed aideploy from npm. */
export const INSTALLED_POLICY_PACK = "node_modules/aideploy/policies";

/** A file `init` writes: where (relative to the project), and what. */
export interface ScaffoldFile {
  path: string;
  text: string;
}

export interface ScaffoldOptions {
  /** The folder to scaffold (absolute). */
  dir: string;
  /** Replace files that already exist. */
  force: boolean;
  /** Read templates and examples from this folder instead of the package's (tests). */
  packageRoot?: string;
}

export interface Scaffold {
  /** Every file to write, in the order they are listed to the user. */
  files: ScaffoldFile[];
  /** Files of `files` that exist and will be replaced (only with `force`). */
  replaced: string[];
}

/** A Pulumi project name from a folder name: letters, digits, `-`, `_` and `.`, else "ai-deployments". */
export function projectName(dir: string): string {
  const name = path
    .basename(dir)
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[-.]+|-+$/g, "");
  return name === "" ? "ai-deployments" : name;
}

/**
 * The GitHub Actions workflow of `examples/github/`, for a project that installed aideploy: the policy pack
 * is the installed package's. Throws when the example no longer names the pack where this expects it.
 */
export function installedWorkflow(example: string): string {
  const pack = /^(\s*policyPacks:\s*)policies\s*$/m;
  const schemas = /^(\s*paths: \[deployments\.yaml, policies\/\*\*), schemas\/\*\*\]$/m;
  if (!pack.test(example) || !schemas.test(example)) {
    throw new Error(
      "examples/github/deployments.yml changed: `policyPacks: policies` or `schemas/**` not found",
    );
  }
  // The rules and schema come with the installed package: a new version of it is in package-lock.json.
  return example.replace(pack, `$1${INSTALLED_POLICY_PACK}`).replace(schemas, "$1, package-lock.json]");
}

/**
 * What `aideploy init` writes into a folder: a deployments file whose schema comment points into the
 * installed package, a Pulumi project whose program is the `AiDeployments` component, and the GitHub
 * Actions workflow of the examples with the installed policy pack. Existing files are a usage error
 * (nothing is written) unless `force`.
 */
export function planScaffold(options: ScaffoldOptions): Scaffold {
  const root = options.packageRoot ?? PACKAGE_ROOT;
  const template = (name: string) => readFileSync(path.join(root, "scaffold", "templates", name), "utf8");
  const files: ScaffoldFile[] = [
    { path: "deployments.yaml", text: template("deployments.yaml") },
    {
      path: "Pulumi.yaml",
      text: template("Pulumi.yaml").replace(/^name: .*$/m, `name: ${projectName(options.dir)}`),
    },
    { path: "index.js", text: template("index.js") },
    {
      path: ".github/workflows/deployments.yml",
      text: installedWorkflow(readFileSync(path.join(root, "examples", "github", "deployments.yml"), "utf8")),
    },
  ];
  const replaced = files.map((f) => f.path).filter((f) => existsSync(path.join(options.dir, f)));
  if (replaced.length > 0 && !options.force) {
    throw new UsageError(
      `${replaced.join(", ")} already exist${replaced.length === 1 ? "s" : ""}; nothing was written (--force replaces ${replaced.length === 1 ? "it" : "them"})`,
    );
  }
  return { files, replaced };
}

/** What `init` tells the user after writing. Pure. */
export function formatScaffold(scaffold: Scaffold): string {
  const lines = scaffold.files.map(
    (f) => `${scaffold.replaced.includes(f.path) ? "replaced" : "created"} ${f.path}`,
  );
  lines.push(
    "",
    "Next:",
    "  npx aideploy validate          check deployments.yaml",
    "  npx aideploy plan --env dev    what `pulumi up --stack dev` would register",
    `  pulumi up --stack dev --policy-pack ${INSTALLED_POLICY_PACK}`,
  );
  return `${lines.join("\n")}\n`;
}
