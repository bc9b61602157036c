import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import schema from "../schemas/deployments.schema.json";
import type { AideployDeploymentsFile } from "./file-types.generated";
import type { ParsedDocument } from "./parse";
import type { DocPath } from "./path";

let compiled: ValidateFunction<AideployDeploymentsFile> | undefined;

/** The compiled schema validator, built on first use (never at import time). */
export function schemaValidator(): ValidateFunction<AideployDeploymentsFile> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile<AideployDeploymentsFile>(schema);
  }
  return compiled;
}

/** Validates the document against the JSON Schema; every error becomes a Diagnostic at its line. */
export function checkSchema(document: ParsedDocument): Diagnostic[] {
  const validate = schemaValidator();
  if (validate(document.value)) return [];
  const errors = pruneAnyOfBranches(validate.errors ?? []);
  const diagnostics = errors.map((error) => toDiagnostic(document, error));
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

function toDiagnostic(document: ParsedDocument, error: ErrorObject): Diagnostic {
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
        `${label(path)} has the wrong shape (${describeType(error.data)})`,
        "see the schema description of this key",
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

function describeLimit(error: ErrorObject): string | undefined {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  return description ? `expected: ${description}` : undefined;
}

/**
 * ajv reports every branch of an `anyOf`; keep only the branches whose type fits the value,
 * so that a mistyped key in an object form is reported as that, not as "must be string".
 */
function pruneAnyOfBranches(errors: ErrorObject[]): ErrorObject[] {
  const anyOfErrors = errors.filter((e) => e.keyword === "anyOf");
  if (anyOfErrors.length === 0) return errors;
  const drop = new Set<ErrorObject>();
  for (const anyOf of anyOfErrors) {
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (e === anyOf || !e.schemaPath.startsWith(`${anyOf.schemaPath}/`)) continue;
      const branch = e.schemaPath.slice(anyOf.schemaPath.length + 1).split("/")[0] ?? "";
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const fitting = [...branches.values()].filter(
      (list) => !list.some((e) => e.keyword === "type" && e.instancePath === anyOf.instancePath),
    );
    for (const list of branches.values()) for (const e of list) drop.add(e);
    if (fitting.length > 0) {
      drop.add(anyOf);
      for (const e of fitting.flat()) drop.delete(e);
    }
  }
  return errors.filter((e) => !drop.has(e));
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
