import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type AideployPriceFile, type PriceBook, readPriceBook } from "../../cost/prices";
import type { FileData } from "../review/support";

/** A price file written for tests: round figures, one unverified row, so that expectations read plainly. */
export function testPriceFile(): AideployPriceFile {
  return {
    formatVersion: 1,
    currency: "USD",
    retrieved: "2026-12-01",
    origin: "compiled",
    sources: {
      t: {
        title: "A price file written for a test",
        url: null,
        repository: null,
        path: null,
        documentDate: null,
      },
    },
    ptu: [
      {
        family: "global",
        region: "*",
        hourly: 1,
        monthlyReservation: 260,
        yearlyReservation: 2652,
        source: ["t"],
        verified: true,
      },
      {
        family: "dataZone",
        region: "eastus2",
        hourly: 1.1,
        monthlyReservation: null,
        yearlyReservation: null,
        source: ["t"],
        verified: true,
      },
      {
        family: "regional",
        region: "eastus2",
        hourly: 2,
        monthlyReservation: null,
        yearlyReservation: null,
        source: ["t"],
        verified: false,
      },
    ],
    tokens: [
      {
        model: "gpt-4o",
        version: "2024-11-20",
        deploymentType: "GlobalStandard",
        region: "*",
        inputPer1M: 2.5,
        cachedInputPer1M: null,
        outputPer1M: 10,
        source: ["t"],
        verified: true,
      },
      {
        model: "gpt-4o",
        version: "2024-11-20",
        deploymentType: "GlobalStandard",
        region: "*",
        inputPer1M: null,
        cachedInputPer1M: 1.25,
        outputPer1M: null,
        source: ["t"],
        verified: false,
      },
      {
        model: "gpt-4o",
        version: null,
        deploymentType: "Standard",
        region: "eastus2",
        inputPer1M: 2.75,
        cachedInputPer1M: null,
        outputPer1M: 11,
        source: ["t"],
        verified: true,
      },
    ],
    meters: [],
  };
}

export function testPrices(edit: (file: AideployPriceFile) => void = () => {}): PriceBook {
  const file = testPriceFile();
  edit(file);
  return readPriceBook(file, "test prices");
}

export function costWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-cost-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const gpt4o = { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" };

export function estate(ptus: number | null): FileData {
  const deployments: FileData[] = [
    {
      name: "chat",
      account: "east",
      model: gpt4o,
      sku: "GlobalStandard",
      capacity: 100,
      usage: { inputTokens: 100_000_000, outputTokens: 10_000_000 },
    },
  ];
  if (ptus !== null) {
    deployments.push({
      name: "chat-ptu",
      account: "east",
      model: gpt4o,
      sku: "GlobalProvisionedManaged",
      capacity: ptus,
    });
  }
  return {
    version: 1,
    accounts: { east: { name: "acct-east", resourceGroup: "rg-ai", location: "eastus2", create: true } },
    deployments,
  };
}
