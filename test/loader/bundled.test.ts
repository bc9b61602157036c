import { describe, expect, it } from "vitest";
import { resolveDesiredState } from "../../loader/resolve";
import { estateText, load, problems, where } from "./support";

describe("the bundled deployments.yaml", () => {
  const loaded = load(estateText());
  const environments = Object.keys(loaded.config?.environments ?? {});

  it("validates with no error or warning", () => {
    expect(problems(loaded).map((d) => `${where(d)} ${d.message}`)).toEqual([]);
    expect(loaded.config).toBeDefined();
  });

  it("declares the environments the examples rely on", () => {
    expect(environments).toEqual(["dev", "prod"]);
  });

  it.each([null, "dev", "prod"])(
    "resolves for environment %s with every deployment placed",
    (environment) => {
      const { config, document, catalog } = loaded;
      if (!config || !document || !catalog) throw new Error("the bundled file did not load");
      const state = resolveDesiredState(config, document, environment, catalog);
      const placed = state.deployments.length + state.disabledDeployments.length;
      const declared = config.deployments.reduce((n, d) => n + (d.accounts?.length ?? 1), 0);
      expect(placed).toBe(declared);
    },
  );
});
