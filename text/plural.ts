import { formatNumber } from "./number";

export interface PluralOptions {
  /** The plural when it is not the word with an `s` ("policies", or "info" for a word that has none). */
  plural?: string;
  /** Digits grouped by thousands (`1,200 checks`), as the compliance report writes counts. */
  grouped?: boolean;
}

/** A count and its word: "1 change", "3 changes", "2 policies". */
export function plural(count: number, word: string, options: PluralOptions = {}): string {
  const number = options.grouped ? formatNumber(count) : String(count);
  return `${number} ${count === 1 ? word : (options.plural ?? `${word}s`)}`;
}
