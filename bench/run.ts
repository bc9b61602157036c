/**
 * Benchmarks the stages of aideploy on generated deployments files (nothing is written to disk).
 *
 *   npx tsx bench/run.ts [--json] [--sizes 100,1000,10000] [--runs 5] [--stages validate,resolve] [--no-memory]
 *
 * For each size and stage: the median, min and max wall time of `runs` runs after warm-up, and the
 * memory of a child process that runs the stage once on that size: its peak resident set, and how far
 * the run raised it above the resident set before the run (reset on Linux; elsewhere the process peak). Another stage is one
 * more entry in benchStages(): it prepares its input from the generated text (untimed), then runs.
 */
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { type Plan, planLoaded } from "../infra/plan";
import type { CheckContext } from "../loader/checks/check";
import { semanticChecks } from "../loader/checks/index";
import { loadDeploymentsText } from "../loader/load";
import { parseYaml } from "../loader/parse";
import { resolveDesiredState } from "../loader/resolve";
import { checkSchema } from "../loader/schema-check";
import { graphArmViews } from "../policies/arm-view";
import { checkPlanPolicies } from "../policies/check-plan";
import { compilePolicy } from "../policies/compiled";
import {
  type BoundParameters,
  bindParameters,
  evaluateBound,
  type PolicyDefinition,
} from "../policies/evaluator";
import { projectPolicies } from "../policies/registry";
import { resolvePolicySettings } from "../policies/settings";
import { formatComplianceHtml } from "../reports/compliance/html";
import { buildComplianceReport } from "../reports/compliance/model";
import { formatComplianceSarif } from "../reports/compliance/sarif";
import { diffPlans } from "../review/diff";
import { builtinUnits } from "./azure-builtins";
import { generateDeploymentsYaml } from "./generate";

export interface BenchStage<T = unknown> {
  name: string;
  /** A stage that times one part of another is listed under it. */
  partOf?: string;
  description: string;
  /** Untimed: turns the generated text into the stage's input (for example a loaded file). */
  prepare(text: string): T;
  /** Timed. */
  run(input: T): unknown;
  /** For a policy stage: how many (resource × definition) evaluations one run makes. */
  evaluations?(input: T): number;
}

/** Keeps a stage's input type checked while letting stages of different inputs share one list. */
export function defineStage<T>(stage: BenchStage<T>): BenchStage<unknown> {
  return stage as BenchStage<unknown>;
}

function loadValid(text: string) {
  const loaded = loadDeploymentsText("bench.yaml", text);
  const problems = loaded.diagnostics.filter((d) => d.severity !== "info");
  if (!loaded.config || !loaded.document || !loaded.catalog || problems.length > 0) {
    const first = problems[0];
    throw new Error(
      `generated file does not validate: ${first?.code} ${first?.message} (line ${first?.line})`,
    );
  }
  return { config: loaded.config, document: loaded.document, catalog: loaded.catalog };
}

