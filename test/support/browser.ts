/**
 * The Chromium the browser tests drive. Resolved in this order, so that `npm ci && npm test` needs nothing
 * installed by hand: `AIDEPLOY_CHROMIUM` (a path), a system Chromium when one is installed, then the
 * Chromium that `@sparticuz/chromium` ships inside its npm package (unpacked on first use).
 */
import { existsSync } from "node:fs";

/** Flags that keep a headless Chromium off the network it would otherwise reach for at start. */
const QUIET_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const RELAXING_FLAGS: readonly string[] = [
  "--single-process",
  "--disable-web-security",
  "--allow-running-insecure-content",
];

/** Where distributions install Chromium. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
];

export interface ResolvedBrowser {
  executablePath: string;
  args: string[];
  /** Which rule chose it, for failure messages. */
  origin: "AIDEPLOY_CHROMIUM" | "system" | "npm";
}

export interface BrowserLookup {
  env: Readonly<Record<string, string | undefined>>;
  exists(file: string): boolean;
  /** The npm package's executable and flags; unpacks the binary, so it is called only when needed. */
  npmChromium(): Promise<{ executablePath: string; args: readonly string[] }>;
}

export async function resolveChromium(lookup: BrowserLookup): Promise<ResolvedBrowser> {
  const configured = lookup.env.AIDEPLOY_CHROMIUM;
  if (configured !== undefined && configured !== "") {
    if (!lookup.exists(configured)) {
      throw new Error(`AIDEPLOY_CHROMIUM names ${configured}, which does not exist`);
    }
    return { executablePath: configured, args: [...QUIET_FLAGS], origin: "AIDEPLOY_CHROMIUM" };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((candidate) => lookup.exists(candidate));
  if (system !== undefined) return { executablePath: system, args: [...QUIET_FLAGS], origin: "system" };
  const packaged = await lookup.npmChromium();
  // The package's flags suit a serverless browser: one process (where closing a page ends the browser) and
  // relaxed web security are not wanted here.
  const kept = packaged.args.filter((flag) => !RELAXING_FLAGS.includes(flag));
  const args = [...new Set([...kept, ...QUIET_FLAGS.filter((flag) => flag !== "--headless")])];
  return { executablePath: packaged.executablePath, args, origin: "npm" };
}

async function sparticuzChromium(): Promise<{ executablePath: string; args: readonly string[] }> {
  const { default: chromium } = await import("@sparticuz/chromium");
  return { executablePath: await chromium.executablePath(), args: chromium.args };
}

/** The lookup of this process: its environment, its file system and the npm package. */
export function processBrowserLookup(): BrowserLookup {
  return { env: process.env, exists: existsSync, npmChromium: sparticuzChromium };
}
