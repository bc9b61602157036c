import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";

describe("aideploy CLI shell", () => {
  it("prints help and exits 0 with --help", async () => {
    const io = memoryIO();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out).toContain("Usage: aideploy");
  });

  it("exits 2 on an unknown command", async () => {
    const io = memoryIO();
    expect(await main(["no-such-command"], io)).toBe(2);
    expect(io.err).toContain("aideploy --help");
  });
});
