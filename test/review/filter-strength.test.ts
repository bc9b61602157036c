import { describe, expect, it } from "vitest";
import { compileContentFilter } from "../../infra/content-filter";
import { ResourceTypes } from "../../infra/graph";
import type { DesiredContentFilter } from "../../loader/desired-state";
import { type FilterProfile, weakenedSettings } from "../../review/filter-strength";
import { baseline, changeOf, diffOf, edited, planOf } from "./support";

type Sides = Pick<FilterProfile, "prompt" | "completion">;

function profile(prompt: Partial<Sides["prompt"]>, completion: Partial<Sides["completion"]> = {}) {
  return {
    mode: "Default",
    prompt: { blocklists: [], ...prompt },
    completion: { blocklists: [], ...completion },
  } as FilterProfile;
}

describe("content filter strength with categories left out and annotate-only thresholds", () => {
  const annotate = (threshold: "low" | "medium" | "high") => ({ threshold, action: "annotate" }) as const;
  const cases: { name: string; before: FilterProfile; after: FilterProfile; weakened: string[] }[] = [
    {
      name: "a blocking threshold turned annotate-only is weaker",
      before: profile({ hate: "high" }),
      after: profile({ hate: annotate("low") }),
      weakened: ["prompt.hate"],
    },
    {
      name: "annotate-only turned off is weaker",
      before: profile({ hate: annotate("high") }),
      after: profile({ hate: "off" }),
      weakened: ["prompt.hate"],
    },
    {
      name: "annotate-only turned blocking is not weaker",
      before: profile({ hate: annotate("low") }),
      after: profile({ hate: "high" }),
      weakened: [],
    },
    {
      name: "annotating less (low to high) is weaker",
      before: profile({}, { violence: annotate("low") }),
      after: profile({}, { violence: annotate("high") }),
      weakened: ["completion.violence"],
    },
    {
      name: "a declared category left out loses what the file guaranteed",
      before: profile({ jailbreak: "block", selfHarm: "low" }),
      after: profile({}),
      weakened: ["prompt.selfHarm", "prompt.jailbreak"],
    },
    {
      name: "blocking turned to human review (HITL, behaviour undocumented) counts as weaker",
      before: profile({ hate: "medium" }, { protectedMaterialText: "block" }),
      after: profile(
        { hate: { threshold: "medium", action: "humanReview" } },
        { protectedMaterialText: "retry" },
      ),
      weakened: ["prompt.hate", "completion.protectedMaterialText"],
    },
    {
      name: "human review turned to blocking at a threshold as strict is not weaker; at a looser one it is",
      before: profile({
        hate: { threshold: "medium", action: "humanReview" },
        sexual: { threshold: "low", action: "retry" },
      }),
      after: profile({ hate: "low", sexual: "medium" }),
      weakened: ["prompt.sexual"],
    },
    {
      name: "the same undocumented action at a looser threshold is weaker, at a stricter one not",
      before: profile({
        hate: { threshold: "medium", action: "retry" },
        violence: { threshold: "medium", action: "retry" },
      }),
      after: profile({
        hate: { threshold: "high", action: "retry" },
        violence: { threshold: "low", action: "retry" },
      }),
      weakened: ["prompt.hate"],
    },
    {
      name: "declaring a category that was left out adds a guarantee, even as off",
      before: profile({}),
      after: profile({ profanity: "off", hate: "off" }, { protectedMaterialCode: "annotate" }),
      weakened: [],
    },
  ];
  it.each(cases)("$name", ({ before, after, weakened }) => {
    expect(weakenedSettings(before, after)).toEqual(weakened);
  });
});

describe("content filter compilation: only what the file declares is sent", () => {
  const filter = (prompt: Partial<DesiredContentFilter["prompt"]>): DesiredContentFilter => ({
    key: "a/f",
    accountKey: "a",
    name: "f",
    base: "Microsoft.DefaultV2",
    mode: "Default",
    prompt: { blocklists: [], ...prompt },
    completion: { blocklists: [] },
    source: { file: "f.yaml", line: 1, column: 1, path: "" },
    docPath: [],
  });

  it.each([
    ["nothing declared", {}, []],
    [
      "an annotate-only threshold",
      { violence: { threshold: "medium", action: "annotate" } },
      [{ name: "Violence", source: "Prompt", enabled: true, blocking: false, severityThreshold: "Medium" }],
    ],
    [
      "a blocking threshold and a shield",
      { hate: "low", indirectAttack: "annotate" },
      [
        { name: "Hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Low" },
        { name: "Indirect Attack", source: "Prompt", enabled: true, blocking: false },
      ],
    ],
    [
      "human review and retry, as the API's actions HITL and RETRY without `blocking`",
      { hate: { threshold: "medium", action: "humanReview" }, jailbreak: "retry" },
      [
        { name: "Hate", source: "Prompt", enabled: true, severityThreshold: "Medium", action: "HITL" },
        { name: "Jailbreak", source: "Prompt", enabled: true, action: "RETRY" },
      ],
    ],
    [
      "off, as Azure stores a category that is off",
      { profanity: "off" },
      [{ name: "Profanity", source: "Prompt", enabled: false, blocking: false }],
    ],
  ] as [string, Partial<DesiredContentFilter["prompt"]>, unknown[]][])("%s", (_, prompt, entries) => {
    expect(compileContentFilter(filter(prompt)).contentFilters).toEqual(entries);
  });
});

describe("review of a filter category left out", () => {
  it("declaring off a category that was left out is a change of that field, not a weakening", () => {
    const report = diffOf({
      head: edited((f) => {
        f.contentFilters.strict.prompt.profanity = "off";
      }),
    });
    const change = changeOf(report, "contentFilter", "east/strict");
    expect(change.fields).toEqual([{ path: "prompt.profanity", before: null, after: "off" }]);
    expect(change.flags).toEqual([]);
  });

  it("a harm category written as {threshold, action: block} is the bare threshold; annotate differs", () => {
    const same = diffOf({
      head: edited((f) => {
        f.contentFilters.strict.prompt.hate = { threshold: "low", action: "block" };
      }),
    });
    expect(same.changes).toEqual([]);
    const annotated = diffOf({
      head: edited((f) => {
        f.contentFilters.strict.prompt.hate = { threshold: "low", action: "annotate" };
      }),
    });
    const change = changeOf(annotated, "contentFilter", "east/strict");
    expect(change.fields).toEqual([{ path: "prompt.hate", before: "low", after: "annotate only at low" }]);
    expect(change.flags).toContain("content-filter-weakened");
  });

  it("a category moved to human review shows in words and is flagged as a weakening", () => {
    const report = diffOf({
      head: edited((f) => {
        f.contentFilters.strict.prompt.hate = { threshold: "low", action: "humanReview" };
      }),
    });
    const change = changeOf(report, "contentFilter", "east/strict");
    expect(change.fields).toEqual([{ path: "prompt.hate", before: "low", after: "human review at low" }]);
    expect(change.flags).toContain("content-filter-weakened");
  });

  it("the plan of a filter that leaves a category out sends no entry for it", () => {
    const node = planOf(baseline()).graph.nodes.find(
      (n) => n.type === ResourceTypes.contentFilter && n.name === "east/content-filter/strict",
    );
    if (!node) throw new Error("no content filter node");
    const entries = (node.inputs as unknown as { properties: { contentFilters: { name: string }[] } })
      .properties.contentFilters;
    expect(entries.map((entry) => entry.name)).toContain("Indirect Attack");
    expect(entries.map((entry) => entry.name)).not.toContain("Profanity");
  });
});
