import { describe, expect, it } from "vitest";
import { buildResourceGraph } from "../../infra/graph";
import { ArmTypes, toArmView } from "../../policies/arm-view";
import { type ArmResource, evaluatePolicy } from "../../policies/evaluator/index";
import { projectsState } from "../support/projects";
import { ruleDefinition } from "./evaluator/support";

function projectView() {
  const node = buildResourceGraph(projectsState()).nodes.find((n) => n.name === "east/project/chat-app");
  if (!node) throw new Error("no project node");
  return toArmView(node.type, node.inputs as unknown as Record<string, unknown>);
}

/** A custom definition on projects: audit one without a display name. */
const auditUnnamed = ruleDefinition({
  allOf: [
    { field: "type", equals: "Microsoft.CognitiveServices/accounts/projects" },
    { field: "Microsoft.CognitiveServices/accounts/projects/displayName", exists: false },
  ],
});

describe("projects in the ARM view that Azure Policy reads", () => {
  it("shows a project as ARM's accounts/projects child with its id, location, identity, tags and properties", () => {
    expect(projectView()).toEqual({
      id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-east/projects/chat-app",
      name: "chat-app",
      fullName: "contoso-east/chat-app",
      type: ArmTypes.project,
      location: "eastus2",
      tags: { team: "chat" },
      identity: { type: "SystemAssigned" },
      properties: { displayName: "Chat app", description: "Agents of the chat application" },
    });
  });

  it("lets a definition read a project's fields through Azure's project aliases", () => {
    const named = projectView() as unknown as ArmResource;
    expect(evaluatePolicy(auditUnnamed, named).outcome).toBe("compliant");
    const unnamed = { ...named, properties: { description: "x" } } as unknown as ArmResource;
    expect(evaluatePolicy(auditUnnamed, unnamed).outcome).toBe("non-compliant");
  });

  it("writes user-assigned identities as ARM's map keyed by id (azure-native takes a list)", () => {
    const id =
      "/subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agents";
    const view = toArmView("azure-native:cognitiveservices:Project", {
      accountName: "contoso-east",
      resourceGroupName: "rg-ai",
      projectName: "agents",
      identity: { type: "UserAssigned", userAssignedIdentities: [id] },
      properties: {},
    });
    expect(view?.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: { [id]: {} } });
  });
});
