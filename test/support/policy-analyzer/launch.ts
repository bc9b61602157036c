// Starts a Node policy pack the way `pulumi preview --policy-pack DIR` does: the analyzer plugin runs
// `node @pulumi/pulumi/cmd/run-policy-pack <engine-address> <pack-dir>` in the pack's directory, and the pack
// prints the port of its Analyzer gRPC server on stdout.
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../paths";

export const runPolicyPack = path.join(
  repoRoot,
  "node_modules",
  "@pulumi",
  "pulumi",
  "cmd",
  "run-policy-pack",
);

export interface RunningPack {
  /** `127.0.0.1:<port>` of the pack's Analyzer server. */
  address: string;
  /** Milliseconds from spawn to the port on stdout. */
  startupMs: number;
  stderr(): string;
  stop(): Promise<void>;
}

/** Spawns the pack and waits (at most `timeoutMs`) for the port; kills the child on any failure. */
export async function launchPack(
  packDir: string,
  engineAddress: string,
  timeoutMs = 30_000,
): Promise<RunningPack> {
  const env = { ...process.env };
  // Loader flags meant for the test runner must not reach the plugin.
  delete env.NODE_OPTIONS;
  const started = Date.now();
  const child = spawn(process.execPath, [runPolicyPack, engineAddress, "."], {
    cwd: packDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = () => stopChild(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no port from the pack within ${timeoutMs} ms; stderr:\n${stderr}`)),
        timeoutMs,
      );
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = /^(\d+)\s*\n/.exec(stdout);
        if (line?.[1]) {
          clearTimeout(timer);
          resolve(Number(line[1]));
        }
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the pack exited (${code ?? signal}) before printing its port; stderr:\n${stderr}`));
      });
    });
    return { address: `127.0.0.1:${port}`, startupMs: Date.now() - started, stderr: () => stderr, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the child is gone. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
