import { describe, expect, it } from "vitest";
import { deployment, diffOf, edited } from "./support";

describe("quota impact", () => {
  it("sums tokens per minute per region, model and deployment type, and PTUs separately", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "chat").capacity = 150;
        deployment(f, "chat-ptu").capacity = 60;
        f.deployments.push({
          name: "chat-2",
          account: "west",
          model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
          capacity: 20,
        });
      }),
    });
    expect(report.summary.quotaImpact).toEqual([
      {
        region: "eastus2",
        model: "gpt-4o",
        deploymentType: "GlobalProvisionedManaged",
        unit: "PTU",
        before: 50,
        after: 60,
        delta: 10,
      },
      {
        region: "eastus2",
        model: "gpt-4o",
        deploymentType: "GlobalStandard",
        unit: "TPM",
        before: 100_000,
        after: 150_000,
        delta: 50_000,
      },
      {
        region: "westus",
        model: "gpt-4o",
        deploymentType: "GlobalStandard",
        unit: "TPM",
        before: 100_000,
        after: 170_000,
        delta: 70_000,
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
        unit: "TPM",
        before: 50_000,
        after: 0,
        delta: -50_000,
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
      ["westus", "GlobalStandard", -100_000],
      ["westus3", "GlobalStandard", 100_000],
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
      ["eastus2", 10_000, 12_000, 2_000],
      ["westus", 10_000, 12_000, 2_000],
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
