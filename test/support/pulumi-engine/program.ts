// Runs a Pulumi Node.js program the way `pulumi up` / `pulumi preview` runs it: the language host's command
// line (`node <nodeargs> @pulumi/pulumi/cmd/run --monitor … --engine … <entry point>`), working directory and
// environment (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS), with the stand-in engine in place of the CLI.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { type PulumiEngine, startPulumiEngine } from "./engine";

export interface PulumiProject {
  name: string;
  runtime: { name: string; options: Record<string, unknown> };
  /** `main` as written (relative to the project), or undefined. */
  main: string | undefined;
  /** Project-level config defaults, fully qualified keys (`project:key`). */
  configDefaults: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Config values reach the program as strings; structured values as JSON, like the CLI. */
function configString(key: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (isRecord(value) && "secure" in value)
    throw new Error(`config ${key} is encrypted; the stand-in cannot decrypt secrets`);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function qualify(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function readPulumiProject(projectDir: string): PulumiProject {
  const doc: unknown = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  if (!isRecord(doc) || typeof doc.name !== "string") throw new Error("Pulumi.yaml has no name");
  const runtime = doc.runtime;
  const runtimeInfo =
    typeof runtime === "string"
      ? { name: runtime, options: {} }
      : isRecord(runtime) && typeof runtime.name === "string"
        ? { name: runtime.name, options: isRecord(runtime.options) ? runtime.options : {} }
        : undefined;
  if (runtimeInfo === undefined) throw new Error("Pulumi.yaml has no runtime");
  const configDefaults: Record<string, string> = {};
  if (isRecord(doc.config)) {
    for (const [key, spec] of Object.entries(doc.config)) {
      // `key: {type, default, …}` declares a key (with an optional default); `key: value` sets a value.
      const value =
        isRecord(spec) && ("type" in spec || "default" in spec || "value" in spec)
          ? (spec.value ?? spec.default)
          : spec;
      if (value !== undefined) configDefaults[qualify(doc.name, key)] = configString(key, value);
    }
  }
  return {
    name: doc.name,
    runtime: runtimeInfo,
    main: typeof doc.main === "string" ? doc.main : undefined,
    configDefaults,
  };
}

/** The stack's configuration as the CLI hands it to the language host: project defaults, then Pulumi.<stack>.yaml. */
export function readStackConfig(projectDir: string, stack: string): Record<string, string> {
  const project = readPulumiProject(projectDir);
  const config = { ...project.configDefaults };
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (fs.existsSync(file)) {
    const doc: unknown = parse(fs.readFileSync(file, "utf8"));
    if (isRecord(doc) && isRecord(doc.config)) {
      for (const [key, value] of Object.entries(doc.config)) {
        config[qualify(project.name, key)] = configString(key, value);
      }
    }
  }
  return config;
}

/** Splits `nodeargs` like a POSIX shell would (quotes and backslashes), as the language host does. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < text.length && '"\\$`'.includes(text.charAt(i + 1)))
        current += text.charAt(++i);
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < text.length) {
      current += text.charAt(++i);
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new Error(`unterminated quote in ${JSON.stringify(text)}`);
  if (inWord) words.push(current);
  return words;
}

export interface ProgramInvocation {
  /** The executable (this Node.js). */
  command: string;
  args: string[];
  cwd: string;
  /** Variables set on top of the inherited environment. */
  env: Record<string, string>;
}

export interface InvocationOptions {
  projectDir: string;
  stack: string;
  /** `host:port` of the resource monitor and the engine. */
  monitorAddress: string;
  engineAddress: string;
  dryRun?: boolean;
  /** Config keys (`ns:key`) → values, replacing the whole config map; default: readStackConfig. */
  config?: Record<string, string>;
  secretKeys?: string[];
  organization?: string;
  parallel?: number;
}

/**
 * The process the Node.js language host launches. Like the CLI, a `main` naming a file runs with the working
 * directory set to that file's folder and the file name as entry point; config keys travel in the legacy
 * `ns:config:key` form the language host still uses.
 */
export function programInvocation(options: InvocationOptions): ProgramInvocation {
  const project = readPulumiProject(options.projectDir);
  if (project.runtime.name !== "nodejs") throw new Error(`runtime ${project.runtime.name} is not nodejs`);
  let programDir = options.projectDir;
  let entryPoint = ".";
  if (project.main !== undefined) {
    const main = path.resolve(options.projectDir, project.main);
    if (fs.statSync(main).isDirectory()) programDir = main;
    else {
      programDir = path.dirname(main);
      entryPoint = path.basename(main);
    }
  }
  const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [programDir] });
  const runtimeOptions = project.runtime.options;
  const nodeArgs =
    typeof runtimeOptions.nodeargs === "string" ? splitShellWords(runtimeOptions.nodeargs) : [];
  const args = [
    ...nodeArgs,
    runPath,
    "--monitor",
    options.monitorAddress,
    "--engine",
    options.engineAddress,
    "--organization",
    options.organization ?? "organization",
    "--project",
    project.name,
    "--root-directory",
    options.projectDir,
    "--stack",
    options.stack,
    "--pwd",
    programDir,
    ...(options.dryRun ? ["--dry-run"] : []),
    "--parallel",
    String(options.parallel ?? 16),
    entryPoint,
  ];
  const config = options.config ?? readStackConfig(options.projectDir, options.stack);
  const legacyKeys: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const colon = key.indexOf(":");
    legacyKeys[colon > 0 ? `${key.slice(0, colon)}:config:${key.slice(colon + 1)}` : key] = value;
  }
  const env: Record<string, string> = {
    PULUMI_CONFIG: JSON.stringify(legacyKeys),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys ?? []),
  };
  // The language host defaults `typescript` to true.
  if (runtimeOptions.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (typeof runtimeOptions.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = runtimeOptions.tsconfig;
  return { command: process.execPath, args, cwd: programDir, env };
}

export interface ProgramRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  invocation: ProgramInvocation;
  /** What the stand-in engine recorded. Close it when done (or call stopPulumiRuns). */
  engine: PulumiEngine;
}

