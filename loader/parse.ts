import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "yaml";
import type { Diagnostic, SourceLocation } from "../diagnostics/diagnostic";
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

const yamlErrorCodes: Record<string, { code: string; hint: string }> = {
  DUPLICATE_KEY: {
    code: "yaml/duplicate-key",
    hint: "remove one of the two entries; YAML keys must be unique",
  },
};

/** Parses YAML text keeping source positions; duplicate keys and alias bombs are errors. */
export function parseYaml(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error): Diagnostic => {
      const known = yamlErrorCodes[error.code];
      const message = firstLine(error.message);
      return {
        code: known?.code ?? "yaml/syntax",
        severity: "error",
        message: known ? message : `YAML syntax error: ${message}`,
        file,
        ...position(error.pos[0]),
        path: "",
        hint: known?.hint ?? "fix the YAML syntax at this position (indentation, quotes, colons)",
      };
    });
    return { ok: false, diagnostics: dedupeByPosition(diagnostics) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError || /alias/i.test(String((error as Error).message))) {
      return {
        ok: false,
        diagnostics: [
          {
            code: "yaml/alias-limit",
            severity: "error",
            message: `the document expands aliases more than ${MAX_ALIAS_COUNT} times or uses an unresolved alias`,
            file,
            line: 1,
            column: 1,
            path: "",
            hint: "write the values out instead of nesting anchors and aliases",
          },
        ],
      };
    }
    throw error;
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
  return {
    ok: true,
    document: { file, value, locate: (path, options) => locate(doc, file, path, position, options) },
  };
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

function locate(
  doc: Document,
  file: string,
  path: DocPath,
  position: (offset: number) => { line: number; column: number },
  options: { key?: boolean } = {},
): SourceLocation {
  let node: unknown = doc.contents;
  let best: { range?: [number, number, number] | null } | undefined = node as Node | undefined;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && scalarKey(p.key) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
      best = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      best = item as Node;
    } else {
      break;
    }
  }
  const target = options.key && keyNode ? keyNode : best;
  const offset = target?.range?.[0] ?? 0;
  return { file, ...position(offset), path: formatPath(path) };
}

function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
