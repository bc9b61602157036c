import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLMap,
} from "yaml";
import { type Diagnostic, type SourceLocation, sortDiagnostics } from "../diagnostics/diagnostic";
import { type DocPath, formatPath } from "./path";

/** Aliases expanded beyond this count mean a resource-exhaustion attempt (an "alias bomb"). */
export const MAX_ALIAS_COUNT = 200;

export interface ParsedDocument {
  file: string;
  /** The document as plain data (after alias expansion). */
  value: unknown;
  /** Source position of a path; falls back to the nearest ancestor that exists. */
  locate(path: DocPath, options?: { key?: boolean }): SourceLocation;
}

export type ParseResult = { ok: true; document: ParsedDocument } | { ok: false; diagnostics: Diagnostic[] };

/** Parses YAML text keeping source positions; duplicate keys and alias bombs are errors. */
export function parseYaml(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let doc: Document;
  try {
    // yaml's own uniqueKeys check compares each key with every earlier one (quadratic in the size of a
    // mapping); duplicateKeyDiagnostics does the same check in linear time.
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, merge: true });
  } catch (error) {
    return { ok: false, diagnostics: [unexpectedYamlFailure(file, error)] };
  }
  const syntaxDiagnostics = doc.errors.map(
    (error): Diagnostic => ({
      code: "yaml/syntax",
      severity: "error",
      message: `YAML syntax error: ${describeYamlError(firstLine(error.message))}`,
      file,
      ...position(error.pos[0]),
      path: "",
      hint: "fix the YAML syntax at this position (indentation, quotes, colons)",
    }),
  );
  const diagnostics = [...syntaxDiagnostics, ...duplicateKeyDiagnostics(doc, file, text, position)];
  if (diagnostics.length > 0) {
    return { ok: false, diagnostics: sortDiagnostics(dedupeByPosition(diagnostics)) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, diagnostics: [conversionDiagnostic(doc, file, error, position)] };
  }
  if (value === null || value === undefined) {
    return {
      ok: false,
      diagnostics: [
        {
          code: "file/empty",
          severity: "error",
          message: "the file is empty",
          file,
          line: 1,
          column: 1,
          path: "",
          hint: "start from the bundled deployments.yaml: `version: 1`, `accounts:` and `deployments:`",
        },
      ],
    };
  }
  const locator = new Locator(doc, file, position);
  return {
    ok: true,
    document: { file, value, locate: (path, options) => locator.locate(path, options) },
  };
}

/** Turns an exception of the YAML-to-data conversion into a finding; the conversion never escapes. */
function conversionDiagnostic(
  doc: Document,
  file: string,
  error: unknown,
  position: (offset: number) => { line: number; column: number },
): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const unresolved = /^Unresolved alias[^:]*:\s*\*?(.*)$/.exec(message);
  if (unresolved) {
    const name = unresolved[1]?.trim() ?? "";
    const offset = firstAliasOffset(doc, name);
    return {
      code: "yaml/alias-limit",
      severity: "error",
      message: `the alias *${name} refers to no anchor &${name} before it`,
      file,
      ...(offset === undefined ? { line: 1, column: 1 } : position(offset)),
      path: "",
      hint: `define \`&${name}\` before this alias, or write the value out`,
    };
  }
  if (error instanceof ReferenceError || /alias/i.test(message)) {
    return {
      code: "yaml/alias-limit",
      severity: "error",
      message: `the document expands aliases more than ${MAX_ALIAS_COUNT} times (an alias bomb)`,
      file,
      line: 1,
      column: 1,
      path: "",
      hint: "write the values out instead of nesting anchors and aliases",
    };
  }
  return unexpectedYamlFailure(file, error);
}

function unexpectedYamlFailure(file: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: "yaml/syntax",
    severity: "error",
    message: `YAML syntax error: ${describeYamlError(firstLine(message))}`,
    file,
    line: 1,
    column: 1,
    path: "",
    hint: "fix the YAML syntax (indentation, quotes, colons)",
  };
}

