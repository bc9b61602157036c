import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { diffOf, edited, type FileData, yamlOf } from "../review/support";
import { costWorkspace, estate, testPriceFile, testPrices } from "./support";

const prices = `${JSON.stringify(testPriceFile())}\n`;

/** BASE without provisioned throughput, HEAD adding 50 PTUs of global provisioned throughput. */
function workspace(extra: Record<string, string> = {}) {
  return costWorkspace({
    "base.yaml": yamlOf(estate(null)),
    "deployments.yaml": yamlOf(estate(50)),
    "catalog/prices.json": prices,
    ...extra,
  });
}

async function diff(argv: string[], cwd = workspace()) {
  const io = memoryIO({ cwd });
  const code = await main(["diff", "base.yaml", ...argv], io);
  return { code, out: io.out, err: io.err };
}

describe("aideploy diff: what a change costs", () => {
  it("Markdown leads the verdict with the monthly delta and the price file's date", async () => {
    const { code, out } = await diff(["--format", "md"]);
    expect(code).toBe(0);
    const verdict = out.split("\n").find((line) => line.startsWith("💲"));
    expect(verdict).toBe("💲 **+$36,500.00 a month (prices of 2026-12-01)** · ⚠️ **1 policy regression**");
    expect(out).toContain("#### Monthly cost");
    expect(out).toContain("| <code>east/chat-ptu</code> | (none) → $36,500.00 | +$36,500.00 | $0.00 |");
    expect(out).toContain("- Prices: catalog/prices.json of 2026-12-01 (USD)");
  });

  it("text shows the delta per change and in total", async () => {
    const { out } = await diff([]);
    expect(out).toContain("Cost: +$36,500.00 a month (prices of 2026-12-01)");
    expect(out).toContain("fixed: $0.00 → $36,500.00 (+$36,500.00 a month)");
    expect(out).toContain("usage: $350.00 → $350.00 ($0.00 a month, from declared usage)");
  });

  it("JSON carries the cost of each change and of the diff", async () => {
    const { out } = await diff(["--format", "json"]);
    const json = JSON.parse(out);
    expect(json.summary.cost.monthlyDelta).toBe(36_500);
    expect(json.summary.flags).toContain("cost-increase");
    const change = json.changes.find((c: { key: string }) => c.key === "east/chat-ptu");
    expect(change.flags).toContain("cost-increase");
    expect(change.cost.fixed).toEqual({
      before: null,
      after: { status: "priced", monthly: 36_500, verified: true },
      delta: 36_500,
    });
  });

  it.each([
    { name: "--fail-on cost-increase fails on an increase", argv: ["--fail-on", "cost-increase"], code: 1 },
    {
      name: "--max-monthly-increase below the delta fails",
      argv: ["--max-monthly-increase", "36499.99"],
      code: 1,
    },
    {
      name: "--max-monthly-increase at the delta passes",
      argv: ["--max-monthly-increase", "36,500"],
      code: 0,
    },
    { name: "without either, an increase passes", argv: [], code: 0 },
  ])("$name", async ({ argv, code }) => {
    expect((await diff(argv)).code).toBe(code);
  });

  it("--fail-on cost-increase passes when the cost goes down", async () => {
    const cwd = costWorkspace({
      "base.yaml": yamlOf(estate(50)),
      "deployments.yaml": yamlOf(estate(15)),
      "catalog/prices.json": prices,
    });
    const { code, out } = await diff(["--fail-on", "cost-increase"], cwd);
    expect(code).toBe(0);
    expect(out).toContain("Cost: -$25,550.00 a month (prices of 2026-12-01)");
  });

  it.each(["abc", "-5", ""])("--max-monthly-increase %j is a usage error (exit 2)", async (value) => {
    const { code, err } = await diff(["--max-monthly-increase", value]);
    expect(code).toBe(2);
    expect(err).toContain("--max-monthly-increase");
  });
});

const withPtu = (edit: (f: FileData) => void = () => {}) => edited(edit, estate(50));

describe("diff: cost warnings", () => {
  const reservation = {
    deploymentType: "GlobalProvisionedManaged",
    region: "eastus2",
    quantity: 50,
    term: "year",
  };

  it.each([
    {
      name: "a Global → Data Zone move leaves the reservation's cover",
      edit: (f: FileData) => {
        f.deployments[1].sku = "DataZoneProvisionedManaged";
      },
      warning:
        "east/chat-ptu: 50 PTU leave the cover of a reservation (GlobalProvisionedManaged in eastus2 → DataZoneProvisionedManaged in eastus2) and are billed hourly",
    },
    {
      name: "a region move leaves the reservation's cover",
      edit: (f: FileData) => {
        f.accounts.east.location = "westus";
      },
      warning:
        "east/chat-ptu: 50 PTU leave the cover of a reservation (GlobalProvisionedManaged in eastus2 → GlobalProvisionedManaged in westus) and are billed hourly",
    },
  ])("$name", ({ edit, warning }) => {
    const base = withPtu((f) => {
      f.reservations = [reservation];
    });
    const report = diffOf({ base, head: edited(edit, base), prices: testPrices() });
    const warnings = report.summary.cost?.warnings ?? [];
    expect(warnings.some((w) => w.startsWith(warning))).toBe(true);
    expect(warnings).toContain(
      "reservation of GlobalProvisionedManaged in eastus2: 50 of 50 reserved PTU are left unused and still paid",
    );
    expect(report.summary.flags).toContain("cost-increase");
  });

  it("deleting an account that holds provisioned deployments warns that billing runs until purge, and says how", () => {
    const base = edited((f) => {
      f.accounts.west = { name: "acct-west", resourceGroup: "rg-ai", location: "westus", create: true };
      f.deployments.push({
        name: "west-ptu",
        account: "west",
        model: f.deployments[1].model,
        sku: "GlobalProvisionedManaged",
        capacity: 15,
      });
    }, estate(50));
    const head = edited((f) => {
      delete f.accounts.west;
      f.deployments = f.deployments.filter((d: { account: string }) => d.account !== "west");
    }, base);
    const warnings = diffOf({ base, head, prices: testPrices() }).summary.cost?.warnings ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "account west (acct-west) is deleted while it holds provisioned deployments west-ptu (15 PTU)",
    );
    expect(warnings[0]).toContain("continue until the resource is purged");
    expect(warnings[0]).toContain("deletedAccounts");
  });

  it("no warning when the account stays", () => {
    const head = withPtu((f) => {
      f.deployments[1].capacity = 15;
    });
    expect(diffOf({ base: withPtu(), head, prices: testPrices() }).summary.cost?.warnings).toEqual([]);
  });
});
