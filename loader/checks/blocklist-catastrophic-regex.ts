import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { DocPath } from "../path";
import { finding, type SemanticCheck } from "./check";
import {
  atMostQuadratic,
  backtrackingGrowth,
  type Growth,
  isAnalysed,
  PATTERN_TIME_LIMIT_MS,
  RUN_TIME_LIMIT_MS,
} from "./shared/backtracking";
import { entries } from "./shared/scopes";

/**
 * Azure matches every blocklist pattern against every prompt or completion of the deployments that use
 * it. A pattern whose backtracking grows exponentially, or as a polynomial of degree 3 or more, with the
 * text's length can stall that on one long input. Quadratic growth is left alone: any unanchored
 * pattern that starts with a repetition (`[a-z]+@example`) has it, and it only matters on huge inputs.
 * Analysis is bounded in time; patterns that do not compile are left to blocklist/invalid-regex.
 */
export const blocklistCatastrophicRegex: SemanticCheck = {
  code: "blocklist/catastrophic-regex",
  severity: "warning",
  description:
    "A blocklist pattern with `regex: true` can backtrack catastrophically (matching time exponential, or polynomial of degree 3 or more, in the text's length).",
  run(context) {
    const items: { blocklist: string; position: number; pattern: string; path: DocPath }[] = [];
    for (const [blocklist, list] of entries(context.file.blocklists)) {
      list.items.forEach((item, position) => {
        if (typeof item === "string" || item.regex !== true || !compiles(item.pattern)) return;
        if (atMostQuadratic(item.pattern)) return;
        items.push({
          blocklist,
          position,
          pattern: item.pattern,
          path: ["blocklists", blocklist, "items", position, "pattern"],
        });
      });
    }
    const diagnostics: Diagnostic[] = [];
    const deadline = Date.now() + RUN_TIME_LIMIT_MS;
    const skipped: typeof items = [];
    for (const item of items) {
      const left = deadline - Date.now();
      if (left <= 0 && !isAnalysed(item.pattern)) {
        skipped.push(item);
        continue;
      }
      const growth = backtrackingGrowth(item.pattern, Math.max(1, Math.min(PATTERN_TIME_LIMIT_MS, left)));
      if (growth === undefined || !isCatastrophic(growth)) continue;
      diagnostics.push(
        finding(
          blocklistCatastrophicRegex,
          context,
          item.path,
          `the pattern of blocklist "${item.blocklist}" item ${item.position + 1} can backtrack catastrophically: on text with a long run of ${preview(growth.pump)}, matching time grows ${growthText(growth)}`,
          "rewrite the expression so that each part of the text can be matched one way only: no repetition of a group that itself repeats or has alternatives matching the same text (`(a+)+` is `a+`, `(x|x?)+` is `x*`)",
        ),
      );
    }
    const [first] = skipped;
    if (first) {
      diagnostics.push(
        finding(
          blocklistCatastrophicRegex,
          context,
          first.path,
          `${skipped.length} blocklist pattern${skipped.length === 1 ? " was" : "s were"} not checked for catastrophic backtracking: analysing the others took the ${RUN_TIME_LIMIT_MS / 1000} s allowed`,
          "keep regular expressions few and simple; plain terms (`regex: false`) need no analysis",
        ),
      );
    }
    return diagnostics;
  },
};

function isCatastrophic(growth: Growth): boolean {
  return growth.type === "exponential" || growth.degree >= 3;
}

function growthText(growth: Growth): string {
  return growth.type === "exponential"
    ? "exponentially with its length"
    : `with the ${ordinal(growth.degree)} power of its length`;
}

function ordinal(n: number): string {
  return n === 3 ? "third" : n === 4 ? "fourth" : `${n}th`;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
