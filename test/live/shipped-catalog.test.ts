// The catalog shipped with aideploy, as users meet it: read by default, at pinned check dates so that the
// suite gives the same answers next year.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  canonicalCatalog,
  describeSources,
  lookupModel,
  readModelCatalog,
  SHIPPED_CATALOG_PATH,
  serializeModelCatalog,
} from "../../catalog/model-catalog";
import { checkModels } from "../../live/validate";
import { catalogDocPath, generateCatalogDoc } from "../../scripts/generate-docs";
import { load, problems } from "../loader/support";
import { CATALOG_DATE } from "../support/catalog";
import { repoRoot } from "../support/paths";
import { planText } from "../support/plan";
import { workspace } from "./commands/support";

const shippedText = readFileSync(path.join(repoRoot, "catalog", "models.json"), "utf8");

function fileWith(model: string, sku = "GlobalStandard", locations = ["eastus2"]): string {
  const accounts = locations.map(
    (location) => `  ${location}: { name: ai-${location}, resourceGroup: rg, location: ${location} }`,
  );
  return `version: 1
accounts:
${accounts.join("\n")}
deployments:
  - name: chat
    accounts: [${locations.join(", ")}]
    model: ${model}
    sku: ${sku}
    capacity: 10
`;
}

/** The findings of a file with the shipped catalog (none beside the file), as of a date. */
async function check(text: string, asOf: string) {
  const cwd = workspace({ "deployments.yaml": text });
  const result = await checkModels(planText(text), { asOf: new Date(asOf) }, { env: {}, cwd });
  return result.diagnostics.map((d) => [d.code, d.severity, d.message]);
}

const who = (account = "eastus2") => `deployment "chat" on account ${account}`;
const shipped = "aideploy's shipped catalog of 2026-12-02";

describe("the shipped catalog", () => {
  it("is the file aideploy reads by default, valid, and written in canonical order", () => {
    expect(SHIPPED_CATALOG_PATH).toBe(path.join(repoRoot, "catalog", "models.json"));
    const catalog = readModelCatalog(JSON.parse(shippedText), "catalog/models.json");
    expect(catalog.data).toMatchObject({
      formatVersion: 2,
      generatedAt: CATALOG_DATE,
      origin: "documentation",
    });
    expect(catalog.data.$schema).toBe("../schemas/catalog.schema.json");
    expect(catalog.data.models.length).toBeGreaterThanOrEqual(289);
    // Sorted and canonical: a refresh or an edit shows as a small diff.
    expect(serializeModelCatalog(catalog.data)).toBe(shippedText);
    expect(canonicalCatalog(catalog.data)).toEqual(catalog.data);
    // Every source is cited by some fact.
    const cited = new Set(
      catalog.data.models.flatMap((model) => [
        ...model.lifecycle.source,
        ...(model.capacityUnit?.source ?? []),
        ...Object.values(model.deploymentTypes).flatMap((offer) => offer?.source ?? []),
      ]),
    );
    expect(Object.keys(catalog.data.sources).filter((id) => !cited.has(id))).toEqual([]);
  });

  it("is described in docs/catalog.md with every source (run scripts/generate-docs.ts after changing it)", () => {
    const doc = readFileSync(catalogDocPath, "utf8");
    expect(doc).toBe(generateCatalogDoc(doc));
    for (const id of Object.keys(JSON.parse(shippedText).sources)) expect(doc).toContain(`| \`${id}\``);
  });

  it("gives model router 2025-11-18 its documented capacity unit: 1,000 TPM and 1 RPM", () => {
    const catalog = readModelCatalog(JSON.parse(shippedText), "catalog/models.json");
    const found = lookupModel(catalog, { format: "OpenAI", name: "model-router", version: "2025-11-18" });
    if (found.kind !== "version") throw new Error(`model-router is ${found.kind}`);
    expect(found.model.capacityUnit).toEqual({
      tokensPerMinute: 1000,
      requestsPerMinute: 1,
      source: ["model-router-quotas"],
    });
    expect(describeSources(catalog, found.model.capacityUnit?.source ?? [])).toBe(
      "Model router quotas (https://learn.microsoft.com/en-us/azure/foundry/openai/concepts/model-router-quotas, 2026-12-02)",
    );
  });

  it("reports gpt-4o 2024-05-13 as retired on 2026-10-01, replaced by gpt-5.1", async () => {
    expect(
      await check(fileWith('{ format: OpenAI, name: gpt-4o, version: "2024-05-13" }'), CATALOG_DATE),
    ).toEqual([
      [
        "live/version-retired",
        "error",
        `${who()}: OpenAI gpt-4o version 2024-05-13 retired on 2026-10-01 (${shipped}); replacement: gpt-5.1`,
      ],
    ]);
  });

  it.each([
    ["2026-12-02", []],
    [
      "2027-02-01",
      [
        [
          "live/version-retiring",
          "warning",
          `${who()}: OpenAI gpt-4o version 2024-11-20 retires on 2027-04-14, in 72 days (${shipped}); replacement: gpt-5.1`,
        ],
      ],
    ],
    [
      "2027-04-15",
      [
        [
          "live/catalog-stale",
          "info",
          `${shipped} is 134 days old on 2027-04-15: models, versions and retirement dates published since are not in it`,
        ],
        [
          "live/version-retired",
          "error",
          `${who()}: OpenAI gpt-4o version 2024-11-20 retired on 2027-04-14 (${shipped}); replacement: gpt-5.1`,
        ],
      ],
    ],
  ])(
    "follows the 2026-09-02 schedule for gpt-4o 2024-11-20 (retiring 2027-04-14), as of %s",
    async (asOf, expected) => {
      expect(await check(fileWith('{ format: OpenAI, name: gpt-4o, version: "2024-11-20" }'), asOf)).toEqual(
        expected,
      );
    },
  );

  it("has nothing to say about gpt-5.4 2026-03-05 GlobalStandard in eastus2 and swedencentral", async () => {
    const text = fileWith('{ format: OpenAI, name: gpt-5.4, version: "2026-03-05" }', "GlobalStandard", [
      "eastus2",
      "swedencentral",
    ]);
    expect(await check(text, CATALOG_DATE)).toEqual([]);
  });

  it("reports DeepSeek-R1 as retired on 2026-08-13", async () => {
    expect(
      await check(fileWith('{ format: DeepSeek, name: DeepSeek-R1, version: "1" }'), CATALOG_DATE),
    ).toEqual([
      [
        "live/version-retired",
        "error",
        `${who()}: DeepSeek DeepSeek-R1 version 1 retired on 2026-08-13 (${shipped}); replacement: DeepSeek-V4-Pro`,
      ],
    ]);
  });

  it("checks provisioned capacity against the documented PTU minimum and step, when the file loads", () => {
    const text = fileWith(
      '{ format: OpenAI, name: gpt-5.4, version: "2026-03-05" }',
      "GlobalProvisionedManaged",
    );
    const catalog = readModelCatalog(JSON.parse(shippedText), "catalog/models.json");
    expect(problems(load(text, catalog)).map((d) => [d.code, d.line, d.column, d.message, d.hint])).toEqual([
      [
        "capacity/out-of-bounds",
        9,
        15,
        'deployment "chat": capacity 10 PTUs is below the minimum 15 for GlobalProvisionedManaged of gpt-5.4 2026-03-05 (minimum 15, maximum 100,000, step 5; catalog/models.json of 2026-12-02)',
        expect.stringMatching(/^use 15; /),
      ],
    ]);
  });
});
