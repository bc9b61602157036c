// A content filter category the file leaves out is not sent: the ARM view that policies read has no entry
// for it, so a policy that requires the category finds it missing, as Azure would.
import { describe, expect, it } from "vitest";
import { ResourceTypes } from "../../infra/graph";
import { graphArmViews } from "../../policies/arm-view";
import { evaluateGraphPolicies } from "../../policies/evaluate-plan";
import { planText } from "../support/plan";

function fileWith(prompt: string, completion: string): string {
  return `version: 1
accounts:
  main: { name: ai-main, resourceGroup: rg-ai, location: eastus2 }
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    sku: GlobalStandard
    capacity: 10
    contentFilter: strict
contentFilters:
  strict:
    prompt: { ${prompt} }
    completion: { ${completion} }
`;
}

const complete = {
  prompt: "hate: low, sexual: low, violence: low, selfHarm: low, jailbreak: block",
  completion:
    "hate: low, sexual: low, violence: low, selfHarm: low, protectedMaterialText: block, protectedMaterialCode: block",
};

function outcome(text: string, policy: string): string | undefined {
  const plan = planText(text);
  const results = evaluateGraphPolicies(plan.graph, { context: { protect: false } });
  return results.find(
    (result) => result.policy.name === policy && result.resource.type === ResourceTypes.contentFilter,
  )?.outcome;
}

describe("policies on a content filter that leaves categories out", () => {
  it("the ARM view has no entry for a category the file leaves out", () => {
    const plan = planText(fileWith("hate: low", "hate: { threshold: medium, action: annotate }"));
    const view = graphArmViews(plan.graph).control.find(
      (c) => c.node.type === ResourceTypes.contentFilter,
    )?.view;
    expect(view?.properties.contentFilters).toEqual([
      { name: "Hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Low" },
      { name: "Hate", source: "Completion", enabled: true, blocking: false, severityThreshold: "Medium" },
    ]);
  });

  it.each([
    ["every category declared", "prompt-shields", "compliant", complete.prompt, complete.completion],
    ["the jailbreak shield left out", "prompt-shields", "non-compliant", "hate: low", complete.completion],
    [
      "every category declared",
      "content-filter-severity-floor",
      "compliant",
      complete.prompt,
      complete.completion,
    ],
    [
      "a harm category left out",
      "content-filter-severity-floor",
      "non-compliant",
      complete.prompt.replace("selfHarm: low, ", ""),
      complete.completion,
    ],
    [
      "a harm category that only annotates",
      "content-filter-severity-floor",
      "non-compliant",
      complete.prompt.replace("hate: low", "hate: { threshold: low, action: annotate }"),
      complete.completion,
    ],
  ] as const)("%s: %s is %s", (_, policy, expected, prompt, completion) => {
    expect(outcome(fileWith(prompt, completion), policy)).toBe(expected);
  });
});
