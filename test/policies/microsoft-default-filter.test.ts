// A deployment on Microsoft's default content filter (no filter of its own) is seen by data-plane Azure
// Policy with the settings that filter has as documented: Microsoft's "Guardrail for Cognitive Services
// Deployments" initiative, read in place from ../shared/reference, passes it where the documented
// defaults meet the initiative's defaults and flags it where they do not. Microsoft.Default's settings are
// not documented: its deployments show no filter, as before.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ResourceTypes } from "../../infra/graph";
import { graphArmViews } from "../../policies/arm-view";
import { loadAzurePolicies } from "../../policies/azure-policies";
import { evaluateGraphPolicies } from "../../policies/evaluate-plan";
import { referenceDir } from "../support/paths";
import { planText } from "../support/plan";

const builtIns = path.join(referenceDir, "azure-policy", "builtins");

function fileOn(filter: string): string {
  return `version: 1
accounts:
  main: { name: ai-main, resourceGroup: rg-ai, location: eastus2 }
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    sku: GlobalStandard
    capacity: 10
    contentFilter: ${filter}
`;
}

/** The outcome of every member of the Guardrail initiative on the deployment, by reference id. */
function guardrailOutcomes(filter: string): Record<string, string> {
  // The initiative, unassigned, is enforced with its defaults (other built-ins there need parameters).
  const { units, diagnostics } = loadAzurePolicies(builtIns);
  expect(diagnostics.filter((d) => d.file.includes("initiatives"))).toEqual([]);
  const guardrail = units.filter(
    (u) =>
      u.id.startsWith("CognitiveServices Content Filter Control") ||
      u.id.startsWith("CognitiveServices guardrail mode"),
  );
  expect(guardrail).toHaveLength(12);
  const plan = planText(fileOn(filter));
  const results = evaluateGraphPolicies(plan.graph, {
    context: { protect: false },
    policies: [],
    azureUnits: guardrail,
  });
  return Object.fromEntries(
    results
      .filter((r) => r.resource.type === ResourceTypes.deployment)
      .map((r) => [r.policy.id.replace(/^CognitiveServices /, ""), r.outcome]),
  );
}

describe("data-plane view of a deployment on Microsoft's default content filter", () => {
  it("shows Microsoft.DefaultV2's documented settings: medium harm thresholds, jailbreak, protected material", () => {
    const plan = planText(fileOn("Microsoft.DefaultV2"));
    const view = graphArmViews(plan.graph).dataPlane.find(
      (d) => d.node.name === "main/deployment/chat",
    )?.view;
    expect(view?.properties.raiPolicy).toEqual({
      name: "Microsoft.DefaultV2",
      mode: "Default",
      contentFilters: [
        { name: "Hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
        { name: "Hate", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
        { name: "Sexual", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
        { name: "Sexual", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
        { name: "Violence", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
        {
          name: "Violence",
          source: "Completion",
          enabled: true,
          blocking: true,
          severityThreshold: "Medium",
        },
        { name: "Selfharm", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
        {
          name: "Selfharm",
          source: "Completion",
          enabled: true,
          blocking: true,
          severityThreshold: "Medium",
        },
        { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
        { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
        { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
      ],
      customBlocklists: [],
    });
  });

  it("shows no filter for Microsoft.Default, whose settings are not documented", () => {
    const plan = planText(fileOn("Microsoft.Default"));
    const view = graphArmViews(plan.graph).dataPlane.find(
      (d) => d.node.name === "main/deployment/chat",
    )?.view;
    expect(view?.properties).not.toHaveProperty("raiPolicy");
  });

  it("Microsoft.DefaultV2 complies with the Guardrail initiative where its documented defaults meet it", () => {
    expect(guardrailOutcomes("Microsoft.DefaultV2")).toEqual({
      "Content Filter Control on Sexual for Model Deployments": "compliant",
      "Content Filter Control on Hate for Model Deployments": "compliant",
      "Content Filter Control on Violence for Model Deployments": "compliant",
      "Content Filter Control on Self-harm for Model Deployments": "compliant",
      "Content Filter Control on Jailbreak for Model Deployments": "compliant",
      "Content Filter Control on Protected Material Code for Model Deployments": "compliant",
      "Content Filter Control on Protected Material Text for Model Deployments": "compliant",
      "guardrail mode for Model Deployments": "compliant",
      // Not among the documented defaults of text models: a filter of one's own must add them.
      "Content Filter Control on Profanity for Model Deployments - Prompt": "non-compliant",
      "Content Filter Control on Profanity for Model Deployments - Completion": "non-compliant",
      "Content Filter Control on Spotlighting for Model Deployments": "non-compliant",
      "Content Filter Control on XPIA for Model Deployments": "non-compliant",
    });
  });

  it("Microsoft.Default is flagged by the harm-category controls: nothing known is not a pass", () => {
    const outcomes = guardrailOutcomes("Microsoft.Default");
    expect(outcomes["Content Filter Control on Hate for Model Deployments"]).toBe("non-compliant");
    expect(outcomes["Content Filter Control on Jailbreak for Model Deployments"]).toBe("non-compliant");
  });

  it("a filter of one's own that declares spotlighting and the indirect attack shield passes those controls", () => {
    const text = `${fileOn("own")}contentFilters:
  own:
    prompt: { jailbreak: block, indirectAttack: block, indirectAttackSpotlighting: block, profanity: block }
    completion: { profanity: block }
`;
    const { units } = loadAzurePolicies(builtIns);
    const plan = planText(text);
    const results = evaluateGraphPolicies(plan.graph, {
      context: { protect: false },
      policies: [],
      azureUnits: units,
    });
    const outcome = (id: string) =>
      results.find((r) => r.policy.id === id && r.resource.type === ResourceTypes.deployment)?.outcome;
    expect(outcome("CognitiveServices Content Filter Control on Spotlighting for Model Deployments")).toBe(
      "compliant",
    );
    expect(outcome("CognitiveServices Content Filter Control on XPIA for Model Deployments")).toBe(
      "compliant",
    );
    expect(outcome("CognitiveServices Content Filter Control on Hate for Model Deployments")).toBe(
      "non-compliant",
    );
  });
});