/** The stages measured, in pipeline order. */
export function benchStages(): BenchStage<unknown>[] {
  return [
    defineStage<string>({
      name: "validate",
      description: "parse, schema and semantic checks (loadDeploymentsText)",
      prepare: (text) => text,
      run: (text) => loadDeploymentsText("bench.yaml", text),
    }),
    defineStage<string>({
      name: "parse",
      partOf: "validate",
      description: "YAML with positions and duplicate keys (parseYaml)",
      prepare: (text) => text,
      run: (text) => parseYaml("bench.yaml", text),
    }),
    defineStage({
      name: "schema",
      partOf: "validate",
      description: "JSON Schema (checkSchema)",
      prepare: (text) => loadValid(text).document,
      run: (document) => checkSchema(document),
    }),
    defineStage({
      name: "checks",
      partOf: "validate",
      description: "every semantic check",
      prepare: loadValid,
      run: ({ config, document, catalog }) => {
        const context: CheckContext = { file: config, document, catalog, memo: new Map() };
        return semanticChecks().flatMap((check) => check.run(context));
      },
    }),
    defineStage({
      name: "resolve",
      description: "desired state as written and for each environment (resolveDesiredState)",
      prepare: loadValid,
      run: ({ config, document, catalog }) => {
        const environments = [null, ...Object.keys(config.environments ?? {})];
        return environments.map((environment) => resolveDesiredState(config, document, environment, catalog));
      },
    }),
    defineStage({
      name: "plan",
      description: "desired state, resource graph and outputs of the file as written (planLoaded)",
      prepare: (text) => loadDeploymentsText("bench.yaml", text),
      run: (loaded) => planLoaded(loaded, undefined),
    }),
    defineStage({
      name: "policies",
      description: "every resource against every policy of the pack, with findings (checkPlanPolicies)",
      prepare: planOf,
      run: (plan) => checkPlanPolicies(plan, { config: {}, azureUnits: [], diagnostics: [] }),
    }),
    defineStage({
      name: "azure-policy",
      description:
        "every resource against the pack, the 25 AI built-ins and the Guardrail initiative (checkPlanPolicies)",
      prepare: (text) => ({ plan: planOf(text), azureUnits: builtinUnits() }),
      run: ({ plan, azureUnits }) => checkPlanPolicies(plan, { config: {}, azureUnits, diagnostics: [] }),
      evaluations: ({ plan, azureUnits }) =>
        plan.graph.nodes.length * (projectPolicies().length + azureUnits.length),
    }),
    defineStage({
      name: "evaluate",
      partOf: "azure-policy",
      description:
        "the evaluator alone: every definition of the stage above on every resource view (evaluateBound)",
      prepare: (text) => evaluationInput(planOf(text)),
      run: (input) => {
        let outcomes = 0;
        for (const { definition, parameters, dataPlane } of input.definitions) {
          for (const view of dataPlane ? input.dataPlane : input.control) {
            evaluateBound(definition, parameters, view);
            outcomes += 1;
          }
        }
        return outcomes;
      },
      evaluations: (input) =>
        input.definitions.reduce(
          (total, { dataPlane }) => total + (dataPlane ? input.dataPlane.length : input.control.length),
          0,
        ),
    }),
    defineStage({
      name: "diff",
      description: "semantic diff of two plans where every chat deployment changes version (diffPlans)",
      prepare: (text) => ({
        base: planOf(text),
        head: planOf(text.replaceAll('version: "2024-11-20"', 'version: "2024-08-06"')),
      }),
      run: ({ base, head }) => diffPlans(base, head),
    }),
    defineStage({
      name: "report",
      description: "compliance report model, SARIF and HTML from plan and policy results",
      prepare: (text) => {
        const plan = planOf(text);
        return {
          plan,
          results: checkPlanPolicies(plan, { config: {}, azureUnits: [], diagnostics: [] }).results,
        };
      },
      run: ({ plan, results }) => {
        const report = buildComplianceReport(plan, results, { version: "bench" });
        return [formatComplianceSarif(report), formatComplianceHtml(report)];
      },
    }),
  ];
}

/** Every definition the azure-policy stage evaluates, its parameters bound, and the views it reads. */
function evaluationInput(plan: Plan) {
  const { control, dataPlane } = graphArmViews(plan.graph, plan.state.subscription);
  const definitions: { definition: PolicyDefinition; parameters: BoundParameters; dataPlane: boolean }[] = [];
  for (const policy of projectPolicies()) {
    const compiled = compilePolicy(policy);
    if (compiled.kind !== "definition") continue;
    const settings = resolvePolicySettings(compiled, {}, { protect: plan.state.protect });
    const { parsed, dataPlane: plane } = compiled.definition;
    definitions.push({
      definition: parsed,
      parameters: bindParameters(parsed, settings.parameters),
      dataPlane: plane,
    });
  }
  for (const unit of builtinUnits()) {
    const { parsed, dataPlane: plane } = unit.definition;
    definitions.push({
      definition: parsed,
      parameters: bindParameters(parsed, unit.parameters),
      dataPlane: plane,
    });
  }
  return {
    definitions,
    control: control.map(({ view }) => view),
    dataPlane: dataPlane.map(({ view }) => view),
  };
}

function planOf(text: string): Plan {
  const result = planLoaded(loadDeploymentsText("bench.yaml", text), undefined);
  if (!result.ok) throw new Error("generated file does not plan");
  return result.plan;
}

export interface BenchOptions {
  sizes: number[];
  runs: number;
  warmup: number;
  stages: string[] | undefined;
  memory: boolean;
  json: boolean;
}

export interface BenchResult {
  stage: string;
  partOf?: string;
  deployments: number;
  fileBytes: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  microsPerDeployment: number;
  /** Policy stages: (resource × definition) evaluations per run, and the median time of one. */
  evaluations?: number;
  microsPerEvaluation?: number;
  peakRssMb?: number;
  runRssMb?: number;
}

interface MemoryReport {
  peakRssMb: number;
  runRssMb: number;
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    sizes: [100, 1000, 10000],
    runs: 5,
    warmup: 2,
    stages: undefined,
    memory: true,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i] ?? "";
    if (arg === "--json") options.json = true;
    else if (arg === "--no-memory") options.memory = false;
    else if (arg === "--sizes") options.sizes = next().split(",").map(Number).filter(Number.isFinite);
    else if (arg === "--runs") options.runs = Math.max(1, Number(next()) || 1);
    else if (arg === "--warmup") options.warmup = Math.max(0, Number(next()) || 0);
    else if (arg === "--stages") options.stages = next().split(",");
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

