import { describe, expect, it } from "vitest";
import {
  createProgressReporter,
  formatElapsed,
  type ProgressTimers,
  progressEnabled,
  withProgress,
} from "../../live/progress";

/** A clock and timers the test moves by hand. */
function fakeTime() {
  let now = 0;
  let scheduled: (() => void) | undefined;
  const timers: ProgressTimers = {
    setInterval(callback) {
      scheduled = callback;
      return 1;
    },
    clearInterval() {
      scheduled = undefined;
    },
  };
  return {
    timers,
    now: () => now,
    advance(milliseconds: number) {
      now += milliseconds;
      scheduled?.();
    },
    get running() {
      return scheduled !== undefined;
    },
  };
}

function capture() {
  const writes: string[] = [];
  return { writes, write: (text: string) => writes.push(text) };
}

describe("progress", () => {
  it("shows elapsed time on an interactive terminal and ends the line", () => {
    const time = fakeTime();
    const out = capture();
    const reporter = createProgressReporter({
      write: out.write,
      isTTY: true,
      env: {},
      now: time.now,
      timers: time.timers,
    });
    const task = reporter.start("waiting for deployment chat");
    time.advance(12_000);
    task.succeed();
    expect(out.writes).toEqual([
      "\r\x1b[2Kwaiting for deployment chat… 0s",
      "\r\x1b[2Kwaiting for deployment chat… 12s",
      "\r\x1b[2Kwaiting for deployment chat… done after 12s\n",
    ]);
    expect(time.running).toBe(false);
  });

  it.each([
    ["not a terminal", false, {}],
    ["CI=true", true, { CI: "true" }],
    ["CI=1", true, { CI: "1" }],
    ["Azure DevOps", true, { TF_BUILD: "True" }],
  ])("stays silent when %s", async (_label, isTTY, env) => {
    const time = fakeTime();
    const out = capture();
    const reporter = createProgressReporter({
      write: out.write,
      isTTY,
      env,
      now: time.now,
      timers: time.timers,
    });
    expect(reporter.enabled).toBe(false);
    await withProgress(reporter, "waiting for deployment chat", async () => {
      time.advance(5000);
    });
    expect(out.writes).toEqual([]);
    expect(time.running).toBe(false);
  });

  it("shows on a terminal when CI is explicitly false", () => {
    expect(progressEnabled(true, { CI: "false" })).toBe(true);
    expect(progressEnabled(true, { CI: "" })).toBe(true);
  });

  it("marks failure, updates the label and ignores a second finish", async () => {
    const time = fakeTime();
    const out = capture();
    const reporter = createProgressReporter({
      write: out.write,
      isTTY: true,
      now: time.now,
      timers: time.timers,
    });
    await expect(
      withProgress(reporter, "creating deployment chat", async (task) => {
        time.advance(2000);
        task.update("waiting for deployment chat");
        throw new Error("quota");
      }),
    ).rejects.toThrow("quota");
    expect(out.writes.at(-2)).toBe("\r\x1b[2Kwaiting for deployment chat… 2s");
    expect(out.writes.at(-1)).toBe("\r\x1b[2Kwaiting for deployment chat… failed after 2s\n");
  });

  it("can leave ticking to the caller", () => {
    const out = capture();
    let now = 0;
    const reporter = createProgressReporter({
      write: out.write,
      isTTY: true,
      now: () => now,
      intervalInMs: 0,
    });
    const task = reporter.start("polling");
    now = 3000;
    task.tick();
    task.succeed("3 deployments");
    task.tick();
    expect(out.writes).toEqual([
      "\r\x1b[2Kpolling… 0s",
      "\r\x1b[2Kpolling… 3s",
      "\r\x1b[2Kpolling… done after 3s: 3 deployments\n",
    ]);
  });

  it.each([
    [0, "0s"],
    [12_400, "12s"],
    [65_000, "1m 05s"],
    [3_725_000, "1h 02m"],
  ])("formats %i ms as %s", (milliseconds, text) => {
    expect(formatElapsed(milliseconds)).toBe(text);
  });
});
