/** Longest user string shown in a table cell; the rest is cut with an ellipsis. */
export const MAX_CELL_LENGTH = 120;

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

/**
 * User text (names, tags, descriptions, blocklist items) made inert in Markdown: no markup, links,
 * mentions, HTML, table breaks or line breaks can come from it.
 */
export function escapeMarkdown(text: string, max = MAX_CELL_LENGTH): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const flat = truncate(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " "), max);
  return (
    flat
      .replace(/[\\`*_{}[\]()#+\-.!|~<>"'=:]/g, (c) => `&#${c.charCodeAt(0)};`)
      // An @ followed by a word would notify a user or team on GitHub.
      .replace(/@/g, "&#64;")
  );
}

/**
 * User text shown as code. Text between raw `<code>` tags is still read as Markdown, so it is escaped
 * the same way as any other user text.
 */
export function markdownCode(text: string, max = MAX_CELL_LENGTH): string {
  return `<code>${escapeMarkdown(text, max)}</code>`;
}

/** User text in HTML element content or attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
