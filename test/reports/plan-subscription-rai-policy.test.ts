import { describe, expect, it } from "vitest";
import { complianceFormatters } from "../../reports/compliance/index";
import { formatPlanJson } from "../../reports/plan/json";
import { formatPlanMarkdown } from "../../reports/plan/markdown";
import { buildPlanReport, summarizePlan } from "../../reports/plan/model";
import { formatPlanText } from "../../reports/plan/text";
import { testCatalog } from "../support/catalog";
import { planText } from "../support/plan";
import { subscriptionPolicyFile } from "../support/subscription-rai-policy";
import { reportFor } from "./support";

const withSubscription = subscriptionPolicyFile.replace(
  "version: 1\n",
  "version: 1\nsubscription: 11111111-1111-1111-1111-111111111111\n",
);

function report(text = withSubscription) {
  return buildPlanReport(planText(text, undefined, "deployments.yaml", testCatalog()), {
    results: [],
    diagnostics: [],
  });
}

describe("plan: the subscription RAI policy", () => {
  it("is summarised with its type token, preview api-version, subscription and settings per side", () => {
    const baseline = summarizePlan(report().plan).subscriptionRaiPolicy;
    expect(baseline).toMatchObject({
      name: "Org-Baseline",
      subscription: "11111111-1111-1111-1111-111111111111",
      type: "azure-native:cognitiveservices:SubscriptionRaiPolicy",
      apiVersion: "2025-10-01-preview",
      preview: true,
      base: "Microsoft.DefaultV2",
      mode: "Asynchronous_filter",
      settings: [
        "prompt: hate low, violence medium, jailbreak block",
        "completion: protectedMaterialText annotate",
      ],
    });
    expect(baseline?.node.name).toBe("subscription/rai-policy/org-baseline");
  });

  it("is absent from a plan of a file that declares none", () => {
    const text = withSubscription.replace(/subscriptionRaiPolicy:\n(?: {2}.*\n)+/, "");
    expect(summarizePlan(report(text).plan).subscriptionRaiPolicy).toBeUndefined();
    expect(formatPlanText(report(text))).not.toContain("subscription RAI policy");
  });

  it("prints it in text and Markdown, saying it is preview and not counted as filtering deployments", () => {
    const text = formatPlanText(report());
    expect(text).toContain(
      "subscription RAI policy Org-Baseline in subscription 11111111-1111-1111-1111-111111111111: azure-native:cognitiveservices:SubscriptionRaiPolicy at api-version 2025-10-01-preview (preview), base Microsoft.DefaultV2, mode Asynchronous_filter\n  prompt: hate low, violence medium, jailbreak block\n  completion: protectedMaterialText annotate\n  declared baseline only:",
    );
    const markdown = formatPlanMarkdown(report());
    expect(markdown).toContain("### Subscription RAI policy <code>Org-Baseline</code>");
    expect(markdown).toContain(
      "| <code>azure-native:cognitiveservices:SubscriptionRaiPolicy</code> | <code>2025-10-01-preview</code> (preview) | <code>11111111-1111-1111-1111-111111111111</code> | <code>Microsoft.DefaultV2</code> | <code>Asynchronous_filter</code> |",
    );
    expect(markdown).toContain("- prompt: hate low, violence medium, jailbreak block");
  });

  it("without a subscription in the file, names the stack's provider subscription", () => {
    expect(formatPlanText(report(subscriptionPolicyFile))).toContain(
      "subscription RAI policy Org-Baseline in the subscription the stack's Pulumi provider writes to:",
    );
  });

  it("JSON: the resource with its type token, api-version and exact inputs", () => {
    const json = JSON.parse(formatPlanJson(report())) as { resources: Record<string, unknown>[] };
    const resource = json.resources.find((r) => r.name === "subscription/rai-policy/org-baseline");
    expect(resource).toMatchObject({
      type: "azure-native:cognitiveservices:SubscriptionRaiPolicy",
      apiVersion: "2025-10-01-preview",
      inputs: { raiPolicyName: "Org-Baseline", properties: { basePolicyName: "Microsoft.DefaultV2" } },
      dependsOn: [],
      source: { line: 19, column: 3 },
    });
  });
});

describe("compliance report: the subscription RAI policy", () => {
  it("is a resource at subscription scope, with its api-version, base, mode and tags", () => {
    const compliance = reportFor(withSubscription, { catalog: testCatalog() });
    const resource = compliance.resources.find(
      (r) => r.type === "azure-native:cognitiveservices:SubscriptionRaiPolicy",
    );
    expect(resource).toMatchObject({ kind: "subscription RAI policy", label: "Org-Baseline" });
    expect(resource?.account).toBeUndefined();
    expect(resource?.details).toEqual(
      expect.arrayContaining([
        { label: "scope", value: "subscription" },
        { label: "api-version", value: "2025-10-01-preview (preview)" },
        { label: "mode", value: "Asynchronous_filter" },
        { label: "tags", value: "owner=security" },
      ]),
    );
  });
});

describe("compliance report formats with the subscription RAI policy", () => {
  it("every format renders it without an account", () => {
    const compliance = reportFor(withSubscription, { catalog: testCatalog() });
    for (const [format, render] of Object.entries(complianceFormatters)) {
      const text = render(compliance);
      expect(text.length, format).toBeGreaterThan(0);
      if (format === "html") expect(text).toContain('scope="rowgroup">subscription</th>');
      if (format === "junit") expect(text).toContain("subscription/rai-policy/org-baseline");
    }
  });
});
