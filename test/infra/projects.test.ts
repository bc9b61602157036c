import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { buildResourceGraph, type ResourceNode } from "../../infra/graph";
import { instantiateGraph } from "../../infra/instantiate";
import { stackOutputs } from "../../infra/outputs";
import { projectsState } from "../support/projects";

function byName(nodes: ResourceNode[], name: string): ResourceNode {
  const node = nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node ${name} in ${nodes.map((n) => n.name).join(", ")}`);
  return node;
}

describe("projects in the resource graph", () => {
  const graph = buildResourceGraph(projectsState());

  it("sends each project's inputs as ARM documents a project: name, location, identity, tags, properties", () => {
    const chat = byName(graph.nodes, "east/project/chat-app");
    expect(chat.type).toBe("azure-native:cognitiveservices:Project");
    expect(chat.inputs).toEqual({
      accountName: "contoso-east",
      resourceGroupName: "rg-ai",
      projectName: "chat-app",
      location: "eastus2",
      identity: { type: "SystemAssigned" },
      tags: { team: "chat" },
      properties: { displayName: "Chat app", description: "Agents of the chat application" },
    });
    expect(byName(graph.nodes, "east/project/evals").inputs).toEqual({
      accountName: "contoso-east",
      resourceGroupName: "rg-ai",
      projectName: "Evals",
      location: "eastus2",
      properties: {},
    });
  });

  it("turns on allowProjectManagement only on an account that declares projects", () => {
    const east = byName(graph.nodes, "east");
    expect(east.type).toBe("azure-native:cognitiveservices:Account");
    expect((east.inputs as { properties?: Record<string, unknown> }).properties?.allowProjectManagement).toBe(
      true,
    );
    const { projects: _declared, ...withoutProjectsState } = projectsState();
    const withoutProjects = buildResourceGraph(withoutProjectsState);
    const plain = byName(withoutProjects.nodes, "east");
    expect((plain.inputs as { properties?: Record<string, unknown> }).properties).not.toHaveProperty(
      "allowProjectManagement",
    );
  });

  it("writes projects last in their account's chain, one at a time, after the account", () => {
    const east = graph.nodes.filter((n) => n.account === "east");
    expect(east.map((n) => n.name)).toEqual([
      "east",
      "east/deployment/gpt-4o",
      "east/project/chat-app",
      "east/project/evals",
    ]);
    expect(byName(graph.nodes, "east/project/chat-app").dependsOn).toEqual([
      "east/deployment/gpt-4o",
      "east",
    ]);
    expect(byName(graph.nodes, "east/project/evals").dependsOn).toEqual(["east/project/chat-app", "east"]);
    expect(graph.nodes.filter((n) => n.account === "west").map((n) => n.name)).toEqual([
      "west/deployment/gpt-4o",
    ]);
  });

  it("protects a project like a deployment and deletes it before replacing it", () => {
    expect(byName(graph.nodes, "east/project/chat-app").options).toEqual({ deleteBeforeReplace: true });
    const state = { ...projectsState(), protect: true };
    expect(byName(buildResourceGraph(state).nodes, "east/project/chat-app").options).toEqual({
      deleteBeforeReplace: true,
      protect: true,
    });
  });
});

describe("projects in the stack outputs", () => {
  it("gives each project's endpoint on its account's subdomain", () => {
    const outputs = stackOutputs(projectsState());
    expect(outputs.accounts.east?.projects).toEqual({
      "chat-app": {
        displayName: "Chat app",
        endpoint: "https://contoso-east.services.ai.azure.com/api/projects/chat-app",
      },
      Evals: { endpoint: "https://contoso-east.services.ai.azure.com/api/projects/Evals" },
    });
    expect(outputs.accounts.west).not.toHaveProperty("projects");
  });
});

describe("projects in the Pulumi program", () => {
  it("registers each project as azure-native's typed Project with the graph's inputs", async () => {
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
    const graph = buildResourceGraph(projectsState());
    const resources = instantiateGraph(graph);
    await Promise.all([...resources.values()].map((r) => promiseOf(r.urn)));
    const chat = registrations.find((r) => r.name === "east/project/chat-app");
    expect(chat?.type).toBe("azure-native:cognitiveservices:Project");
    expect(chat?.inputs).toEqual(byName(graph.nodes, "east/project/chat-app").inputs);
  });
});

function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
