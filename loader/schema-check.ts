import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { closestMatch, didYouMean } from "../diagnostics/suggest";
import { SCHEMA_COMPILE_OPTIONS } from "../schemas/compile-options";
import schema from "../schemas/deployments.schema.json";
import type { AideployDeploymentsFile } from "./file-types.generated";
import type { ParsedDocument } from "./parse";
import type { DocPath } from "./path";

let compiled: ValidateFunction<AideployDeploymentsFile> | undefined;

/** The compiled schema validator, built on first use (never at import time). */
export function schemaValidator(): ValidateFunction<AideployDeploymentsFile> {
  if (!compiled) {
    const ajv = new Ajv2020({ ...SCHEMA_COMPILE_OPTIONS, allErrors: true, verbose: true });
    compiled = ajv.compile<AideployDeploymentsFile>(schema);
  }
  return compiled;
}

/** Validates the document against the JSON Schema; every error becomes a Diagnostic at its line. */
export function checkSchema(document: ParsedDocument): Diagnostic[] {
  const validate = schemaValidator();
  if (validate(document.value)) return [];
  const { errors: pruned, allowedTypes } = pruneAnyOfBranches(validate.errors ?? []);
  const errors = dropMisspeltRequired(pruned);
  const diagnostics = errors.map((error) => toDiagnostic(document, error, allowedTypes.get(error)));
  return dedupe(diagnostics);
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${preview(value)}`;
  return `${typeof value} ${String(value)}`;
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(shown);
}

function typeName(expected: unknown): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    string: "a string",
    integer: "an integer",
    number: "a number",
    boolean: "true or false",
  };
  const list = Array.isArray(expected) ? expected : [expected];
  return list.map((t) => names[String(t)] ?? String(t)).join(" or ");
}

function toDiagnostic(document: ParsedDocument, error: ErrorObject, allowedTypes?: string[]): Diagnostic {
  const path: DocPath = pointerToPath(error.instancePath);
  const where = path.length === 0 ? "the top level" : undefined;
  const at = (p: DocPath, key = false) => document.locate(p, { key });
  const make = (code: string, p: DocPath, message: string, hint?: string, key = false): Diagnostic => {
    const d: Diagnostic = { code, severity: "error", message, ...at(p, key) };
    if (hint !== undefined) d.hint = hint;
    return d;
  };
  const label = (p: DocPath) => where ?? (at(p).path || "the top level");
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      const suggestion = didYouMean(key, allowed);
      return make(
        "schema/unknown-key",
        [...path, key],
        `unknown key "${key}" in ${label(path)}`,
        suggestion ?? (allowed.length > 0 ? `allowed keys here: ${allowed.join(", ")}` : "remove this key"),
        true,
      );
    }
    case "required": {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return make(
        "schema/required",
        path,
        `missing required key "${missing}" in ${label(path)}`,
        `add \`${missing}:\` here`,
        path.length > 0,
      );
    }
    case "type": {
      const expected = (error.params as { type: unknown }).type;
      const quoteHint =
        expected === "string" && (typeof error.data === "number" || typeof error.data === "boolean")
          ? `quote the value: "${String(error.data)}"`
          : undefined;
      return make(
        "schema/type",
        path,
        `${label(path)} must be ${typeName(expected)}, not ${describeType(error.data)}`,
        quoteHint ?? `write ${typeName(expected)} here`,
      );
    }
    case "enum": {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const suggestion = typeof error.data === "string" ? didYouMean(error.data, allowed) : undefined;
      return make(
        "schema/enum",
        path,
        `${label(path)} is ${preview(error.data)}, which is not one of: ${allowed.join(", ")}`,
        suggestion ?? `use one of: ${allowed.join(", ")}`,
      );
    }
    case "const": {
      const allowed = (error.params as { allowedValue: unknown }).allowedValue;
      return make(
        "schema/const",
        path,
        `${label(path)} must be ${JSON.stringify(allowed)}, not ${preview(error.data)}`,
        `write ${JSON.stringify(allowed)}`,
      );
    }
    case "anyOf":
      return make(
        "schema/type",
        path,
        allowedTypes && allowedTypes.length > 0
          ? `${label(path)} must be ${typeName([...new Set(allowedTypes)])}, not ${describeType(error.data)}`
          : `${label(path)} has the wrong shape (${describeType(error.data)})`,
        describeLimit(error) ?? "see the schema description of this key",
      );
    case "false schema":
      return make(
        "schema/not-allowed",
        path,
        `${label(path)} is not allowed here`,
        reasonForbidden(error.schemaPath) ?? "remove this key",
        true,
      );
    default:
      return make(
        "schema/value",
        path,
        `${label(path)} ${error.message ?? "is not valid"}`,
        describeLimit(error),
      );
  }
}

