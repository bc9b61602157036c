/**
 * Whole commands side by side, process start included, on the same generated files:
 *
 *   npx tsx bench/peers.ts [--sizes 100,1000,10000] [--runs 5] [--json]
 *
 * - `node -e 0`: what starting Node costs;
 * - floor: a script that only reads the file with `yaml`'s parseDocument and checks it with ajv against
 *   schemas/deployments.schema.json (the least any schema-checking validator of this file must do);
 * - aideploy: `node bin/aideploy.js validate FILE` (the compiled CLI; run `npm run build` first);
 * - Spectral: `spectral lint FILE` with one rule, the `schema` function on the same schema.
 *
 * The peer is installed into a scratch folder under the system's temporary directory (never into this
 * project's dependencies), with install scripts off. Commands alternate within each run so load on the
 * machine falls on all of them alike; each figure is the median of `runs`, after one warm-up. CPU time
 * and peak resident set come from GNU time (`/usr/bin/time`) where the machine has it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateDeploymentsYaml } from "./generate";
import { machineDescription } from "./run";

const SPECTRAL_VERSION = "6.16.3";
const root = path.resolve(__dirname, "..");
const scratch = path.join(os.tmpdir(), `aideploy-peers-${SPECTRAL_VERSION}`);
const gnuTime = "/usr/bin/time";

interface Command {
  name: string;
  argv: (file: string) => string[];
}

interface Sample {
  wallMs: number;
  cpuMs: number | undefined;
  peakRssMb: number | undefined;
}

export interface PeerResult {
  deployments: number;
  fileBytes: number;
  command: string;
  wallMs: number;
  cpuMs: number | undefined;
  peakRssMb: number | undefined;
}

function installSpectral(): string {
  const bin = path.join(scratch, "node_modules", ".bin", "spectral");
  if (existsSync(bin)) return bin;
  mkdirSync(scratch, { recursive: true });
  writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ private: true }));
  execFileSync(
    "npm",
    [
      "install",
      "--no-save",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      `@stoplight/spectral-cli@${SPECTRAL_VERSION}`,
    ],
    { cwd: scratch, stdio: "inherit", env: { ...process.env, SCARF_ANALYTICS: "false" } },
  );
  return bin;
}

/** A ruleset of one rule: the whole document against the deployments schema (draft 2020-12). */
function writeRuleset(): string {
  const file = path.join(scratch, "schema-only.spectral.js");
  const schema = path.join(root, "schemas", "deployments.schema.json");
  writeFileSync(
    file,
    [
      'const { schema } = require("@stoplight/spectral-functions");',
      "module.exports = {",
      "  rules: {",
      '    "deployments-schema": {',
      '      given: "$",',
      '      severity: "error",',
      // Spectral bundles a ruleset before running it and cannot require JSON: the schema is written inline.
      `      then: { function: schema, functionOptions: { schema: ${readFileSync(schema, "utf8").trim()}, dialect: "draft2020-12", allErrors: true } },`,
      "    },",
      "  },",
      "};",
      "",
    ].join("\n"),
  );
  return file;
}

/** The floor: parse with positions, validate against the schema, nothing else. */
function writeFloor(): string {
  const file = path.join(scratch, "floor.cjs");
  const modules = path.join(root, "node_modules");
  writeFileSync(
    file,
    [
      `const { readFileSync } = require("node:fs");`,
      `const { parseDocument } = require(${JSON.stringify(path.join(modules, "yaml"))});`,
      `const Ajv2020 = require(${JSON.stringify(path.join(modules, "ajv", "dist", "2020"))}).default;`,
      `const schema = require(${JSON.stringify(path.join(root, "schemas", "deployments.schema.json"))});`,
      "const document = parseDocument(readFileSync(process.argv[2], 'utf8'));",
      "const validate = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);",
      "validate(document.toJS());",
      "process.stdout.write(String((validate.errors ?? []).length + document.errors.length));",
      "",
    ].join("\n"),
  );
  return file;
}

function commands(): Command[] {
  const spectral = installSpectral();
  const ruleset = writeRuleset();
  const floor = writeFloor();
  const cli = path.join(root, "bin", "aideploy.js");
  return [
    { name: "node -e 0", argv: () => [process.execPath, "-e", "0"] },
    { name: "floor (yaml + ajv)", argv: (file) => [process.execPath, floor, file] },
    {
      name: "aideploy validate",
      argv: (file) => [
        process.execPath,
        cli,
        "validate",
        file,
        "--as-of",
        "2026-12-02",
        "--max-file-size",
        "64MB",
      ],
    },
    {
      name: "spectral (schema rule)",
      argv: (file) => [spectral, "lint", file, "--ruleset", ruleset, "--quiet", "--format", "json"],
    },
  ];
}

