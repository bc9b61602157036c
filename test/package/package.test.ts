// The package as a team installs it: `npm pack` (which builds the bundle in its `prepare` step), the tarball
// unpacked into node_modules/aideploy of an empty project, then `npx aideploy init`, `validate`, `plan`, and
// the scaffolded Pulumi program booted like `pulumi up` against the stand-in engine.
//
// Offline by construction: npm's cache, as `npm ci` fills it, holds the dependencies' tarballs but not the
// registry's metadata, so `npm install <tarball> --offline` cannot resolve them (ENOTCACHED). The project
// therefore gets what an install would lay out: the tarball's own files (nothing from the checkout) as
// node_modules/aideploy, its production dependencies (`npm ls --omit=dev`, hoisted as npm hoists them)
// linked from this checkout's node_modules, and the `aideploy` bin link in node_modules/.bin.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { nodeRegistration } from "../../infra/deployment-resource";
import { planFile } from "../../infra/plan";
import { projectPolicies } from "../../policies/registry";
import { seedFromPlan } from "../live/commands/support";
import { startArmEmulator } from "../support/arm-emulator";
import { repoRoot } from "../support/paths";
import { estateText, planText } from "../support/plan";
import {
  AnalyzerDriver,
  engineConfiguration,
  launchPack,
  resourcesOfNodes,
  startEngine,
} from "../support/policy-analyzer";
import { runPulumiProgram, stopPulumiRuns } from "../support/pulumi-engine";

const version = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }
).version;

let tempDir = "";
let project = "";
let packedFiles: string[] = [];

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, npm_config_offline: "true", npm_config_update_notifier: "false", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The packages under node_modules/ (and node_modules/@scope/) that a production install puts there. */
function hoistedProductionDependencies(): string[] {
  const out = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const top = path.join(repoRoot, "node_modules");
  return out
    .split("\n")
    .filter((p) => p.startsWith(top + path.sep))
    .map((p) => path.relative(top, p))
    .filter((rel) => {
      const parts = rel.split(path.sep);
      return !parts.includes("node_modules") && parts.length === (parts[0]?.startsWith("@") ? 2 : 1);
    });
}

function listTree(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aideploy-package-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", tempDir], {
      cwd: repoRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = path.join(tempDir, packed[0]?.filename ?? "");
  packedFiles = (packed[0]?.files ?? []).map((f) => f.path).sort();

  project = path.join(tempDir, "platform-infra");
  const modules = path.join(project, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  fs.writeFileSync(
    path.join(project, "package.json"),
    `${JSON.stringify({ name: "platform-infra", private: true, dependencies: { aideploy: `file:${tarball}` } }, null, 2)}\n`,
  );
  execFileSync("tar", ["-xzf", tarball, "-C", tempDir]);
  fs.renameSync(path.join(tempDir, "package"), path.join(modules, "aideploy"));
  for (const dependency of hoistedProductionDependencies()) {
    const link = path.join(modules, dependency);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "node_modules", dependency), link, "dir");
  }
  fs.mkdirSync(path.join(modules, ".bin"));
  fs.symlinkSync("../aideploy/bin/aideploy.js", path.join(modules, ".bin", "aideploy"));
  fs.chmodSync(path.join(modules, "aideploy", "bin", "aideploy.js"), 0o755);
}, 180_000);

afterEach(async () => {
  await stopPulumiRuns();
});

