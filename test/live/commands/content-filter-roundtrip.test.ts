import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registerDrift } from "../../../cli/commands/drift";
import { registerImport } from "../../../cli/commands/import";
import { ResourceTypes } from "../../../infra/graph";
import type { DriftReport } from "../../../live/drift";
import {
  type AccountRef,
  actionStates,
  harmStates,
  seedContentFilterVariants,
  seedFromReference,
} from "../../support/arm-emulator";
import { planText } from "../../support/plan";
import { run, subscriptionId, useEmulator, withDeps, workspace } from "./support";

const registrations = [withDeps(registerImport), withDeps(registerDrift)];

type Entry = Record<string, unknown>;

/** An entry as it filters: a disabled entry's blocking flag and threshold mean nothing to Azure. */
function effective(entry: Entry): string {
  const { name, source, enabled, blocking, severityThreshold } = entry;
  const key = `${String(name).toLowerCase()}|${String(source).toLowerCase()}`;
  if (enabled !== true) return `${key}|off`;
  return `${key}|${blocking === true ? "block" : "annotate"}|${String(severityThreshold ?? "").toLowerCase()}`;
}

function entrySet(entries: readonly unknown[]): string[] {
  return (entries as Entry[]).map(effective).sort();
}

function listSet(entries: readonly unknown[]): string[] {
  return (entries as Entry[])
    .map((entry) => `${String(entry.blocklistName)}|${String(entry.source)}|${entry.blocking === true}`)
    .sort();
}

/** Imports one account into imported.yaml, then runs drift on that file. */
async function importThenDrift(
  emulator: Parameters<typeof run>[2]["emulator"],
  account: { resourceGroup: string; name: string },
) {
  const cwd = workspace();
  const imported = await run(
    [
      "import",
      "--subscription",
      subscriptionId,
      "--resource-group",
      account.resourceGroup,
      "--account",
      account.name,
      "--out",
      "imported.yaml",
    ],
    registrations,
    { cwd, ...(emulator ? { emulator } : {}) },
  );
  const text = readFileSync(path.join(cwd, "imported.yaml"), "utf8");
  const drift = await run(["drift", "imported.yaml", "--format", "json"], registrations, {
    cwd,
    ...(emulator ? { emulator } : {}),
  });
  return { imported, text, drift, report: JSON.parse(drift.out) as DriftReport };
}

describe("import, then drift: content filters as Azure holds them", () => {
  const h = useEmulator({ pageSize: 5 });
  const account = { resourceGroup: "rg-ai", name: "ai-filters", location: "eastus2" };

  function seedVariants(): AccountRef {
    const ref = h.emulator.addAccount(account);
    seedContentFilterVariants(h.emulator, ref);
    return ref;
  }

  it("the variants cover every state of every category, missing entries included", () => {
    const ref = seedVariants();
    const policies = [...(h.emulator.account(ref)?.raiPolicies.values() ?? [])];
    const states = new Map<string, Set<string>>();
    for (const policy of policies) {
      const entries = (policy.properties as { contentFilters: Entry[] }).contentFilters;
      for (const slot of [
        "Hate|Prompt",
        "Hate|Completion",
        "Selfharm|Completion",
        "Indirect Attack|Prompt",
        "Profanity|Completion",
      ]) {
        const found = entries.find((entry) => `${entry.name}|${entry.source}` === slot);
        const seen = states.get(slot) ?? new Set<string>();
        seen.add(found ? JSON.stringify({ ...found, name: undefined, source: undefined }) : "absent");
        states.set(slot, seen);
      }
    }
    expect(states.get("Hate|Prompt")?.size).toBe(harmStates.length);
    expect(states.get("Selfharm|Completion")?.size).toBe(harmStates.length);
    expect(states.get("Indirect Attack|Prompt")?.size).toBe(actionStates.length);
    expect(states.get("Profanity|Completion")?.has("absent")).toBe(true);
  });

  it("drift on the freshly imported file reports no difference (exit 0)", async () => {
    seedVariants();
    const { imported, text, drift, report } = await importThenDrift(h.emulator, account);
    expect(imported.err).not.toContain("live/import-unexpressible");
    expect(imported.code).toBe(0);
    // A category Azure has no entry for is left out; annotate-only harm categories are written as such.
    expect(text).toContain("violence: { threshold: medium, action: annotate }");
    const filters = (parse(text) as { contentFilters: Record<string, Record<string, object>> })
      .contentFilters;
    expect(Object.keys(filters["variant-0"]?.prompt ?? {})).not.toContain("hate");
    expect(Object.keys(filters["variant-0"]?.prompt ?? {})).not.toContain("jailbreak");
    expect(filters["variant-1"]?.prompt).toMatchObject({ hate: "off", jailbreak: "off" });
    expect(drift.err).toBe("");
    expect(report.drift).toEqual([]);
    expect(report.summary.total).toBe(0);
    expect(drift.code).toBe(0);
  });

  it("the plan of the freshly imported file sends exactly the entries Azure holds", async () => {
    const ref = seedVariants();
    const { text } = await importThenDrift(h.emulator, account);
    const plan = planText(text, undefined, "imported.yaml");
    const filters = plan.graph.nodes.filter((node) => node.type === ResourceTypes.contentFilter);
    expect(filters).toHaveLength(harmStates.length);
    for (const node of filters) {
      const inputs = node.inputs as unknown as { raiPolicyName: string; properties: Entry };
      const live = h.emulator.account(ref)?.raiPolicies.get(inputs.raiPolicyName.toLowerCase());
      const properties = live?.properties as Entry & { contentFilters: Entry[]; customBlocklists: Entry[] };
      expect(inputs.properties.basePolicyName, inputs.raiPolicyName).toBe(properties.basePolicyName);
      expect(inputs.properties.mode, inputs.raiPolicyName).toBe(properties.mode);
      expect(entrySet(inputs.properties.contentFilters as Entry[]), inputs.raiPolicyName).toEqual(
        entrySet(properties.contentFilters),
      );
      expect(listSet(inputs.properties.customBlocklists as Entry[]), inputs.raiPolicyName).toEqual(
        listSet(properties.customBlocklists),
      );
    }
  });

  it("Microsoft's example filter, which has no Indirect Attack or completion Profanity entry, drifts clean", async () => {
    const seed = seedFromReference(h.emulator, { resourceGroup: "rg-ai", accountName: "ai-reference" });
    h.emulator.addDeployment(seed.account, {
      name: "filtered",
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: seed.raiPolicyName, versionUpgradeOption: "NoAutoUpgrade" },
    });
    const live = h.emulator.account(seed.account)?.raiPolicies.get(seed.raiPolicyName.toLowerCase());
    if (!live) throw new Error("the reference filter is not seeded");
    const entries = (live.properties as { contentFilters: Entry[] }).contentFilters;
    expect(entries.some((entry) => entry.name === "Indirect Attack")).toBe(false);
    const { imported, text, report, drift } = await importThenDrift(h.emulator, {
      resourceGroup: "rg-ai",
      name: "ai-reference",
    });
    expect(imported.code).toBe(0);
    expect(text).not.toContain("indirectAttack");
    const raiNode = planText(text, undefined, "imported.yaml").graph.nodes.find(
      (node) => node.type === ResourceTypes.contentFilter,
    );
    if (!raiNode) throw new Error("the imported file declares no content filter");
    const sent = (raiNode.inputs as unknown as { properties: { contentFilters: Entry[] } }).properties;
    expect(entrySet(sent.contentFilters)).toEqual(entrySet(entries));
    // The example's deployments name no content filter, which the file cannot leave out (import notes it).
    expect(report.drift.map((entry) => entry.kind)).not.toContain("contentFilter");
    expect(drift.err).toBe("");
    expect(drift.err).toBe("");
  });
});

