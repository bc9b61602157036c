import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { buildResourceGraph, type ResourceNode } from "../../infra/graph";
import { instantiateGraph } from "../../infra/instantiate";
import { stackOutputs } from "../../infra/outputs";
import { missingSecrets } from "../../infra/secrets";
import { toArmView } from "../../policies/arm-view";
import { connectionsState } from "../support/connections";

function byName(nodes: ResourceNode[], name: string): ResourceNode {
  const node = nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node ${name} in ${nodes.map((n) => n.name).join(", ")}`);
  return node;
}

/** Pulumi's marker of a secret value in serialized inputs. */
const PULUMI_SIG_KEY = "4dabf18193072939515e22adb298388d";
const PULUMI_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const SEARCH = "east/project/chat-app/connection/search";
const DOCS = "east/project/chat-app/connection/docs";
const AOAI = "east/project/chat-app/connection/aoai";

describe("project connections in the resource graph", () => {
  const graph = buildResourceGraph(connectionsState());

  it.each([
    {
      name: SEARCH,
      inputs: {
        accountName: "contoso-east",
        resourceGroupName: "rg-ai",
        projectName: "chat-app",
        connectionName: "search",
        properties: {
          authType: "ApiKey",
          category: "CognitiveSearch",
          target: "https://contoso-search.search.windows.net",
          metadata: { ApiType: "Azure" },
          isSharedToAll: true,
        },
      },
      secrets: [{ path: ["properties", "credentials", "key"], config: "searchKey" }],
    },
    {
      name: DOCS,
      inputs: {
        accountName: "contoso-east",
        resourceGroupName: "rg-ai",
        projectName: "chat-app",
        connectionName: "docs",
        properties: {
          authType: "AAD",
          category: "AzureBlob",
          target: "https://contosodocs.blob.core.windows.net/docs",
        },
      },
      secrets: undefined,
    },
    {
      name: AOAI,
      inputs: {
        accountName: "contoso-east",
        resourceGroupName: "rg-ai",
        projectName: "chat-app",
        connectionName: "aoai",
        properties: {
          authType: "ManagedIdentity",
          category: "AzureOpenAI",
          target: "https://contoso-aoai.openai.azure.com/",
          credentials: { clientId: "11111111-2222-3333-4444-555555555555" },
        },
      },
      secrets: undefined,
    },
  ])(
    "sends $name as a typed ProjectConnection, with a secret only as a config key",
    ({ name, inputs, secrets }) => {
      const node = byName(graph.nodes, name);
      expect(node.type).toBe("azure-native:cognitiveservices:ProjectConnection");
      expect(node.inputs).toEqual(inputs);
      expect(node.secrets).toEqual(secrets);
      expect(node.options).toEqual({ deleteBeforeReplace: true });
    },
  );

  it("writes connections right after their project, in the account's chain, one at a time", () => {
    expect(graph.nodes.filter((n) => n.account === "east").map((n) => n.name)).toEqual([
      "east",
      "east/deployment/gpt-4o",
      "east/project/chat-app",
      SEARCH,
      DOCS,
      AOAI,
      "east/project/evals",
    ]);
    expect(byName(graph.nodes, SEARCH).dependsOn).toEqual(["east/project/chat-app"]);
    expect(byName(graph.nodes, DOCS).dependsOn).toEqual([SEARCH, "east/project/chat-app"]);
    expect(byName(graph.nodes, "east/project/evals").dependsOn).toEqual([AOAI, "east"]);
  });

  it("says which secret is not set, where it is declared and how to set it", () => {
    const lines = missingSecrets(graph, () => undefined);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /:13:13: accounts\.east\.projects\.chat-app\.connections\.search reads a secret from the stack's configuration key "searchKey", which is not set; set it with `pulumi config set --secret searchKey <value>`$/,
    );
    expect(missingSecrets(graph, () => "set")).toEqual([]);
  });
});

describe("project connections in the stack outputs and the policy view", () => {
  it("lists each project's connections by name with what they reach, never a credential", () => {
    const outputs = stackOutputs(connectionsState());
    expect(outputs.accounts.east?.projects?.["chat-app"]?.connections).toEqual({
      search: {
        category: "CognitiveSearch",
        authType: "ApiKey",
        target: "https://contoso-search.search.windows.net",
      },
      docs: {
        category: "AzureBlob",
        authType: "AAD",
        target: "https://contosodocs.blob.core.windows.net/docs",
      },
      aoai: {
        category: "AzureOpenAI",
        authType: "ManagedIdentity",
        target: "https://contoso-aoai.openai.azure.com/",
      },
    });
    expect(outputs.accounts.east?.projects?.evals).not.toHaveProperty("connections");
  });

  it("gives policies the ARM connection without a secret, even from inputs that hold one", () => {
    const node = byName(buildResourceGraph(connectionsState()).nodes, SEARCH);
    const written = structuredClone(node.inputs) as unknown as Record<string, unknown>;
    (written.properties as Record<string, unknown>).credentials = { key: "s3cr3t" };
    const view = toArmView(node.type, written, "sub-1");
    expect(view).toEqual({
      id: "/subscriptions/sub-1/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-east/projects/chat-app/connections/search",
      name: "search",
      fullName: "contoso-east/chat-app/search",
      type: "Microsoft.CognitiveServices/accounts/projects/connections",
      properties: {
        authType: "ApiKey",
        category: "CognitiveSearch",
        target: "https://contoso-search.search.windows.net",
        metadata: { ApiType: "Azure" },
        isSharedToAll: true,
      },
    });
    expect(JSON.stringify(view)).not.toContain("s3cr3t");
    const aoai = byName(buildResourceGraph(connectionsState()).nodes, AOAI);
    expect(
      toArmView(aoai.type, aoai.inputs as unknown as Record<string, unknown>)?.properties.credentials,
    ).toEqual({
      clientId: "11111111-2222-3333-4444-555555555555",
    });
  });
});

describe("project connections in the Pulumi program", () => {
  it("registers each connection as azure-native's typed ProjectConnection with the API key from the stack's secret", async () => {
    const registrations: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args) {
          throw new Error(`unexpected call to ${args.token}`);
        },
      },
      "aideploy",
      "test",
      false,
    );
    const graph = buildResourceGraph(connectionsState());
    const asked: string[] = [];
    const resources = instantiateGraph(graph, {}, undefined, (key) => {
      asked.push(key);
      return pulumi.secret("key-from-config");
    });
    await Promise.all([...resources.values()].map((r) => promiseOf(r.urn)));
    expect(asked).toEqual(["searchKey"]);
    const search = registrations.find((r) => r.name === SEARCH);
    expect(search?.type).toBe("azure-native:cognitiveservices:ProjectConnection");
    // Under mocks Pulumi marks the whole `properties` input secret, since it holds the key (over gRPC only
    // the key is: program-grpc.test.ts).
    expect(search?.inputs).toEqual({
      ...byName(graph.nodes, SEARCH).inputs,
      properties: {
        [PULUMI_SIG_KEY]: PULUMI_SECRET_SIG,
        value: {
          ...(byName(graph.nodes, SEARCH).inputs as { properties: object }).properties,
          credentials: { key: "key-from-config" },
        },
      },
    });
    // The graph itself never holds the secret.
    expect(JSON.stringify(graph)).not.toContain("key-from-config");
    expect(registrations.find((r) => r.name === DOCS)?.inputs).toEqual(byName(graph.nodes, DOCS).inputs);
  });
});

function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
