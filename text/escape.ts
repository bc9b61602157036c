import { stripVTControlCharacters } from "node:util";
import { truncate } from "./truncate";

/**
 * The one place where user text (names, tags, descriptions, blocklist items, live values, messages) is
 * made inert for the medium it is shown in: a terminal or log line, Markdown for pull-request comments and
 * job summaries, HTML, XML, GitHub Actions workflow commands. Every formatter escapes through here.
 */

/** Longest user string shown in a table cell; the rest is cut with an ellipsis. */
export const MAX_CELL_LENGTH = 120;

/**
 * A zero-width space, written as a character reference so that the raw Markdown shows where it is. It
 * splits what GitHub would otherwise turn into a mention (`@team`), an issue reference (`#12`, `GH-12`) or
 * a link (`https://…`, `www.…`, `user@host`), and stays invisible once rendered. A backslash would not do:
 * GitHub finds mentions and references in the rendered text, after backslashes are gone.
 */
const SPLIT = "&#8203;";

/**
 * One line of text: terminal escape sequences removed, every other control character (newlines, tabs,
 * C1 controls) and the Unicode line and paragraph separators made a space.
 */
export function flattenText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  return stripVTControlCharacters(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
}

/**
 * One line of a terminal or a log: C0 control characters (newlines and ESC included), DEL and the Unicode
 * line and paragraph separators made a space, so that a value cannot split a finding over several lines.
 */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * An `@` (followed by a letter or digit) that GitHub would read as a mention, after anything but a word
 * character, or as an e-mail autolink, before a domain with a dot. `gpt-4o@2024-11-20` is neither.
 */
function mentionOrEmail(text: string, at: number): boolean {
  return !/\w/.test(text[at - 1] ?? "") || /^@[\w-]+\.\w/.test(text.slice(at, at + 256));
}

/**
 * What Markdown (GitHub Flavored) or GitHub itself could read as markup, a link, a mention, a reference,
 * HTML or a table break; everything else is left as written.
 * - `\` before ASCII punctuation or at the end (it would escape the next character, ours included);
 * - `` ` `` `*` `~` `[` `|`: code spans, emphasis, strikethrough, links and images, table cells;
 * - `_` unless inside a word (`snake_case` is never emphasis);
 * - `<`: HTML and `<…>` autolinks; `&` only where it would start a character reference;
 * - `@name` (unless after a word character and not before a domain), `#12`, `GH-12`, `scheme://`, `www.`:
 *   mentions, e-mail autolinks, issue references, links.
 */
const MARKDOWN_SPECIAL =
  /\\(?=[!-/:-@[-`{-~]|$)|[`*~[|<_]|&(?=#?[a-z0-9]+;)|@(?=[a-z0-9])|#(?=\d)|\bgh-(?=\d)|:(?=\/\/)|\bwww(?=\.)/gi;

function escapeMarkdownCharacter(match: string, offset: number, text: string): string {
  switch (match) {
    case "<":
      return "&lt;";
    case "&":
      return "&amp;";
    case "_":
      return WORD_CHARACTER.test(text[offset - 1] ?? "") && WORD_CHARACTER.test(text[offset + 1] ?? "")
        ? "_"
        : "\\_";
    case "@":
      return mentionOrEmail(text, offset) ? `@${SPLIT}` : "@";
    case "#":
    case ":":
      return `${match}${SPLIT}`;
    default:
      // `gh-` and `www` keep their letters; the split goes before what would complete the reference.
      if (match.length > 1) return `${match}${SPLIT}`;
      return `\\${match}`;
  }
}

/**
 * Lines that would open a block when the text starts a line (a list item's text, a paragraph): a heading,
 * a quote, a list item, a thematic break or a setext underline. Only the first character needs escaping.
 */
const BLOCK_START = /^(?:#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|-+[ \t]*$|(?:-[ \t]*){3,}$|=+[ \t]*$)/;
const ORDERED_LIST_START = /^(\d{1,9})([.)])(?=[ \t]|$)/;

/**
 * User text made inert in Markdown: shown as written, on one line, cut to `max` characters, with no
 * markup, link, mention, reference, HTML or table break coming from it, wherever it is placed inline
 * (a table cell, a list item, a paragraph, inside `<code>`). Only what GitHub would act on is escaped,
 * so that the raw Markdown stays readable: `gpt-4o-mini (2024-07-18)` is unchanged.
 */
export function escapeMarkdown(text: string, max = MAX_CELL_LENGTH): string {
  // Leading spaces could make an indented code block, trailing ones keep a closing `**` from closing;
  // rendered inline, both are dropped anyway.
  const line = truncate(flattenText(text).trim(), max);
  const escaped = line.replace(MARKDOWN_SPECIAL, escapeMarkdownCharacter);
  if (BLOCK_START.test(line)) return `\\${escaped}`;
  return escaped.replace(ORDERED_LIST_START, "$1\\$2");
}

/**
 * User text shown as code. Text between raw `<code>` tags is still read as Markdown (and autolinked), so
 * it is escaped as any other user text; unlike a backtick code span it can hold any character and sits
 * safely in a table cell.
 */
export function markdownCode(text: string, max = MAX_CELL_LENGTH): string {
  return `<code>${escapeMarkdown(text, max)}</code>`;
}

/**
 * User text as a backtick code span, which reads better in raw Markdown than `<code>`: its content is
 * literal (no markup, link, HTML or entity; GitHub finds no mention or reference in code). A pipe would
 * still end a table cell, and a code span cannot be empty, so such text takes the `<code>` form instead.
 */
export function markdownCodeSpan(text: string, max = MAX_CELL_LENGTH): string {
  const line = truncate(flattenText(text), max);
  if (line.includes("|") || line.trim() === "") return markdownCode(text, max);
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // One space each side is stripped when both are there: pad text that starts or ends with a backtick
  // (it would join the fence) or with spaces on both sides (they would be lost).
  const padded =
    line.startsWith("`") || line.endsWith("`") || (line.startsWith(" ") && line.endsWith(" "))
      ? ` ${line} `
      : line;
  return `${fence}${padded}${fence}`;
}

function htmlCharacter(c: string): string {
  return `&#${c.charCodeAt(0)};`;
}

/**
 * User text in HTML element content or a (quoted) attribute value: markup characters escaped, on one line,
 * cut to `max` characters.
 */
export function escapeHtml(text: string, max = Number.POSITIVE_INFINITY): string {
  return truncate(flattenText(text), max).replace(/[&<>"'`]/g, htmlCharacter);
}

/** Characters XML 1.0 does not allow anywhere, escaped or not (control characters, lone surrogates, U+FFFE/F). */
const ILLEGAL_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data: markup characters escaped, illegal characters dropped, line breaks kept. */
export function xmlText(text: string): string {
  return text.replace(ILLEGAL_XML, "").replace(/[&<>]/g, htmlCharacter);
}

/** Text as an XML attribute value: quotes escaped and whitespace kept through attribute normalisation. */
export function xmlAttribute(text: string): string {
  return text.replace(ILLEGAL_XML, "").replace(/[&<>"'\t\n\r]/g, htmlCharacter);
}

/** Text as the message of a GitHub Actions workflow command (`::error …::message`), on one line. */
export function githubCommandData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Text as a property value of a GitHub Actions workflow command (`file=…,title=…`). */
export function githubCommandProperty(text: string): string {
  return githubCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
