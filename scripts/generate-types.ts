/**
 * Writes loader/file-types.generated.ts from schemas/deployments.schema.json.
 * The schema is the single definition of the file format; a test fails when the two drift.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { compile } from "json-schema-to-typescript";

export const schemaPath = path.resolve(__dirname, "..", "schemas", "deployments.schema.json");
export const typesPath = path.resolve(__dirname, "..", "loader", "file-types.generated.ts");

export async function generateFileTypes(): Promise<string> {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  return compile(schema, "DeploymentsFile", {
    bannerComment:
      "/* Generated from schemas/deployments.schema.json by `npm run generate:types`. Do not edit. */",
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: false,
    style: { singleQuote: false },
  });
}

if (require.main === module) {
  generateFileTypes().then((text) => {
    writeFileSync(typesPath, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), typesPath)}\n`);
  });
}
