// The redesign's shape, kept: commands only wire (flags, one use case, a formatter, an exit code), the
// domain never reaches back into the CLI, and the live option values are checked where commander reads them.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { liveValidateOptions } from "../../cli/live-options";
import { repoRoot } from "../support/paths";

function sources(folder: string): { file: string; text: string }[] {
  const dir = path.join(repoRoot, folder);
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => ({ file: `${folder}/${name}`, text: readFileSync(path.join(dir, name), "utf8") }));
}

const commands = sources("cli/commands");
const liveCommands = ["catalog", "drift", "import", "policy-pull", "validate"].map(
  (name) => `cli/commands/${name}.ts`,
);

describe("commands only wire", () => {
  it.each(commands.map(({ file }) => file))(
    "%s uses no Azure SDK and builds no Diagnostic by hand",
    (file) => {
      const text = commands.find((source) => source.file === file)?.text ?? "";
      expect(text).not.toMatch(/from "@azure\//);
      expect(text).not.toMatch(/diagnosticAt\(|\bseverity:/);
    },
  );

  it.each(liveCommands)("%s reads in one screen", (file) => {
    const text = commands.find((source) => source.file === file)?.text ?? "";
    expect(text.split("\n").length).toBeLessThanOrEqual(81);
  });

  it.each(["live", "loader", "infra", "policies", "review", "reports", "diagnostics"])(
    "%s never imports the CLI",
    (folder) => {
      const offenders = sources(folder).filter(({ text }) => /from "(?:\.\.\/)+cli\//.test(text));
      expect(offenders.map(({ file }) => file)).toEqual([]);
    },
  );

  it("no product code reads its inputs through `as unknown as`: types carry them", () => {
    const folders = [
      "catalog",
      "cli",
      "diagnostics",
      "infra",
      "live",
      "loader",
      "policies",
      "reports",
      "review",
      "text",
    ];
    const offenders = folders.flatMap(sources).filter(({ text }) => text.includes("as unknown as"));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });
});

describe("live option values are parsed by commander", () => {
  function parse(args: string[]) {
    const command = new Command("validate").exitOverride().configureOutput({ writeErr: () => {} });
    for (const option of liveValidateOptions()) command.addOption(option);
    return command.parse(args, { from: "user" }).opts();
  }

  it("gives numbers and dates, with 90 days by default", () => {
    expect(parse([])).toEqual({ retirementDays: 90 });
    expect(parse(["--retirement-days", "10", "--as-of", "2026-11-24"])).toEqual({
      retirementDays: 10,
      asOf: new Date("2026-11-24T00:00:00Z"),
    });
  });

  it.each([
    [["--retirement-days", "soon"], '--retirement-days must be a whole number of days, not "soon"'],
    [["--retirement-days", "-1"], '--retirement-days must be a whole number of days, not "-1"'],
    [["--as-of", "Dec 2"], '--as-of must be a date such as 2026-11-24, not "Dec 2"'],
  ])("refuses %j", (args, message) => {
    expect(() => parse(args)).toThrow(message);
  });
});
