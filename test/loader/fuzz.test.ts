import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { type LoadedFile, loadDeploymentsText } from "../../loader/load";
import { resolveDesiredState } from "../../loader/resolve";
import { CODE_GRAMMAR, estateText } from "./support";

/** Strings that have broken YAML loaders: aliases, tags, flow indicators, control characters, huge text. */
const hostile = [
  "*a",
  "&a [*a,*a]",
  "&a",
  "<<: *a",
  "!!binary",
  "!!python/object:os.system",
  "!<tag:yaml.org,2002:str>",
  "\t",
  "{",
  "}",
  "[",
  "]",
  ": ",
  "- ",
  "? ",
  "|",
  ">-",
  "#",
  '"',
  "'",
  "\\",
  "---",
  "...",
  "%YAML 1.1",
  "\u0000",
  "\uFEFF",
  "\u202E",
  "\r",
  "\r\n",
  "🙂",
  "é",
  "~",
  ".nan",
  "1e999",
  "0x",
  "__proto__: {}",
  "constructor: 1",
  "toString:",
  "x".repeat(10_000),
  "a: ".repeat(200),
  "[".repeat(300),
];

type Mutation =
  | { kind: "delete-char"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "replace-char"; at: number; text: string }
  | { kind: "delete-line"; line: number }
  | { kind: "duplicate-line"; line: number }
  | { kind: "swap-lines"; line: number; other: number }
  | { kind: "indent"; line: number; by: number };

const position = fc.nat({ max: 1_000_000 });
const fragment = fc.oneof(
  fc.constantFrom(...hostile),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete-char" as const), at: position }),
  fc.record({ kind: fc.constant("insert" as const), at: position, text: fragment }),
  fc.record({ kind: fc.constant("replace-char" as const), at: position, text: fragment }),
  fc.record({ kind: fc.constant("delete-line" as const), line: position }),
  fc.record({ kind: fc.constant("duplicate-line" as const), line: position }),
  fc.record({ kind: fc.constant("swap-lines" as const), line: position, other: position }),
  fc.record({ kind: fc.constant("indent" as const), line: position, by: fc.integer({ min: -4, max: 4 }) }),
);

function apply(text: string, m: Mutation): string {
  if (m.kind === "delete-char" || m.kind === "insert" || m.kind === "replace-char") {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    if (m.kind === "delete-char") return text.slice(0, at) + text.slice(at + 1);
    if (m.kind === "insert") return text.slice(0, at) + m.text + text.slice(at);
    return text.slice(0, at) + m.text + text.slice(at + 1);
  }
  const lines = text.split("\n");
  const i = m.line % lines.length;
  const line = lines[i] ?? "";
  if (m.kind === "delete-line") lines.splice(i, 1);
  else if (m.kind === "duplicate-line") lines.splice(i, 0, line);
  else if (m.kind === "swap-lines") {
    const j = m.other % lines.length;
    lines[i] = lines[j] ?? "";
    lines[j] = line;
  } else {
    lines[i] = m.by >= 0 ? " ".repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), "");
  }
  return lines.join("\n");
}

function expectWellFormed(d: Diagnostic): void {
  expect(d.code).toMatch(CODE_GRAMMAR);
  expect(["error", "warning", "info"]).toContain(d.severity);
  expect(Number.isInteger(d.line) && d.line >= 1, `${d.code} line ${d.line}`).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 1, `${d.code} column ${d.column}`).toBe(true);
  expect(d.message.length).toBeGreaterThan(0);
  expect(typeof d.path).toBe("string");
}

/** Loads, checks every finding, and resolves every environment when the file is schema-valid. */
function loadAndResolve(text: string): LoadedFile {
  const loaded = loadDeploymentsText("fuzz.yaml", text);
  for (const d of loaded.diagnostics) expectWellFormed(d);
  const { config, document, catalog } = loaded;
  if (config && document && catalog) {
    // resolveDesiredState promises to be total on any schema-valid file, even one with semantic errors.
    for (const environment of [null, ...Object.keys(config.environments ?? {}), "no-such-environment"]) {
      resolveDesiredState(config, document, environment, catalog);
    }
  }
  return loaded;
}

describe("fuzzing the loader with mutations of the bundled file", () => {
  const bundled = estateText();

  it("never throws, and every finding has a code and a position from 1:1 (text mutations)", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        loadAndResolve(mutations.reduce(apply, bundled));
      }),
      { numRuns: 400, seed: 20250601 },
    );
  });

  it("never throws on type-preserving edits of the file's data (which reach the semantic checks)", () => {
    const data = parse(bundled) as unknown;
    const leaves = leafPaths(data);
    const strings = [
      ...new Set(leaves.map((p) => get(data, p)).filter((v): v is string => typeof v === "string")),
    ];
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant("replace" as const),
        leaf: position,
        text: fc.oneof(fc.constantFrom(...strings, ...names), fc.string({ maxLength: 70 })),
        number: fc.integer({ min: 1, max: 200_000 }),
        flag: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("delete" as const), leaf: position, depth: fc.nat({ max: 3 }) }),
      fc.record({ kind: fc.constant("duplicate" as const), leaf: position, depth: fc.nat({ max: 3 }) }),
    );
    let reachedChecks = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const copy = structuredClone(data);
        for (const e of edits) {
          const path = leaves[e.leaf % leaves.length] ?? [];
          if (e.kind === "replace") {
            const old = get(copy, path);
            set(copy, path, typeof old === "number" ? e.number : typeof old === "boolean" ? e.flag : e.text);
          } else {
            const at = path.slice(0, Math.max(1, path.length - e.depth));
            const parent = get(copy, at.slice(0, -1));
            const key = at[at.length - 1];
            if (Array.isArray(parent) && typeof key === "number") {
              if (e.kind === "delete") parent.splice(key, 1);
              else parent.splice(key, 0, structuredClone(parent[key]));
            } else if (isRecord(parent) && typeof key === "string" && e.kind === "delete") {
              delete parent[key];
            }
          }
        }
        if (loadAndResolve(stringify(copy)).config) reachedChecks++;
      }),
      { numRuns: 300, seed: 20250602 },
    );
    // Most edits keep the file schema-valid, so the semantic checks and the resolver are what is fuzzed.
    expect(reachedChecks).toBeGreaterThan(150);
  });
});

/** Names that collide with other names of the file, with Object.prototype or with Azure's rules. */
const names = [
  "eastus2",
  "swedencentral",
  "gpt-4o",
  "GPT-4O",
  "gpt-4o-ptu",
  "strict",
  "banned-terms",
  "Microsoft.Default",
  "proj-[",
  "",
  " ",
  "__proto__",
  "constructor",
  "hasOwnProperty",
];

type Path = (string | number)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

function get(value: unknown, path: Path): unknown {
  let node = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isRecord(node) && typeof segment === "string") node = node[segment];
    else return undefined;
  }
  return node;
}

function set(value: unknown, path: Path, replacement: unknown): void {
  const parent = get(value, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent) && typeof key === "number" && key < parent.length) parent[key] = replacement;
  else if (isRecord(parent) && typeof key === "string" && key in parent) parent[key] = replacement;
}
