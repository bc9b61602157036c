import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedPath, generatedTypes, generateTypes } from "../../scripts/generate-types";

describe("types generated from the schemas", () => {
  it.each(generatedTypes.map((entry) => [entry.types, entry]))(
    "%s is what `npm run generate:types` produces from its schema",
    async (_name, entry) => {
      expect(readFileSync(generatedPath(entry), "utf8")).toBe(await generateTypes(entry));
    },
  );
});
