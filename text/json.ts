/** A value as a JSON document, the way every JSON format writes it: indented, ending with a newline. */
export function jsonDocument(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, null, indent)}\n`;
}
