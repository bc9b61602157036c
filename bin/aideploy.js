#!/usr/bin/env node
"use strict";
// Runs the compiled CLI: dist/aideploy.js, bundled from the TypeScript sources by `npm run build`
// (npm runs it itself in `npm ci` and before `npm pack`).
let main;
try {
  ({ main } = require("../dist/aideploy.js"));
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && String(error.message).includes("dist/aideploy.js")) {
    process.stderr.write("aideploy: the CLI is not built; run `npm run build` (or `npm ci`) first\n");
    process.exit(3);
  }
  throw error;
}

// `main` turns every failure into an exit code; this catch is for a failure to start at all.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `aideploy: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 3;
  },
);