/**
 * Why a key is forbidden (a `false` schema): the description of the nearest schema around it. ajv gives the
 * path from the schema the last `$ref` led to (`#/allOf/0/properties/y/...`), so it is followed from the
 * root and from each `$defs` entry, and the first one it leads through to `false` is the one.
 */
function reasonForbidden(schemaPath: string): string | undefined {
  const segments = schemaPath
    .replace(/^#\//, "")
    .split("/")
    .slice(0, -1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const roots: unknown[] = [schema, ...Object.values((schema as { $defs?: object }).$defs ?? {})];
  for (const root of roots) {
    let node: unknown = root;
    let reason: string | undefined;
    for (const segment of segments) {
      if (node === null || typeof node !== "object") break;
      node = (node as Record<string, unknown>)[segment];
      const description = (node as { description?: unknown } | undefined)?.description;
      if (typeof description === "string") reason = description;
    }
    if (node === false) return reason === undefined ? undefined : `remove it: ${reason}`;
  }
  return undefined;
}

function describeLimit(error: ErrorObject): string | undefined {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  return description ? `expected: ${description}` : undefined;
}

/**
 * ajv reports every branch of a failed `anyOf`, then the `anyOf` itself. Branches reached through `$ref`
 * carry the referenced schema's path, not the branch's, so branches are told apart by what they report:
 * a type error at the anyOf's own position means "not this branch"; anything else (a deeper error, or
 * a pattern or length error at that position) comes from the branch whose type fits, and is what the
 * user needs. When every branch failed on type alone, only the anyOf is kept, naming the types allowed.
 */
function pruneAnyOfBranches(errors: ErrorObject[]): {
  errors: ErrorObject[];
  allowedTypes: Map<ErrorObject, string[]>;
} {
  const drop = new Set<ErrorObject>();
  const allowedTypes = new Map<ErrorObject, string[]>();
  errors.forEach((anyOf, index) => {
    if (anyOf.keyword !== "anyOf") return;
    const branchErrors: ErrorObject[] = [];
    // The branches' errors are the run of errors at or below the anyOf's position just before it.
    for (let i = index - 1; i >= 0; i--) {
      const e = errors[i];
      if (!e || !isWithin(e.instancePath, anyOf.instancePath)) break;
      branchErrors.push(e);
    }
    branchErrors.reverse();
    const typeMismatches = branchErrors.filter(
      (e) => e.keyword === "type" && e.instancePath === anyOf.instancePath,
    );
    const fromFittingBranch = branchErrors.filter((e) => !typeMismatches.includes(e));
    for (const e of typeMismatches) drop.add(e);
    if (fromFittingBranch.length > 0) drop.add(anyOf);
    else
      allowedTypes.set(
        anyOf,
        typeMismatches.flatMap((e) => [(e.params as { type: unknown }).type].flat().map(String)),
      );
  });
  return { errors: errors.filter((e) => !drop.has(e)), allowedTypes };
}

/**
 * A required key that is missing because it was misspelt is reported once, as the unknown key whose
 * hint names it ("did you mean "resourceGroup"?"), not a second time as missing.
 */
function dropMisspeltRequired(errors: ErrorObject[]): ErrorObject[] {
  const misspelt = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== "additionalProperties") continue;
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const meant = closestMatch(key, allowed);
    if (meant !== undefined) misspelt.add(`${e.instancePath}\u0000${meant}`);
  }
  if (misspelt.size === 0) return errors;
  return errors.filter(
    (e) =>
      e.keyword !== "required" ||
      !misspelt.has(`${e.instancePath}\u0000${(e.params as { missingProperty: string }).missingProperty}`),
  );
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.path}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
