import { describe, expect, it } from "vitest";
import { describeLiveFailure } from "../../live/errors";
import {
  getPolicyDefinition,
  getPolicySetDefinition,
  listPolicyAssignments,
  parseDefinitionId,
} from "../../live/read";
import { seedPolicyReference } from "../support/arm-emulator";
import { useHarness } from "./harness";

const localAuthId =
  "/providers/Microsoft.Authorization/policyDefinitions/71ef260a-8f18-47b7-abcb-62d0673d94dc";

describe("Azure Policy reads through the real PolicyClient", () => {
  const h = useHarness({ pageSize: 2 });

  function seedAssignments() {
    const subscription = `/subscriptions/${h.emulator.subscriptionId}`;
    h.emulator.setManagementGroups(h.emulator.subscriptionId, ["corp"]);
    const assign = (scope: string, name: string, definition = localAuthId) =>
      h.emulator.addPolicyAssignment({
        scope,
        name,
        properties: {
          displayName: name,
          policyDefinitionId: definition,
          parameters: { effect: { value: "Deny" } },
        },
      });
    assign("/providers/Microsoft.Management/managementGroups/corp", "mg-wide");
    assign(subscription, "sub-wide");
    assign(`${subscription}/resourceGroups/rg-ai`, "rg-ai");
    assign(
      `${subscription}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-prod`,
      "one-account",
    );
    assign(`${subscription}/resourceGroups/rg-web`, "rg-web");
    assign("/subscriptions/99999999-9999-9999-9999-999999999999", "elsewhere");
  }

  it("lists assignments of the subscription (inherited, own and below) across pages", async () => {
    seedAssignments();
    const names = (await listPolicyAssignments(h.policyClient)).map((assignment) => assignment.name).sort();
    expect(names).toEqual(["mg-wide", "one-account", "rg-ai", "rg-web", "sub-wide"]);
    const calls = h.emulator.requestsMatching({ pathPattern: "/policyAssignments" });
    expect(calls).toHaveLength(3);
    expect(calls[0]?.query["api-version"]).toBe("2024-05-01");
  });

  it("lists assignments that apply to a resource group, with ARM's atScope() filter", async () => {
    seedAssignments();
    const all = await listPolicyAssignments(h.policyClient, { resourceGroup: "rg-ai" });
    expect(all.map((assignment) => assignment.name).sort()).toEqual([
      "mg-wide",
      "one-account",
      "rg-ai",
      "sub-wide",
    ]);
    const atScope = await listPolicyAssignments(h.policyClient, {
      resourceGroup: "rg-ai",
      filter: "atScope()",
    });
    expect(atScope.map((assignment) => assignment.name).sort()).toEqual(["mg-wide", "rg-ai", "sub-wide"]);
    // In the shape ARM returns an assignment: its settings under `properties`.
    expect(atScope.find((assignment) => assignment.name === "rg-ai")).toEqual({
      id: `/subscriptions/${h.emulator.subscriptionId}/resourceGroups/rg-ai/providers/Microsoft.Authorization/policyAssignments/rg-ai`,
      name: "rg-ai",
      type: "Microsoft.Authorization/policyAssignments",
      properties: {
        scope: `/subscriptions/${h.emulator.subscriptionId}/resourceGroups/rg-ai`,
        policyDefinitionId: localAuthId,
        displayName: "rg-ai",
        enforcementMode: "Default",
        notScopes: [],
        parameters: { effect: { value: "Deny" } },
      },
    });
  });

  it("gets one assignment by scope and name", async () => {
    seedAssignments();
    const assignment = await h.policyClient.policyAssignments.get(
      `/subscriptions/${h.emulator.subscriptionId}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-prod`,
      "one-account",
    );
    expect(assignment.policyDefinitionId).toBe(localAuthId);
  });

  it("gets built-in and custom definitions in the shape Azure stores them", async () => {
    seedPolicyReference(h.emulator);
    const builtIn = await getPolicyDefinition(h.policyClient, localAuthId);
    expect(builtIn).toMatchObject({
      id: localAuthId,
      name: "71ef260a-8f18-47b7-abcb-62d0673d94dc",
      type: "Microsoft.Authorization/policyDefinitions",
      properties: { policyType: "BuiltIn", mode: "Indexed" },
    });
    expect(JSON.stringify(builtIn.properties.policyRule)).toContain(`"effect":"[parameters('effect')]"`);
    const custom = await getPolicyDefinition(
      h.policyClient,
      `/subscriptions/${h.emulator.subscriptionId}/providers/Microsoft.Authorization/policyDefinitions/d3eaceb3-3727-4260-a4ce-a968f69d70e5`,
    );
    expect(custom.properties).toMatchObject({ policyType: "Custom", mode: "All" });
    expect(h.emulator.requests.map((request) => request.path)).toEqual([
      localAuthId,
      `/subscriptions/${h.emulator.subscriptionId}/providers/Microsoft.Authorization/policyDefinitions/d3eaceb3-3727-4260-a4ce-a968f69d70e5`,
    ]);
  });

  it("gets set definitions at a management group and built-in", async () => {
    const setProperties = {
      displayName: "AI baseline",
      policyDefinitions: [{ policyDefinitionId: localAuthId, policyDefinitionReferenceId: "localAuth" }],
    };
    const atGroup = h.emulator.addPolicySetDefinition({
      name: "ai-baseline",
      managementGroupId: "corp",
      properties: setProperties,
    });
    const builtIn = h.emulator.addPolicySetDefinition({ name: "builtin-set", properties: setProperties });
    const fromGroup = await getPolicySetDefinition(h.policyClient, atGroup.id);
    expect(fromGroup.properties).toMatchObject({
      policyType: "Custom",
      policyDefinitions: [{ policyDefinitionId: localAuthId }],
    });
    expect((await getPolicySetDefinition(h.policyClient, builtIn.id)).properties.policyType).toBe("BuiltIn");
  });

  it("answers 404 PolicyDefinitionNotFound for an unknown definition", async () => {
    const error = await getPolicyDefinition(
      h.policyClient,
      "/providers/Microsoft.Authorization/policyDefinitions/nope",
    ).catch((e: unknown) => e);
    expect(describeLiveFailure(error)).toMatchObject({
      code: "live/not-found",
      azureCode: "PolicyDefinitionNotFound",
    });
  });

  it("parses definition ids", () => {
    expect(parseDefinitionId(localAuthId)).toEqual({
      kind: "builtIn",
      name: "71ef260a-8f18-47b7-abcb-62d0673d94dc",
    });
    expect(
      parseDefinitionId(
        "/providers/Microsoft.Management/managementGroups/corp/providers/Microsoft.Authorization/policySetDefinitions/x",
      ),
    ).toEqual({
      kind: "managementGroup",
      managementGroupId: "corp",
      name: "x",
    });
    expect(
      parseDefinitionId("/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/x"),
    ).toBeUndefined();
  });
});
