import { describe, expect, it } from "vitest";
import { type BrowserLookup, resolveChromium, SYSTEM_CHROMIUM_PATHS } from "../support/browser";

function lookup(env: Record<string, string>, files: string[]): BrowserLookup & { unpacked: number } {
  const result = {
    unpacked: 0,
    env,
    exists: (file: string) => files.includes(file),
    async npmChromium() {
      result.unpacked++;
      return {
        executablePath: "/tmp/chromium",
        args: ["--no-zygote", "--single-process", "--disable-web-security"],
      };
    },
  };
  return result;
}

describe("the browser the HTML tests drive", () => {
  it("is AIDEPLOY_CHROMIUM first, even when a system Chromium exists", async () => {
    const l = lookup({ AIDEPLOY_CHROMIUM: "/opt/chrome/chrome" }, [
      "/opt/chrome/chrome",
      "/usr/bin/chromium",
    ]);
    const resolved = await resolveChromium(l);
    expect(resolved).toMatchObject({ executablePath: "/opt/chrome/chrome", origin: "AIDEPLOY_CHROMIUM" });
    expect(l.unpacked).toBe(0);
  });

  it("fails, naming the path, when AIDEPLOY_CHROMIUM points at nothing", async () => {
    await expect(resolveChromium(lookup({ AIDEPLOY_CHROMIUM: "/nowhere/chrome" }, []))).rejects.toThrow(
      "AIDEPLOY_CHROMIUM names /nowhere/chrome, which does not exist",
    );
  });

  it("is a system Chromium next, without unpacking the npm one", async () => {
    const l = lookup({}, ["/usr/bin/chromium-browser"]);
    const resolved = await resolveChromium(l);
    expect(resolved).toMatchObject({ executablePath: "/usr/bin/chromium-browser", origin: "system" });
    expect(resolved.args).toContain("--disable-background-networking");
    expect(l.unpacked).toBe(0);
    expect(SYSTEM_CHROMIUM_PATHS[0]).toBe("/usr/bin/chromium");
  });

  it("is the npm package's Chromium last, with its flags but one process and web security as usual", async () => {
    const l = lookup({}, []);
    const resolved = await resolveChromium(l);
    expect(resolved.origin).toBe("npm");
    expect(resolved.executablePath).toBe("/tmp/chromium");
    expect(resolved.args).toContain("--no-zygote");
    expect(resolved.args).not.toContain("--single-process");
    expect(resolved.args).toContain("--disable-background-networking");
    expect(resolved.args).not.toContain("--disable-web-security");
    expect(l.unpacked).toBe(1);
  });
});
