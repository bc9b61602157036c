import fs, { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeFileAtomically } from "../../../cli/atomic-write";
import { registerCatalog } from "../../../cli/commands/catalog";
import { registerReport } from "../../../cli/commands/report";
import { loadReferenceExamples } from "../../support/arm-emulator";
import { estateText } from "../../support/plan";
import { fastDeps, run, subscriptionId, useEmulator, withDeps, workspace } from "./support";

/**
 * A disk that fills up halfway through a write: whatever writes the bytes (a file descriptor write, or
 * a whole-file write that truncates first) puts half of them down, then fails with ENOSPC.
 */
function failWritesMidway(): void {
  const full = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const half = (data: unknown) => {
    const bytes = typeof data === "string" ? Buffer.from(data) : Buffer.from(data as Uint8Array);
    return bytes.subarray(0, Math.floor(bytes.length / 2));
  };
  const realWriteSync = fs.writeSync;
  const realWriteFileSync = fs.writeFileSync;
  vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, data: unknown) => {
    realWriteSync(fd, half(data));
    throw full();
  }) as typeof fs.writeSync);
  vi.spyOn(fs, "writeFileSync").mockImplementation(((file: fs.PathOrFileDescriptor, data: unknown) => {
    realWriteFileSync(file, half(data));
    throw full();
  }) as typeof fs.writeFileSync);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("atomic writes", () => {
  it("writes a new file, creating its directory, and replaces an old one, leaving nothing else", () => {
    const dir = workspace();
    const target = path.join(dir, "nested", "out.txt");
    writeFileAtomically(target, "first\n");
    writeFileAtomically(target, "second\n");
    expect(readFileSync(target, "utf8")).toBe("second\n");
    expect(readdirSync(path.dirname(target))).toEqual(["out.txt"]);
  });

  it("a write that fails midway leaves the old content and no temporary file", () => {
    const dir = workspace({ "out.txt": "old content\n" });
    failWritesMidway();
    expect(() => writeFileAtomically(path.join(dir, "out.txt"), "new content that is longer\n")).toThrow(
      /ENOSPC/,
    );
    vi.restoreAllMocks();
    expect(readFileSync(path.join(dir, "out.txt"), "utf8")).toBe("old content\n");
    expect(readdirSync(dir)).toEqual(["out.txt"]);
  });
});

describe("commands that write files keep the old file when a write fails midway", () => {
  const h = useEmulator();

  it("catalog refresh --out: the previous catalog stays whole (exit 2, no temporary file)", async () => {
    h.emulator.setCatalog("westus", loadReferenceExamples().catalog.entries);
    const cwd = workspace();
    mkdirSync(path.join(cwd, "catalog"));
    writeFileSync(path.join(cwd, "catalog", "models.json"), '{"previous": true}\n');
    failWritesMidway();
    const result = await run(
      ["catalog", "refresh", "--location", "westus", "--subscription", subscriptionId],
      [withDeps(registerCatalog, fastDeps)],
      { cwd, emulator: h.emulator },
    );
    vi.restoreAllMocks();
    expect(result.code).toBe(2);
    expect(result.err).toContain("aideploy catalog refresh: cannot write catalog/models.json: ENOSPC");
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(cwd, "catalog", "models.json"), "utf8")).toBe('{"previous": true}\n');
    expect(readdirSync(path.join(cwd, "catalog"))).toEqual(["models.json"]);
  });

  it("report --out: the previous report stays whole (exit 2, no temporary file)", async () => {
    const cwd = workspace({ "deployments.yaml": estateText() });
    mkdirSync(path.join(cwd, "out"));
    writeFileSync(path.join(cwd, "out", "report.md"), "# previous report\n");
    failWritesMidway();
    const result = await run(["report", "--format", "md", "--out", "out/report.md"], [registerReport], {
      cwd,
    });
    vi.restoreAllMocks();
    expect(result.code).toBe(2);
    expect(result.err).toContain("aideploy report: cannot write out/report.md: ENOSPC");
    expect(readFileSync(path.join(cwd, "out", "report.md"), "utf8")).toBe("# previous report\n");
    expect(readdirSync(path.join(cwd, "out"))).toEqual(["report.md"]);
    expect(existsSync(path.join(cwd, "out", "report.md"))).toBe(true);
  });
});
