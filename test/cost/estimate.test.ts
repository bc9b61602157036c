import { describe, expect, it } from "vitest";
import { readModelCatalog } from "../../catalog/model-catalog";
import { type CostFigure, estimateCost } from "../../cost/estimate";
import { readPriceFile } from "../../cost/price-file";
import { SHIPPED_PRICES_PATH } from "../../cost/prices";
import { edited, type FileData, yamlOf } from "../review/support";
import { catalogOf, model, offer } from "../support/catalog";
import { planText } from "../support/plan";
import { testPrices } from "./support";

/** One account in eastus2 and the deployments of a case. */
function file(deployments: FileData[], extra: FileData = {}): FileData {
  return {
    version: 1,
    accounts: { east: { name: "acct-east", resourceGroup: "rg-ai", location: "eastus2", create: true } },
    deployments,
    ...extra,
  };
}

const gpt4o = { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" };

function costOf(data: FileData, prices = testPrices(), env?: string) {
  return estimateCost(planText(yamlOf(data), env).state, prices);
}

interface FigureCase {
  name: string;
  deployment: FileData;
  fixed: CostFigure;
  usage: CostFigure;
}

const cases: FigureCase[] = [
  {
    name: "global provisioned: PTUs × hourly price × 730",
    deployment: { name: "ptu", account: "east", model: gpt4o, sku: "GlobalProvisionedManaged", capacity: 50 },
    fixed: { status: "priced", monthly: 36_500, verified: true },
    usage: { status: "none" },
  },
  {
    name: "data zone provisioned at the region's price",
    deployment: {
      name: "dz",
      account: "east",
      model: gpt4o,
      sku: "DataZoneProvisionedManaged",
      capacity: 100,
    },
    fixed: { status: "priced", monthly: 80_300, verified: true },
    usage: { status: "none" },
  },
  {
    name: "regional provisioned from an unverified row is marked unverified",
    deployment: { name: "rg", account: "east", model: gpt4o, sku: "ProvisionedManaged", capacity: 50 },
    fixed: { status: "priced", monthly: 73_000, verified: false },
    usage: { status: "none" },
  },
  {
    name: "standard: no fixed cost, usage not estimated without an assumption",
    deployment: { name: "chat", account: "east", model: gpt4o, sku: "GlobalStandard", capacity: 100 },
    fixed: { status: "none" },
    usage: {
      status: "not-estimated",
      reason: "no usage assumption; declare usage in the deployment or in defaults",
    },
  },
  {
    name: "standard with usage: tokens × prices per 1M",
    deployment: {
      name: "chat",
      account: "east",
      model: gpt4o,
      sku: "GlobalStandard",
      capacity: 100,
      usage: { inputTokens: 200_000_000, outputTokens: 50_000_000 },
    },
    fixed: { status: "none" },
    usage: { status: "priced", monthly: 1000, verified: true },
  },
  {
    name: "cached input from an unverified row makes the usage figure unverified",
    deployment: {
      name: "chat",
      account: "east",
      model: gpt4o,
      sku: "GlobalStandard",
      capacity: 100,
      usage: { inputTokens: 1_000_000, cachedInputTokens: 4_000_000 },
    },
    fixed: { status: "none" },
    usage: { status: "priced", monthly: 7.5, verified: false },
  },
  {
    name: "a price for every version applies when the version has none",
    deployment: {
      name: "reg",
      account: "east",
      model: gpt4o,
      sku: "Standard",
      capacity: 10,
      usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 },
    },
    fixed: { status: "none" },
    usage: { status: "priced", monthly: 13.75, verified: true },
  },
  {
    name: "a missing token price is not priced, never zero",
    deployment: {
      name: "batch",
      account: "east",
      model: gpt4o,
      sku: "GlobalBatch",
      capacity: 10,
      usage: { inputTokens: 1_000_000 },
    },
    fixed: { status: "none" },
    usage: {
      status: "not-priced",
      reason: "no input token price for gpt-4o 2024-11-20 GlobalBatch in eastus2",
    },
  },
];

