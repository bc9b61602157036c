// `validate --max-file-size`: a larger estate can be admitted explicitly; the default bound is unchanged.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { parseFileSize } from "../../cli/options";
import { DEFAULT_MAX_FILE_BYTES } from "../../loader/source";
import { repoRoot } from "../support/paths";

const MiB = 1024 * 1024;

/** A clean deployments file padded with a comment to `bytes` bytes. */
function paddedFile(bytes: number): string {
  const text = readFileSync(path.join(repoRoot, "scaffold/templates/deployments.yaml"), "utf8");
  const padding = `# ${"x".repeat(bytes - Buffer.byteLength(text) - 3)}\n`;
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-max-size-"));
  const file = path.join(dir, "deployments.yaml");
  writeFileSync(file, text + padding);
  expect(Buffer.byteLength(text + padding)).toBe(bytes);
  return file;
}

async function validate(args: string[]) {
  const io = memoryIO();
  const code = await main(["validate", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("parseFileSize", () => {
  it.each([
    ["123", 123],
    ["512k", 512 * 1024],
    ["512KiB", 512 * 1024],
    ["64MB", 64 * MiB],
    ["64 MiB", 64 * MiB],
    ["16m", 16 * MiB],
  ])("%s is %d bytes", (text, bytes) => {
    expect(parseFileSize(text)).toBe(bytes);
  });

  it.each(["", "0", "-5", "1.5MB", "12q", "MB", "99999999999999999999"])("%j is refused", (text) => {
    expect(() => parseFileSize(text)).toThrow(
      "expected a positive size in bytes, e.g. 20000000, 512k or 64MB",
    );
  });
});

describe("aideploy validate --max-file-size", () => {
  const large = paddedFile(DEFAULT_MAX_FILE_BYTES + 1);

  it("without it, a file one byte over the default bound is refused as before (file/too-large)", async () => {
    const result = await validate([large, "--format", "json"]);
    const diagnostics = JSON.parse(result.out) as { code: string; line: number; column: number }[];
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(["file/too-large@1:1"]);
    expect(result.code).toBe(1);
  });

  it.each([
    [`${DEFAULT_MAX_FILE_BYTES + 1}`, 0],
    ["6MB", 0],
    [`${DEFAULT_MAX_FILE_BYTES}`, 1],
    ["1k", 1],
  ])("--max-file-size %s: exit %d", async (size, code) => {
    const result = await validate([large, "--max-file-size", size]);
    expect(result.code).toBe(code);
    if (code === 0) expect(result.err).toBe("no problems in 1 file(s)\n");
    else expect(result.out).toContain("error file/too-large the file is 5242881 bytes, more than the limit");
  });

  it("an invalid size is a usage error (exit 2), nothing validated", async () => {
    const result = await validate([large, "--max-file-size", "lots"]);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toBe(
      "error: option '--max-file-size <size>' argument 'lots' is invalid. expected a positive size in bytes, e.g. 20000000, 512k or 64MB\n(run `aideploy validate --help` for usage)\n",
    );
  });
});
