// The checks of a deployment against a model catalog, offline: every finding's code, severity, line and
// message, from small catalogs written for the case, at a pinned check date.
import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../../catalog/model-catalog";
import { readModelCatalog } from "../../catalog/model-catalog";
import { checkAgainstCatalog } from "../../live/catalog-checks";
import { checkModels } from "../../live/validate";
import { CATALOG_DATE, catalogOf, type ModelSeed, model, offer, writeCatalog } from "../support/catalog";
import { planText } from "../support/plan";
import { workspace } from "./commands/support";

const deploymentLine = 5;

function fileWith(
  options: { model?: string; sku?: string; capacity?: number; location?: string | null } = {},
): string {
  const location = options.location === null ? "" : `, location: ${options.location ?? "eastus2"}`;
  return `version: 1
accounts:
  main: { name: ai-main, resourceGroup: rg${location} }
deployments:
  - name: chat
    account: main
    model: ${options.model ?? '{ format: OpenAI, name: gpt-x, version: "1" }'}
    sku: ${options.sku ?? "GlobalStandard"}
    capacity: ${options.capacity ?? 10}
environments:
  prod: { protect: true }
`;
}

interface Case {
  name: string;
  models: CatalogModel[];
  file?: string;
  env?: string;
  asOf?: string;
  generatedAt?: string;
  expected: [code: string, severity: string, line: number, message: string][];
}

const who = 'deployment "chat" on account main';
const catalog = "models.json of 2026-12-02";
const gptX = (seed: Partial<ModelSeed> = {}) => model({ name: "gpt-x", version: "1", ...seed });

