import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean, editDistance } from "../../diagnostics/suggest";

describe("did you mean", () => {
  it.each([
    ["capcity", "capacity", 1],
    ["esat", "east", 1],
    ["eats", "east", 1],
    ["Capacity", "capacity", 0],
    ["sku", "skus", 1],
    ["abc", "xyz", 3],
  ])("edit distance %s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("suggests the closest candidate, ignoring case, and nothing for a far-off word", () => {
    expect(closestMatch("eastsu2", ["eastus2", "swedencentral"])).toBe("eastus2");
    expect(closestMatch("STRICT", ["strict", "relaxed"])).toBe("strict");
    expect(didYouMean("wset", ["west", "east"])).toBe('did you mean "west"?');
    expect(didYouMean("completely-different", ["east", "west"])).toBeUndefined();
  });
});
