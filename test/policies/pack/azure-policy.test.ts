// Users' Azure Policy in the CrossGuard pack, driven over gRPC as `pulumi preview --policy-pack policies`
// drives it: the pack reads the same policies/azure/ files as the CLI (here a temporary directory named by
// AIDEPLOY_AZURE_POLICIES), registers one policy per assignment × definition with its effect's level, and
// reports on a stack what the CLI reports on the same plan. Microsoft's built-ins are read in place and
// copied into the temporary directory only.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ResourceGraph } from "../../../infra/graph";
import { loadAzurePolicies } from "../../../policies/azure-policies";
import { evaluateGraphPolicies, policyDiagnostics } from "../../../policies/evaluate-plan";
import { azurePolicyNames } from "../../../policies/pack";
import { referenceDir, repoRoot } from "../../support/paths";
import { estateText, planText } from "../../support/plan";
import {
  AnalyzerDriver,
  engineConfiguration,
  launchPack,
  type RunningPack,
  resourcesOfNodes,
  type StandInEngine,
  startEngine,
} from "../../support/policy-analyzer";

const packDir = path.join(repoRoot, "policies");
const builtins = path.join(referenceDir, "azure-policy", "builtins", "definitions");
const SUB = "00000000-0000-0000-0000-000000000000";
const definitionId = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
const LOCAL_AUTH = "71ef260a-8f18-47b7-abcb-62d0673d94dc";
const PUBLIC_NETWORK = "0725b4dd-7e76-479c-a735-68e7ee23d5ca";
const MODIFY_LOCAL_AUTH = "14de9e63-1b31-492e-a5a3-c3f7fd57f555";
const DINE_LOCAL_AUTH = "55eff01b-f2bd-4c32-9203-db285f709d30";

