// Project connections against the ARM emulator, through the real SDK: Azure seeded with connections shaped
// like the specification's ProjectConnection/get.json example (2025-06-01; values are this test's own);
// drift compares them, import writes them (an API key as a configuration key to set, never a value), and
// the imported file shows no drift.
import { describe, expect, it } from "vitest";
import type { LiveContext } from "../../live/context";
import { readAndCompare } from "../../live/drift";
import { importAccount } from "../../live/import-account";
import { formatDriftMarkdown } from "../../reports/drift/markdown";
import { formatDriftText } from "../../reports/drift/text";
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
      chat-app:
        connections:
          search:
            category: CognitiveSearch
            target: https://contoso-search.search.windows.net
            authType: ApiKey
            credentials: { apiKey: { config: searchKey } }
            metadata: { ApiType: Azure }
          registry:
            category: ContainerRegistry
            target: https://contosoregistry.azurecr.io
            authType: None
            expiryTime: "2027-03-15T14:30:00Z"
      evals: {}
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-08-06" }
    sku: GlobalStandard
    capacity: 10
`;

describe("project connections in drift and import", () => {
  const h = useEmulator({ pageSize: 1 });
  const context = (): LiveContext => ({
    env: { AIDEPLOY_ARM_ENDPOINT: h.emulator.baseUrl },
    cwd: workspace(),
    subscriptionId,
    ...fastDeps,
  });

  /** Azure as `pulumi up` leaves it: the account, its deployment, both projects and the two connections. */
  function seed() {
    const plan = planText(file);
    const ref = seedFromPlan(h.emulator, plan).get("main");
    if (!ref) throw new Error("account not seeded");
    h.emulator.addProject(ref, { name: "chat-app" });
    h.emulator.addProject(ref, { name: "evals" });
    h.emulator.addConnection(ref, "chat-app", {
      name: "search",
      category: "CognitiveSearch",
      target: "https://contoso-search.search.windows.net",
      authType: "ApiKey",
      metadata: { ApiType: "Azure" },
    });
    h.emulator.addConnection(ref, "chat-app", {
      name: "registry",
      category: "ContainerRegistry",
      target: "https://contosoregistry.azurecr.io",
      authType: "None",
      expiryTime: "2027-03-15T14:30:00Z",
    });
    return { plan, ref };
  }

  it("finds no drift when Azure holds the declared connections (read over several pages)", async () => {
    seed();
    const { result, diagnostics } = await readAndCompare(planText(file), context());
    expect(diagnostics).toEqual([]);
    expect(result.drift).toEqual([]);
    const listed = h.emulator.requests.filter((r) => /\/projects\/chat-app\/connections$/i.test(r.path));
    expect(listed.length).toBeGreaterThan(1);
    // Every project is asked for its connections, including one that declares none.
    expect(h.emulator.requests.some((r) => /\/projects\/evals\/connections$/i.test(r.path))).toBe(true);
  });

  it("reports a changed, a missing and an unmanaged connection field by field", async () => {
    const { plan, ref } = seed();
    const account = h.emulator.account(ref);
    const search = account?.connections.get("chat-app")?.get("search");
    if (search) {
      const properties = search.properties as Record<string, unknown>;
      properties.target = "https://elsewhere.search.windows.net";
      properties.metadata = { ApiType: "Azure", Owner: "portal" };
    }
    account?.connections.get("chat-app")?.delete("registry");
    h.emulator.addConnection(ref, "chat-app", {
      name: "portal-made",
      category: "AzureBlob",
      authType: "AAD",
    });
    // A project that declares no connections leaves its connections to whoever made them.
    h.emulator.addConnection(ref, "evals", { name: "theirs", category: "AzureBlob", authType: "AAD" });
    const { result } = await readAndCompare(plan, context());
    expect(result.drift.map((e) => [e.kind, e.key, e.status, e.fields])).toEqual([
      [
        "connection",
        "main/chat-app/search",
        "changed",
        [
          {
            path: "target",
            declared: "https://contoso-search.search.windows.net",
            live: "https://elsewhere.search.windows.net",
          },
          { path: "metadata.Owner", declared: null, live: "portal" },
        ],
      ],
      ["connection", "main/chat-app/registry", "missing", []],
      ["connection", "main/chat-app/portal-made", "unmanaged", []],
    ]);
    const text = formatDriftText(result);
    expect(text).toContain("  changed   project connection chat-app/search\n");
    expect(text).toContain(
      "      target: declared https://contoso-search.search.windows.net, live https://elsewhere.search.windows.net\n",
    );
    expect(text).toContain("  missing   project connection chat-app/registry\n");
    expect(formatDriftMarkdown(result)).toContain("chat-app/portal-made");
  });

  it("imports the connections under their project, adopted by their ARM ids; an API key becomes a config key to set", async () => {
    seed();
    const { result, diagnostics } = await importAccount(
      { resourceGroup: "rg-ai", account: "ai-main" },
      context(),
    );
    if (result?.status !== "imported") throw new Error(`not imported: ${JSON.stringify(result)}`);
    const id = `/subscriptions/${subscriptionId}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-main/projects`;
    expect(result.text).toContain(
      [
        "    projects:",
        "      chat-app:",
        "        connections:",
        "          registry:",
        "            category: ContainerRegistry",
        "            authType: None",
        "            target: https://contosoregistry.azurecr.io",
        "            expiryTime: 2027-03-15T14:30:00.000Z",
        `            import: ${id}/chat-app/connections/registry`,
        "          search:",
        "            category: CognitiveSearch",
        "            authType: ApiKey",
        "            target: https://contoso-search.search.windows.net",
        "            credentials:",
        '              # WARNING: connection "search" of project "chat-app": Azure never returns its API key, so the file names the configuration key "chat-app-search-apiKey"; set it with `pulumi config set --secret chat-app-search-apiKey <key>` before `pulumi up`, or `pulumi up` stops',
        "              apiKey:",
        "                config: chat-app-search-apiKey",
        "            metadata:",
        "              ApiType: Azure",
        `            import: ${id}/chat-app/connections/search`,
        `        import: ${id}/chat-app`,
      ].join("\n"),
    );
    const warnings = diagnostics.filter((d) => d.code === "live/import-unexpressible");
    expect(warnings.map((d) => [d.severity, d.path, d.message])).toEqual([
      [
        "warning",
        "accounts.eastus2.projects.chat-app.connections.search.credentials.apiKey",
        'connection "search" of project "chat-app": Azure never returns its API key, so the file names the configuration key "chat-app-search-apiKey"; set it with `pulumi config set --secret chat-app-search-apiKey <key>` before `pulumi up`, or `pulumi up` stops',
      ],
    ]);
  });

  it("leaves out, with a warning, a connection whose auth type the file cannot declare", async () => {
    const { ref } = seed();
    h.emulator.addConnection(ref, "chat-app", {
      name: "repo",
      category: "Git",
      target: "https://example.com/repo.git",
      authType: "PAT",
    });
    const { result, diagnostics } = await importAccount(
      { resourceGroup: "rg-ai", account: "ai-main" },
      context(),
    );
    if (result?.status !== "imported") throw new Error(`not imported: ${JSON.stringify(result)}`);
    expect(result.text).not.toContain("repo:");
    // The warning sits above the project's connections, where the connection would have been.
    expect(result.text).toContain(
      '        # WARNING: connection "repo" of project "chat-app" authenticates with PAT',
    );
    expect(diagnostics.map((d) => d.message)).toContain(
      'connection "repo" of project "chat-app" authenticates with PAT, which the file cannot declare (AAD, ApiKey, ManagedIdentity or None); left out of the file: it stays in Azure, unmanaged',
    );
  });

  it("round trip: the imported file shows no drift against the account it came from", async () => {
    seed();
    const live = context();
    const { result } = await importAccount({ resourceGroup: "rg-ai", account: "ai-main" }, live);
    if (result?.status !== "imported") throw new Error("not imported");
    const { result: drift } = await readAndCompare(planText(result.text), live);
    expect(drift.drift.filter((e) => e.kind === "connection")).toEqual([]);
    expect(drift.information.filter((e) => e.kind === "connection")).toEqual([]);
    expect(planText(result.text).state.connections?.map((c) => c.key)).toEqual([
      "eastus2/chat-app/registry",
      "eastus2/chat-app/search",
    ]);
  });
});
