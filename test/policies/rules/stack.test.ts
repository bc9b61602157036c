// Compliance / Noncompliance of the stack policies (policies/rules/stack/): rules across resources.
import { describe, expect, it } from "vitest";
import type { ResourceGraph, ResourceNode } from "../../../infra/graph";
import { ArmTypes, toArmView } from "../../../policies/arm-view";
import { evaluateGraphPolicies, policyDiagnostics } from "../../../policies/evaluate-plan";
import type { StackResource } from "../../../policies/policy";
import { accountCapacityCap } from "../../../policies/rules/stack/account-capacity-cap";
import { contentFilterOnAccount } from "../../../policies/rules/stack/content-filter-on-account";
import { planText } from "../../support/plan";
import { BASELINE, DEPLOYMENT, describeRule, type Edit, edit, FILE, locate } from "./harness";

/** A second deployment on the baseline's account, declared after the first. */
function extraDeployment(name: string, sku: string, capacity: number, account = "main"): Edit {
  return [
    "contentFilters:\n",
    `  - name: ${name}\n    account: ${account}\n    model: { format: OpenAI, name: gpt-4o-mini, version: "2024-07-18" }\n    sku: ${sku}\n    capacity: ${capacity}\n    contentFilter: strict\n    versionUpgradeOption: NoAutoUpgrade\ncontentFilters:\n`,
  ];
}

const secondAccount: Edit = [
  "deployments:\n",
  "  backup:\n    name: acct-backup\n    resourceGroup: rg-ai\n    location: eastus2\n    create: true\n    kind: AIServices\n    publicNetworkAccess: Disabled\n    disableLocalAuth: true\n    identity: SystemAssigned\ndeployments:\n",
];

