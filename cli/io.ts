export { ExitCode } from "../diagnostics/failure";

/** What a command may touch of the outside world, so that commands run in-process in tests. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True when stdout is an interactive terminal (progress output is shown only then). */
  isTTY: boolean;
}

export function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
  };
}

/** Collects output in memory; for tests and for callers that post-process output. */
export function memoryIO(overrides: Partial<CommandIO> = {}): CommandIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    cwd: process.cwd(),
    env: {} as Readonly<Record<string, string | undefined>>,
    isTTY: false,
    ...overrides,
  };
  return io;
}
