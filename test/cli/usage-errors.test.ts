// A usage or configuration problem prints the error and nothing else, exits 2, and never hangs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { runProgram } from "../../cli/program";
import { estateText } from "../support/plan";

function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-usage-"));
  writeFileSync(path.join(dir, "deployments.yaml"), estateText());
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function run(args: string[], cwd = workspace()) {
  const io = memoryIO({ cwd });
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe("usage and configuration errors print the error and nothing else (exit 2)", () => {
  const cases: { name: string; args: string[]; files?: Record<string, string>; err: string }[] = [
    {
      name: "an unknown --env",
      args: ["validate", "--env", "prdo"],
      err: 'aideploy validate: deployments.yaml: unknown environment "prdo" (did you mean "prod"?)\n',
    },
    {
      name: "a missing --policy-config file",
      args: ["validate", "--policy-config", "nope.json"],
      err: "aideploy validate: nope.json: cannot read the file: no such file\n",
    },
    {
      name: "a --policy-config that is not JSON",
      args: ["plan", "--policy-config", "bad.json"],
      files: { "bad.json": "{ all: advisory" },
      err: "aideploy plan: bad.json: ",
    },
    {
      name: "a missing --azure-policies folder",
      args: ["validate", "--azure-policies", "no-such-dir"],
      err: "aideploy validate: no-such-dir: no such directory\n",
    },
    {
      name: "a --policy-config naming a policy that does not exist",
      args: ["validate", "--policy-config", "typo.json"],
      files: { "typo.json": JSON.stringify({ "local-auth-disabeld": "advisory" }) },
      err: 'aideploy validate: typo.json: no policy named "local-auth-disabeld" (did you mean "local-auth-disabled"?)\n',
    },
    {
      name: "a --policy-config naming a parameter the policy does not take",
      args: ["report", "--format", "json", "--policy-config", "param.json"],
      files: { "param.json": JSON.stringify({ "approved-models": { allowedModel: ["gpt-5.4"] } }) },
      err: 'aideploy report: param.json: "approved-models": policy approved-models has no parameter "allowedModel" (did you mean "allowedModels"?)\n',
    },
    {
      name: "a --policy-config with an enforcement level Pulumi does not know",
      args: ["validate", "--policy-config", "level.json"],
      files: { "level.json": JSON.stringify({ all: "mandatroy" }) },
      err: 'aideploy validate: level.json: "all": enforcement level must be one of advisory, mandatory, remediate, disabled, not "mandatroy" (did you mean "mandatory"?)\n',
    },
  ];

  it.each(cases)("$name", async ({ args, files, err }) => {
    const result = await run(args, workspace(files));
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    if (err.endsWith("\n")) expect(result.err).toBe(err);
    else {
      expect(result.err.startsWith(err)).toBe(true);
      expect(result.err.trimEnd().split("\n")).toHaveLength(1);
    }
    expect(result.err).not.toContain("no problems");
  });

  it("a bad --as-of is refused by the option parser, before any file is read", async () => {
    const result = await run(["validate", "--as-of", "2026-13-45"]);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toContain('--as-of must be a date such as 2026-11-24, not "2026-13-45"');
    expect(result.err).not.toContain("no problems");
  });

  it("a --policy-config typo that would silently drop an allow-list is refused, the correct one applies", async () => {
    const dir = workspace({
      "good.json": JSON.stringify({ "approved-models": { allowedModels: ["OpenAI,gpt-5.4,2026-03-05"] } }),
    });
    const result = await run(["validate", "--policy-config", "good.json", "-f", "json"], dir);
    expect(result.code).toBe(1);
    const codes = (JSON.parse(result.out) as { code: string }[]).map((d) => d.code);
    expect(codes).toContain("policy/approved-models");
  });
});

describe("files that are not regular files are refused at once (exit 2)", () => {
  it.each([
    ["a directory", "dir"],
    ["a device that never ends", "/dev/zero"],
    ["a FIFO nobody writes to", "fifo"],
  ])("%s as the deployments file", async (_name, target) => {
    const dir = workspace();
    mkdirSync(path.join(dir, "dir"));
    execFileSync("mkfifo", [path.join(dir, "fifo")]);
    const result = await run(["validate", target], dir);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(
      /:1:1: error file\/unreadable cannot read the file: it is (a directory|not a regular file)/,
    );
  });

  it("a FIFO as --policy-config", async () => {
    const dir = workspace();
    execFileSync("mkfifo", [path.join(dir, "fifo")]);
    const result = await run(["plan", "--policy-config", "fifo"], dir);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "aideploy plan: fifo: cannot read the file: it is not a regular file (a FIFO, device or socket)\n",
    );
  });

  it("plan and drift say once that the file cannot be read", async () => {
    for (const command of ["plan", "drift"]) {
      const result = await run([command, "missing.yaml"]);
      expect(result.code).toBe(2);
      expect(result.err.match(/cannot read the file/g)).toHaveLength(1);
    }
  });
});

describe("policy eval on hostile input", () => {
  it("a definition nested 5,000 levels deep is an input error, not a crash", async () => {
    let condition = '{"field":"type","equals":"x"}';
    for (let i = 0; i < 5000; i++) condition = `{"not":${condition}}`;
    const dir = workspace({
      "deep.json": `{"properties":{"mode":"All","policyRule":{"if":${condition},"then":{"effect":"audit"}}}}`,
      "resource.json": '{"type":"x","name":"r"}',
    });
    const result = await run(["policy", "eval", "deep.json", "--resource", "resource.json"], dir);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      error: "deep.json: it nests arrays and objects more than 256 levels deep",
    });
    expect(result.err).toBe("");
  });

  it("its usage error names the help command of `policy eval`", async () => {
    const result = await run(["policy", "eval", "definition.json"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("(run `aideploy policy eval --help` for usage)");
  });
});

describe("internal errors", () => {
  it("are reported by the runner with exit code 3, never as a stack trace", async () => {
    const io = memoryIO({ cwd: workspace() });
    const code = await runProgram(["boom"], io, [
      (program, context) => {
        program.command("boom").action(() => context.run(async () => Promise.reject(new Error("kaput"))));
      },
    ]);
    expect(code).toBe(3);
    expect(io.err).toBe("aideploy: internal error: kaput\n");
  });
});