const cases: Case[] = [
  {
    name: "a model the catalog lists, offered in the region, GA, not retiring: nothing",
    models: [gptX({ retirementDate: "2027-09-02" })],
    expected: [],
  },
  {
    name: "a model the catalog does not know: a warning, nothing else checked",
    models: [model({ name: "gpt-y", version: "1" })],
    expected: [
      [
        "live/model-unknown",
        "warning",
        deploymentLine,
        `${who}: model OpenAI gpt-x is unknown to ${catalog}; refresh it with \`aideploy catalog refresh\``,
      ],
    ],
  },
  {
    name: "a fine-tuned model: an info that catalogs list base models, nothing else checked",
    models: [model({ name: "gpt-4.1-mini", version: "2025-04-14" })],
    file: fileWith({
      model:
        '{ format: OpenAI, name: gpt-4.1-mini-2025-04-14.ft-b044a9d3cf9c4228b5d393567f693b83, version: "1" }',
      sku: "DeveloperTier",
      capacity: 50,
    }),
    expected: [
      [
        "live/fine-tuned-model",
        "info",
        deploymentLine,
        `${who}: gpt-4.1-mini-2025-04-14.ft-b044a9d3cf9c4228b5d393567f693b83 is a fine-tuned model; ${catalog} lists base models only, so its availability is not checked`,
      ],
    ],
  },
  {
    name: "a version the catalog does not know: a warning listing the versions it knows",
    models: [gptX({ version: "2" }), gptX({ version: "3", status: "retired" })],
    expected: [
      [
        "live/version-unknown",
        "warning",
        deploymentLine,
        `${who}: version 1 of OpenAI gpt-x is unknown to ${catalog}; known versions: 2, 3`,
      ],
    ],
  },
  {
    name: "a model listed without versions: information, and its lifecycle applies",
    models: [gptX({ version: null, retirementDate: "2026-12-20", replacements: [] })],
    expected: [
      [
        "live/version-retiring",
        "warning",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 retires on 2026-12-20, in 18 days (${catalog}); the catalog names no replacement`,
      ],
      [
        "live/version-unlisted",
        "info",
        deploymentLine,
        `${who}: ${catalog} lists OpenAI gpt-x without versions (the documentation names none): its lifecycle applies, version 1 is not checked`,
      ],
    ],
  },
  {
    name: "model names compare without case",
    file: fileWith({ model: '{ format: Mistral AI, name: Mistral-Large-2411, version: "2" }' }),
    models: [model({ format: "Mistral AI", name: "Mistral-large-2411", version: "2" })],
    expected: [],
  },
  {
    name: "retired as of the check date: an error naming the date and the replacement",
    models: [gptX({ retirementDate: "2026-10-01", replacements: [{ name: "gpt-5.1", version: null }] })],
    expected: [
      [
        "live/version-retired",
        "error",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 retired on 2026-10-01 (${catalog}); replacement: gpt-5.1`,
      ],
    ],
  },
  {
    name: "retired on the check date itself",
    models: [
      gptX({
        retirementDate: CATALOG_DATE,
        replacements: [
          { name: "gpt-y", version: "2" },
          { name: "gpt-z", version: null },
        ],
      }),
    ],
    expected: [
      [
        "live/version-retired",
        "error",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 retired on 2026-12-02 (${catalog}); replacement: gpt-y (2) or gpt-z`,
      ],
    ],
  },
  {
    name: "retired by stage alone (no date): an error as of the catalog's date",
    models: [gptX({ status: "retired", replacements: null })],
    expected: [
      [
        "live/version-retired",
        "error",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 is retired as of 2026-12-02 (${catalog}; no retirement date given)`,
      ],
    ],
  },
  {
    name: "a stage says nothing about a check date before the catalog's: the dates decide",
    asOf: "2026-06-01",
    models: [gptX({ status: "retired", retirementDate: "2026-08-13" })],
    expected: [
      [
        "live/version-retiring",
        "warning",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 retires on 2026-08-13, in 73 days (${catalog}); the catalog names no replacement`,
      ],
    ],
  },
  {
    name: "the deployment type retires before the version: an error naming the type",
    models: [
      gptX({
        retirementDate: "2027-09-02",
        types: { GlobalStandard: offer({ retirementDate: "2026-11-01" }) },
      }),
    ],
    expected: [
      [
        "live/version-retired",
        "error",
        deploymentLine,
        `${who}: deployment type GlobalStandard of OpenAI gpt-x version 1 retired on 2026-11-01 (${catalog}); the catalog names no replacement`,
      ],
    ],
  },
  {
    name: "retiring a day beyond the window (90 days): nothing",
    models: [gptX({ retirementDate: "2027-03-03" })],
    expected: [],
  },
  {
    name: "deprecated since a date, offline: a warning (whether the deployment exists is unknown)",
    models: [gptX({ deprecationDate: "2026-11-01", retirementDate: "2027-06-01" })],
    expected: [
      [
        "live/version-deprecated",
        "warning",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 is deprecated since 2026-11-01 (${catalog}): Azure accepts no new deployments of it; fine only if this deployment already exists; it retires on 2027-06-01; the catalog names no replacement`,
      ],
    ],
  },
  {
    name: "deprecated by stage alone",
    models: [gptX({ status: "deprecated", replacements: null })],
    expected: [
      [
        "live/version-deprecated",
        "warning",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 is deprecated as of 2026-12-02 (${catalog}): Azure accepts no new deployments of it; fine only if this deployment already exists`,
      ],
    ],
  },
  {
    name: "legacy without a retirement date: a warning",
    models: [gptX({ status: "legacy", replacements: [{ name: "gpt-y", version: null }] })],
    expected: [
      [
        "live/version-retiring",
        "warning",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 is legacy (${catalog}): its retirement is announced, with no date in the catalog; replacement: gpt-y`,
      ],
    ],
  },
  {
    name: "a preview model: information",
    models: [gptX({ status: "preview" })],
    expected: [
      [
        "live/model-preview",
        "info",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 is in preview (${catalog})`,
      ],
    ],
  },
  {
    name: "a preview model in an environment marked protect: true: a warning",
    env: "prod",
    models: [gptX({ status: "preview" })],
    expected: [
      [
        "live/model-preview",
        "warning",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 is in preview (${catalog}), in an environment marked protect: true`,
      ],
    ],
  },
  {
    name: "a deployment type the region does not offer: an error listing where it is offered",
    models: [gptX({ types: { GlobalStandard: offer({ regions: ["swedencentral", "westus"] }) } })],
    expected: [
      [
        "live/model-unavailable",
        "error",
        deploymentLine,
        `${who}: deployment type GlobalStandard of OpenAI gpt-x version 1 is not offered in eastus2 (${catalog}); offered in swedencentral, westus`,
      ],
    ],
  },
  {
    name: "regions unknown: information",
    models: [gptX({ types: { GlobalStandard: offer({ regions: null }) } })],
    expected: [
      [
        "live/availability-unknown",
        "info",
        deploymentLine,
        `${who}: ${catalog} does not say in which regions GlobalStandard is offered for OpenAI gpt-x version 1: availability in eastus2 unknown`,
      ],
    ],
  },
  {
    name: "a deployment type not documented for the model: a warning (documentation lags)",
    models: [gptX({ types: { Standard: offer(), DataZoneStandard: offer() } })],
    expected: [
      [
        "live/type-undocumented",
        "warning",
        deploymentLine,
        `${who}: deployment type GlobalStandard is not documented for OpenAI gpt-x version 1 in ${catalog}; documented types: Standard, DataZoneStandard`,
      ],
    ],
  },
  {
    name: "no deployment type documented at all: information",
    models: [gptX({ types: {} })],
    expected: [
      [
        "live/availability-unknown",
        "info",
        deploymentLine,
        `${who}: ${catalog} documents no deployment type for OpenAI gpt-x: availability of GlobalStandard in eastus2 unknown`,
      ],
    ],
  },
  {
    name: "capacity off the step from the minimum",
    file: fileWith({ sku: "ProvisionedManaged", capacity: 60 }),
    models: [gptX({ types: { ProvisionedManaged: offer({ minimum: 50, maximum: 1000, step: 50 }) } })],
    expected: [
      [
        "live/capacity-out-of-range",
        "error",
        deploymentLine,
        `${who}: capacity 60 is not a multiple of the step 50 (minimum 50, maximum 1000, step 50; nearest valid: 50 or 100) for deployment type ProvisionedManaged of OpenAI gpt-x version 1 (${catalog})`,
      ],
    ],
  },
  {
    name: "capacity below the minimum",
    file: fileWith({ sku: "GlobalProvisionedManaged", capacity: 10 }),
    models: [gptX({ types: { GlobalProvisionedManaged: offer({ minimum: 15, step: 5 }) } })],
    expected: [
      [
        "live/capacity-out-of-range",
        "error",
        deploymentLine,
        `${who}: capacity 10 is below the minimum 15 (minimum 15, step 5; nearest valid: 15) for deployment type GlobalProvisionedManaged of OpenAI gpt-x version 1 (${catalog})`,
      ],
    ],
  },
  {
    name: "capacity above the maximum",
    file: fileWith({ sku: "GlobalProvisionedManaged", capacity: 100005 }),
    models: [gptX({ types: { GlobalProvisionedManaged: offer({ minimum: 15, maximum: 100000, step: 5 }) } })],
    expected: [
      [
        "live/capacity-out-of-range",
        "error",
        deploymentLine,
        `${who}: capacity 100005 is above the maximum 100000 (minimum 15, maximum 100000, step 5; nearest valid: 100000) for deployment type GlobalProvisionedManaged of OpenAI gpt-x version 1 (${catalog})`,
      ],
    ],
  },
  {
    name: "capacity on the step: nothing; unknown bounds: nothing",
    file: fileWith({ sku: "GlobalProvisionedManaged", capacity: 20 }),
    models: [
      gptX({ types: { GlobalProvisionedManaged: offer({ minimum: 15, step: 5 }), GlobalStandard: offer() } }),
    ],
    expected: [],
  },
  {
    name: "a catalog more than 90 days older than the check date: one information line at the file",
    generatedAt: "2026-06-01",
    models: [gptX()],
    expected: [
      [
        "live/catalog-stale",
        "info",
        1,
        "models.json of 2026-06-01 is 184 days old on 2026-12-02: models, versions and retirement dates published since are not in it",
      ],
    ],
  },
  {
    name: "an account without a location: the region is not checked, the lifecycle is",
    file: fileWith({ location: null }),
    models: [
      gptX({ retirementDate: "2026-10-01", types: { GlobalStandard: offer({ regions: ["westus"] }) } }),
    ],
    expected: [
      [
        "live/catalog-not-applicable",
        "info",
        3,
        "account main declares no location: whether its region offers the deployment types is not checked",
      ],
      [
        "live/version-retired",
        "error",
        deploymentLine,
        `${who}: OpenAI gpt-x version 1 retired on 2026-10-01 (${catalog}); the catalog names no replacement`,
      ],
    ],
  },
];

