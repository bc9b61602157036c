import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { yamlOf } from "../review/support";
import { costWorkspace, estate, testPriceFile } from "./support";

const prices = `${JSON.stringify(testPriceFile())}\n`;

async function plan(format: string, files: Record<string, string>) {
  const io = memoryIO({ cwd: costWorkspace(files) });
  const code = await main(["plan", "--format", format], io);
  return { code, out: io.out, err: io.err };
}

describe("aideploy plan: monthly cost", () => {
  it.each([
    ["text", "$36,500.00", "Prices: catalog/prices.json of 2026-12-01 (USD)"],
    ["md", "$36,500.00", "Prices: catalog/prices.json of 2026-12-01 (USD)"],
  ])("%s shows each deployment's cost and the price file's date", async (format, amount, dated) => {
    const { code, out } = await plan(format, {
      "deployments.yaml": yamlOf(estate(50)),
      "catalog/prices.json": prices,
    });
    expect(code).toBeLessThan(2); // 1: the estate violates mandatory policies
    expect(out).toContain(amount);
    expect(out).toContain(dated);
    // 100M input at 2.50 and 10M output at 10 per 1M.
    expect(out).toContain("$350.00");
  });

  it("json carries the estimate as data", async () => {
    const { code, out } = await plan("json", {
      "deployments.yaml": yamlOf(estate(50)),
      "catalog/prices.json": prices,
    });
    expect(code).toBeLessThan(2); // 1: the estate violates mandatory policies
    const cost = JSON.parse(out).cost;
    expect(cost.pricesRetrieved).toBe("2026-12-01");
    expect(cost.fixed).toEqual({ monthly: 36_500, verified: true, excluded: 0 });
    expect(cost.usage).toEqual({ monthly: 350, verified: true, excluded: 0 });
    expect(cost.deployments.map((d: { key: string }) => d.key)).toEqual(["east/chat", "east/chat-ptu"]);
  });

  it("reads --prices over the file beside the deployments file, and refuses one that is not a price file", async () => {
    const files = {
      "deployments.yaml": yamlOf(estate(50)),
      "other.json": `${JSON.stringify({ ...testPriceFile(), retrieved: "2026-11-11" })}\n`,
      "bad.json": "{}\n",
    };
    const dir = costWorkspace(files);
    const io = memoryIO({ cwd: dir });
    expect(await main(["plan", "--prices", "other.json"], io)).toBeLessThan(2);
    expect(io.out).toContain("Prices: other.json of 2026-11-11");
    const bad = memoryIO({ cwd: dir });
    expect(await main(["plan", "--prices", "bad.json"], bad)).toBe(2);
    expect(bad.err).toContain("bad.json: not a price file");
  });

  it.each([
    { asOf: "2027-03-01", warned: false, days: 90 },
    { asOf: "2027-03-02", warned: true, days: 91 },
    { asOf: "2026-12-05", warned: false, days: 4 },
  ])("--as-of $asOf: prices $days days old, warned $warned", async ({ asOf, warned, days }) => {
    const io = memoryIO({
      cwd: costWorkspace({ "deployments.yaml": yamlOf(estate(50)), "catalog/prices.json": prices }),
    });
    await main(["plan", "--as-of", asOf], io);
    const warning = `the prices are ${days} days old (catalog/prices.json of 2026-12-01)`;
    if (warned) expect(io.out).toContain(warning);
    else expect(io.out).not.toContain(warning);
  });
});
