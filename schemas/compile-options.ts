/**
 * How the project's own schemas are compiled. The schemas are checked against the JSON Schema meta-schema
 * by a test (test/loader/schema-meta.test.ts), not at every start; `$ref`s stay functions of their own
 * and the generated code is not optimised, since compiling is most of a small file's validation time
 * (about 200 ms → 60 ms for the deployments schema) and validating is not where time goes.
 */
export const SCHEMA_COMPILE_OPTIONS = {
  strict: true,
  allowUnionTypes: true,
  validateSchema: false,
  inlineRefs: false,
  code: { optimize: false },
} as const;
