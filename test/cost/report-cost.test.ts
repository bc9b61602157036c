import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { yamlOf } from "../review/support";
import { costWorkspace, estate, testPriceFile } from "./support";

async function report(format: string): Promise<string> {
  const io = memoryIO({
    cwd: costWorkspace({
      "deployments.yaml": yamlOf(estate(50)),
      "catalog/prices.json": `${JSON.stringify(testPriceFile())}\n`,
    }),
  });
  const code = await main(["report", "--format", format], io);
  expect(code).toBeLessThan(2);
  return io.out;
}

describe("aideploy report: the monthly cost in every format", () => {
  it("md: a cost section with the price file's date", async () => {
    const out = await report("md");
    expect(out).toContain("### Monthly cost");
    expect(out).toContain("Prices: catalog/prices.json of 2026-12-01 (USD)");
    expect(out).toContain(
      "| <code>east/chat-ptu</code> | GlobalProvisionedManaged | 50 PTU hourly at $1.00/h | $36,500.00 | none |",
    );
  });

  it("json: the estimate as data", async () => {
    const cost = JSON.parse(await report("json")).cost;
    expect(cost.fixed).toEqual({ monthly: 36_500, verified: true, excluded: 0 });
    expect(cost.pricesRetrieved).toBe("2026-12-01");
  });

  it("sarif: the estimate in the run's properties", async () => {
    const run = JSON.parse(await report("sarif")).runs[0];
    expect(run.properties.cost.fixed.monthly).toBe(36_500);
    expect(run.properties.cost.usage.monthly).toBe(350);
  });

  it("junit: a suite without test cases whose properties hold the estimate", async () => {
    const out = await report("junit");
    expect(out).toContain('<testsuite name="monthly cost estimate" tests="0"');
    expect(out).toContain('<property name="fixedMonthly" value="$36,500.00"/>');
    expect(out).toContain('<property name="deployment east/chat-ptu" value="fixed $36,500.00, usage none"/>');
  });

  it("html: a cost chart beside the capacity chart, one bar per priced figure", async () => {
    const out = await report("html");
    const capacity = out.indexOf('<section class="card" id="capacity">');
    const cost = out.indexOf('<section class="card" id="cost">');
    expect(capacity).toBeGreaterThan(0);
    expect(cost).toBeGreaterThan(capacity);
    expect(out).toContain('class="cost-fixed" data-deployment="east/chat-ptu" data-fixed="36500"');
    expect(out).toContain('class="cost-usage" data-deployment="east/chat" data-usage="350"');
  });
});
