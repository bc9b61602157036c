import { describe, expect, it } from "vitest";
import { formatDiffMarkdown } from "../../reports/diff/markdown";
import { formatDiffText } from "../../reports/diff/text";
import { changeOf, diffOf, edited } from "./support";

describe("diff: the subscription RAI policy as a resource kind", () => {
  const withBaseline = edited((f) => {
    f.subscriptionRaiPolicy = {
      name: "org-baseline",
      mode: "Blocking",
      prompt: { hate: "low", violence: "medium", jailbreak: "block" },
      completion: { protectedMaterialText: "block" },
      tags: { owner: "security" },
    };
  });

  it("adds the baseline with one field per category and its tags, and no blocklists", () => {
    const change = changeOf(diffOf({ head: withBaseline }), "subscriptionRaiPolicy", "org-baseline");
    expect(change.action).toBe("add");
    expect(change.fields).toContainEqual({ path: "prompt.hate", before: null, after: "low" });
    expect(change.fields).toContainEqual({ path: "prompt.jailbreak", before: null, after: "block" });
    expect(change.fields).toContainEqual({ path: "tags.owner", before: null, after: "security" });
    expect(change.fields.map((f) => f.path)).not.toContain("prompt.blocklists");
    expect(change.flags).toEqual([]);
  });

  it("a relaxed threshold and a shield turned down are shown per category and flagged as weakening", () => {
    const head = edited((f) => {
      f.subscriptionRaiPolicy.prompt = { hate: "medium", violence: "medium", jailbreak: "annotate" };
    }, withBaseline);
    const report = diffOf({ base: withBaseline, head });
    const change = changeOf(report, "subscriptionRaiPolicy", "org-baseline");
    expect(change.action).toBe("update");
    expect(change.fields).toEqual([
      { path: "prompt.hate", before: "low", after: "medium" },
      { path: "prompt.jailbreak", before: "block", after: "annotate" },
    ]);
    expect(change.flags).toContain("content-filter-weakened");
    expect(report.summary.flags).toContain("content-filter-weakened");
    expect(formatDiffText(report)).toMatch(/subscription RAI policy org-baseline/);
    expect(formatDiffMarkdown(report)).toMatch(/subscription RAI policy/);
  });

  it("a stricter baseline is an update without the weakening flag", () => {
    const head = edited((f) => {
      f.subscriptionRaiPolicy.prompt.violence = "low";
    }, withBaseline);
    const change = changeOf(diffOf({ base: withBaseline, head }), "subscriptionRaiPolicy", "org-baseline");
    expect(change.fields).toEqual([{ path: "prompt.violence", before: "medium", after: "low" }]);
    expect(change.flags).not.toContain("content-filter-weakened");
  });

  it("a change of case in the name is an update in place; another name replaces it; removing it is a remove", () => {
    const recased = edited((f) => {
      f.subscriptionRaiPolicy.name = "Org-Baseline";
    }, withBaseline);
    const recase = changeOf(
      diffOf({ base: withBaseline, head: recased }),
      "subscriptionRaiPolicy",
      "org-baseline",
    );
    expect(recase.action).toBe("update");
    expect(recase.fields).toEqual([{ path: "name", before: "org-baseline", after: "Org-Baseline" }]);
    const renamed = diffOf({
      base: withBaseline,
      head: edited((f) => {
        f.subscriptionRaiPolicy.name = "org-floor";
      }, withBaseline),
    });
    expect(changeOf(renamed, "subscriptionRaiPolicy", "org-baseline").action).toBe("remove");
    expect(changeOf(renamed, "subscriptionRaiPolicy", "org-floor").action).toBe("add");
    const dropped = diffOf({
      base: withBaseline,
      head: edited((f) => {
        delete f.subscriptionRaiPolicy;
      }, withBaseline),
    });
    expect(changeOf(dropped, "subscriptionRaiPolicy", "org-baseline").action).toBe("remove");
  });
});
