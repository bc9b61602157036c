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
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist");

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
    plugins: [keepSourceDirs],
    legalComments: "none",
    logLevel: "warning",
  });
}

await buildAll();