export interface RunOptions {
  projectDir: string;
  stack: string;
  dryRun?: boolean;
  /** Added to (or replacing keys of) the stack's config. */
  config?: Record<string, string>;
  secretKeys?: string[];
  /** Kill the program after this long; default 60 s. */
  timeoutMs?: number;
}

const live = new Set<ChildProcess>();
const engines = new Set<PulumiEngine>();

/** Starts a stand-in engine and runs the program against it to completion (or timeout). */
export async function runPulumiProgram(options: RunOptions): Promise<ProgramRun> {
  const project = readPulumiProject(options.projectDir);
  const engine = await startPulumiEngine({
    project: project.name,
    stack: options.stack,
    dryRun: options.dryRun ?? false,
  });
  engines.add(engine);
  const invocation = programInvocation({
    projectDir: options.projectDir,
    stack: options.stack,
    monitorAddress: engine.address,
    engineAddress: engine.address,
    dryRun: options.dryRun ?? false,
    config: { ...readStackConfig(options.projectDir, options.stack), ...options.config },
    secretKeys: options.secretKeys ?? [],
  });
  const inherited: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("PULUMI_") && key !== "NODE_OPTIONS") inherited[key] = value;
  }
  const child = spawn(invocation.command, invocation.args, {
    cwd: invocation.cwd,
    env: { ...inherited, ...invocation.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs ?? 60_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on("error", (err) => {
      stderr += String(err);
      resolve([null, null]);
    });
    child.on("close", (code, sig) => resolve([code, sig]));
  });
  clearTimeout(timer);
  live.delete(child);
  return { exitCode, signal, timedOut, stdout, stderr, invocation, engine };
}

/** Kills programs still running and closes every engine started by runPulumiProgram. */
export async function stopPulumiRuns(): Promise<void> {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
  const closing = [...engines].map((e) => e.close());
  engines.clear();
  await Promise.all(closing);
}
