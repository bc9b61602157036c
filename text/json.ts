/** A value as a JSON document, the way every JSON format writes it: indented, ending with a newline. */
export function jsonDocument(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, null, indent)}\n`;
}

/**
 * Deepest nesting of arrays and objects read from a file. Real definitions nest a few levels; a document
 * nested thousands deep would exhaust the stack of every recursive reader after the parser.
 */
export const MAX_JSON_DEPTH = 256;

/** JSON nested deeper than `MAX_JSON_DEPTH`. */
export class JsonDepthError extends Error {
  override readonly name = "JsonDepthError";
}

/** Measures nesting without recursion, stopping as soon as the limit is passed. */
function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Parses JSON text as written by Windows tools too: a leading byte-order mark is ignored. Throws a
 * SyntaxError for text that is not JSON and a JsonDepthError for JSON nested beyond `MAX_JSON_DEPTH`.
 */
export function parseJsonDocument(text: string): unknown {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value: unknown = JSON.parse(withoutBom);
  if (exceedsDepth(value, MAX_JSON_DEPTH)) {
    throw new JsonDepthError(`it nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`);
  }
  return value;
}
