import { describe, expect, it } from "vitest";
import { locationKey } from "../../loader/location";
import { normalizeLocation } from "../../review/values";

describe("locationKey: one region name however it is written", () => {
  it.each([
    ["eastus2", "eastus2"],
    ["East US 2", "eastus2"],
    ["EastUS2", "eastus2"],
    ["  Sweden   Central ", "swedencentral"],
    ["West\tEurope", "westeurope"],
  ])("%j is %j", (written, key) => {
    expect(locationKey(written)).toBe(key);
  });

  it("is the rule the review compares locations with (none stays none)", () => {
    expect(normalizeLocation("East US 2")).toBe(locationKey("East US 2"));
    expect(normalizeLocation(undefined)).toBeNull();
  });
});