const dir = mkdtempSync(path.join(tmpdir(), "aideploy-pack-azure-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function copy(file: string, as: string) {
  copyFileSync(path.join(builtins, file), path.join(dir, as));
}
function write(name: string, content: unknown) {
  writeFileSync(path.join(dir, name), JSON.stringify(content));
}
function assignment(name: string, policyDefinitionId: string, properties: Record<string, unknown> = {}) {
  return {
    id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    properties: { policyDefinitionId, ...properties },
  };
}

copy("AzureAiServices__DisableLocalAuth_Audit.json", "local-auth.json");
copy("CognitiveServices__DisablePublicNetworkAccess_Audit.json", "public-network.json");
copy("CognitiveServices__DisableLocalAuth_Modify.json", "modify-local-auth.json");
copy("AzureAiServices__DisableLocalAuth_CognitiveServices_DINE.json", "dine-local-auth.json");
write("initiative.json", {
  id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/contoso-ai`,
  name: "contoso-ai",
  properties: {
    displayName: "Contoso AI",
    parameters: { accountEffect: { type: "String", defaultValue: "Audit" } },
    policyDefinitions: [
      {
        policyDefinitionReferenceId: "keys",
        policyDefinitionId: definitionId(LOCAL_AUTH),
        parameters: { effect: { value: "Audit" } },
      },
      {
        policyDefinitionReferenceId: "9b2c1f3e-7a44-4d1e-8e0a-5c1d2b3a4f60",
        policyDefinitionId: definitionId(PUBLIC_NETWORK),
        parameters: { effect: { value: "[parameters('accountEffect')]" } },
      },
    ],
  },
});
write(
  "assign-initiative.json",
  assignment(
    "contoso-ai",
    `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/contoso-ai`,
    {
      parameters: { accountEffect: { value: "Deny" } },
    },
  ),
);
write("assign-modify.json", assignment("set-local-auth", definitionId(MODIFY_LOCAL_AUTH)));
write(
  "assign-dine.json",
  assignment("dine-local-auth", definitionId(DINE_LOCAL_AUTH), { enforcementMode: "DoNotEnforce" }),
);

/** The bundled file with both accounts open to the public network, and the first allowing keys. */
const text = estateText()
  .replace(
    "    publicNetworkAccess: Disabled\n    disableLocalAuth: true\n",
    "    publicNetworkAccess: Enabled\n    disableLocalAuth: false\n",
  )
  .replace("    publicNetworkAccess: Disabled\n", "    publicNetworkAccess: Enabled\n");
const plan = planText(text);

let engine: StandInEngine | undefined;
let pack: RunningPack | undefined;
let driver: AnalyzerDriver | undefined;

async function startPack() {
  engine = await startEngine();
  process.env.AIDEPLOY_AZURE_POLICIES = dir;
  try {
    pack = await launchPack(packDir, engine.address);
  } finally {
    delete process.env.AIDEPLOY_AZURE_POLICIES;
  }
  driver = new AnalyzerDriver(pack.address);
  const info = await driver.analyzerInfo();
  await driver.configure(engineConfiguration(info, {}));
  return { driver, info };
}

afterEach(async () => {
  driver?.close();
  await pack?.stop();
  await engine?.close();
  driver = undefined;
  pack = undefined;
  engine = undefined;
});

const { units, diagnostics: loadProblems } = loadAzurePolicies(dir);
const names = azurePolicyNames(units);
const nameOf = new Map(units.map((u, i) => [u.id, names[i]]));

describe("the pack enforces the users' Azure Policy", () => {
  it("registers one policy per assignment × definition, its level from the effect", async () => {
    expect(loadProblems).toEqual([]);
    const { info } = await startPack();
    const azure = info.policies
      .filter((p) => p.name.startsWith("azure-policy-"))
      .map((p) => [p.name, p.enforcementLevel]);
    expect(azure.sort()).toEqual(
      [
        // Audit: advisory.
        ["azure-policy-keys", "advisory"],
        // A GUID reference id: the code comes from the definition's display name. Deny: mandatory.
        [
          "azure-policy-deprecated-cognitive-services-accounts-should-disable-public-network-access",
          "mandatory",
        ],
        // Modify is applied by Azure, DeployIfNotExists under DoNotEnforce only reports: advisory.
        [nameOf.get(`set-local-auth/${MODIFY_LOCAL_AUTH}`), "advisory"],
        [nameOf.get(`dine-local-auth/${DINE_LOCAL_AUTH}`), "advisory"],
      ].sort(),
    );
  });

  it("reports on the stack what the CLI reports on the same plan, at the same levels", async () => {
    const offline = evaluateGraphPolicies(plan.graph, {
      context: { protect: false },
      azureUnits: units,
      subscription: SUB,
      policies: [],
    });
    // What the CLI shows (policyDiagnostics), at the level CrossGuard has for it: mandatory blocks;
    // advisory, remediate (Azure changes the resource) and DoNotEnforce findings report.
    const shown = policyDiagnostics(offline).length;
    const expected = offline
      .filter((r) => (r.outcome === "non-compliant" || r.outcome === "error") && r.enforcement !== "disabled")
      .map(
        (r) =>
          `${nameOf.get(r.policy.id)}|${r.resource.name}|${r.enforcement === "mandatory" ? "mandatory" : "advisory"}`,
      )
      .sort();
    expect(expected).toHaveLength(shown);
    expect(expected.length).toBeGreaterThanOrEqual(3);

    const { driver } = await startPack();
    const resources = resourcesOfNodes((plan.graph as ResourceGraph).nodes);
    const byUrn = new Map(resources.map((r) => [r.urn, r.name]));
    const { diagnostics } = await driver.analyzeStack(resources);
    const reported = diagnostics
      .filter((d) => d.policyName.startsWith("azure-policy-"))
      .map((d) => `${d.policyName}|${byUrn.get(d.urn)}|${d.enforcementLevel}`)
      .sort();
    expect(reported).toEqual(expected);
    // The Deny finding blocks; the Modify notice says what Azure changes, and the Audit of keys does not
    // fire on the account Azure modifies.
    expect(reported.filter((r) => r.startsWith("azure-policy-keys|"))).toEqual([]);
    expect(reported).toContain(
      "azure-policy-deprecated-cognitive-services-accounts-should-disable-public-network-access|swedencentral|mandatory",
    );
    const notice = diagnostics.find((d) => d.message.includes("Azure will change"));
    expect(notice?.message).toContain(
      "addOrReplace Microsoft.CognitiveServices/accounts/disableLocalAuth = true",
    );
  });
});
