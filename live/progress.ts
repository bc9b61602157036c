/**
 * Progress for long live operations ("waiting for deployment chat… 12s"), shown only on an interactive
 * terminal and never in CI. Everything it touches (writer, terminal flag, clock, timers) is injected.
 */
import type { Env } from "./connection";

export interface ProgressTimers {
  setInterval(callback: () => void, milliseconds: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface ProgressOptions {
  write: (text: string) => void;
  isTTY: boolean;
  env?: Env;
  now?: () => number;
  /** Re-render period (default 1 s); 0 turns the timer off and leaves ticking to the caller. */
  intervalInMs?: number;
  timers?: ProgressTimers;
}

export interface ProgressTask {
  /** Changes the label (e.g. from "creating" to "waiting for"). */
  update(label: string): void;
  /** Re-renders the line with the current elapsed time. */
  tick(): void;
  succeed(note?: string): void;
  fail(note?: string): void;
}

export interface ProgressReporter {
  readonly enabled: boolean;
  start(label: string): ProgressTask;
}

const clearLine = "\r\x1b[2K";

function truthy(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/** Shown only on a terminal and outside CI (CI, or Azure DevOps' TF_BUILD). */
export function progressEnabled(isTTY: boolean, env: Env = {}): boolean {
  return isTTY && !truthy(env.CI) && !truthy(env.TF_BUILD);
}

/** `7s`, `1m 05s`, `1h 02m`. */
export function formatElapsed(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

const silentTask: ProgressTask = {
  update: () => {},
  tick: () => {},
  succeed: () => {},
  fail: () => {},
};

const defaultTimers: ProgressTimers = {
  setInterval(callback, milliseconds) {
    const handle = setInterval(callback, milliseconds);
    handle.unref();
    return handle;
  },
  clearInterval(handle) {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
};

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const enabled = progressEnabled(options.isTTY, options.env);
  const now = options.now ?? Date.now;
  const interval = options.intervalInMs ?? 1000;
  const timers = options.timers ?? defaultTimers;
  return {
    enabled,
    start(initialLabel: string): ProgressTask {
      if (!enabled) return silentTask;
      const startedAt = now();
      let label = initialLabel;
      let finished = false;
      const render = () => options.write(`${clearLine}${label}… ${formatElapsed(now() - startedAt)}`);
      const handle = interval > 0 ? timers.setInterval(render, interval) : undefined;
      const finish = (outcome: string, note: string | undefined) => {
        if (finished) return;
        finished = true;
        if (handle !== undefined) timers.clearInterval(handle);
        const detail = note ? `: ${note}` : "";
        options.write(
          `${clearLine}${label}… ${outcome} after ${formatElapsed(now() - startedAt)}${detail}\n`,
        );
      };
      render();
      return {
        update(next) {
          label = next;
          if (!finished) render();
        },
        tick() {
          if (!finished) render();
        },
        succeed: (note) => finish("done", note),
        fail: (note) => finish("failed", note),
      };
    },
  };
}

/** Runs work under a progress line that ends as done or failed. */
export async function withProgress<T>(
  reporter: ProgressReporter,
  label: string,
  work: (task: ProgressTask) => Promise<T>,
): Promise<T> {
  const task = reporter.start(label);
  try {
    const result = await work(task);
    task.succeed();
    return result;
  } catch (error) {
    task.fail();
    throw error;
  }
}
