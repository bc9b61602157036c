// The deployment properties of 2026 (priority processing, pause, model router, partner models): the schema,
// the semantic checks in loader/checks/{service-tier,state,routing,partner}-*.ts, and the desired state.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { resolveDesiredState } from "../../loader/resolve";
import { testCatalog } from "../support/catalog";
import { baseline, featureCases as cases } from "./deployment-features.cases";
import { load as loadWith } from "./support";

const load = (text: string) => loadWith(text, testCatalog());

const featureCodes = /^(service-tier|state|routing|partner)\//;
const findings = (text: string): Diagnostic[] =>
  load(text).diagnostics.filter((d) => featureCodes.test(d.code) || d.code.startsWith("schema/"));

describe("deployment properties of 2026", () => {
  it("the baseline is clean", () => {
    expect(findings(baseline)).toEqual([]);
    expect(load(baseline).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each(cases)("$behaviour ($code)", (c) => {
    const found = findings(c.yaml).filter((d) => d.code === c.code);
    expect(found, JSON.stringify(findings(c.yaml), null, 1)).toHaveLength(1);
    const d = found[0] as Diagnostic;
    expect(d.severity).toBe(c.severity);
    expect(d.line).toBe(c.line);
    expect(d.path).toBe(c.path);
    if (c.message) expect(d.message).toMatch(c.message);
    if (c.hint) expect(d.hint).toMatch(c.hint);
  });
});

describe("the desired state of the 2026 properties", () => {
  it("writes the API's spellings: Running/Paused, lower-case routing modes, upper-case country codes", () => {
    const text = baseline
      .replace("state: running", "state: paused")
      .replace("mode: cost", "mode: Quality")
      .replace("countryCode: US", "countryCode: us");
    const loaded = load(text);
    if (!loaded.config || !loaded.document || !loaded.catalog) throw new Error("not loaded");
    const state = resolveDesiredState(loaded.config, loaded.document, null, loaded.catalog);
    const byName = new Map(state.deployments.map((d) => [d.name, d]));
    expect(byName.get("chat")).toMatchObject({ serviceTier: "Priority", state: "Paused" });
    expect(byName.get("router")?.routing).toEqual({
      mode: "quality",
      models: [
        { format: "OpenAI", name: "gpt-5.2", version: "2025-12-11" },
        { format: "Anthropic", name: "claude-sonnet-4-5", version: "20250929" },
      ],
    });
    expect(byName.get("claude")?.modelProviderData).toEqual({
      organizationName: "Contoso Ltd",
      countryCode: "US",
      industry: "technology",
    });
    // Nothing the file does not say is written.
    for (const key of ["serviceTier", "state", "routing", "modelProviderData"]) {
      expect(Object.hasOwn(byName.get("claude") ?? {}, key) && key !== "modelProviderData").toBe(false);
    }
  });
});

describe("environment overrides of serviceTier and state", () => {
  const text = `${baseline}environments:\n  dev:\n    deployments:\n      chat: { state: paused, serviceTier: Default }\n`;
  const stateOf = (environment: string | null) => {
    const loaded = load(text);
    if (!loaded.config || !loaded.document || !loaded.catalog) throw new Error("not loaded");
    const state = resolveDesiredState(loaded.config, loaded.document, environment, loaded.catalog);
    return state.deployments.find((d) => d.name === "chat");
  };

  it("the environment pauses and de-prioritises its copy only; the file as written keeps its own", () => {
    expect(load(text).diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(stateOf("dev")).toMatchObject({ state: "Paused", serviceTier: "Default" });
    expect(stateOf(null)).toMatchObject({ state: "Running", serviceTier: "Priority" });
  });
});
