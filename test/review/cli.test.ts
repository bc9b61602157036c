import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { diffCommand, registerDiff } from "../../cli/commands/diff";
import { memoryIO } from "../../cli/io";
import { runProgram } from "../../cli/program";
import { DIFF_FLAGS, type EvaluatePolicies } from "../../review/model";
import { TEST_CATALOG_JSON } from "../support/catalog";
import { baseline, deployment, edited, yamlOf } from "./support";

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-diff-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function run(argv: string[], cwd: string, registration = registerDiff) {
  const io = memoryIO({ cwd });
  const code = await runProgram(["diff", ...argv], io, [registration]);
  return { code, out: io.out, err: io.err };
}

const base = yamlOf(baseline());
const lessCapacity = yamlOf(
  edited((f) => {
    deployment(f, "embed").capacity = 40;
  }),
);
const removed = yamlOf(
  edited((f) => {
    f.deployments = f.deployments.filter((d: { name: string }) => d.name !== "embed");
  }),
);
const newModel = yamlOf(
  edited((f) => {
    deployment(f, "embed").model.name = "text-embedding-3-small";
  }),
);
const caseOnly = yamlOf(
  edited((f) => {
    deployment(f, "embed").name = "EMBED";
  }),
);
const broken = "version: 1\naccounts: {}\ndeployments:\n  - name: x\n    capcity: 1\n";

describe("aideploy diff (in process)", () => {
  it("compares BASE with deployments.yaml in the working directory by default", async () => {
    const dir = workspace({ "base.yaml": base, "deployments.yaml": lessCapacity });
    const { code, out } = await run(["base.yaml", "--format", "json"], dir);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.summary).toMatchObject({ base: "base.yaml", head: "deployments.yaml", environment: null });
    expect(json.changes.map((c: { key: string; action: string }) => [c.key, c.action])).toEqual([
      ["east/embed", "update"],
    ]);
  });

  it("prints text by default and Markdown with --format md", async () => {
    const dir = workspace({ "base.yaml": base, "head.yaml": removed });
    const text = await run(["base.yaml", "head.yaml"], dir);
    expect(text.out).toContain("remove  deployment east/embed  [breaking, quota-impact]");
    const md = await run(["base.yaml", "head.yaml", "-f", "md"], dir);
    expect(md.out).toContain("⚠️ **1 breaking change**");
  });

  it("applies --env to both sides", async () => {
    const head = yamlOf(
      edited((f) => {
        f.environments.dev.deployments.chat.capacity = 20;
      }),
    );
    const dir = workspace({ "base.yaml": base, "head.yaml": head });
    const { code, out } = await run(["base.yaml", "head.yaml", "--env", "dev", "-f", "json"], dir);
    expect(code).toBe(0);
    expect(JSON.parse(out).changes).toHaveLength(2);
  });

  const failOnCases: { name: string; failOn: string[]; head: string; code: number }[] = [
    { name: "a listed flag is present", failOn: ["--fail-on", "breaking"], head: removed, code: 1 },
    {
      name: "one of a comma-separated list is present",
      failOn: ["--fail-on", "version-change,capacity-decrease"],
      head: lessCapacity,
      code: 1,
    },
    {
      name: "repeated options add up",
      failOn: ["--fail-on", "breaking", "--fail-on", "quota-impact"],
      head: lessCapacity,
      code: 1,
    },
    {
      name: "no listed flag is present",
      failOn: ["--fail-on", "breaking,new-account"],
      head: lessCapacity,
      code: 0,
    },
    { name: "flags are present but --fail-on is not given", failOn: [], head: removed, code: 0 },
    {
      name: "a deployment is replaced (a new model)",
      failOn: ["--fail-on", "replace"],
      head: newModel,
      code: 1,
    },
    { name: "only the case of a name changes", failOn: ["--fail-on", "replace"], head: caseOnly, code: 0 },
  ];

  it.each(failOnCases)("--fail-on: exit $code when $name", async ({ failOn, head, code }) => {
    const dir = workspace({ "base.yaml": base, "head.yaml": head });
    expect((await run(["base.yaml", "head.yaml", ...failOn], dir)).code).toBe(code);
  });

  it("exits 2 on an unknown --fail-on flag, listing the valid ones", async () => {
    const dir = workspace({ "base.yaml": base, "head.yaml": base });
    const { code, err, out } = await run(["base.yaml", "head.yaml", "--fail-on", "breaking,brekaing"], dir);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("brekaing");
    for (const flag of DIFF_FLAGS) expect(err).toContain(flag);
  });

  it("prints the diagnostics of a side with errors and exits 1", async () => {
    const dir = workspace({ "base.yaml": broken, "head.yaml": base });
    const { code, err, out } = await run(["base.yaml", "head.yaml"], dir);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toContain("base.yaml:5:5: error schema/unknown-key");
  });

  it("exits 2 for a missing file, an unknown environment or an unknown format", async () => {
    const dir = workspace({ "base.yaml": base });
    expect((await run(["base.yaml", "missing.yaml"], dir)).code).toBe(2);
    const env = await run(["base.yaml", "base.yaml", "--env", "staging"], dir);
    expect(env.code).toBe(2);
    expect(env.err).toContain('unknown environment "staging"');
    expect((await run(["base.yaml", "base.yaml", "--format", "html"], dir)).code).toBe(2);
    expect((await run([], dir)).code).toBe(2);
  });

  it("passes an injected policy evaluator and fails on policy-regression", async () => {
    let calls = 0;
    const evaluatePolicies: EvaluatePolicies = () => [
      {
        policyId: "P1",
        resourceKey: "east/deployment/embed",
        outcome: calls++ === 0 ? "compliant" : "non-compliant",
      },
    ];
    const dir = workspace({ "base.yaml": base, "head.yaml": lessCapacity });
    const { code, out } = await run(
      ["base.yaml", "head.yaml", "--fail-on", "policy-regression", "-f", "json"],
      dir,
      diffCommand({ evaluatePolicies }),
    );
    expect(code).toBe(1);
    expect(JSON.parse(out).changes[0].flags).toContain("policy-regression");
  });
});