afterAll(() => {
  if (tempDir !== "") fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("holds the bundle, the launcher and the files read at run time, and no tests or benchmarks", () => {
    for (const file of [
      "package.json",
      "bin/aideploy.js",
      "dist/aideploy.js",
      "dist/component.js",
      "dist/types/infra/component.d.ts",
      "schemas/deployments.schema.json",
      "schemas/catalog.schema.json",
      "catalog/models.json",
      "policies/index.js",
      "policies/PulumiPolicy.yaml",
      "policies/package.json",
      "policies/pack-entry.ts",
      "policies/evaluator/aliases.json",
      "scaffold/templates/deployments.yaml",
      "scaffold/templates/Pulumi.yaml",
      "scaffold/templates/index.js",
      "examples/github/deployments.yml",
    ]) {
      expect(packedFiles, file).toContain(file);
    }
    for (const prefix of ["test/", "bench/", "cli/", "scripts/", "node_modules/", "Pulumi."]) {
      expect(
        packedFiles.filter((f) => f.startsWith(prefix)),
        prefix,
      ).toEqual([]);
    }
    // What was unpacked into the project is the tarball's content, nothing else.
    expect(listTree(path.join(project, "node_modules", "aideploy"))).toEqual(packedFiles);
  });

  it("runs compiled JavaScript: --version prints the package's version; neither tsx nor the Azure SDK is loaded offline", () => {
    const probe = path.join(tempDir, "probe.js");
    fs.writeFileSync(
      probe,
      [
        "const loaded = (part) => Object.keys(require.cache).some((f) => f.includes(part));",
        `process.on("exit", () => process.stderr.write(\`loaded tsx: \${loaded("${path.sep}tsx${path.sep}")}, Azure SDK: \${loaded("${path.sep}@azure${path.sep}")}\\n\`));`,
      ].join("\n"),
    );
    const bin = path.join(project, "node_modules", ".bin", "aideploy");
    const versionRun = run(process.execPath, ["--require", probe, bin, "--version"], project);
    expect(versionRun.stdout).toBe(`${version}\n`);
    expect(versionRun.stderr).toBe("loaded tsx: false, Azure SDK: false\n");
    expect(versionRun.code).toBe(0);
    const validate = run(
      process.execPath,
      ["--require", probe, bin, "validate", path.join(repoRoot, "scaffold/templates/deployments.yaml")],
      tempDir,
    );
    expect(validate.stdout + validate.stderr).toBe(
      "no problems in 1 file(s)\nloaded tsx: false, Azure SDK: false\n",
    );
    expect(validate.code).toBe(0);
  });

  it("a checkout that was never built says so, instead of a stack trace (exit 3)", () => {
    const checkout = fs.mkdtempSync(path.join(tempDir, "unbuilt-"));
    fs.mkdirSync(path.join(checkout, "bin"));
    fs.copyFileSync(path.join(repoRoot, "bin/aideploy.js"), path.join(checkout, "bin/aideploy.js"));
    const result = run(process.execPath, [path.join(checkout, "bin/aideploy.js"), "--version"], checkout);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("aideploy: the CLI is not built; run `npm run build` (or `npm ci`) first\n");
    expect(result.code).toBe(3);
  });

  it("gives byte for byte the output of the sources, reading catalog, schemas and policies from the package", async () => {
    const fixture = path.join(tempDir, "mixed.yaml");
    // A retired version (catalog), an unknown key (schema), an unpinned version (policy).
    fs.writeFileSync(
      fixture,
      fs
        .readFileSync(path.join(repoRoot, "deployments.yaml"), "utf8")
        .replace(
          "versionUpgradeOption: NoAutoUpgrade",
          "versionUpgradeOption: OnceNewDefaultVersionAvailable",
        )
        .replace('name: gpt-4o-mini, version: "2024-07-18"', 'name: o3-mini, version: "2025-01-31"')
        .replace("    capacity: 150\n", "    capacity: 150\n    capactiy: 1\n"),
    );
    const bin = path.join(project, "node_modules", ".bin", "aideploy");
    for (const args of [
      ["validate", fixture, "--as-of", "2026-12-01"],
      ["validate", fixture, "--as-of", "2026-12-01", "--format", "json"],
      ["plan", path.join(repoRoot, "deployments.yaml"), "--env", "dev"],
      ["policy", "list", "--format", "json"],
    ]) {
      const io = memoryIO({ cwd: tempDir });
      const code = await main(args, io);
      const packed = run(process.execPath, [bin, ...args], tempDir);
      expect(packed.stdout, args.join(" ")).toBe(io.out);
      expect(packed.stderr, args.join(" ")).toBe(io.err);
      expect(packed.code, args.join(" ")).toBe(code);
    }
    expect(await main(["validate", fixture, "--as-of", "2026-12-01"], memoryIO({ cwd: tempDir }))).toBe(1);
  });

  it("loads the Azure SDK on first use: drift against the local ARM emulator as from the sources", async () => {
    const emulator = await startArmEmulator();
    try {
      seedFromPlan(emulator, planText(estateText()));
      const cwd = fs.mkdtempSync(path.join(tempDir, "live-"));
      fs.writeFileSync(path.join(cwd, "deployments.yaml"), estateText());
      const env = { AIDEPLOY_ARM_ENDPOINT: emulator.baseUrl };
      const io = memoryIO({ cwd, env });
      const code = await main(["drift", "--format", "json"], io);
      expect(io.err).toBe("");
      expect(code).toBe(0);
      // Asynchronously: the emulator answers from this process.
      const packed = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [path.join(project, "node_modules", ".bin", "aideploy"), "drift", "--format", "json"],
          { cwd, env: { ...process.env, ...env }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
        );
      });
      expect(packed.stderr).toBe("");
      expect(packed.code).toBe(0);
      expect(packed.stdout).toBe(io.out);
    } finally {
      await emulator.stop();
    }
  });
});