describeRule("account-capacity-cap", [
  {
    name: "baseline: one deployment far below the account cap",
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "two token deployments adding up over the cap: reported on the first",
    edits: [["capacity: 10", "capacity: 60"], extraDeployment("second", "Standard", 60)],
    config: { "account-capacity-cap": { maxAccountTokenCapacity: 100 } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
    message: 'account "acct-main" adds up to 120 thousand tokens per minute, over the cap of 100',
  },
  {
    name: "the deployment that is not first is not reported again",
    edits: [["capacity: 10", "capacity: 60"], extraDeployment("second", "Standard", 60)],
    config: { "account-capacity-cap": { maxAccountTokenCapacity: 100 } },
    resource: "main/deployment/second",
    declaredBy: "name: second",
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "the same capacities on two accounts stay under each account's cap",
    edits: [
      ["capacity: 10", "capacity: 60"],
      secondAccount,
      extraDeployment("second", "Standard", 60, "backup"),
    ],
    config: { "account-capacity-cap": { maxAccountTokenCapacity: 100 } },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "provisioned deployments over the PTU cap: reported on the first provisioned one",
    edits: [
      extraDeployment("ptu-a", "GlobalProvisionedManaged", 60),
      extraDeployment("ptu-b", "GlobalProvisionedManaged", 60),
    ],
    config: { "account-capacity-cap": { maxAccountProvisionedCapacity: 100 } },
    resource: "main/deployment/ptu-a",
    declaredBy: "name: ptu-a",
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
    message: 'account "acct-main" adds up to 120 PTUs, over the cap of 100',
  },
  {
    name: "a token deployment is not blamed for the PTU sum",
    edits: [
      extraDeployment("ptu-a", "GlobalProvisionedManaged", 60),
      extraDeployment("ptu-b", "GlobalProvisionedManaged", 60),
    ],
    config: { "account-capacity-cap": { maxAccountProvisionedCapacity: 100 } },
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "mandatory when configured so",
    edits: [["capacity: 10", "capacity: 60"], extraDeployment("second", "Standard", 60)],
    config: { "account-capacity-cap": { enforcementLevel: "mandatory", maxAccountTokenCapacity: 100 } },
    resource: DEPLOYMENT,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

describeRule("content-filter-on-account", [
  {
    name: "baseline: the filter is declared and created on the account",
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "a Microsoft base policy exists on every account",
    edits: [["contentFilter: strict", "contentFilter: Microsoft.DefaultV2"]],
    resource: DEPLOYMENT,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

/** Names of deployments and filters on two accounts: `chat` uses `strict` on both. */
const twoAccounts = edit(BASELINE, secondAccount, ["    account: main\n", "    accounts: [main, backup]\n"]);

function withoutNode(graph: ResourceGraph, name: string): ResourceGraph {
  const nodes = graph.nodes.filter((n) => n.name !== name);
  if (nodes.length !== graph.nodes.length - 1) throw new Error(`no node ${name}`);
  return { ...graph, nodes };
}

function setFilterName(graph: ResourceGraph, deployment: string, filter: string): ResourceGraph {
  const nodes = graph.nodes.map((n): ResourceNode => {
    if (n.name !== deployment) return n;
    const copy = structuredClone(n);
    (copy.inputs as unknown as { properties: { raiPolicyName: string } }).properties.raiPolicyName = filter;
    return copy;
  });
  return { ...graph, nodes };
}

describe("content-filter-on-account on graphs the file cannot produce", () => {
  const plan = planText(twoAccounts, undefined, FILE);
  const evaluate = (graph: ResourceGraph) => {
    const results = evaluateGraphPolicies(graph, { context: { protect: false } });
    const mine = results.filter((r) => r.policy.name === "content-filter-on-account");
    return { results: mine, diagnostics: policyDiagnostics(mine) };
  };

  it("the planned graph has the filter on both accounts: both deployments comply", () => {
    const { results } = evaluate(plan.graph);
    const deployments = results.filter(
      (r) => r.resource.type === "azure-native:cognitiveservices:Deployment",
    );
    expect(deployments.map((r) => [r.resource.name, r.outcome])).toEqual([
      ["main/deployment/chat", "compliant"],
      ["backup/deployment/chat", "compliant"],
    ]);
  });

  it("non-compliant: the filter exists only on the other account; the error points at the deployment", () => {
    const { results, diagnostics } = evaluate(withoutNode(plan.graph, "backup/content-filter/strict"));
    const byName = new Map(results.map((r) => [r.resource.name, r]));
    expect(byName.get("main/deployment/chat")?.outcome).toBe("compliant");
    expect(byName.get("backup/deployment/chat")).toMatchObject({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "mandatory",
      message: 'content filter "strict" of deployment "chat" is not on its account',
    });
    expect(diagnostics).toEqual([
      {
        code: "policy/content-filter-on-account",
        severity: "error",
        message:
          'content filter "strict" of deployment "chat" is not on its account [AID-STK-001, mandatory]',
        file: FILE,
        ...locate(twoAccounts, "name: chat"),
        path: "deployments[0]",
        hint: contentFilterOnAccount.remediation,
      },
    ]);
  });

  it("compliant: filter names compare without regard to case, as Azure's do", () => {
    const { results } = evaluate(setFilterName(plan.graph, "backup/deployment/chat", "STRICT"));
    expect(results.find((r) => r.resource.name === "backup/deployment/chat")?.outcome).toBe("compliant");
  });

  it("non-compliant: a filter name no account has", () => {
    const { results } = evaluate(setFilterName(plan.graph, "main/deployment/chat", "lenient"));
    expect(results.find((r) => r.resource.name === "main/deployment/chat")).toMatchObject({
      outcome: "non-compliant",
      message: 'content filter "lenient" of deployment "chat" is not on its account',
    });
  });

  it("not applicable to everything but deployments, with the reason", () => {
    const { results } = evaluate(plan.graph);
    const others = results.filter((r) => r.resource.type !== "azure-native:cognitiveservices:Deployment");
    expect(others.length).toBeGreaterThan(0);
    for (const r of others)
      expect([r.outcome, r.message]).toEqual(["not-applicable", "applies to deployments"]);
  });
});

/** The rule logic called directly, on resources built through the one ARM mapping. */
function stackResource(name: string, token: string, inputs: Record<string, unknown>): StackResource {
  const view = toArmView(token, inputs);
  if (!view) throw new Error(`no ARM view of ${token}`);
  return { name, accountId: view.id.split("/").slice(0, 9).join("/"), view };
}

const deployment = (name: string, account: string, filter: string, sku = "Standard", capacity = 10) =>
  stackResource(`${account}/deployment/${name}`, "azure-native:cognitiveservices:Deployment", {
    accountName: account,
    resourceGroupName: "rg",
    deploymentName: name,
    sku: { name: sku, capacity },
    properties: { model: { format: "OpenAI", name: "gpt-4o", version: "1" }, raiPolicyName: filter },
  });
const filter = (name: string, account: string) =>
  stackResource(`${account}/content-filter/${name}`, "azure-native:cognitiveservices:RaiPolicy", {
    accountName: account,
    resourceGroupName: "rg",
    raiPolicyName: name,
    properties: { mode: "Blocking" },
  });

describe("stack rules called directly", () => {
  it("the helpers build the ARM types the rules look for", () => {
    expect([deployment("d", "a", "f").view.type, filter("f", "a").view.type]).toEqual([
      ArmTypes.deployment,
      ArmTypes.raiPolicy,
    ]);
  });

  it.each([
    {
      case: "filter on the same account",
      resources: [filter("f", "a"), deployment("d", "a", "f")],
      violations: [],
    },
    {
      case: "filter on another account",
      resources: [filter("f", "b"), deployment("d", "a", "f")],
      violations: [
        { resource: "a/deployment/d", message: 'content filter "f" of deployment "d" is not on its account' },
      ],
    },
    { case: "Microsoft.Default", resources: [deployment("d", "a", "Microsoft.Default")], violations: [] },
    {
      case: "Microsoft.DefaultV2 in other case",
      resources: [deployment("d", "a", "microsoft.defaultv2")],
      violations: [],
    },
  ])("content-filter-on-account: $case", ({ resources, violations }) => {
    expect(contentFilterOnAccount.check(resources, {})).toEqual(violations);
  });

  it.each([
    { case: "under both caps", resources: [deployment("d1", "a", "f", "Standard", 4000)], violations: [] },
    {
      case: "tokens over the default 5000",
      resources: [
        deployment("d1", "a", "f", "Standard", 3000),
        deployment("d2", "a", "f", "GlobalStandard", 3000),
      ],
      violations: [
        {
          resource: "a/deployment/d1",
          message: 'account "a" adds up to 6000 thousand tokens per minute, over the cap of 5000',
        },
      ],
    },
    {
      case: "PTUs over the default 2000, blamed on the first provisioned deployment",
      resources: [
        deployment("t", "a", "f", "Standard", 10),
        deployment("p1", "a", "f", "ProvisionedManaged", 1500),
        deployment("p2", "a", "f", "DataZoneProvisionedManaged", 600),
      ],
      violations: [
        { resource: "a/deployment/p1", message: 'account "a" adds up to 2100 PTUs, over the cap of 2000' },
      ],
    },
    {
      case: "two accounts each under the cap",
      resources: [deployment("d1", "a", "f", "Standard", 3000), deployment("d1", "b", "f", "Standard", 3000)],
      violations: [],
    },
  ])("account-capacity-cap: $case", ({ resources, violations }) => {
    expect(accountCapacityCap.check(resources, accountCapacityCap.parameters)).toEqual(violations);
  });
});
