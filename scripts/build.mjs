// Builds the compiled CLI and the Pulumi component from the TypeScript sources into dist/ (not committed).
// Run by `npm run build`, and by npm itself before `npm ci` finishes (`prepare`) and before `npm pack`.
//
// Each entry is one CommonJS bundle of the project's own code; packages from node_modules stay external
// (`require`d at run time from the installed dependencies), so the bundle is small and the Azure SDK,
// Pulumi and friends load exactly as they do from the sources. JSON imported by the sources (schemas,
// policy definitions, regions, package.json) is inlined. Data files the sources read at run time relative
// to their own folder (`__dirname`: the shipped model catalog, its schema, the policy alias table) are
// still read from the package: every `__dirname` in a project source is rewritten to that source's folder
// as seen from dist/.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist");
const require = createRequire(path.join(root, "package.json"));

/** The bundles: the CLI (`bin/aideploy.js` loads it) and the package's main module (the Pulumi component). */
export const ENTRIES = {
  aideploy: "cli/main.ts",
  component: "infra/component.ts",
};

/** `__dirname` of a project source, as an expression valid inside a bundle written to dist/. */
function sourceDirExpression(file) {
  const relative = path.relative(outdir, path.dirname(file)).split(path.sep).join("/");
  return `require("node:path").join(__dirname, ${JSON.stringify(relative)})`;
}

const keepSourceDirs = {
  name: "keep-source-dirs",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await readFile(args.path, "utf8");
      if (!text.includes("__dirname")) return { contents: text, loader: "ts" };
      const expression = sourceDirExpression(args.path);
      return { contents: text.replace(/\b__dirname\b/g, () => `(${expression})`), loader: "ts" };
    });
  },
};

/**
 * Packages only the live commands use, and that take a third of a second each to load: the bundle requires
 * them at first use of one of their exports, so offline commands never load them. Each import is replaced
 * by a module of getters for the package's export names (read here, at build time).
 */
const LAZY_PACKAGES = ["@azure/arm-cognitiveservices", "@azure/arm-policy", "@azure/core-rest-pipeline"];

const lazyPackages = {
  name: "lazy-packages",
  setup(pluginBuild) {
    const filter = new RegExp(`^(${LAZY_PACKAGES.map((p) => p.replace(/[/.]/g, "\\$&")).join("|")})$`);
    pluginBuild.onResolve({ filter }, (args) =>
      args.namespace === "lazy-package"
        ? { path: args.path, external: true }
        : { path: args.path, namespace: "lazy-package" },
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: "lazy-package" }, (args) => {
      const names = Object.keys(require(args.path)).filter((name) => name !== "__esModule");
      const getters = names
        .map(
          (name) =>
            `  ${JSON.stringify(name)}: { enumerable: true, get: () => load()[${JSON.stringify(name)}] },`,
        )
        .join("\n");
      return {
        contents: `let loaded;\nfunction load() {\n  loaded ??= require(${JSON.stringify(args.path)});\n  return loaded;\n}\nObject.defineProperties(module.exports, {\n${getters}\n});\n`,
        loader: "js",
        resolveDir: root,
      };
    });
  },
};

export async function buildAll() {
  await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    plugins: [keepSourceDirs, lazyPackages],
    legalComments: "none",
    logLevel: "warning",
  });
}

await buildAll();
