import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { atMostQuadratic, backtrackingGrowth } from "../../loader/checks/shared/backtracking";

describe("backtracking analysis of blocklist patterns (recheck)", () => {
  it.each([
    ["(a+)+$", { type: "exponential", pump: "a" }],
    ["(x|x?)+y", { type: "exponential", pump: "x" }],
    ["a*a*a*b", { type: "polynomial", degree: 4, pump: "a" }],
    ["\\d+x", { type: "polynomial", degree: 2, pump: "0" }],
    ["proj-[0-9]{4}", undefined],
    ["secret", undefined],
  ])("%s grows as %j", (pattern, growth) => {
    expect(backtrackingGrowth(pattern)).toEqual(growth);
  });

  it("says nothing of an expression the automaton cannot model (a back-reference)", () => {
    expect(backtrackingGrowth("(a+)\\1+b")).toBeUndefined();
  });

  it("gives up within its time limit on an expression too large to analyse in time", () => {
    const pattern = `(?:[a-z]+[0-9]*[a-z]+|x)+y${"(a|b|c|d|e|f|g)+".repeat(20)}`;
    const started = performance.now();
    expect(backtrackingGrowth(pattern, 50)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("leaves the process environment as it found it", () => {
    const before = process.env.RECHECK_SYNC_BACKEND;
    backtrackingGrowth("(b+)+$");
    expect(process.env.RECHECK_SYNC_BACKEND).toBe(before);
  });
});

describe("patterns whose shape rules out catastrophic backtracking skip the checker", () => {
  it.each([
    ["secret", true],
    ["proj-[0-9]{4}", true],
    ["\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b", true],
    ["[a-z0-9-]+\\.corp\\.contoso\\.com", true],
    ["(?:ab)+c", true],
    ["(?<year>\\d{4})-(?:0[1-9]|1[0-2])", true],
    ["[+*?{(|]+x", true],
    ["a{2,}", true],
    ["a{,3}b+", true],
    ["\\d+x", true],
    // Two variable repetitions: the checker decides.
    ["a*a*b", false],
    ["[a-z]+x?", false],
    ["a{1,3}b+", false],
    // A repeated group with an alternative or a quantifier inside: the checker decides.
    ["(a+)+$", false],
    ["(x|x?)+y", false],
    ["(?:a|b)*", false],
    ["(a{1,2}){3}", false],
    ["(?<w>a|b)+", false],
    ["(?=a|b)+c", false],
  ])("%s → %s", (pattern, expected) => {
    expect(atMostQuadratic(pattern)).toBe(expected);
  });

  it("never skips a pattern the checker finds catastrophic (random patterns)", () => {
    const atom = fc.constantFrom("a", "b", "[ab]", "\\d", ".", "x", "[^a]", "\\b");
    const quantifier = fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{2,}", "*?");
    const pattern: fc.Arbitrary<string> = fc.letrec<{ expr: string; term: string }>((tie) => ({
      term: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.tuple(atom, quantifier).map(([a, q]) => a + q),
        fc
          .tuple(fc.constantFrom("(", "(?:"), tie("expr"), quantifier)
          .map(([open, body, q]) => `${open}${body})${q}`),
      ),
      expr: fc
        .array(fc.array(tie("term"), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 })
        .map((alternatives) => alternatives.map((terms) => terms.join("")).join("|")),
    })).expr;
    let skipped = 0;
    fc.assert(
      fc.property(pattern, (p) => {
        if (!atMostQuadratic(p)) return true;
        skipped += 1;
        const growth = backtrackingGrowth(p);
        return growth === undefined || (growth.type === "polynomial" && growth.degree <= 2);
      }),
      { numRuns: 300, seed: 20261202 },
    );
    // The property is not vacuous: a good share of the patterns took the short path.
    expect(skipped).toBeGreaterThan(30);
  });
});
