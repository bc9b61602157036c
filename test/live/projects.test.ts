// Foundry projects against the ARM emulator, through the real SDK: Azure seeded with projects shaped like
// the specification's GetProject.json example; drift compares them, import writes them, and the imported
// file shows no drift.
import { describe, expect, it } from "vitest";
import type { LiveContext } from "../../live/context";
import { readAndCompare } from "../../live/drift";
import { importAccount } from "../../live/import-account";
import { planText } from "../support/plan";
import { fastDeps, seedFromPlan, subscriptionId, useEmulator, workspace } from "./commands/support";

const file = `version: 1
subscription: ${subscriptionId}
accounts:
  main:
    name: ai-main
    resourceGroup: rg-ai
    location: eastus2
    create: true
    projects:
      chat-app: { displayName: Chat app, description: Agents of the chat application, identity: SystemAssigned, tags: { team: chat } }
      evals: {}
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-08-06" }
    sku: GlobalStandard
    capacity: 10
`;

describe("projects in drift and import", () => {
  const h = useEmulator({ pageSize: 1 });
  const context = (): LiveContext => ({
    env: { AIDEPLOY_ARM_ENDPOINT: h.emulator.baseUrl },
    cwd: workspace(),
    subscriptionId,
    ...fastDeps,
  });

  /** Azure as `pulumi up` leaves it: the account, its deployment and both projects. */
  function seed() {
    const plan = planText(file);
    const ref = seedFromPlan(h.emulator, plan).get("main");
    if (!ref) throw new Error("account not seeded");
    h.emulator.addProject(ref, {
      name: "chat-app",
      displayName: "Chat app",
      description: "Agents of the chat application",
      identity: { type: "SystemAssigned" },
      tags: { team: "chat" },
    });
    h.emulator.addProject(ref, { name: "evals" });
    return { plan, ref };
  }

  it("never asks an Azure OpenAI account for projects (that kind holds none)", async () => {
    const openai = file
      .replace("    create: true\n", "    create: true\n    kind: OpenAI\n")
      .replace(/ {4}projects:\n(?: {6}.*\n)+/, "");
    const plan = planText(openai);
    seedFromPlan(h.emulator, plan);
    const { result, diagnostics } = await readAndCompare(plan, context());
    expect(diagnostics).toEqual([]);
    expect(result.drift).toEqual([]);
    expect(h.emulator.requests.filter((r) => /\/projects\b/i.test(r.path))).toEqual([]);
    expect(h.emulator.requests.filter((r) => /\/deployments\b/i.test(r.path)).length).toBeGreaterThan(0);
  });

  it("finds no drift when Azure holds the declared projects (read over several pages)", async () => {
    const { plan } = seed();
    const { result, diagnostics } = await readAndCompare(plan, context());
    expect(diagnostics).toEqual([]);
    expect(result.drift).toEqual([]);
    expect(h.emulator.requests.filter((r) => /\/projects\b/i.test(r.path)).length).toBeGreaterThan(1);
  });

  it("reports a changed, a missing and an unmanaged project field by field", async () => {
    const { plan, ref } = seed();
    const account = h.emulator.account(ref);
    const chat = account?.projects.get("chat-app");
    if (chat) {
      (chat.properties as Record<string, unknown>).displayName = "Chat";
      chat.tags = { team: "chat", owner: "someone" };
    }
    account?.projects.delete("evals");
    h.emulator.addProject(ref, { name: "portal-made" });
    const { result } = await readAndCompare(plan, context());
    expect(result.drift.map((e) => [e.kind, e.key, e.status, e.fields])).toEqual([
      [
        "project",
        "main/chat-app",
        "changed",
        [
          { path: "displayName", declared: "Chat app", live: "Chat" },
          { path: "tags.owner", declared: null, live: "someone" },
        ],
      ],
      ["project", "main/evals", "missing", []],
      ["project", "main/portal-made", "unmanaged", []],
    ]);
  });

  it("imports the projects under their account, adopted by their ARM ids", async () => {
    seed();
    const { result } = await importAccount({ resourceGroup: "rg-ai", account: "ai-main" }, context());
    if (result?.status !== "imported") throw new Error(`not imported: ${JSON.stringify(result)}`);
    const id = `/subscriptions/${subscriptionId}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-main/projects`;
    expect(result.text).toContain(
      [
        "    projects:",
        "      chat-app:",
        "        displayName: Chat app",
        "        description: Agents of the chat application",
        "        identity: SystemAssigned",
        "        tags:",
        "          team: chat",
        `        import: ${id}/chat-app`,
        "      evals:",
        `        import: ${id}/evals`,
      ].join("\n"),
    );
  });

  it("round trip: the imported file shows no drift against the account it came from", async () => {
    seed();
    const live = context();
    const { result } = await importAccount({ resourceGroup: "rg-ai", account: "ai-main" }, live);
    if (result?.status !== "imported") throw new Error("not imported");
    const { result: drift } = await readAndCompare(planText(result.text), live);
    expect(drift.drift.filter((e) => e.kind === "project")).toEqual([]);
    expect(drift.information.filter((e) => e.kind === "project")).toEqual([]);
  });

  it("user-assigned identities: imported, compared as a set of ARM ids, a removed one is drift", async () => {
    const plan = planText(file);
    const ref = seedFromPlan(h.emulator, plan).get("main");
    if (!ref) throw new Error("account not seeded");
    const identities = `/subscriptions/${subscriptionId}/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
    // ARM's shape: a map keyed by identity id, with the principal and client ids Azure fills in.
    h.emulator.addProject(ref, {
      name: "agents",
      identity: {
        type: "SystemAssigned, UserAssigned",
        userAssignedIdentities: {
          [`${identities}/agents`]: { principalId: "p-1", clientId: "c-1" },
          [`${identities}/tools`]: { principalId: "p-2", clientId: "c-2" },
        },
      },
    });
    const live = context();
    const { result } = await importAccount({ resourceGroup: "rg-ai", account: "ai-main" }, live);
    if (result?.status !== "imported") throw new Error("not imported");
    expect(result.text).toContain(
      [
        "      agents:",
        "        identity: SystemAssigned, UserAssigned",
        "        userAssignedIdentities:",
        `          - ${identities}/agents`,
        `          - ${identities}/tools`,
      ].join("\n"),
    );
    const imported = planText(result.text);
    const node = imported.graph.nodes.find((n) => n.name.endsWith("/project/agents"));
    if (!node) throw new Error("the imported file declares no project agents");
    expect((node.inputs as { identity?: unknown }).identity).toEqual({
      type: "SystemAssigned, UserAssigned",
      userAssignedIdentities: [`${identities}/agents`, `${identities}/tools`],
    });
    const clean = await readAndCompare(imported, live);
    expect(clean.result.drift.filter((e) => e.kind === "project")).toEqual([]);

    const project = h.emulator.account(ref)?.projects.get("agents");
    (project?.identity as { userAssignedIdentities: Record<string, unknown> }).userAssignedIdentities = {
      [`${identities}/AGENTS`]: {},
    };
    const { result: drift } = await readAndCompare(imported, live);
    const accountKey = node.account;
    expect(drift.drift.filter((e) => e.kind === "project")).toEqual([
      {
        kind: "project",
        key: `${accountKey}/agents`,
        status: "changed",
        fields: [
          {
            path: "userAssignedIdentities",
            declared: [`${identities}/agents`, `${identities}/tools`],
            live: [`${identities}/AGENTS`],
          },
        ],
      },
    ]);
  });
});