describe("aideploy diff with git inputs", () => {
  function git(dir: string, ...args: string[]): void {
    execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  }

  function repository(): string {
    const dir = workspace({ "deployments.yaml": base, "sub/other.yaml": base });
    git(dir, "init", "--quiet");
    git(dir, "config", "user.name", "Test");
    git(dir, "config", "user.email", "test@example.invalid");
    git(dir, "config", "commit.gpgsign", "false");
    git(dir, "add", "deployments.yaml", "sub/other.yaml");
    git(dir, "commit", "--quiet", "-m", "baseline");
    writeFileSync(path.join(dir, "deployments.yaml"), removed);
    return dir;
  }

  it("diffs git:HEAD:deployments.yaml against the working tree", async () => {
    const dir = repository();
    const { code, out, err } = await run(
      ["git:HEAD:deployments.yaml", "-f", "json", "--fail-on", "breaking"],
      dir,
    );
    expect(err).not.toContain(": error ");
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(json.summary.base).toBe("git:HEAD:deployments.yaml");
    expect(json.changes).toContainEqual(
      expect.objectContaining({ key: "east/embed", action: "remove", flags: ["breaking", "quota-impact"] }),
    );
  });

  it("reads both sides with the catalog beside the working file, so that a capacity means the same on each", async () => {
    const dir = repository();
    // Test data: a catalog in which gpt-4o has a unit of 1,000 tokens and 6 requests per minute.
    const catalog = structuredClone(TEST_CATALOG_JSON);
    const gpt4o = catalog.models.find((m) => m.name === "gpt-4o");
    if (gpt4o)
      Object.assign(gpt4o, {
        capacityUnit: { tokensPerMinute: 1000, requestsPerMinute: 6, source: ["quota"] },
      });
    mkdirSync(path.join(dir, "catalog"));
    writeFileSync(path.join(dir, "catalog", "models.json"), JSON.stringify(catalog));
    writeFileSync(
      path.join(dir, "deployments.yaml"),
      yamlOf(
        edited((f) => {
          deployment(f, "chat").capacity = 120;
        }),
      ),
    );
    const { code, out } = await run(["git:HEAD:deployments.yaml", "-f", "json"], dir);
    expect(code).toBe(0);
    const rows = JSON.parse(out).summary.quotaImpact.map(
      (r: { region: string; unit: string; delta: number }) => [r.region, r.unit, r.delta],
    );
    expect(rows).toEqual([
      ["eastus2", "TPM", 20_000],
      ["westus", "TPM", 20_000],
    ]);
  });

  it("exits 2 when the catalog beside the working file is not a model catalog", async () => {
    const dir = repository();
    mkdirSync(path.join(dir, "catalog"));
    writeFileSync(path.join(dir, "catalog", "models.json"), JSON.stringify({ locations: {} }));
    const { code, err, out } = await run(["git:HEAD:deployments.yaml"], dir);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^aideploy diff: .*catalog\/models\.json: not a model catalog: /);
  });

  it("reads both sides from git, paths with directories included", async () => {
    const dir = repository();
    const { code, out } = await run(
      ["git:HEAD:sub/other.yaml", "git:HEAD:deployments.yaml", "-f", "json"],
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).changes).toEqual([]);
  });

  const usageErrors: { name: string; spec: string; message: RegExp }[] = [
    { name: "a missing ref", spec: "git:no-such-branch:deployments.yaml", message: /no-such-branch/ },
    { name: "a missing path", spec: "git:HEAD:nope.yaml", message: /nope\.yaml/ },
    { name: "a directory", spec: "git:HEAD:sub", message: /is a tree, not a file/ },
    { name: "no path", spec: "git:HEAD", message: /git:<ref>:<path>/ },
    {
      name: "a ref that looks like an option",
      spec: "git:--output=x:deployments.yaml",
      message: /not a git ref/,
    },
  ];

  it.each(usageErrors)("exits 2 with a clear message for $name", async ({ spec, message }) => {
    const dir = repository();
    const { code, err, out } = await run([spec], dir);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^aideploy diff: /);
    expect(err).toMatch(message);
  });

  it("exits 2 outside a git repository", async () => {
    const dir = workspace({ "deployments.yaml": base });
    const { code, err } = await run(["git:HEAD:deployments.yaml"], dir);
    expect(code).toBe(2);
    expect(err).toContain("not a git repository");
  });
});
