import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fileCodes } from "../../diagnostics/codes";
import type { SemanticCheck } from "../../loader/checks/check";
import { semanticChecks } from "../../loader/checks/index";
import { codeSections, diagnosticsDocPath, generateDiagnosticsDoc } from "../../scripts/generate-docs";
import { repoRoot } from "../support/paths";
import { CODE_GRAMMAR } from "./support";

const checksDir = path.join(repoRoot, "loader", "checks");

function isSemanticCheck(value: unknown): value is SemanticCheck {
  return typeof value === "object" && value !== null && "code" in value && "run" in value;
}

describe("diagnostic codes and their documentation", () => {
  it("docs/diagnostics.md is what scripts/generate-docs.ts generates (run it after changing a code)", () => {
    expect(readFileSync(diagnosticsDocPath, "utf8")).toBe(generateDiagnosticsDoc());
  });

  it("documents every file, YAML and schema code and every semantic check", () => {
    const documented = codeSections().flatMap((section) => section.codes().map((c) => c.code));
    for (const { code } of [...fileCodes, ...semanticChecks()]) expect(documented).toContain(code);
  });

  it("gives every code a unique name in the agreed grammar <area>/<name>", () => {
    const codes = codeSections().flatMap((section) => section.codes().map((c) => c.code));
    for (const code of codes) expect(code, code).toMatch(CODE_GRAMMAR);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(semanticChecks().map((check) => [check.code, check] as const))(
    "%s has a severity and a one-line description",
    (_code, check) => {
      expect(["error", "warning", "info"]).toContain(check.severity);
      expect(check.description.trim()).not.toBe("");
      expect(check.description).not.toContain("\n");
    },
  );

  it("registers every check file of loader/checks/ (one check per file, one exported object)", async () => {
    const files = readdirSync(checksDir).filter(
      (f) => f.endsWith(".ts") && f !== "check.ts" && f !== "index.ts",
    );
    const registered = new Set(semanticChecks());
    for (const file of files) {
      const exports = Object.values(await import(path.join(checksDir, file)));
      const checks = exports.filter(isSemanticCheck);
      expect(checks, file).toHaveLength(1);
      expect(registered.has(checks[0] as SemanticCheck), `${file} is not in loader/checks/index.ts`).toBe(
        true,
      );
      // The file is named after its code: `deployment/duplicate-name` lives in deployment-duplicate-name.ts.
      expect(file).toBe(`${(checks[0] as SemanticCheck).code.replace("/", "-")}.ts`);
    }
    expect(files).toHaveLength(registered.size);
  });
});
