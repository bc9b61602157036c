import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { ModelCatalog } from "../../catalog/model-catalog";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { type LoadedFile, loadDeploymentsText } from "../../loader/load";
import { repoRoot } from "../support/paths";

/**
 * The estate most tests are written against: the bundled example as it was when the first version shipped
 * (gpt-4o era), frozen so that those tests do not change each time the bundled `deployments.yaml` follows
 * Azure's current models. Tests of the bundled example itself read `deployments.yaml` at the root.
 */
export const estatePath = path.join(repoRoot, "test", "fixtures", "estate.yaml");

export function estateText(): string {
  return readFileSync(estatePath, "utf8");
}

/** A YAML snippet written indented inside a test: drops the first newline and the common indentation. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw
    .replace(/^\n/, "")
    .replace(/\n[ \t]*$/, "\n")
    .split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join("\n");
}

export function load(text: string, catalog?: ModelCatalog): LoadedFile {
  return loadDeploymentsText("test.yaml", text, catalog);
}

/** Findings that matter for validity: errors and warnings. */
export function problems(loaded: LoadedFile): Diagnostic[] {
  return loaded.diagnostics.filter((d) => d.severity !== "info");
}

/** `code@line:column`, for compact assertions. */
export function where(d: Diagnostic): string {
  return `${d.code}@${d.line}:${d.column}`;
}

/** The agreed grammar of diagnostic codes: `<area>/<name>`, lowercase words joined by hyphens. */
export const CODE_GRAMMAR = /^[a-z]+(-[a-z]+)*\/([a-z]+(-[a-z]+)*|<[a-z]+(-[a-z]+)*>)$/;
