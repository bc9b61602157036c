import { describe, expect, it } from "vitest";
import { fileStart, liveCodeDocs, liveCodes, liveDiagnostic } from "../../live/codes";
import { describeLiveFailure, LiveConfigError, liveFailureDiagnostic } from "../../live/errors";
import { codeSections } from "../../scripts/generate-docs";

describe("the one table of live codes", () => {
  it("documents every live code once, findings and call failures alike", () => {
    const live = codeSections().find((section) => section.title === "Live Azure");
    expect(live?.codes()).toEqual(liveCodeDocs());
    const codes = liveCodeDocs().map((entry) => entry.code);
    expect(codes).toEqual(
      expect.arrayContaining(["live/quota-exceeded", "live/import-invalid", "live/auth"]),
    );
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("gives a failure of a live call the hint and severity of its code", () => {
    const failure = describeLiveFailure(new LiveConfigError("No subscription.", "Set one."));
    expect(failure).toMatchObject({ code: "live/config", hint: "Set one." });
    expect(liveFailureDiagnostic(failure, fileStart("f.yaml"))).toEqual({
      code: "live/config",
      severity: liveCodes["live/config"].severity,
      message: "No subscription.",
      hint: "Set one.",
      file: "f.yaml",
      line: 1,
      column: 1,
      path: "",
    });
  });

  it.each([
    ["the table's severity and hint", {}, "info", liveCodes["live/catalog-not-applicable"].hint],
    ["another hint", { hint: "Do this." }, "info", "Do this."],
    ["no hint", { hint: false as const }, "info", undefined],
    [
      "another severity",
      { severity: "error" as const },
      "error",
      liveCodes["live/catalog-not-applicable"].hint,
    ],
  ])("liveDiagnostic with %s", (_name, values, severity, hint) => {
    const diagnostic = liveDiagnostic("live/catalog-not-applicable", fileStart("c.json"), {
      message: "skipped",
      ...values,
    });
    expect(diagnostic.severity).toBe(severity);
    expect(diagnostic.hint).toBe(hint);
    expect("hint" in diagnostic).toBe(hint !== undefined);
    expect(diagnostic).toMatchObject({ code: "live/catalog-not-applicable", message: "skipped", line: 1 });
  });
});