describe("import, then drift: the actions of api-version 2026-09-01 (HITL, RETRY)", () => {
  const h = useEmulator({ pageSize: 5 });
  const account = { resourceGroup: "rg-ai", name: "ai-actions", location: "eastus2" };
  // The RaiPolicy shape of the 2026-09-01 specification: an entry with `action` and no `blocking`.
  const properties = {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Default",
    contentFilters: [
      { name: "Hate", source: "Prompt", enabled: true, severityThreshold: "Medium", action: "HITL" },
      { name: "Violence", source: "Completion", enabled: true, severityThreshold: "High", action: "RETRY" },
      { name: "Jailbreak", source: "Prompt", enabled: true, action: "HITL" },
      { name: "Sexual", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Low" },
    ],
    customBlocklists: [],
  };
  /** The account with the filter and a deployment that uses it (an unused filter is not in the file). */
  function seed(): AccountRef {
    const ref = h.emulator.addAccount(account);
    h.emulator.addRaiPolicy(ref, "reviewed", structuredClone(properties));
    h.emulator.addDeployment(ref, {
      name: "chat",
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: "reviewed", versionUpgradeOption: "NoAutoUpgrade" },
    });
    return ref;
  }

  it("imports HITL and RETRY as humanReview and retry, and drift on the file reports nothing", async () => {
    seed();
    const { imported, text, drift, report } = await importThenDrift(h.emulator, account);
    expect(imported.code).toBe(0);
    const filter = (
      parse(text) as { contentFilters: Record<string, Record<string, Record<string, unknown>>> }
    ).contentFilters.reviewed;
    expect(filter?.prompt).toMatchObject({
      hate: { threshold: "medium", action: "humanReview" },
      jailbreak: "humanReview",
      sexual: "low",
    });
    expect(filter?.completion).toMatchObject({ violence: { threshold: "high", action: "retry" } });
    expect(report.drift).toEqual([]);
    expect(drift.code).toBe(0);
    // The plan of the imported file sends the same entries, `action` included.
    const node = planText(text, undefined, "imported.yaml").graph.nodes.find(
      (n) => n.type === ResourceTypes.contentFilter,
    );
    if (!node) throw new Error("the imported file declares no content filter");
    const sent = (node.inputs as unknown as { properties: { contentFilters: Entry[] } }).properties;
    const byKey = (entries: readonly Entry[]) =>
      Object.fromEntries(entries.map((e) => [`${String(e.name)}|${String(e.source)}`, e]));
    expect(byKey(sent.contentFilters)).toEqual(byKey(properties.contentFilters));
  });

  it("drift names an action Azure holds that the file does not say", async () => {
    const ref = seed();
    const { text } = await importThenDrift(h.emulator, account);
    const live = h.emulator.account(ref)?.raiPolicies.get("reviewed");
    if (!live) throw new Error("not seeded");
    const entries = (live.properties as { contentFilters: Entry[] }).contentFilters;
    entries[0] = {
      name: "Hate",
      source: "Prompt",
      enabled: true,
      severityThreshold: "Medium",
      action: "RETRY",
    };
    const cwd = workspace();
    writeFileSync(path.join(cwd, "imported.yaml"), text);
    const drift = await run(["drift", "imported.yaml", "--format", "json"], registrations, {
      cwd,
      emulator: h.emulator,
    });
    const report = JSON.parse(drift.out) as DriftReport;
    expect(drift.code).toBe(1);
    expect(JSON.stringify(report.drift)).toContain("retry at medium");
    expect(JSON.stringify(report.drift)).toContain("human review at medium");
  });
});