describe("estimateCost: one deployment", () => {
  it.each(cases)("$name", ({ deployment, fixed, usage }) => {
    const [cost] = costOf(file([deployment])).deployments;
    expect(cost?.fixed).toEqual(fixed);
    expect(cost?.usage).toEqual(usage);
  });

  it("a PTU price missing for the region is not priced", () => {
    const prices = testPrices((f) => {
      f.ptu = f.ptu.filter((r) => r.family !== "dataZone");
    });
    const [cost] = costOf(
      file([{ name: "dz", account: "east", model: gpt4o, sku: "DataZoneProvisionedManaged", capacity: 100 }]),
      prices,
    ).deployments;
    expect(cost?.fixed).toEqual({
      status: "not-priced",
      reason: "no hourly PTU price of DataZoneProvisionedManaged in eastus2",
    });
  });

  it("priority processing is not priced at standard rates: the price file holds none for it", () => {
    const gpt54 = { format: "OpenAI", name: "gpt-5.4", version: "2026-03-05" };
    const sweden = {
      accounts: {
        east: { name: "acct-east", resourceGroup: "rg-ai", location: "swedencentral", create: true },
      },
    };
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    const deployment = {
      name: "fast",
      account: "east",
      model: gpt54,
      sku: "GlobalStandard",
      capacity: 10,
      usage,
    };
    const [standard] = costOf(file([deployment], sweden)).deployments;
    const [priority] = costOf(file([{ ...deployment, serviceTier: "Priority" }], sweden)).deployments;
    expect(standard?.usage).not.toEqual(priority?.usage);
    expect(priority?.usage).toEqual({
      status: "not-priced",
      reason: "the price file holds no priority processing prices",
    });
  });

  it("a model sold through Azure Marketplace is unpriced, not free", () => {
    const catalog = readModelCatalog(
      catalogOf([
        model({
          format: "Mistral AI",
          name: "mistral-x",
          version: "1",
          soldBy: "marketplace",
          types: { GlobalStandard: offer() },
        }),
      ]),
      "test catalog",
    );
    const data = file([
      {
        name: "mx",
        account: "east",
        model: { format: "Mistral AI", name: "mistral-x", version: "1" },
        sku: "GlobalStandard",
        capacity: 1,
        usage: { inputTokens: 1_000_000 },
      },
    ]);
    const state = planText(yamlOf(data), undefined, "deployments.yaml", catalog).state;
    const [cost] = estimateCost(state, testPrices(), catalog).deployments;
    expect(cost?.usage.status).toBe("unpriced");
    expect(cost?.fixed).toEqual({ status: "none" });
  });
});

const ptuWithSpillover = file([
  {
    name: "ptu",
    account: "east",
    model: gpt4o,
    sku: "GlobalProvisionedManaged",
    capacity: 50,
    spillover: "chat",
    usage: { inputTokens: 1_000_000_000, outputTokens: 100_000_000, spilloverShare: 0.1 },
  },
  { name: "chat", account: "east", model: gpt4o, sku: "GlobalStandard", capacity: 100 },
]);

describe("estimateCost: spillover, usage defaults, totals", () => {
  it("a provisioned deployment pays its PTUs plus the target's token prices for the overflow share", () => {
    const ptu = costOf(ptuWithSpillover).deployments.find((d) => d.name === "ptu");
    expect(ptu?.fixed).toEqual({ status: "priced", monthly: 36_500, verified: true });
    // 10% of 1,000M input at 2.50 and of 100M output at 10.
    expect(ptu?.usage).toEqual({ status: "priced", monthly: 350, verified: true });
    expect(ptu?.notes).toContain("10% of the declared tokens overflow to chat at its per-token prices");
  });

  it("usage in defaults applies to every deployment that sets none", () => {
    const data = edited((f) => {
      f.defaults = { usage: { inputTokens: 2_000_000 } };
    }, ptuWithSpillover);
    const chat = costOf(data).deployments.find((d) => d.name === "chat");
    expect(chat?.usage).toEqual({ status: "priced", monthly: 5, verified: true });
  });

  it("sums per account and for the environment, counting what it leaves out", () => {
    const estimate = costOf(ptuWithSpillover);
    expect(estimate.accounts).toEqual([
      {
        key: "east",
        fixed: { monthly: 36_500, verified: true, excluded: 0 },
        usage: { monthly: 350, verified: true, excluded: 1 },
      },
    ]);
    expect(estimate.fixed).toEqual({ monthly: 36_500, verified: true, excluded: 0 });
    expect(estimate.pricesRetrieved).toBe("2026-12-01");
    expect(estimate.currency).toBe("USD");
  });
});

