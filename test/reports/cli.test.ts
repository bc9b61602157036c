import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { registerReport } from "../../cli/commands/report";
import { memoryIO } from "../../cli/io";
import { runProgram } from "../../cli/program";
import { repoRoot } from "../support/paths";
import { lineOf, violatingYaml, workspace } from "./support";

const broken = `version: 1
accounts:
  a: { name: acct, resourceGroup: rg }
deployments:
  - name: d
    model: { format: OpenAI, name: gpt-4o, version: 1 }
    capcity: 5
`;

async function report(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const io = memoryIO({ cwd, env });
  const code = await runProgram(["report", ...argv], io, [registerReport]);
  return { code, out: io.out, err: io.err };
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string })
    .version;
}

describe("aideploy report", () => {
  it("prints Markdown by default and exits 0 when no mandatory policy is violated", async () => {
    const dir = workspace({
      "deployments.yaml": violatingYaml,
      "policy.json": JSON.stringify({
        "local-auth-disabled": "advisory",
        "deployment-capacity-cap": "advisory",
      }),
    });
    const { code, out, err } = await report(["--policy-config", "policy.json"], dir);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("## Compliance report");
    expect(out).toContain("✅ **Passes** with 2 advisory findings");
  });

  it("exits 1 when a mandatory policy is violated, in every format, and still prints the report", async () => {
    const dir = workspace({ "deployments.yaml": violatingYaml });
    for (const format of ["md", "json", "sarif", "junit", "html"]) {
      const { code, out } = await report(["--format", format], dir);
      expect(code, format).toBe(1);
      expect(out.length, format).toBeGreaterThan(100);
    }
    const sarif = JSON.parse((await report(["-f", "sarif"], dir)).out) as Log;
    expect(sarif.runs[0]?.tool.driver.version).toBe(version());
    expect(XMLValidator.validate((await report(["-f", "junit"], dir)).out)).toBe(true);
  });

  it("writes --out, creating directories, instead of stdout", async () => {
    const dir = workspace({ "deployments.yaml": violatingYaml });
    const { code, out, err } = await report(["-f", "sarif", "--out", "out/scan/aideploy.sarif"], dir);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toBe("aideploy report: wrote out/scan/aideploy.sarif (sarif); fails: 2 mandatory findings\n");
    const log = JSON.parse(readFileSync(path.join(dir, "out", "scan", "aideploy.sarif"), "utf8")) as Log;
    expect(log.runs[0]?.results).toHaveLength(2);
    const html = await report(["-f", "html", "-o", "report.html"], dir);
    expect(readFileSync(path.join(dir, "report.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect(html.out).toBe("");
  });

  it("locates results relative to the enclosing repository", async () => {
    const root = workspace({});
    mkdirSync(path.join(root, ".git"));
    mkdirSync(path.join(root, "infra", "ai"), { recursive: true });
    writeFileSync(path.join(root, "infra", "ai", "deployments.yaml"), violatingYaml);
    const { out } = await report(["-f", "sarif"], path.join(root, "infra", "ai"));
    const result = (JSON.parse(out) as Log).runs[0]?.results?.find((r) => r.ruleId === "AID-DEP-005");
    expect(result?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "infra/ai/deployments.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: lineOf(violatingYaml, "- name: big"), startColumn: 5 },
    });
  });

  it("says the repository's top level is %SRCROOT%, and the file's own directory outside Git and the working directory", async () => {
    const root = workspace({});
    mkdirSync(path.join(root, ".git"));
    writeFileSync(path.join(root, "deployments.yaml"), violatingYaml);
    const inGit = JSON.parse((await report(["-f", "sarif"], root)).out) as Log;
    expect(inGit.runs[0]?.originalUriBaseIds?.["%SRCROOT%"]?.description?.text).toBe(
      "The top level of the Git work tree that holds the deployments file.",
    );

    const outside = workspace({ "deployments.yaml": violatingYaml });
    const elsewhere = workspace({});
    for (const file of [
      path.join(outside, "deployments.yaml"),
      path.relative(elsewhere, path.join(outside, "deployments.yaml")),
    ]) {
      const { out } = await report([file, "-f", "sarif"], elsewhere);
      const run = (JSON.parse(out) as Log).runs[0];
      expect(run?.artifacts?.map((a) => a.location)).toEqual([
        { uri: "deployments.yaml", uriBaseId: "%SRCROOT%" },
      ]);
      for (const result of run?.results ?? [])
        expect(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("deployments.yaml");
      expect(run?.originalUriBaseIds?.["%SRCROOT%"]?.description?.text).toMatch(
        /^The directory of the deployments file/,
      );
      expect(out).not.toContain(outside);
    }
  });

  it("omits the time unless --timestamp, which honours SOURCE_DATE_EPOCH", async () => {
    const dir = workspace({ "deployments.yaml": violatingYaml });
    expect(JSON.parse((await report(["-f", "json"], dir)).out)).not.toHaveProperty("generatedAt");
    const stamped = await report(["-f", "json", "--timestamp"], dir, { SOURCE_DATE_EPOCH: "1700000000" });
    expect((JSON.parse(stamped.out) as { generatedAt: string }).generatedAt).toBe("2023-11-14T22:13:20.000Z");
  });

  it("reports file errors with the same diagnostics and exit codes as validate", async () => {
    const dir = workspace({ "bad.yaml": broken });
    const bad = await report(["bad.yaml", "-f", "sarif"], dir);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe("");
    expect(bad.err).toContain("bad.yaml:7:5: error schema/unknown-key");
    expect((await report(["missing.yaml"], dir)).code).toBe(2);
    const env = await report(["--env", "staging"], workspace({ "deployments.yaml": violatingYaml }));
    expect(env.code).toBe(2);
    expect(env.err).toContain("aideploy report:");
    expect((await report(["--format", "pdf"], dir)).code).toBe(2);
    expect((await report(["bad.yaml", "--policy-config", "nope.json"], dir)).code).toBe(1);
    const good = workspace({ "deployments.yaml": violatingYaml });
    const config = await report(["--policy-config", "nope.json"], good);
    expect(config.code).toBe(2);
    expect(config.err).toContain("nope.json");
    expect((await report(["--azure-policies", "no-such-dir"], good)).code).toBe(2);
  });

  it("documents formats and exit codes in its help", async () => {
    const { code, out } = await report(["--help"], repoRoot);
    expect(code).toBe(0);
    expect(out).toContain("--format <format>");
    expect(out).toContain("--out <path>");
    expect(out).toContain("--policy-config <file>");
    expect(out).toContain("--azure-policies <dir>");
    expect(out).toMatch(/Exit codes:\n\s+0\s+the report was produced and no mandatory policy is violated/);
    expect(out).toMatch(/\n\s+1\s+a mandatory policy is violated/);
    expect(out).toMatch(/\n\s+2\s+usage error/);
  });
});
