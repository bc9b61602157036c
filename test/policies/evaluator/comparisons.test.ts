/**
 * How conditions compare values, as Azure Policy does. Sources (MicrosoftDocs/azure-docs):
 * definition-structure-policy-rule.md (ms.date 03/19/2025) and how-to/author-policies-for-arrays.md
 * (ms.date 10/22/2020); .NET's OrdinalIgnoreCase casing from dotnet/runtime's pal_casing.c.
 */
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../policies/evaluator";
import { ordinalIgnoreCaseKey } from "../../../policies/evaluator/values";
import { aiServicesAccount, errorOf, evaluateCondition, matches } from "./support";

const resource = aiServicesAccount({ displayName: "x" });

/** Whether `equals` finds two strings equal, written literally and passed through a parameter. */
function equalsBothWays(actual: string, expected: string): [boolean, boolean] {
  const account = aiServicesAccount({ label: actual });
  const literal = matches({ field: "properties.label", equals: expected }, account);
  const viaParameter = matches({ field: "properties.label", equals: "[parameters('p')]" }, account, {
    parameters: { p: expected },
    declare: { p: { type: "String" } },
  });
  return [literal, viaParameter];
}

describe("case-insensitive equality is .NET's OrdinalIgnoreCase", () => {
  it.each<[string, string, string, boolean]>([
    ["ASCII letters", "Disabled", "DISABLED", true],
    ["Turkish dotless ı against i (ı upper-cases to itself)", "ı", "i", false],
    ["Turkish dotless ı against I", "ı", "I", false],
    ["Turkish dotted İ against i", "İ", "i", false],
    ["Turkish dotless ı against itself in another case", "ı", "ı", true],
    ["German ß against SS (no expansion)", "straße", "STRASSE", false],
    ["German ß against ß", "STRAßE", "straße", true],
    ["German ß against capital ẞ (ß has no simple upper case)", "ß", "ẞ", false],
    ["Greek final sigma against sigma (both upper-case to Σ)", "ς", "σ", true],
    ["Greek sigma against capital sigma", "ΟΔΟΣ", "οδοσ", true],
    ["Greek final sigma against capital sigma", "οδος", "ΟΔΟΣ", true],
    ["Kelvin sign against k (K upper-cases to itself)", "\u212a", "k", false],
    ["long s against s (ſ upper-cases to S)", "ſ", "s", true],
  ])("%s", (_name, actual, expected, equal) => {
    expect(equalsBothWays(actual, expected)).toEqual([equal, equal]);
  });

  it("applies to in/notIn, contains, like and containsKey too", () => {
    const account = aiServicesAccount({ label: "Straße" }, { tags: { Σίγμα: "1" } });
    expect(matches({ field: "properties.label", in: ["STRAßE"] }, account)).toBe(true);
    expect(matches({ field: "properties.label", in: ["STRASSE"] }, account)).toBe(false);
    expect(matches({ field: "properties.label", notIn: ["STRASSE"] }, account)).toBe(true);
    expect(matches({ field: "properties.label", contains: "AßE" }, account)).toBe(true);
    expect(matches({ field: "properties.label", like: "STR*" }, account)).toBe(true);
    expect(matches({ field: "tags", containsKey: "σίγμα" }, account)).toBe(true);
  });

  it("keeps location values normalised: case and spaces ignored", () => {
    const account = aiServicesAccount({}, { location: "West Europe" });
    expect(matches({ field: "location", in: ["westeurope"] }, account)).toBe(true);
    expect(matches({ field: "location", equals: "WESTEUROPE" }, account)).toBe(true);
  });

  it("derives keys per code point, one to one", () => {
    expect(ordinalIgnoreCaseKey("aıß\u1fb3")).toBe("Aıß\u1fbc");
  });
});

describe("less, lessOrEquals, greater, greaterOrEquals", () => {
  it.each<[string, JsonValue, JsonValue, boolean]>([
    ["numbers numerically", 9, 10, true],
    ["date-times chronologically", "2024-01-31T00:00:00Z", "2024-02-01", true],
    // InvariantCultureIgnoreCase: 'a' and 'A' are equal, accents still count, '10' sorts before '9'.
    ["strings ignoring case", "apple", "BANANA", true],
    ["strings that differ only in case are equal", "Apple", "apple", false],
    ["strings as text, not as numbers", "10", "9", true],
    ["an accented letter after the plain one", "é", "e", false],
  ])("compares %s", (_name, left, right, less) => {
    const account = aiServicesAccount({ left });
    expect(matches({ field: "properties.left", less: right }, account)).toBe(less);
  });

  it("treats equal strings of another case as equal for lessOrEquals and greaterOrEquals", () => {
    const account = aiServicesAccount({ left: "Apple" });
    expect(matches({ field: "properties.left", lessOrEquals: "APPLE" }, account)).toBe(true);
    expect(matches({ field: "properties.left", greaterOrEquals: "apple" }, account)).toBe(true);
  });

  it.each<[string, JsonValue, JsonValue]>([
    ["a number with a numeric string", 5, "10"],
    ["a string with a number", "5", 10],
    ["a boolean with a boolean", true, false],
  ])("raises an error for %s: the types must match", (_name, left, right) => {
    expect(errorOf({ field: "properties.left", less: right }, aiServicesAccount({ left }))).toContain(
      "cannot compare",
    );
  });
});

describe("missing values", () => {
  it("selects null for a missing field: it equals null() and nothing else", () => {
    expect(matches({ field: "properties.absent", equals: "[null()]" }, resource)).toBe(true);
    expect(matches({ field: "properties.absent", equals: "" }, resource)).toBe(false);
    expect(matches({ field: "properties.absent", notEquals: "x" }, resource)).toBe(true);
  });

  it('returns "" from field() for a missing field and [] for a missing [*] alias', () => {
    expect(matches({ value: "[field('properties.absent')]", equals: "" }, resource)).toBe(true);
    expect(matches({ value: "[length(field('properties.absent'))]", equals: 0 }, resource)).toBe(true);
    expect(
      matches(
        { value: "[length(field('Microsoft.CognitiveServices/accounts/userOwnedStorage[*]'))]", equals: 0 },
        resource,
      ),
    ).toBe(true);
  });
});

describe("in and notIn need an array, exists a boolean", () => {
  it.each(["in", "notIn"])("%s with a value that is not an array is an error", (operator) => {
    const condition = { field: "name", [operator]: "[parameters('p')]" };
    const result = evaluateCondition(condition, resource, {
      parameters: { p: "acct" },
      declare: { p: { type: "String" } },
    });
    expect(result).toMatchObject({ outcome: "error", message: expect.stringContaining("needs an array") });
  });

  it.each<[JsonValue, boolean]>([
    ["true", true],
    ["FALSE", false],
    [true, true],
  ])("exists accepts %j", (flag, exists) => {
    expect(matches({ field: "name", exists: flag }, resource)).toBe(exists);
  });

  it("exists refuses a string that is not a boolean", () => {
    expect(
      errorOf({ field: "name", exists: "[parameters('p')]" }, resource, {
        parameters: { p: "yes" },
        declare: { p: { type: "String" } },
      }),
    ).toContain("'exists' needs true or false");
  });
});
