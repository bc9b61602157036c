// Which catalog a deployments file is checked against, read once; a catalog that cannot be used is a
// usage error (exit 2) that says why and what to do.
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SHIPPED_CATALOG_PATH } from "../../catalog/model-catalog";
import { validateCommand } from "../../cli/commands/validate";
import { UsageError } from "../../diagnostics/failure";
import { checkModels } from "../../live/validate";
import { catalogFor } from "../../loader/catalog-file";
import { CATALOG_DATE, catalogOf, model, writeCatalog } from "../support/catalog";
import { planText } from "../support/plan";
import { run, workspace } from "./commands/support";

const file = `version: 1
accounts:
  main: { name: ai-main, resourceGroup: rg, location: eastus2 }
deployments:
  - name: chat
    account: main
    model: { format: OpenAI, name: gpt-x, version: "1" }
    sku: GlobalStandard
    capacity: 10
`;

/** The catalog format aideploy wrote before format 2. */
const perRegion = JSON.stringify({
  generatedAt: "2026-11-24T00:00:00.000Z",
  source: "public documentation",
  locations: { eastus2: { models: [] } },
});

const oldFormatMessage =
  "not a model catalog: it is in the older per-region format, which aideploy no longer reads: write the current format with `aideploy catalog refresh --location <region> [...]`, or remove the file to use the catalog shipped with aideploy";

describe("catalogFor", () => {
  it("takes --catalog, else catalog/models.json beside the file, else the shipped catalog", () => {
    const cwd = workspace({ "deployments.yaml": file });
    expect(catalogFor("deployments.yaml", undefined, cwd).label).toBe(
      "aideploy's shipped catalog of 2026-12-02",
    );
    mkdirSync(path.join(cwd, "catalog"));
    writeCatalog(
      path.join(cwd, "catalog"),
      catalogOf([model({ name: "gpt-x", version: "1" })], "2026-11-30"),
    );
    const beside = catalogFor("deployments.yaml", undefined, cwd);
    expect(beside.label).toBe("catalog/models.json of 2026-11-30");
    // An absolute path of the file gives the same catalog, named relative to the working directory.
    expect(catalogFor(path.join(cwd, "deployments.yaml"), undefined, cwd).label).toBe(beside.label);
    writeCatalog(cwd, catalogOf([], "2026-10-01"), "other.json");
    expect(catalogFor("deployments.yaml", "other.json", cwd).label).toBe("other.json of 2026-10-01");
  });

  it("finds the catalog beside a file in another directory", () => {
    const cwd = workspace();
    mkdirSync(path.join(cwd, "team", "catalog"), { recursive: true });
    writeCatalog(path.join(cwd, "team", "catalog"), catalogOf([], "2026-11-01"));
    expect(catalogFor(path.join("team", "deployments.yaml"), undefined, cwd).label).toBe(
      "team/catalog/models.json of 2026-11-01",
    );
  });

  it("reads a catalog once per process, and again when the file changes", () => {
    const cwd = workspace();
    const target = writeCatalog(cwd, catalogOf([model({ name: "gpt-x", version: "1" })]));
    const first = catalogFor("deployments.yaml", "models.json", cwd);
    expect(catalogFor("deployments.yaml", "models.json", cwd).data).toBe(first.data);
    const shipped = catalogFor("deployments.yaml", SHIPPED_CATALOG_PATH, cwd);
    expect(catalogFor("deployments.yaml", SHIPPED_CATALOG_PATH, cwd).data).toBe(shipped.data);
    writeCatalog(
      cwd,
      catalogOf([model({ name: "gpt-x", version: "1" }), model({ name: "gpt-y", version: "1" })]),
    );
    utimesSync(target, new Date(), new Date(Date.now() + 5000));
    const changed = catalogFor("deployments.yaml", "models.json", cwd);
    expect(changed.data).not.toBe(first.data);
    expect(changed.data.models.map((entry) => entry.name)).toEqual(["gpt-x", "gpt-y"]);
  });

  it.each([
    ["a missing file", "nope.json", {}, "nope.json: no such catalog file"],
    ["a directory", "dir", {}, "dir: cannot read it: it is a directory"],
    ["text that is not JSON", "bad.json", { "bad.json": "{ nope" }, /^bad\.json: not a model catalog: /],
    ["the older per-region format", "old.json", { "old.json": perRegion }, `old.json: ${oldFormatMessage}`],
    [
      "a format 2 catalog with a bad date",
      "bad.json",
      { "bad.json": JSON.stringify({ ...catalogOf([]), generatedAt: "2026-12-02T00:00:00Z" }) },
      'bad.json: not a model catalog: /generatedAt must match pattern "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"',
    ],
    [
      "a catalog citing a source it does not define",
      "bad.json",
      {
        "bad.json": JSON.stringify(
          catalogOf([
            {
              ...model({ name: "gpt-x", version: "1" }),
              capacityUnit: { tokensPerMinute: 1000, requestsPerMinute: 1, source: ["nowhere"] },
            },
          ]),
        ),
      },
      'bad.json: not a model catalog: OpenAI gpt-x 1 cites source "nowhere", which `sources` does not define',
    ],
  ])("refuses %s with a usage error", (_name, explicit, files: Record<string, string>, message) => {
    const cwd = workspace(files);
    mkdirSync(path.join(cwd, "dir"));
    expect(() => catalogFor("deployments.yaml", explicit, cwd)).toThrow(UsageError);
    expect(() => catalogFor("deployments.yaml", explicit, cwd)).toThrow(message);
  });

  it("refuses a catalog of the older format beside the file too", () => {
    const cwd = workspace({ "deployments.yaml": file });
    mkdirSync(path.join(cwd, "catalog"));
    writeFileSync(path.join(cwd, "catalog", "models.json"), perRegion);
    expect(() => catalogFor("deployments.yaml", undefined, cwd)).toThrow(
      new UsageError(`catalog/models.json: ${oldFormatMessage}`),
    );
  });
});

describe("validate with a catalog that cannot be used", () => {
  it("is a usage error naming the deployments file and the catalog", async () => {
    const cwd = workspace({ "deployments.yaml": file, "old.json": perRegion });
    const context = { env: {}, cwd };
    const asOf = new Date(CATALOG_DATE);
    await expect(checkModels(planText(file), { catalog: "nope.json", asOf }, context)).rejects.toStrictEqual(
      new UsageError("deployments.yaml: nope.json: no such catalog file"),
    );
    await expect(checkModels(planText(file), { catalog: "old.json", asOf }, context)).rejects.toStrictEqual(
      new UsageError(`deployments.yaml: old.json: ${oldFormatMessage}`),
    );
  });

  it("exits 2 and prints only the error", async () => {
    const cwd = workspace({ "deployments.yaml": file, "old.json": perRegion });
    const result = await run(["validate", "--catalog", "old.json"], [validateCommand()], { cwd });
    expect(result).toEqual({
      code: 2,
      out: "",
      err: `aideploy validate: deployments.yaml: old.json: ${oldFormatMessage}\n`,
    });
  });
});
