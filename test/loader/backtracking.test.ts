import { describe, expect, it } from "vitest";
import { backtrackingGrowth } from "../../loader/checks/shared/backtracking";

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
