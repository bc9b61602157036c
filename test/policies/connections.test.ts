import { describe, expect, it } from "vitest";
import { buildResourceGraph } from "../../infra/graph";
import { ArmTypes, toArmView } from "../../policies/arm-view";
import { type ArmResource, evaluatePolicy } from "../../policies/evaluator/index";
import { connectionsState } from "../support/connections";
import { ruleDefinition } from "./evaluator/support";

function connectionView(name: string): ArmResource {
  const node = buildResourceGraph(connectionsState()).nodes.find(
    (n) => n.name === `east/project/chat-app/connection/${name}`,
  );
  if (!node) throw new Error(`no connection node ${name}`);
  return toArmView(node.type, node.inputs as unknown as Record<string, unknown>) as unknown as ArmResource;
}

/** A custom definition on project connections: flag one authenticated by an API key. */
const auditApiKeys = ruleDefinition({
  allOf: [
    { field: "type", equals: "Microsoft.CognitiveServices/accounts/projects/connections" },
    { field: "Microsoft.CognitiveServices/accounts/projects/connections/authType", equals: "ApiKey" },
  ],
});

/** Audit a connection whose managed identity names no client id. */
const auditNoClientId = ruleDefinition({
  allOf: [
    { field: "type", equals: "Microsoft.CognitiveServices/accounts/projects/connections" },
    {
      field: "Microsoft.CognitiveServices/accounts/projects/connections/authType",
      equals: "ManagedIdentity",
    },
    {
      field: "Microsoft.CognitiveServices/accounts/projects/connections/ManagedIdentity.credentials.clientId",
      exists: false,
    },
  ],
});

describe("project connections in the ARM view that Azure Policy reads", () => {
  it("shows a connection as ARM's accounts/projects/connections child with its properties", () => {
    expect(connectionView("docs")).toEqual({
      id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-east/projects/chat-app/connections/docs",
      name: "docs",
      fullName: "contoso-east/chat-app/docs",
      type: ArmTypes.projectConnection,
      properties: {
        authType: "AAD",
        category: "AzureBlob",
        target: "https://contosodocs.blob.core.windows.net/docs",
      },
    });
  });

  it("lets a definition read a connection's auth type through Azure's connection aliases", () => {
    expect(evaluatePolicy(auditApiKeys, connectionView("search")).outcome).toBe("non-compliant");
    expect(evaluatePolicy(auditApiKeys, connectionView("docs")).outcome).toBe("compliant");
    expect(evaluatePolicy(auditApiKeys, connectionView("aoai")).outcome).toBe("compliant");
  });

  it("lets a definition read a managed identity's plain credential fields", () => {
    const aoai = connectionView("aoai");
    expect(evaluatePolicy(auditNoClientId, aoai).outcome).toBe("compliant");
    const withoutClientId = {
      ...aoai,
      properties: { ...(aoai.properties as object), credentials: {} },
    } as ArmResource;
    expect(evaluatePolicy(auditNoClientId, withoutClientId).outcome).toBe("non-compliant");
  });
});
