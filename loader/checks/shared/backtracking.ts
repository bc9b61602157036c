import type { Diagnostics } from "recheck";

/**
 * How matching time grows with the input when a regular expression backtracks, as the `recheck`
 * ReDoS checker proves it from the expression's automaton: exponential (`(a+)+$`), or polynomial of a
 * degree. Undefined: linear, or not known (an expression the automaton cannot model, such as one with
 * back-references, or an analysis cut short by its time limit).
 */
export type Growth = ({ type: "exponential" } | { type: "polynomial"; degree: number }) & {
  /** Text whose repetition makes matching slow (the attack's first pump), for messages. */
  pump: string;
};

/** Time one expression may take to analyse, and all expressions of one run together. */
export const PATTERN_TIME_LIMIT_MS = 1000;
export const RUN_TIME_LIMIT_MS = 5000;

/** Results by pattern, kept for the life of the process: files are loaded again and again unchanged. */
const cache = new Map<string, Growth | undefined>();
const CACHE_LIMIT = 2000;

let recheckModule: typeof import("recheck") | undefined;

/**
 * Analyses `pattern` (JavaScript syntax, no flags) within `timeLimitMs`. Never throws: any failure of the
 * checker is "not known".
 */
export function backtrackingGrowth(pattern: string, timeLimitMs = PATTERN_TIME_LIMIT_MS): Growth | undefined {
  if (cache.has(pattern)) return cache.get(pattern);
  const result = analyse(pattern, timeLimitMs);
  // A timeout under a shortened limit may pass under the full one.
  if (result.known || timeLimitMs >= PATTERN_TIME_LIMIT_MS) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, result.growth);
  }
  return result.growth;
}

/**
 * Whether a (compiling, flag-less) pattern can be seen from its shape to backtrack at most quadratically,
 * so the checker need not run: at most one quantifier that repeats a variable number of times (`*`, `+`,
 * `?`, `{n,}`, `{n,m}`), and no repeated group that holds an alternative or a quantifier. Matching time
 * grows at most one degree per such quantifier plus one for trying every start position, and exponential
 * growth needs a repetition whose body can match the same text in two ways; neither is possible here.
 * Most blocklist patterns (`proj-[0-9]{4}`, `[a-z0-9-]+\.corp\.contoso\.com`) take this path, which keeps
 * the checker (a large module, about a second to load and run) out of ordinary runs. False means "ask
 * the checker", not "catastrophic".
 */
export function atMostQuadratic(pattern: string): boolean {
  let variable = 0;
  // Per open group: whether it holds an alternative or a quantifier, at any depth.
  const groups: { ambiguous: boolean }[] = [{ ambiguous: false }];
  // What a quantifier at this point would repeat: a group (with its flag), an atom, or nothing.
  let previous: { group: boolean; ambiguous: boolean } | undefined;
  const mark = () => {
    for (const group of groups) group.ambiguous = true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i += 1;
      previous = { group: false, ambiguous: false };
    } else if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j += 1;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      i = j;
      previous = { group: false, ambiguous: false };
    } else if (c === "(") {
      groups.push({ ambiguous: false });
      if (pattern[i + 1] === "?") {
        // (?: (?= (?! (?<= (?<! (?<name>: the group's marker is not a quantifier.
        const rest = pattern.slice(i);
        const marker = /^\(\?<(?![=!])[^>]*>/.exec(rest) ?? /^\(\?(?:<[=!]|[:=!])/.exec(rest);
        i += (marker?.[0].length ?? 1) - 1;
      }
      previous = undefined;
    } else if (c === ")") {
      const closed = groups.pop() ?? { ambiguous: true };
      if (groups.length === 0) return false;
      previous = { group: true, ambiguous: closed.ambiguous };
    } else if (c === "|") {
      mark();
      previous = undefined;
    } else if (c === "*" || c === "+" || c === "?" || c === "{") {
      let exact = false;
      if (c === "{") {
        const bound = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (!bound) {
          previous = { group: false, ambiguous: false };
          continue;
        }
        exact = bound[2] === undefined || bound[3] === bound[1];
        i += bound[0].length - 1;
      }
      if (previous === undefined) continue;
      if (previous.group && previous.ambiguous) return false;
      if (!exact) variable += 1;
      if (variable > 1) return false;
      mark();
      if (pattern[i + 1] === "?") i += 1;
      previous = undefined;
    } else {
      previous = { group: false, ambiguous: false };
    }
  }
  return true;
}

/** Whether a result for `pattern` is at hand without analysing it again. */
export function isAnalysed(pattern: string): boolean {
  return cache.has(pattern);
}

function analyse(pattern: string, timeLimitMs: number): { growth: Growth | undefined; known: boolean } {
  let diagnostics: Diagnostics;
  // recheck's synchronous entry runs in a worker that starts a native helper process unless told to
  // run in this thread; in this thread the time limit is the only cost, and nothing outlives the call.
  const backend = process.env.RECHECK_SYNC_BACKEND;
  try {
    if (backend === undefined) process.env.RECHECK_SYNC_BACKEND = "pure";
    recheckModule ??= require("recheck") as typeof import("recheck");
    diagnostics = recheckModule.checkSync(pattern, "", { checker: "automaton", timeout: timeLimitMs });
  } catch {
    return { growth: undefined, known: false };
  } finally {
    if (backend === undefined) delete process.env.RECHECK_SYNC_BACKEND;
  }
  if (diagnostics.status === "safe") return { growth: undefined, known: true };
  if (diagnostics.status === "unknown") {
    return { growth: undefined, known: diagnostics.error.kind !== "timeout" };
  }
  const { complexity, attack } = diagnostics;
  const pump = attack.pumps[0]?.pump ?? "";
  return {
    growth:
      complexity.type === "exponential"
        ? { type: "exponential", pump }
        : { type: "polynomial", degree: complexity.degree, pump },
    known: true,
  };
}
