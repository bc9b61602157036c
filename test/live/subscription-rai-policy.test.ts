// The subscription's RAI policy against the ARM emulator: Azure seeded with the RaiPolicy body of the
// specification's documented example at subscription scope; read through the SDK client's own pipeline
// (the SDK has no operation for it) at the preview api-version the program writes; drift compares it, import
// writes it with its ARM id, and the imported file shows no drift.
import { describe, expect, it } from "vitest";
import type { LiveContext } from "../../live/context";
import { readAndCompare } from "../../live/drift";
import { importAccount } from "../../live/import-account";
import { formatDriftMarkdown } from "../../reports/drift/markdown";
import { formatDriftText } from "../../reports/drift/text";
import { loadReferenceExamples } from "../support/arm-emulator";
import { planText } from "../support/plan";
import { fastDeps, seedFromPlan, subscriptionId, useEmulator, workspace } from "./commands/support";

const file = `version: 1
subscription: ${subscriptionId}
accounts:
  main: { name: ai-main, resourceGroup: rg-ai, location: eastus2, create: true }
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4o, version: "2024-08-06" }
    sku: GlobalStandard
    capacity: 10
subscriptionRaiPolicy:
  name: org-baseline
  base: Microsoft.DefaultV2
  mode: Default
  prompt: { hate: low, jailbreak: block }
  completion: { violence: medium }
  tags: { owner: security }
`;

const baselinePath = `/subscriptions/${subscriptionId}/providers/Microsoft.CognitiveServices/raiPolicy/org-baseline`;

