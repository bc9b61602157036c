import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";

const typed = (name: string) => ({
  urn: `urn:pulumi:prod::aideploy::aideploy:index:AiDeployments$azure-native:cognitiveservices:Deployment::main/deployment/${name}`,
  custom: true,
  type: "azure-native:cognitiveservices:Deployment",
  inputs: {
    accountName: "contoso-ai",
    resourceGroupName: "rg-ai",
    deploymentName: name,
    sku: { name: "GlobalStandard", capacity: 10 },
    properties: { model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" } },
  },
  outputs: { name, type: "Microsoft.CognitiveServices/accounts/deployments" },
});

const typedFilter = {
  urn: "urn:pulumi:prod::aideploy::aideploy:index:AiDeployments$azure-native:cognitiveservices:RaiPolicy::main/content-filter/strict",
  custom: true,
  type: "azure-native:cognitiveservices:RaiPolicy",
  inputs: {
    accountName: "contoso-ai",
    resourceGroupName: "rg-ai",
    raiPolicyName: "strict",
    properties: { mode: "Default", contentFilters: [] },
  },
};

const account = {
  urn: "urn:pulumi:prod::aideploy::aideploy:index:AiDeployments$azure-native:cognitiveservices:Account::main",
  custom: true,
  type: "azure-native:cognitiveservices:Account",
  inputs: { accountName: "contoso-ai", resourceGroupName: "rg-ai" },
};

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-state-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("aideploy state migrate (alias migrate-deployments)", () => {
  it("completes the typed content filters' inputs with the generic resource's path inputs", async () => {
    const exported = { version: 3, deployment: { manifest: {}, resources: [account, typedFilter] } };
    const cwd = workspace({ "export.json": JSON.stringify(exported) });
    const io = memoryIO({ cwd });
    expect(await main(["state", "migrate", "export.json"], io)).toBe(0);
    const state = JSON.parse(io.out) as { deployment: { resources: unknown[] } };
    expect(state.deployment.resources).toEqual([
      account,
      {
        ...typedFilter,
        inputs: {
          ...typedFilter.inputs,
          resourceProviderNamespace: "Microsoft.CognitiveServices",
          parentResourcePath: "accounts/contoso-ai",
          resourceType: "raiPolicies",
          resourceName: "strict",
        },
      },
    ]);
    expect(io.err).toBe(
      "prepared 0 deployment(s) and 1 content filter(s) for the generic resource; run `pulumi stack import` with the result, then `pulumi up`\n",
    );
  });

  it("completes the typed deployments' inputs with the generic resource's path inputs, nothing else", async () => {
    const exported = { version: 3, deployment: { manifest: {}, resources: [account, typed("chat")] } };
    const cwd = workspace({ "export.json": JSON.stringify(exported) });
    const io = memoryIO({ cwd });
    expect(await main(["state", "migrate-deployments", "export.json"], io)).toBe(0);
    const state = JSON.parse(io.out) as typeof exported;
    expect(state.deployment.resources[0]).toEqual(account);
    expect(state.deployment.resources[1]).toEqual({
      ...typed("chat"),
      inputs: {
        ...typed("chat").inputs,
        resourceProviderNamespace: "Microsoft.CognitiveServices",
        parentResourcePath: "accounts/contoso-ai",
        resourceType: "deployments",
        resourceName: "chat",
      },
    });
    expect(io.err).toBe(
      "prepared 1 deployment(s) and 0 content filter(s) for the generic resource; run `pulumi stack import` with the result, then `pulumi up`\n",
    );
  });

  it("writes to --out, and a prepared state is left as it is", async () => {
    const exported = { version: 3, deployment: { resources: [typed("chat")] } };
    const cwd = workspace({ "export.json": JSON.stringify(exported) });
    expect(
      await main(
        ["state", "migrate-deployments", "export.json", "--out", "prepared.json"],
        memoryIO({ cwd }),
      ),
    ).toBe(0);
    const again = memoryIO({ cwd });
    expect(await main(["state", "migrate-deployments", "prepared.json"], again)).toBe(0);
    expect(JSON.parse(again.out)).toEqual(JSON.parse(readFileSync(path.join(cwd, "prepared.json"), "utf8")));
    expect(again.err).toBe("no deployment or content filter needed preparing\n");
  });

  it("a file that is not a stack export is a usage error (exit 2), no stack trace", async () => {
    const cwd = workspace({ "plan.json": JSON.stringify({ resources: [] }), "broken.json": "{" });
    const io = memoryIO({ cwd });
    expect(await main(["state", "migrate-deployments", "plan.json"], io)).toBe(2);
    expect(io.err).toContain(
      "plan.json: not a stack export: no `deployment` object (use `pulumi stack export`)",
    );
    const broken = memoryIO({ cwd });
    expect(await main(["state", "migrate-deployments", "broken.json"], broken)).toBe(2);
    expect(broken.err).toContain("cannot read broken.json: not JSON");
    expect(`${io.err}${broken.err}`).not.toMatch(/^\s+at /m);
  });
});
