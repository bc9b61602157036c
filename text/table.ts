/**
 * Tables of cells that are already made safe for their medium (escaped for Markdown, made one line for a
 * terminal): nothing here escapes.
 */

/** Columns padded to their widest cell and two spaces apart; the last column is not padded. */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

export type ColumnAlign = "left" | "right";

export interface MarkdownTableOptions {
  /** Alignment per column (numbers right-aligned); left when not given. */
  align?: readonly ColumnAlign[];
  /**
   * The delimiter row written as a row of cells (`| --- | ---: |`) instead of compactly (`|---|---:|`).
   * Both render the same; the compliance report has always written the spaced form.
   */
  spacedDelimiter?: boolean;
}

/** One Markdown table row. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** A Markdown table: the header row, the delimiter row, then one row per entry of `rows`. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: MarkdownTableOptions = {},
): string[] {
  const delimiters = headers.map((_, i) => (options.align?.[i] === "right" ? "---:" : "---"));
  const delimiter = options.spacedDelimiter ? markdownRow(delimiters) : `|${delimiters.join("|")}|`;
  return [markdownRow(headers), delimiter, ...rows.map(markdownRow)];
}
