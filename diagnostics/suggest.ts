/**
 * Edit distance between two strings, case-insensitive: insertions, deletions, substitutions, and swaps of
 * two neighbouring letters (the most common typo, `esat` for `east`) each count as one edit.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [Array.from({ length: t.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[s.length]?.[t.length] ?? 0;
}

/** Length of the longest common subsequence of two strings, case-insensitive. */
function commonSubsequence(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    const row = [0];
    for (let j = 1; j <= t.length; j++) {
      row[j] =
        s[i - 1] === t[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, row[j - 1] ?? 0);
    }
    previous = row;
  }
  return previous[t.length] ?? 0;
}

/**
 * The candidate closest to `input`, if it is close enough to be a likely typo. Of candidates equally
 * close, the one keeping more of the input's characters in order wins: `eastu2` lost an "s" of
 * `eastus2` rather than being `eastus` with a "2" for an "s".
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let bestCommon = 0;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === input.toLowerCase()) return candidate;
    const distance = editDistance(input, candidate);
    if (distance > bestDistance) continue;
    const common = commonSubsequence(input, candidate);
    if (distance < bestDistance || common > bestCommon) {
      best = candidate;
      bestDistance = distance;
      bestCommon = common;
    }
  }
  const tolerance = Math.max(1, Math.min(3, Math.floor(input.length / 3)));
  return bestDistance <= tolerance ? best : undefined;
}

/** `U+043E`: the code point of a character, as Unicode writes it. */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * "did you mean …?" text, or undefined. Characters of the input that are not printable ASCII and not in
 * the suggestion are named with their code points: "gpt-4о" with a Cyrillic "о" (U+043E) looks like
 * "gpt-4o", and the suggestion alone would seem to repeat the input.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(input, candidates);
  return match === undefined ? undefined : suggestionText(input, match);
}

/** `did you mean "<meant>"?`, naming the characters of `input` a reader may not tell apart (see didYouMean). */
export function suggestionText(input: string, meant: string): string {
  const unusual = [...new Set(input)].filter((ch) => !/^[\x20-\x7e]$/.test(ch) && !meant.includes(ch));
  const note =
    unusual.length === 0
      ? ""
      : ` (${JSON.stringify(input)} contains ${unusual.map((ch) => `${JSON.stringify(ch)} ${codePoint(ch)}`).join(", ")})`;
  return `did you mean "${meant}"?${note}`;
}
