import { describe, expect, it } from "vitest";
import { generateDeploymentsYaml } from "../../bench/generate";
import { resolveDesiredState } from "../../loader/resolve";
import { load, problems, where } from "./support";

describe("generated deployments files (bench/generate.ts)", () => {
  it.each([
    [0, 10],
    [1, 10],
    [17, 3],
    [1000, 10],
    [250, 1],
  ])("%i deployments over %i accounts validate without errors or warnings", (count, accounts) => {
    const loaded = load(generateDeploymentsYaml(count, { accounts }));
    expect(problems(loaded).map((d) => `${where(d)} ${d.message}`)).toEqual([]);
    expect(loaded.config?.deployments).toHaveLength(count);
    expect(Object.keys(loaded.config?.accounts ?? {})).toHaveLength(accounts);
  });

  it("resolves in each environment, with the dev overrides applied", () => {
    const loaded = load(generateDeploymentsYaml(100));
    if (!loaded.config || !loaded.document || !loaded.catalog) throw new Error("did not load");
    const asWritten = resolveDesiredState(loaded.config, loaded.document, null, loaded.catalog);
    const dev = resolveDesiredState(loaded.config, loaded.document, "dev", loaded.catalog);
    expect(asWritten.disabledDeployments).toEqual([]);
    expect(dev.disabledDeployments.length).toBe(10);
    expect(dev.accounts.every((a) => a.name.endsWith("-dev"))).toBe(true);
    expect(new Set(asWritten.deployments.map((d) => d.sku))).toEqual(
      new Set([
        "DataZoneStandard",
        "DataZoneProvisionedManaged",
        "GlobalStandard",
        "Standard",
        "GlobalBatch",
      ]),
    );
    expect(new Set(asWritten.contentFilters.map((f) => f.name)).size).toBe(4);
  });

  it("is deterministic", () => {
    expect(generateDeploymentsYaml(50)).toBe(generateDeploymentsYaml(50));
  });

  it("can leave the environments out", () => {
    expect(load(generateDeploymentsYaml(20, { environments: false })).config?.environments).toBeUndefined();
  });
});
