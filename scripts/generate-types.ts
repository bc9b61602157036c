/**
 * Writes the TypeScript types of the project's file formats from their JSON Schemas: the deployments file
 * (loader/file-types.generated.ts), the model catalog (catalog/catalog-types.generated.ts) and the price
 * file (cost/price-types.generated.ts). The schemas
 * are the single definitions of the formats; a test fails when a schema and its types drift.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { compile } from "json-schema-to-typescript";

const root = path.resolve(__dirname, "..");

export interface GeneratedTypes {
  schema: string;
  types: string;
  /** Name of the type of the whole document. */
  name: string;
}

/** Every schema and the file its types are written to, relative to the repository root. */
export const generatedTypes: readonly GeneratedTypes[] = [
  {
    schema: "schemas/deployments.schema.json",
    types: "loader/file-types.generated.ts",
    name: "DeploymentsFile",
  },
  {
    schema: "schemas/catalog.schema.json",
    types: "catalog/catalog-types.generated.ts",
    name: "ModelCatalogFile",
  },
  {
    schema: "schemas/prices.schema.json",
    types: "cost/price-types.generated.ts",
    name: "PriceFile",
  },
];

export const schemaPath = path.join(root, "schemas", "deployments.schema.json");
export const typesPath = path.join(root, "loader", "file-types.generated.ts");

export async function generateTypes(entry: GeneratedTypes): Promise<string> {
  const schema = JSON.parse(readFileSync(path.join(root, entry.schema), "utf8"));
  return compile(schema, entry.name, {
    bannerComment: `/* Generated from ${entry.schema} by \`npm run generate:types\`. Do not edit. */`,
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: false,
    style: { singleQuote: false },
  });
}

/** The deployments file's types. */
export function generateFileTypes(): Promise<string> {
  return generateTypes(generatedTypes[0] as GeneratedTypes);
}

export function generatedPath(entry: GeneratedTypes): string {
  return path.join(root, entry.types);
}

if (require.main === module) {
  Promise.all(
    generatedTypes.map(async (entry) => {
      writeFileSync(generatedPath(entry), await generateTypes(entry));
      process.stdout.write(`wrote ${entry.types}\n`);
    }),
  );
}
