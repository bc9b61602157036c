import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateFileTypes, typesPath } from "../../scripts/generate-types";

describe("types generated from the schema", () => {
  it("loader/file-types.generated.ts is what `npm run generate:types` produces from the schema", async () => {
    expect(readFileSync(typesPath, "utf8")).toBe(await generateFileTypes());
  });
});
