// The project's schemas are compiled without checking them against the meta-schema at run time
// (schemas/compile-options.ts): this test is where that check happens, for every schema in schemas/.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { SCHEMA_COMPILE_OPTIONS } from "../../schemas/compile-options";

const dir = path.resolve(__dirname, "../../schemas");
const schemas = readdirSync(dir).filter((f) => f.endsWith(".schema.json"));

describe("every schema in schemas/ is a valid JSON Schema 2020-12 document", () => {
  it("finds the schemas", () => {
    expect(schemas).toEqual(expect.arrayContaining(["deployments.schema.json", "catalog.schema.json"]));
  });

  it.each(schemas)("%s passes the meta-schema and compiles in strict mode", (file) => {
    const schema = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    const valid = ajv.validateSchema(schema);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(() => new Ajv2020({ ...SCHEMA_COMPILE_OPTIONS }).compile(schema)).not.toThrow();
  });

  it("the meta-schema check can fail: a schema with a wrongly typed keyword is refused", () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema({ type: "object", required: "name" })).toBe(false);
  });
});
