import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SHIPPED_CATALOG_PATH } from "../../catalog/model-catalog";
import { UsageError } from "../../diagnostics/failure";
import { planFile } from "../../infra/plan";
import { catalogFor } from "../../loader/catalog-file";
import { loadDeploymentsFile } from "../../loader/load";
import { TEST_CATALOG_JSON, testCatalog } from "../support/catalog";

const deployments = `version: 1
accounts:
  east: { name: acme-east, resourceGroup: rg, location: eastus2 }
defaults: { sku: GlobalStandard }
deployments:
  - { name: chat, model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }, rateLimit: { tokensPerMinute: 30000 } }
`;

/** A directory with a deployments file and, optionally, a catalog beside it. */
function workspace(catalog?: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-catalog-"));
  writeFileSync(path.join(dir, "deployments.yaml"), deployments);
  if (catalog !== undefined) {
    mkdirSync(path.join(dir, "catalog"));
    writeFileSync(
      path.join(dir, "catalog", "models.json"),
      typeof catalog === "string" ? catalog : JSON.stringify(catalog),
    );
  }
  return dir;
}

/** Test data: the test catalog with a unit for gpt-4o (1,000 tokens and 6 requests per minute). */
function withGpt4oUnit() {
  const catalog = structuredClone(TEST_CATALOG_JSON);
  const gpt4o = catalog.models.find((m) => m.name === "gpt-4o");
  if (gpt4o) {
    Object.assign(gpt4o, {
      capacityUnit: { tokensPerMinute: 1000, requestsPerMinute: 6, source: ["quota"] },
    });
  }
  return catalog;
}

describe("which catalog a deployments file is read with", () => {
  it("takes catalog/models.json beside the file", () => {
    const dir = workspace(withGpt4oUnit());
    const catalog = catalogFor(path.join(dir, "deployments.yaml"), undefined, dir);
    expect(catalog.label).toBe("catalog/models.json of 2026-12-02");
    const planned = planFile(path.join(dir, "deployments.yaml"), "deployments.yaml", undefined);
    if (!planned.ok) throw new Error(planned.diagnostics.map((d) => d.message).join("\n"));
    expect(planned.plan.state.deployments[0]).toMatchObject({
      capacity: 30,
      tokensPerMinute: 30_000,
      requestsPerMinute: 180,
    });
  });

  it("falls back to the catalog shipped with aideploy", () => {
    const dir = workspace();
    const catalog = catalogFor(path.join(dir, "deployments.yaml"));
    // Read once: the same data as the shipped catalog read beside aideploy's own deployments file.
    const beside = catalogFor(path.join(path.dirname(SHIPPED_CATALOG_PATH), "..", "deployments.yaml"));
    expect(catalog.data).toBe(beside.data);
    expect(catalog.label).toBe("aideploy's shipped catalog of 2026-12-02");
    // The shipped catalog documents no unit for gpt-4o: the rate limit is refused, not divided by 1,000.
    const loaded = loadDeploymentsFile(path.join(dir, "deployments.yaml"), "deployments.yaml");
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["capacity/unit-unknown"]);
  });

  it("takes the catalog given, over the one beside the file", () => {
    const dir = workspace(withGpt4oUnit());
    const loaded = loadDeploymentsFile(path.join(dir, "deployments.yaml"), "deployments.yaml", testCatalog());
    expect(loaded.catalog).toBe(testCatalog());
    expect(loaded.diagnostics.map((d) => d.message)).toEqual([
      'deployment "chat": the capacity unit of gpt-4o is not documented (test catalog of 2026-12-02): write `capacity` in units instead of `rateLimit`',
    ]);
  });

  it.each([
    [
      "a catalog of the older per-region format",
      { generatedAt: "2026-01-01", locations: {} },
      /not a model catalog: /,
    ],
    ["text that is not JSON", "{ nope", /not a model catalog: /],
  ])("refuses %s beside the file with a usage error naming it", (_, content, message) => {
    const dir = workspace(content);
    const call = () => catalogFor(path.join(dir, "deployments.yaml"));
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
    expect(call).toThrow(/catalog\/models\.json: /);
  });

  it("refuses an explicit catalog that does not exist", () => {
    const dir = workspace();
    expect(() => catalogFor(path.join(dir, "deployments.yaml"), path.join(dir, "nope.json"))).toThrow(
      /nope\.json: no such catalog file/,
    );
  });
});