describe("the subscription RAI policy in drift and import", () => {
  const h = useEmulator();
  const context = (): LiveContext => ({
    env: { AIDEPLOY_ARM_ENDPOINT: h.emulator.baseUrl },
    cwd: workspace(),
    subscriptionId,
    ...fastDeps,
  });

  /** Azure as `pulumi up` leaves it: the account, its deployment and the baseline as the file writes it. */
  function seedAsDeclared() {
    const plan = planText(file);
    seedFromPlan(h.emulator, plan);
    const node = plan.graph.nodes.find(
      (n) => n.type === "azure-native:cognitiveservices:SubscriptionRaiPolicy",
    );
    if (node?.type !== "azure-native:cognitiveservices:SubscriptionRaiPolicy")
      throw new Error("no baseline node");
    const { raiPolicyName, properties, tags } = node.inputs;
    h.emulator.addSubscriptionRaiPolicy(subscriptionId, raiPolicyName, { ...properties }, tags);
    return plan;
  }

  /** The documented example's RaiPolicy body, at subscription scope. */
  function seedDocumented(name = "org-baseline") {
    seedFromPlan(h.emulator, planText(file));
    const { raiPolicy } = loadReferenceExamples();
    return h.emulator.addSubscriptionRaiPolicy(subscriptionId, name, raiPolicy.properties, {
      owner: "security",
    });
  }

  const baselineRequests = () =>
    h.emulator.requests.filter((r) => r.path.toLowerCase() === baselinePath.toLowerCase());

  it("finds no drift when Azure holds what the file writes, read at the preview api-version", async () => {
    const plan = seedAsDeclared();
    const { result, diagnostics } = await readAndCompare(plan, context());
    expect(diagnostics).toEqual([]);
    expect(result.drift).toEqual([]);
    const reads = baselineRequests();
    expect(reads.map((r) => [r.method, r.query["api-version"], r.status])).toEqual([
      ["GET", "2025-10-01-preview", 200],
    ]);
  });

  it("reports a changed setting per category and a changed tag", async () => {
    const plan = seedAsDeclared();
    const live = h.emulator.subscriptionRaiPolicy(subscriptionId, "org-baseline");
    if (live === undefined) throw new Error("baseline not seeded");
    const filters = (live.properties as { contentFilters: Record<string, unknown>[] }).contentFilters;
    const hate = filters.find((f) => f.name === "Hate" && f.source === "Prompt");
    if (hate) hate.severityThreshold = "High";
    live.tags = { owner: "someone" };
    const { result } = await readAndCompare(plan, context());
    expect(result.drift).toEqual([
      {
        kind: "subscriptionRaiPolicy",
        key: "subscription/org-baseline",
        status: "changed",
        fields: [
          { path: "prompt.hate", declared: "low", live: "high" },
          { path: "tags.owner", declared: "security", live: "someone" },
        ],
      },
    ]);
    expect(result.summary.changed).toBe(1);
    // Shown under the subscription, not under an account, in text; in the Markdown table with its key.
    expect(formatDriftText(result)).toContain(
      "\nsubscription\n  changed   subscription RAI policy org-baseline\n      prompt.hate: declared low, live high\n",
    );
    expect(formatDriftMarkdown(result)).toContain(
      "| changed | subscriptionRaiPolicy | `subscription/org-baseline` | `prompt.hate` | low | high |",
    );
  });

  it("reports the baseline missing when Azure has none of that name (404)", async () => {
    const plan = planText(file);
    seedFromPlan(h.emulator, plan);
    const { result, diagnostics } = await readAndCompare(plan, context());
    expect(diagnostics).toEqual([]);
    expect(result.drift).toEqual([
      { kind: "subscriptionRaiPolicy", key: "subscription/org-baseline", status: "missing", fields: [] },
    ]);
  });

  it("an Azure failure leaves its drift unknown, with a diagnostic at the key and no stack trace", async () => {
    const plan = seedAsDeclared();
    h.emulator.failNext({
      method: "GET",
      pathPattern: /raiPolicy\/org-baseline$/i,
      status: 403,
      code: "AuthorizationFailed",
      message: "no access",
    });
    const { result, diagnostics } = await readAndCompare(plan, context());
    expect(result.drift).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.path])).toEqual([
      ["live/auth", 11, "subscriptionRaiPolicy"],
    ]);
    expect(diagnostics[0]?.message).toMatch(
      /^drift unknown for the subscription RAI policy org-baseline: .*no access.*AuthorizationFailed, HTTP 403/,
    );
  });

  it("imports the documented payload as subscriptionRaiPolicy, adopted by its ARM id", async () => {
    seedDocumented();
    const { result, diagnostics } = await importAccount(
      { resourceGroup: "rg-ai", account: "ai-main", subscriptionRaiPolicy: "org-baseline" },
      context(),
    );
    if (result?.status !== "imported") throw new Error(`not imported: ${JSON.stringify(diagnostics)}`);
    const section = result.text.slice(result.text.indexOf("subscriptionRaiPolicy:"));
    expect(section).toMatch(/^subscriptionRaiPolicy:\n {2}name: org-baseline\n {2}base: Microsoft.Default\n/);
    expect(section).toContain(`  import: ${baselinePath}\n`);
    expect(section).toContain("  tags:\n    owner: security\n");
    // The example's settings in the file's terms: its disabled Hate prompt entry is "off".
    expect(section).toContain("  mode: Asynchronous_filter\n  prompt:\n    hate: off\n    sexual: high\n");
    expect(section).toContain("    profanity: block\n");
    expect(diagnostics.map((d) => d.code)).toEqual(["subscription-rai-policy/preview-api"]);
    expect(baselineRequests().map((r) => r.query["api-version"])).toEqual(["2025-10-01-preview"]);
  });

  it("round trip: the imported file shows no drift of the baseline", async () => {
    seedDocumented();
    const live = context();
    const { result } = await importAccount(
      { resourceGroup: "rg-ai", account: "ai-main", subscriptionRaiPolicy: "org-baseline" },
      live,
    );
    if (result?.status !== "imported") throw new Error("not imported");
    const plan = planText(result.text);
    expect(plan.state.subscriptionRaiPolicy?.import).toBe(baselinePath);
    const { result: drift } = await readAndCompare(plan, live);
    expect(drift.drift.filter((e) => e.kind === "subscriptionRaiPolicy")).toEqual([]);
  });

  /** A file adopting another account of the subscription, with `extra` appended (YAML at the top level). */
  const otherAccount = (extra = "") =>
    `version: 1\nsubscription: ${subscriptionId}\naccounts:\n  other: { name: ai-other, resourceGroup: rg-ai, location: eastus2, create: true }\ndeployments:\n  - name: chat\n    account: other\n    model: { format: OpenAI, name: gpt-4o, version: "2024-08-06" }\n    sku: GlobalStandard\n    capacity: 10\n${extra}environments:\n  prod:\n    protect: true\n`;

  async function importInto(text: string, name = "org-baseline") {
    const cwd = workspace({ "deployments.yaml": text });
    return importAccount(
      { resourceGroup: "rg-ai", account: "ai-main", subscriptionRaiPolicy: name, into: "deployments.yaml" },
      { ...context(), cwd },
    );
  }

  it("--into a file without a baseline: added before environments, and the merged file shows no drift of it", async () => {
    seedDocumented();
    const { result, diagnostics } = await importInto(otherAccount());
    if (result?.status !== "imported") throw new Error(`not imported: ${JSON.stringify(diagnostics)}`);
    expect(result.text).toMatch(
      /\nsubscriptionRaiPolicy:\n {2}name: org-baseline\n[\s\S]*\n {2}import: \/subscriptions\/[^\n]*raiPolicy\/org-baseline\nenvironments:\n/,
    );
    const { result: drift } = await readAndCompare(planText(result.text), context());
    expect(drift.drift.filter((e) => e.kind === "subscriptionRaiPolicy")).toEqual([]);
  });

  it("--into a file declaring the same baseline: adopted by its id, said as a change", async () => {
    seedAsDeclared();
    const declared = file.slice(file.indexOf("subscriptionRaiPolicy:"));
    const { result, diagnostics } = await importInto(otherAccount(declared));
    if (result?.status !== "imported") throw new Error(`not imported: ${JSON.stringify(diagnostics)}`);
    expect(result.text).toContain(`  tags: { owner: security }\n  import: ${baselinePath}\n`);
    expect(result.changes).toEqual([
      `subscription RAI policy "org-baseline" has the same settings in Azure: adopted (import: ${baselinePath})`,
    ]);
  });

  it("--into a file declaring another baseline or other settings: a conflict at the file's line, nothing written", async () => {
    seedDocumented();
    const other = await importInto(
      otherAccount("subscriptionRaiPolicy:\n  name: org-floor\n  prompt: { hate: low }\n"),
    );
    expect(other.result?.status).toBe("not-imported");
    expect(other.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      [
        "live/import-conflict",
        12,
        'the file already declares the subscription RAI policy "org-floor"; "org-baseline" cannot be added (a file writes one)',
      ],
    ]);
    const differing = await importInto(
      otherAccount("subscriptionRaiPolicy:\n  name: org-baseline\n  prompt: { hate: low }\n"),
    );
    expect(differing.diagnostics.map((d) => d.code)).toEqual(["live/import-conflict"]);
    expect(differing.diagnostics[0]?.message).toMatch(/declared with other settings or tags than Azure has/);
  });

  it("a name Azure does not have: nothing imported, a not-found finding naming it", async () => {
    seedDocumented();
    const { result, diagnostics } = await importAccount(
      { resourceGroup: "rg-ai", account: "ai-main", subscriptionRaiPolicy: "org-floor" },
      context(),
    );
    expect(result?.status).toBe("not-imported");
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["live/not-found", `subscription ${subscriptionId} has no RAI policy named "org-floor"`],
    ]);
  });
});
