#!/usr/bin/env node
"use strict";
// Loads the TypeScript sources directly so that `npx aideploy` works in a checkout after `npm ci`.
require("tsx/cjs");
const { main } = require("../cli/main.ts");

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
