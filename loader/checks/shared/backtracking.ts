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
