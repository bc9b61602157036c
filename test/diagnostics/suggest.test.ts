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

  it("prefers, of equally close candidates, the one keeping the input's characters in order", () => {
    expect(closestMatch("eastu2", ["eastasia", "eastus", "eastus2"])).toBe("eastus2");
    expect(closestMatch("wstus", ["westus2", "westus", "eastus"])).toBe("westus");
  });

  it("names characters of the input that are not printable ASCII, with their code points", () => {
    expect(didYouMean("gpt-4\u043E", ["gpt-4o", "gpt-4o-mini"])).toBe(
      'did you mean "gpt-4o"? ("gpt-4\u043E" contains "\u043E" U+043E)',
    );
    expect(didYouMean("east\u200B", ["east", "west"])).toBe(
      'did you mean "east"? ("east\u200B" contains "\u200B" U+200B)',
    );
    expect(didYouMean("east us", ["eastus"])).toBe('did you mean "eastus"?');
  });
});