function selectedStages(names: string[] | undefined): BenchStage<unknown>[] {
  const all = benchStages();
  if (!names) return all;
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0)
    throw new Error(`unknown stage ${unknown.join(", ")}; known: ${all.map((s) => s.name)}`);
  return all.filter((s) => names.includes(s.name));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function time(stage: BenchStage<unknown>, input: unknown, options: BenchOptions): number[] {
  for (let i = 0; i < options.warmup; i++) stage.run(input);
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = process.hrtime.bigint();
    stage.run(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

/** Runs one stage once in a fresh process and reports its memory high-water mark. */
function measureMemory(stage: string, size: number): Promise<MemoryReport | undefined> {
  return new Promise((resolve) => {
    const child = fork(__filename, ["--child", stage, String(size)], {
      execArgv: [...process.execArgv, "--expose-gc"],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    let report: MemoryReport | undefined;
    child.on("message", (message) => {
      report = message as MemoryReport;
    });
    child.on("exit", () => resolve(report));
    child.on("error", () => resolve(undefined));
  });
}

function childMain(stageName: string, size: number): void {
  const stage = selectedStages([stageName])[0];
  if (!stage) throw new Error(`unknown stage ${stageName}`);
  const input = stage.prepare(generateDeploymentsYaml(size));
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const resettable = resetPeakRss();
  const result = stage.run(input);
  const peak = resettable ? (peakRssSinceReset() ?? 0) : process.resourceUsage().maxRSS * 1024;
  // Keep the result alive until the high-water mark is read.
  if (result === Symbol.for("never")) process.stdout.write("");
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  process.send?.({ peakRssMb: mb(peak), runRssMb: mb(Math.max(0, peak - before)) } satisfies MemoryReport);
}

/** Linux lets a process reset its resident-set high-water mark, so that the peak is the run's alone. */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return peakRssSinceReset() !== undefined;
  } catch {
    return false;
  }
}

function peakRssSinceReset(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function machineDescription(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
}

function table(results: BenchResult[]): string {
  const header = [
    "deployments",
    "file",
    "stage",
    "median",
    "min",
    "max",
    "µs/deployment",
    "evaluations",
    "µs/evaluation",
    "peak RSS",
    "run RSS",
  ];
  const rows = results.map((r) => [
    r.deployments.toLocaleString("en-US"),
    `${(r.fileBytes / 1024 / 1024).toFixed(2)} MB`,
    r.partOf === undefined ? r.stage : `  ${r.stage}`,
    `${r.medianMs.toFixed(1)} ms`,
    `${r.minMs.toFixed(1)} ms`,
    `${r.maxMs.toFixed(1)} ms`,
    r.microsPerDeployment.toFixed(1),
    r.evaluations === undefined ? "-" : r.evaluations.toLocaleString("en-US"),
    r.microsPerEvaluation === undefined ? "-" : r.microsPerEvaluation.toFixed(2),
    r.peakRssMb === undefined ? "-" : `${r.peakRssMb} MB`,
    r.runRssMb === undefined ? "-" : `${r.runRssMb} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

export async function runBench(options: BenchOptions): Promise<BenchResult[]> {
  const stages = selectedStages(options.stages);
  const results: BenchResult[] = [];
  for (const size of options.sizes) {
    const text = generateDeploymentsYaml(size);
    loadValid(text);
    for (const stage of stages) {
      const input = stage.prepare(text);
      const times = time(stage, input, options);
      const result: BenchResult = {
        stage: stage.name,
        ...(stage.partOf === undefined ? {} : { partOf: stage.partOf }),
        deployments: size,
        fileBytes: Buffer.byteLength(text),
        medianMs: median(times),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        microsPerDeployment: (median(times) * 1000) / Math.max(1, size),
      };
      const evaluations = stage.evaluations?.(input);
      if (evaluations !== undefined) {
        result.evaluations = evaluations;
        result.microsPerEvaluation = (median(times) * 1000) / Math.max(1, evaluations);
      }
      // Parts of a stage are timed only; the memory of the whole stage is what matters.
      if (options.memory && stage.partOf === undefined) {
        const memory = await measureMemory(stage.name, size);
        if (memory) Object.assign(result, memory);
      }
      results.push(result);
      if (!options.json)
        process.stderr.write(`  ${stage.name} × ${size}: ${result.medianMs.toFixed(1)} ms\n`);
    }
  }
  return results;
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === "--child") {
    childMain(argv[1] ?? "", Number(argv[2]));
    return;
  }
  const options = parseArgs(argv);
  const machine = machineDescription();
  const results = await runBench(options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ machine, options, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `node ${machine.node} · ${machine.cpus} CPUs (${machine.cpuModel}) · ${machine.memoryGb} GB · load ${machine.loadAverage}\n`,
  );
  process.stdout.write(`runs: median of ${options.runs} after ${options.warmup} warm-up\n\n`);
  process.stdout.write(`${table(results)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