function firstAliasOffset(doc: Document, name: string): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.source !== name) return undefined;
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** yaml's messages, reworded where they speak of its API or its internals rather than of the file. */
function describeYamlError(message: string): string {
  if (/maximum call stack/i.test(message)) return "the document is nested too deeply";
  if (/multiple documents/i.test(message)) return "the file holds several YAML documents (`---`); keep one";
  return message;
}

/**
 * A key written twice in one mapping, compared as yaml's uniqueKeys option compares them: scalar keys
 * with the same value (`1` and `0x1` are equal, `1` and `"1"` are not); merge keys (`<<`) may repeat.
 */
function duplicateKeyDiagnostics(
  doc: Document,
  file: string,
  text: string,
  position: (offset: number) => { line: number; column: number },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // An explicit stack over collections only: scalars, the bulk of the nodes, are never visited.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) if (isMap(item) || isSeq(item)) stack.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const { key, value: child } = pair;
      if (isMap(child) || isSeq(child)) stack.push(child);
      if (!isScalar(key)) {
        if (isMap(key) || isSeq(key)) stack.push(key);
        continue;
      }
      const value = key.value;
      if (typeof value === "symbol" || (typeof value === "number" && Number.isNaN(value))) continue;
      const identity = `${typeof value}:${String(value)}`;
      if (!seen.has(identity)) {
        seen.add(identity);
        continue;
      }
      const [start = 0, end = start] = key.range ?? [];
      const source = text.slice(start, end).trim();
      const shown = source.length > 0 && source.length <= 80 ? source : JSON.stringify(String(value));
      diagnostics.push({
        code: "yaml/duplicate-key",
        severity: "error",
        message: `the key ${/^["']/.test(shown) ? shown : `"${shown}"`} appears twice in this mapping`,
        file,
        ...position(start),
        path: "",
        hint: "remove one of the two entries; YAML keys must be unique",
      });
    }
  }
  return diagnostics;
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

function dedupeByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Finds the source position of document paths. Lookups are memoised per mapping and per alias, so that
 * locating every entry of a large file stays linear.
 */
class Locator {
  private readonly pairsByMap = new WeakMap<YAMLMap, Map<string, Pair>>();
  private aliasTargets: Map<Alias, Node> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly position: (offset: number) => { line: number; column: number },
  ) {}

  locate(path: DocPath, options: { key?: boolean } = {}): SourceLocation {
    let node: unknown = this.doc.contents;
    let best: Node | undefined = (node as Node | null) ?? undefined;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isAlias(node)) node = this.resolveAlias(node);
      keyNode = undefined;
      if (isMap(node)) {
        const pair = this.pairOf(node, String(segment));
        if (!pair) break;
        keyNode = (pair.key as Node | null) ?? undefined;
        node = pair.value;
        // `key:` with nothing after it: the empty value has no text of its own, so point at the key.
        const value = pair.value as Node | null;
        best = value && !isEmptyScalar(value) ? value : (keyNode ?? best);
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) break;
        node = item;
        best = item ?? best;
      } else {
        break;
      }
    }
    const target = options.key && keyNode ? keyNode : best;
    const offset = target?.range?.[0] ?? 0;
    return { file: this.file, ...this.position(offset), path: formatPath(path) };
  }

  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    let pairs = this.pairsByMap.get(map);
    if (!pairs) {
      pairs = new Map();
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        const name = scalarKey(pair.key);
        if (name !== undefined && !pairs.has(name)) pairs.set(name, pair);
      }
      this.pairsByMap.set(map, pairs);
    }
    return pairs.get(key);
  }

  /** The node an alias stands for: the last node anchored with its name before it. */
  private resolveAlias(alias: Alias): unknown {
    if (!this.aliasTargets) {
      const targets = new Map<Alias, Node>();
      const anchors = new Map<string, Node>();
      visit(this.doc, {
        Node(_key, node) {
          if (isAlias(node)) {
            const target = anchors.get(node.source);
            if (target) targets.set(node, target);
          }
          const anchor = (node as { anchor?: string }).anchor;
          if (anchor) anchors.set(anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
}

function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