describe("catalog checks of a deployment, offline", () => {
  it.each(cases)("$name", async ({ models, file, env, asOf, generatedAt, expected }) => {
    const cwd = workspace();
    writeCatalog(cwd, catalogOf(models, generatedAt));
    const result = await checkModels(
      planText(file ?? fileWith(), env),
      { catalog: "models.json", asOf: new Date(asOf ?? CATALOG_DATE) },
      { env: {}, cwd },
    );
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line, d.message])).toEqual(expected);
    for (const diagnostic of result.diagnostics) expect(diagnostic.file).toBe("deployments.yaml");
  });

  it("warns about retirements within --retirement-days only", async () => {
    const cwd = workspace();
    writeCatalog(cwd, catalogOf([gptX({ retirementDate: "2027-01-31" })]));
    const check = (retirementDays: number) =>
      checkModels(
        planText(fileWith()),
        { catalog: "models.json", asOf: new Date(CATALOG_DATE), retirementDays },
        { env: {}, cwd },
      );
    expect((await check(60)).diagnostics.map((d) => d.code)).toEqual(["live/version-retiring"]);
    expect((await check(59)).diagnostics).toEqual([]);
  });
});

describe("deprecation with what Azure holds (validate --live)", () => {
  const view = {
    catalog: readModelCatalog(
      catalogOf([gptX({ deprecationDate: "2026-11-01", replacements: [{ name: "gpt-y", version: null }] })]),
      "eastus2",
      "live catalog of eastus2",
    ),
    authoritative: true,
  };
  const settings = { asOf: new Date(CATALOG_DATE), retirementDays: 90, protect: false };
  const deployment = planText(fileWith()).state.deployments[0];

  it.each([
    [
      "a deployment Azure does not have yet: an error",
      false,
      [
        [
          "error",
          `${who}: OpenAI gpt-x version 1 is deprecated since 2026-11-01 (live catalog of eastus2): Azure accepts no new deployments of it, and this one does not exist yet; replacement: gpt-y`,
        ],
      ],
    ],
    ["a deployment that exists: nothing (it answers until retirement)", true, []],
  ])("%s", (_name, exists, expected) => {
    if (!deployment) throw new Error("no deployment");
    const found = checkAgainstCatalog({ deployment, location: "eastus2", exists }, view, settings);
    expect(found.map((d) => [d.severity, d.message])).toEqual(expected);
    expect(found.every((d) => d.code === "live/version-deprecated")).toBe(true);
  });

  it("a model, version or type ARM does not list in the region is not offered there", () => {
    if (!deployment) throw new Error("no deployment");
    const check = (models: CatalogModel[]) =>
      checkAgainstCatalog(
        { deployment, location: "eastus2", exists: false },
        {
          catalog: readModelCatalog(catalogOf(models), "eastus2", "live catalog of eastus2"),
          authoritative: true,
        },
        settings,
      ).map((d) => [d.code, d.severity, d.message]);
    expect(check([model({ name: "gpt-y", version: "1" })])).toEqual([
      [
        "live/model-unavailable",
        "error",
        `${who}: model OpenAI gpt-x is not offered in eastus2 (live catalog of eastus2)`,
      ],
    ]);
    expect(check([gptX({ version: "2" })])).toEqual([
      [
        "live/model-unavailable",
        "error",
        `${who}: version 1 of gpt-x is not offered in eastus2 (live catalog of eastus2); offered versions: 2`,
      ],
    ]);
    // A fine-tuned model is never in a region's list of base models: not "unavailable", just unchecked.
    const fineTuned = {
      ...deployment,
      model: { ...deployment.model, name: "gpt-x.ft-0123456789abcdef0123456789abcdef" },
    };
    expect(
      checkAgainstCatalog(
        { deployment: fineTuned, location: "eastus2", exists: false },
        {
          catalog: readModelCatalog(catalogOf([gptX()]), "eastus2", "live catalog of eastus2"),
          authoritative: true,
        },
        settings,
      ).map((d) => [d.code, d.severity]),
    ).toEqual([["live/fine-tuned-model", "info"]]);
    expect(check([gptX({ types: { Standard: offer() } })])).toEqual([
      [
        "live/model-unavailable",
        "error",
        `${who}: deployment type GlobalStandard is not offered for OpenAI gpt-x version 1 in eastus2 (live catalog of eastus2); offered types: Standard`,
      ],
    ]);
  });
});