describe("estimateCost: reservations", () => {
  const reserved = (reservations: FileData[]) =>
    edited((f) => {
      f.reservations = reservations;
    }, ptuWithSpillover);

  it.each([
    {
      name: "a yearly reservation of the type and region covers PTUs; the rest is billed hourly",
      reservations: [
        { deploymentType: "GlobalProvisionedManaged", region: "East US 2", quantity: 30, term: "year" },
      ],
      ptu: { deployed: 50, reserved: 30, hourly: 20, hourlyPrice: 1 },
      fixed: 14_600,
      reservation: { monthly: { status: "priced", monthly: 6630, verified: true }, used: 30 },
    },
    {
      name: "a reservation of another type covers nothing",
      reservations: [
        { deploymentType: "DataZoneProvisionedManaged", region: "eastus2", quantity: 30, term: "month" },
      ],
      ptu: { deployed: 50, reserved: 0, hourly: 50, hourlyPrice: 1 },
      fixed: 36_500,
      reservation: {
        monthly: {
          status: "not-priced",
          reason: "no monthly reservation price of DataZoneProvisionedManaged in eastus2",
        },
        used: 0,
      },
    },
    {
      name: "a reservation of another region covers nothing",
      reservations: [
        { deploymentType: "GlobalProvisionedManaged", region: "westus", quantity: 30, term: "month" },
      ],
      ptu: { deployed: 50, reserved: 0, hourly: 50, hourlyPrice: 1 },
      fixed: 36_500,
      reservation: { monthly: { status: "priced", monthly: 7800, verified: true }, used: 0 },
    },
    {
      name: "a reservation scoped to another resource group covers nothing",
      reservations: [
        {
          deploymentType: "GlobalProvisionedManaged",
          region: "eastus2",
          quantity: 30,
          term: "month",
          scope: "resourceGroup",
          resourceGroup: "rg-other",
        },
      ],
      ptu: { deployed: 50, reserved: 0, hourly: 50, hourlyPrice: 1 },
      fixed: 36_500,
      reservation: { monthly: { status: "priced", monthly: 7800, verified: true }, used: 0 },
    },
  ])("$name", ({ reservations, ptu, fixed, reservation }) => {
    const estimate = costOf(reserved(reservations));
    const cost = estimate.deployments.find((d) => d.name === "ptu");
    expect(cost?.ptu).toEqual(ptu);
    expect(cost?.fixed).toEqual({ status: "priced", monthly: fixed, verified: true });
    expect(estimate.reservations[0]).toMatchObject(reservation);
  });
});

describe("the shipped price file", () => {
  it("prices 50 PTUs of global provisioned throughput in eastus2 at 36,500 USD a month", () => {
    const prices = readPriceFile(SHIPPED_PRICES_PATH, "shipped");
    const [cost] = costOf(
      file([{ name: "ptu", account: "east", model: gpt4o, sku: "GlobalProvisionedManaged", capacity: 50 }]),
      prices,
    ).deployments;
    expect(cost?.fixed).toEqual({ status: "priced", monthly: 36_500, verified: true });
    expect(prices.data.currency).toBe("USD");
  });
});

describe("estimateCost: provisioned throughput without protection", () => {
  const withEnvironments = edited((f) => {
    f.environments = { dev: {}, prod: { protect: true }, test: { deployments: { ptu: { enabled: false } } } };
  }, ptuWithSpillover);

  it.each([
    { environment: "dev", warned: true },
    { environment: "prod", warned: false },
    { environment: "test", warned: false },
    { environment: undefined, warned: false },
  ])("environment $environment: warned $warned", ({ environment, warned }) => {
    const { warnings } = costOf(withEnvironments, testPrices(), environment);
    expect(warnings).toEqual(
      warned
        ? [
            "environment dev deploys provisioned throughput without protection: east/ptu (50 PTU); provisioned deployments are charged an hourly rate per deployed PTU, whether or not the deployment handles requests, from creation until deletion, and a `pulumi destroy` or a deployment removed from the file deletes them at once; set `protect: true` in environments.dev",
          ]
        : [],
    );
  });
});

describe("estimateCost: usage as a share of capacity", () => {
  const o4mini = { format: "OpenAI", name: "o4-mini", version: "2025-04-16" };
  const prices = testPrices((f) => {
    f.tokens.push({
      model: "o4-mini",
      version: "2025-04-16",
      deploymentType: "GlobalStandard",
      region: "*",
      inputPer1M: 1,
      cachedInputPer1M: null,
      outputPer1M: 4,
      source: ["t"],
      verified: true,
    });
  });

  it("tokens per month are TPM × share × 60 × 730, split by the output share", () => {
    // 100 units of 1,000 TPM at 10%: 10,000 TPM × 43,800 minutes = 438M tokens; 25% output.
    const [cost] = costOf(
      file([
        {
          name: "mini",
          account: "east",
          model: o4mini,
          sku: "GlobalStandard",
          capacity: 100,
          usage: { capacityShare: 0.1, outputShare: 0.25 },
        },
      ]),
      prices,
    ).deployments;
    // 328.5M input at 1 and 109.5M output at 4 per 1M.
    expect(cost?.usage).toEqual({ status: "priced", monthly: 766.5, verified: true });
    expect(cost?.notes).toEqual(["usage from 10% of 100,000 TPM: 438,000,000 tokens a month, 25% output"]);
  });

  it("is not estimated where the model's tokens per minute are unknown", () => {
    const [cost] = costOf(
      file([
        {
          name: "chat",
          account: "east",
          model: gpt4o,
          sku: "GlobalStandard",
          capacity: 100,
          usage: { capacityShare: 0.1, outputShare: 0.25 },
        },
      ]),
      prices,
    ).deployments;
    expect(cost?.usage.status).toBe("not-estimated");
  });
});