describe("a project that installed the package", () => {
  const scaffolded = ["deployments.yaml", "Pulumi.yaml", "index.js", ".github/workflows/deployments.yml"];

  it("a TypeScript program type-checks against the package's declarations, and a wrong option fails", () => {
    const program = path.join(project, "typed");
    fs.mkdirSync(program, { recursive: true });
    fs.writeFileSync(
      path.join(program, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "node16",
          moduleResolution: "node16",
          target: "ES2022",
          noEmit: true,
          types: [],
        },
        files: ["index.ts"],
      }),
    );
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const check = (source: string) => {
      fs.writeFileSync(path.join(program, "index.ts"), source);
      return run(process.execPath, [tsc, "-p", program], program);
    };
    const good = check(
      [
        'import { AiDeployments, type AiDeploymentsArgs } from "aideploy";',
        'const args: AiDeploymentsArgs = { file: "deployments.yaml", environment: "prod" };',
        'const estate = new AiDeployments("estate", args);',
        "export const accounts = estate.accounts;",
        "export const names: string[] = [...estate.resources.keys()];",
        "",
      ].join("\n"),
    );
    expect(good.stdout + good.stderr).toBe("");
    expect(good.code).toBe(0);
    const bad = check(
      [
        'import { AiDeployments } from "aideploy";',
        'new AiDeployments("estate", { fil: "deployments.yaml" });',
        "",
      ].join("\n"),
    );
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/index\.ts\(2,\d+\): error TS(2353|2561): .*'fil'/);
  }, 120_000);

  it("npx aideploy init scaffolds the project; a second init is refused (exit 2) unless --force", () => {
    const init = run("npx", ["aideploy", "init"], project);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("created deployments.yaml\ncreated Pulumi.yaml\ncreated index.js\n");
    for (const file of scaffolded) expect(fs.existsSync(path.join(project, file)), file).toBe(true);

    const yaml = fs.readFileSync(path.join(project, "deployments.yaml"), "utf8");
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(yaml);
    expect(modeline?.[1]).toBe("./node_modules/aideploy/schemas/deployments.schema.json");
    expect(fs.existsSync(path.join(project, modeline?.[1] ?? "missing"))).toBe(true);
    expect(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8")).toMatch(/^name: platform-infra$/m);
    const workflow = fs.readFileSync(path.join(project, ".github/workflows/deployments.yml"), "utf8");
    expect(workflow).toMatch(/^\s+policyPacks: node_modules\/aideploy\/policies$/m);
    expect(fs.existsSync(path.join(project, "node_modules/aideploy/policies/PulumiPolicy.yaml"))).toBe(true);

    fs.writeFileSync(path.join(project, "deployments.yaml"), "# mine\n");
    const again = run("npx", ["aideploy", "init"], project);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      "aideploy init: deployments.yaml, Pulumi.yaml, index.js, .github/workflows/deployments.yml already exist; nothing was written (--force replaces them)\n",
    );
    expect(fs.readFileSync(path.join(project, "deployments.yaml"), "utf8")).toBe("# mine\n");

    const forced = run("npx", ["aideploy", "init", "--force"], project);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("replaced deployments.yaml\n");
    expect(fs.readFileSync(path.join(project, "deployments.yaml"), "utf8")).toBe(yaml);
  });

  it("then npx aideploy validate and plan work with no other step", () => {
    const validate = run("npx", ["aideploy", "validate"], project);
    expect(validate.stdout + validate.stderr).toBe("no problems in 1 file(s)\n");
    expect(validate.code).toBe(0);
    const plan = run("npx", ["aideploy", "plan", "--env", "dev"], project);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("account main: example-ai-dev (rg-ai-dev, eastus2)");
    expect(plan.stdout).toContain("https://example-ai-dev.openai.azure.com/openai/v1/");
  });

  it("the policy pack runs from the installed package (--policy-pack node_modules/aideploy/policies)", async () => {
    const engine = await startEngine();
    const pack = await launchPack(
      path.join(project, "node_modules/aideploy/policies"),
      engine.address,
      60_000,
    );
    const driver = new AnalyzerDriver(pack.address);
    try {
      const info = await driver.analyzerInfo();
      expect(info.policies.map((p) => p.name).sort()).toEqual(
        projectPolicies()
          .map((p) => p.name)
          .sort(),
      );
      await driver.configure(engineConfiguration(info, {}));
      const planned = planFile(
        path.join(repoRoot, "scaffold/templates/deployments.yaml"),
        "deployments.yaml",
        "dev",
      );
      if (!planned.ok) throw new Error("the scaffolded file does not plan");
      const deployment = planned.plan.graph.nodes.find((n) => n.name === "main/deployment/gpt-5.4");
      if (deployment === undefined) throw new Error("no deployment main/deployment/gpt-5.4");
      const [resource] = resourcesOfNodes([deployment]);
      if (resource === undefined) throw new Error("no resource");
      expect((await driver.analyze(resource)).diagnostics).toEqual([]);
      resource.properties.sku = { name: "GlobalStandard", capacity: 2000 };
      const result = await driver.analyze(resource);
      expect(result.diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
        ["deployment-capacity-cap", "mandatory"],
      ]);
      expect(engine.logs.filter((l) => l.severity === "error")).toEqual([]);
    } finally {
      driver.close();
      await pack.stop();
      await engine.close();
    }
  });

  it("the scaffolded Pulumi program registers the file's graph through the AiDeployments component", async () => {
    const result = await runPulumiProgram({ projectDir: project, stack: "dev" });
    expect(result.exitCode, result.stderr).toBe(0);
    const { engine } = result;
    expect(engine.logs.filter((l) => l.severity === "error" || l.severity === "warning")).toEqual([]);
    expect(engine.violations).toEqual([]);
    const planned = planFile(path.join(project, "deployments.yaml"), "deployments.yaml", "dev");
    if (!planned.ok) throw new Error("the scaffolded file does not plan");
    const component = engine.registrations.find((r) => r.type === "aideploy:index:AiDeployments");
    expect(component?.parent).toBe(engine.stackResource()?.urn);
    const custom = engine.customResources();
    // Deployments are registered as the generic resource (infra/deployment-resource.ts).
    expect(custom.map((r) => `${r.type}::${r.name}`).sort()).toEqual(
      planned.plan.graph.nodes.map((n) => `${nodeRegistration(n).type}::${n.name}`).sort(),
    );
    expect(custom.every((r) => r.parent === component?.urn)).toBe(true);
    expect(JSON.parse(JSON.stringify(engine.stackOutputs()))).toEqual(
      JSON.parse(JSON.stringify(planned.plan.outputs)),
    );
  });
});
