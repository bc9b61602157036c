import { describe, expect, it } from "vitest";
import { testCatalog } from "../support/catalog";
import { deployment, diffOf, edited, type FileData } from "./support";

describe("quota impact", () => {
  it("sums units per region, model and deployment type where the model's unit is unknown, and PTUs per region and type", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "chat").capacity = 150;
        deployment(f, "chat-ptu").capacity = 100;
        f.deployments.push({
          name: "chat-2",
          account: "west",
          model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
          capacity: 20,
        });
      }),
    });
    // gpt-4o's capacity unit is not documented: counted in units, never converted to tokens per minute.
    expect(report.summary.quotaImpact).toEqual([
      {
        region: "eastus2",
        model: "gpt-4o",
        deploymentType: "GlobalStandard",
        unit: "units",
        before: 100,
        after: 150,
        delta: 50,
      },
      {
        region: "eastus2",
        model: null,
        deploymentType: "GlobalProvisionedManaged",
        unit: "PTU",
        before: 50,
        after: 100,
        delta: 50,
      },
      {
        region: "westus",
        model: "gpt-4o",
        deploymentType: "GlobalStandard",
        unit: "units",
        before: 100,
        after: 170,
        delta: 70,
      },
    ]);
  });

  it("counts a removed deployment as quota released and an added one as quota taken", () => {
    const report = diffOf({
      head: edited((f) => {
        f.deployments = f.deployments.filter((d: { name: string }) => d.name !== "embed");
      }),
    });
    expect(report.summary.quotaImpact).toEqual([
      {
        region: "eastus2",
        model: "text-embedding-3-large",
        deploymentType: "Standard",
        unit: "units",
        before: 50,
        after: 0,
        delta: -50,
      },
    ]);
  });

  it("moves quota between regions when an account changes location", () => {
    const report = diffOf({
      head: edited((f) => {
        f.accounts.west.location = "westus3";
      }),
    });
    expect(report.summary.quotaImpact.map((r) => [r.region, r.deploymentType, r.delta])).toEqual([
      ["westus", "GlobalStandard", -100],
      ["westus3", "GlobalStandard", 100],
    ]);
  });

  it("reports no rows when capacity only moves between deployments of one bucket", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").name = "embeddings";
      }),
    });
    expect(report.summary.quotaImpact).toEqual([]);
    expect(report.summary.flags).not.toContain("quota-impact");
  });

  it("uses the environment's capacity", () => {
    const report = diffOf({
      head: edited((f) => {
        f.environments.dev.deployments.chat.capacity = 12;
      }),
      env: "dev",
    });
    expect(report.summary.quotaImpact.map((r) => [r.region, r.before, r.after, r.delta])).toEqual([
      ["eastus2", 10, 12, 2],
      ["westus", 10, 12, 2],
    ]);
  });

  it("has a null region for accounts without a location", () => {
    const noLocation = edited((f) => {
      delete f.accounts.west.location;
      f.accounts.west.create = false;
    });
    const report = diffOf({
      base: noLocation,
      head: edited((f) => {
        deployment(f, "chat").capacity = 90;
      }, noLocation),
    });
    expect(report.summary.quotaImpact.map((r) => r.region)).toEqual([null, "eastus2"]);
  });
});

describe("quota impact with documented units (test catalog)", () => {
  const o4Mini = { format: "OpenAI", name: "o4-mini", version: "2025-04-16" };
  const o3Pro = { format: "OpenAI", name: "o3-pro", version: "2025-06-10" };
  const gpt4o = { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" };
  /** One account in eastus2 and nothing deployed: each case adds what it counts. */
  const empty = (): FileData => ({
    version: 1,
    accounts: { east: { name: "acct-east", resourceGroup: "rg-ai", location: "eastus2" } },
    defaults: { sku: "GlobalStandard" },
    deployments: [],
  });
  const withDeployments = (...deployments: FileData[]) =>
    edited((f) => {
      f.deployments = deployments;
    }, empty());
  const rows = (head: FileData) =>
    diffOf({ base: empty(), head, catalog: testCatalog() }).summary.quotaImpact.map((r) => [
      r.model,
      r.deploymentType,
      r.unit,
      r.after,
    ]);

  it("counts tokens per minute from the model's unit: 50 units of o4-mini, 10 of o3-pro", () => {
    expect(
      rows(
        withDeployments(
          { name: "mini", model: o4Mini, capacity: 50 },
          { name: "pro", model: o3Pro, rateLimit: { tokensPerMinute: 100_000 } },
        ),
      ),
    ).toEqual([
      ["o3-pro", "GlobalStandard", "TPM", 100_000],
      ["o4-mini", "GlobalStandard", "TPM", 50_000],
    ]);
  });

  it("adds the PTUs of two models in one region and provisioned type into one bucket", () => {
    expect(
      rows(
        withDeployments(
          { name: "mini-ptu", model: o4Mini, sku: "ProvisionedManaged", capacity: 25 },
          { name: "chat-ptu", model: gpt4o, sku: "ProvisionedManaged", capacity: 50 },
          { name: "chat-gptu", model: gpt4o, sku: "GlobalProvisionedManaged", capacity: 15 },
        ),
      ),
    ).toEqual([
      [null, "GlobalProvisionedManaged", "PTU", 15],
      [null, "ProvisionedManaged", "PTU", 75],
    ]);
  });

  it("counts batch capacity apart, in units of enqueued-token quota, and the Developer tier not at all", () => {
    expect(
      rows(
        withDeployments(
          { name: "chat", model: gpt4o, capacity: 40 },
          { name: "chat-batch", model: gpt4o, sku: "GlobalBatch", capacity: 40 },
          {
            name: "eval",
            model: {
              format: "OpenAI",
              name: "o4-mini-2025-04-16.ft-0123456789abcdef0123456789abcdef",
              version: "1",
            },
            sku: "DeveloperTier",
            capacity: 1,
          },
        ),
      ),
    ).toEqual([
      ["gpt-4o", "GlobalBatch", "enqueued-token units", 40],
      ["gpt-4o", "GlobalStandard", "units", 40],
    ]);
  });

  it("holds no more quota when PTUs move from one model to another in one pool", () => {
    const base = withDeployments({ name: "ptu", model: gpt4o, sku: "ProvisionedManaged", capacity: 50 });
    const head = withDeployments({ name: "ptu", model: o4Mini, sku: "ProvisionedManaged", capacity: 50 });
    const report = diffOf({ base, head, catalog: testCatalog() });
    expect(report.summary.quotaImpact).toEqual([]);
    expect(report.summary.flags).not.toContain("quota-impact");
  });
});
