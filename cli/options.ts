import * as path from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { DEFAULT_MAX_FILE_BYTES } from "../loader/source";
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

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
};

/** `123`, `512k`, `64MB`, `64MiB` → bytes (k and M are powers of 1,024); a usage error otherwise. */
export function parseFileSize(value: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value.trim());
  const unit = SIZE_UNITS[(match?.[2] ?? "?").toLowerCase()];
  const bytes = match === null || unit === undefined ? Number.NaN : Number(match[1]) * unit;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new InvalidArgumentError("expected a positive size in bytes, e.g. 20000000, 512k or 64MB");
  }
  return bytes;
}

/** `--max-file-size`: admits deployments files larger than the default bound (an estate of 50,000 is 10 MB). */
export function maxFileSizeOption(): Option {
  return new Option(
    "--max-file-size <size>",
    `largest deployments file read, in bytes or with k/MB (default: ${DEFAULT_MAX_FILE_BYTES / 1024 ** 2}MB)`,
  ).argParser(parseFileSize);
}
