import * as path from "node:path";
import { Option } from "commander";
import type { CommandIO } from "./io";

export const DEFAULT_FILE = "deployments.yaml";

export function formatOption<T extends string>(choices: readonly T[], fallback: T): Option {
  return new Option("-f, --format <format>", "output format").choices([...choices]).default(fallback);
}

export function envOption(
  description = "environment whose overrides apply (default: the file as written)",
): Option {
  return new Option("-e, --env <name>", description);
}

/** An absolute path for a file argument, relative to the command's working directory. */
export function resolvePath(io: CommandIO, file: string): string {
  return path.resolve(io.cwd, file);
}
