// The pack is TypeScript; tsx loads it without a build step, as the CLI and the Pulumi program do.
require("tsx/cjs");
require("./pack-entry.ts");