function runOnce(argv: string[]): Sample {
  const timed = existsSync(gnuTime);
  const full = timed ? [gnuTime, "-f", "__TIME__ %U %S %M", ...argv] : argv;
  const started = performance.now();
  const result = spawnSync(full[0] as string, full.slice(1), {
    encoding: "utf8",
    maxBuffer: 1024 ** 3,
    cwd: scratch,
  });
  const wallMs = performance.now() - started;
  if (result.error) throw result.error;
  const match = /__TIME__ ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? "");
  return {
    wallMs,
    cpuMs: match ? (Number(match[1]) + Number(match[2])) * 1000 : undefined,
    peakRssMb: match ? Number(match[3]) / 1024 : undefined,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function medianOf(samples: Sample[], pick: (s: Sample) => number | undefined): number | undefined {
  const values = samples.map(pick).filter((v): v is number => v !== undefined);
  return values.length === samples.length ? median(values) : undefined;
}

/**
 * Every command must actually check the file: each is run once on a file with a key the schema refuses
 * and must say so (exit code 1, or the rule in its output), or the timings would compare nothing.
 */
function checkEachReportsSchemaErrors(list: readonly Command[]): void {
  const broken = path.join(scratch, "broken.yaml");
  writeFileSync(broken, `${generateDeploymentsYaml(10)}unexpectedTopLevelKey: true\n`);
  for (const command of list) {
    if (command.name === "node -e 0") continue;
    const argv = command.argv(broken);
    const result = spawnSync(argv[0] as string, argv.slice(1), { encoding: "utf8", cwd: scratch });
    const output = `${result.stdout}${result.stderr}`;
    const reported =
      command.name === "floor (yaml + ajv)"
        ? Number(result.stdout) > 0
        : command.name === "aideploy validate"
          ? result.status === 1 && output.includes("unexpectedTopLevelKey")
          : output.includes("deployments-schema") && output.includes("unexpectedTopLevelKey");
    if (!reported)
      throw new Error(`${command.name} did not report the schema error:\n${output.slice(0, 2000)}`);
  }
}

export function runPeers(sizes: number[], runs: number): PeerResult[] {
  const list = commands();
  checkEachReportsSchemaErrors(list);
  const results: PeerResult[] = [];
  for (const size of sizes) {
    const text = generateDeploymentsYaml(size);
    const file = path.join(scratch, `deployments-${size}.yaml`);
    writeFileSync(file, text);
    const samples = new Map<string, Sample[]>(list.map((c) => [c.name, []]));
    for (let run = 0; run <= runs; run++) {
      for (const command of list) {
        const sample = runOnce(command.argv(file));
        if (run > 0) samples.get(command.name)?.push(sample);
      }
    }
    for (const command of list) {
      const taken = samples.get(command.name) ?? [];
      results.push({
        deployments: size,
        fileBytes: Buffer.byteLength(text),
        command: command.name,
        wallMs: medianOf(taken, (s) => s.wallMs) as number,
        cpuMs: medianOf(taken, (s) => s.cpuMs),
        peakRssMb: medianOf(taken, (s) => s.peakRssMb),
      });
    }
  }
  return results;
}

function figure(value: number | undefined, unit: string, digits = 0): string {
  return value === undefined ? "-" : `${value.toFixed(digits)} ${unit}`;
}

/** The ratios the targets are stated in, per size: aideploy against the floor and against Spectral. */
export function ratios(results: readonly PeerResult[]): string[] {
  const lines: string[] = [];
  for (const size of [...new Set(results.map((r) => r.deployments))]) {
    const of = (name: string) => results.find((r) => r.deployments === size && r.command === name);
    const node = of("node -e 0");
    const floor = of("floor (yaml + ajv)");
    const cli = of("aideploy validate");
    const spectral = of("spectral (schema rule)");
    if (!node || !floor || !cli || !spectral) continue;
    const ratio = (pick: (r: PeerResult) => number | undefined) => {
      const [a, f, s, n] = [pick(cli), pick(floor), pick(spectral), pick(node)];
      if (a === undefined || f === undefined || s === undefined || n === undefined) return "-";
      return `÷ floor ${(a / f).toFixed(2)}×, ÷ Spectral ${(a / s).toFixed(2)}×, ÷ (node -e 0 + floor) ${(a / (n + f)).toFixed(2)}×`;
    };
    lines.push(
      `${size.toLocaleString("en-US")} deployments, aideploy: wall ${ratio((r) => r.wallMs)}; CPU ${ratio((r) => r.cpuMs)}`,
    );
  }
  return lines;
}

function main(argv: readonly string[]): void {
  let sizes = [100, 1000, 10000];
  let runs = 5;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--sizes") sizes = (argv[++i] ?? "").split(",").map(Number);
    else if (arg === "--runs") runs = Number(argv[++i]);
    else if (arg === "--json") json = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0) || !Number.isInteger(runs) || runs <= 0)
    throw new Error(
      "--sizes takes positive whole numbers separated by commas, --runs a positive whole number",
    );
  const machine = machineDescription();
  const results = runPeers(sizes, runs);
  if (json) {
    process.stdout.write(`${JSON.stringify({ machine, spectral: SPECTRAL_VERSION, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `node ${machine.node} · ${machine.cpus} CPUs · load ${machine.loadAverage} · Spectral ${SPECTRAL_VERSION} · median of ${runs}\n\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${String(r.deployments).padStart(7)}  ${r.command.padEnd(24)} wall ${figure(r.wallMs, "ms").padStart(10)}  cpu ${figure(r.cpuMs, "ms").padStart(10)}  peak ${figure(r.peakRssMb, "MB").padStart(8)}\n`,
    );
  }
  process.stdout.write(`\n${ratios(results).join("\n")}\n`);
}

if (require.main === module) main(process.argv.slice(2));
