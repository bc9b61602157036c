// Plain `validate` checks the file as written and every environment; findings name their environments.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { type Diagnostic, mergeEnvironmentFindings } from "../../diagnostics/diagnostic";
import { formatGithub } from "../../diagnostics/formatters/github";
import { formatText } from "../../diagnostics/formatters/text";
import { BASELINE, edit, locate } from "../policies/rules/harness";
import { CATALOG_DATE } from "../support/catalog";

function workspace(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-envs-"));
  writeFileSync(path.join(dir, "deployments.yaml"), text);
  return dir;
}

async function validate(text: string, args: string[] = []) {
  const io = memoryIO({ cwd: workspace(text) });
  // validate checks the models against the shipped catalog as of today: pinned to the catalog's date, so
  // that these tests see the same findings as the models age.
  const code = await main(["validate", "-f", "json", "--as-of", CATALOG_DATE, ...args], io);
  const all = io.out === "" ? [] : (JSON.parse(io.out) as Diagnostic[]);
  // dev and prod share the file's account here (a warning of its own, environment/shared-account).
  return { code, diagnostics: all.filter((d) => d.code.startsWith("policy/")), err: io.err };
}

// dev turns key authentication back on for the main account: a mandatory policy only dev violates.
const devReenablesKeys = edit(BASELINE, [
  "  prod: { protect: true }",
  "  prod: { protect: true }\n  dev:\n    accounts:\n      main: { disableLocalAuth: false }",
]);

describe("validate without --env", () => {
  it("fails on a mandatory finding that only an environment's overrides cause, naming the environment", async () => {
    const result = await validate(devReenablesKeys);
    expect(result.code).toBe(1);
    // At dev's override, the value the policy read.
    const override = locate(devReenablesKeys, "false }");
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.environments])).toEqual([
      ["policy/local-auth-disabled", "error", override.line, override.column, ["dev"]],
    ]);
  });

  it("--env checks that environment only: prod passes, dev fails", async () => {
    expect((await validate(devReenablesKeys, ["--env", "prod"])).code).toBe(0);
    const dev = await validate(devReenablesKeys, ["--env", "dev"]);
    expect(dev.code).toBe(1);
    expect(dev.diagnostics.map((d) => [d.code, d.environments])).toEqual([
      ["policy/local-auth-disabled", ["dev"]],
    ]);
  });

  it("lists a finding of the file as written once, untagged, even when every environment inherits it", async () => {
    const everywhere = edit(devReenablesKeys, ["disableLocalAuth: true", "disableLocalAuth: false"]);
    const result = await validate(everywhere);
    expect(result.code).toBe(1);
    // dev sets the value again in its own override: that finding points at the override, a line of its own
    // (fixing the declaration would not fix dev), so it is listed for dev beside the untagged one.
    const declared = locate(everywhere, "disableLocalAuth: false");
    expect(result.diagnostics.map((d) => [d.code, d.environments, d.line])).toEqual([
      ["policy/local-auth-disabled", undefined, declared.line],
      ["policy/local-auth-disabled", ["dev"], locate(everywhere, "false }").line],
    ]);
  });
});

describe("mergeEnvironmentFindings", () => {
  const at = (line: number, message = "m"): Diagnostic => ({
    code: "policy/x",
    severity: "error",
    message,
    file: "f.yaml",
    line,
    column: 3,
    path: "p",
  });

  it("keeps findings of the file as written untagged and names the environments of the others", () => {
    const merged = mergeEnvironmentFindings([
      { environment: null, diagnostics: [at(1)] },
      { environment: "dev", diagnostics: [at(1), at(2)] },
      { environment: "test", diagnostics: [at(2), at(3, "other")] },
      { environment: "prod", diagnostics: [] },
    ]);
    expect(merged.map((d) => [d.line, d.message, d.environments])).toEqual([
      [1, "m", undefined],
      [2, "m", ["dev", "test"]],
      [3, "other", ["test"]],
    ]);
  });

  it("is shown in text and GitHub annotations", () => {
    const [tagged] = mergeEnvironmentFindings([{ environment: "dev", diagnostics: [at(2)] }]);
    if (!tagged) throw new Error("expected a finding");
    expect(formatText([tagged])).toBe("f.yaml:2:3: error policy/x m [environment dev]\n");
    expect(formatGithub([{ ...tagged, environments: ["dev", "test"] }])).toContain(
      "::m [environments dev, test]\n",
    );
  });
});
