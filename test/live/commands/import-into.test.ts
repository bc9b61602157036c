import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registerDrift } from "../../../cli/commands/drift";
import { registerImport } from "../../../cli/commands/import";
import { ResourceTypes } from "../../../infra/graph";
import type { DriftReport } from "../../../live/drift";
import { loadDeploymentsText } from "../../../loader/load";
import type { AccountRef, ArmEmulator } from "../../support/arm-emulator";
import { planText } from "../../support/plan";
import { completeFilters, run, subscriptionId, useEmulator, withDeps, workspace } from "./support";

const registrations = [withDeps(registerImport), withDeps(registerDrift)];
const east = { resourceGroup: "rg-ai", name: "contoso-ai-eus2", location: "eastus2" };
const sweden = { resourceGroup: "rg-ai", name: "contoso-ai-swc", location: "swedencentral" };

function importArgs(account: { resourceGroup: string; name: string }, ...rest: string[]): string[] {
  return [
    "import",
    "--subscription",
    subscriptionId,
    "--resource-group",
    account.resourceGroup,
    "--account",
    account.name,
    ...rest,
  ];
}

const strict = () => ({
  basePolicyName: "Microsoft.DefaultV2",
  mode: "Blocking",
  contentFilters: completeFilters(),
  customBlocklists: [{ blocklistName: "banned-terms", source: "Prompt", blocking: true }],
});

function seedAccount(
  emulator: ArmEmulator,
  account: typeof east,
  options: { deployments: string[]; filters?: Record<string, object>; items?: string[] },
): AccountRef {
  const ref = emulator.addAccount(account);
  for (const [name, properties] of Object.entries(options.filters ?? { strict: strict() })) {
    emulator.addRaiPolicy(ref, name, properties as Record<string, unknown>);
  }
  emulator.addRaiBlocklist(ref, "banned-terms", {
    description: "Terms never sent to a model",
    items: (options.items ?? ["contoso-secret"]).map((pattern, index) => ({ name: `i${index}`, pattern })),
  });
  for (const name of options.deployments) {
    emulator.addDeployment(ref, {
      name,
      skuName: "GlobalStandard",
      capacity: 10,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: "strict", versionUpgradeOption: "NoAutoUpgrade" },
    });
  }
  return ref;
}

/** The first account imported with --out, then edited by the team (comments, a reordered key). */
async function adoptFirst(emulator: ArmEmulator): Promise<{ cwd: string; file: string; before: string }> {
  const cwd = workspace();
  const first = await run(importArgs(east, "--out", "deployments.yaml"), registrations, { cwd, emulator });
  expect(first.code).toBe(0);
  const file = path.join(cwd, "deployments.yaml");
  const edited = readFileSync(file, "utf8")
    .replace("version: 1\n", "# Contoso's AI platform: reviewed by the platform team.\nversion: 1\n")
    .replace(
      "  - name: chat\n",
      "  # The main chat model: applications route to this name.\n  - name: chat\n",
    );
  writeFileSync(file, edited);
  return { cwd, file, before: edited };
}

describe("aideploy import --into", () => {
  const h = useEmulator({ pageSize: 3 });

  it("adopts a second account into the file of the first, keeping its comments and order; the result validates and drifts clean", async () => {
    seedAccount(h.emulator, east, { deployments: ["chat", "embed"] });
    const swedenRef = seedAccount(h.emulator, sweden, {
      deployments: ["chat", "nordic"],
      filters: { strict: strict(), loose: { ...strict(), mode: "Default", customBlocklists: [] } },
    });
    h.emulator.addDeployment(swedenRef, {
      name: "internal",
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "OpenAI", name: "gpt-4o-mini", version: "2024-07-18" },
      properties: { raiPolicyName: "loose", versionUpgradeOption: "NoAutoUpgrade" },
    });
    const { cwd, file, before } = await adoptFirst(h.emulator);

    const merged = await run(importArgs(sweden, "--into", "deployments.yaml"), registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(merged.err).not.toContain("error");
    expect(merged.code).toBe(0);
    expect(merged.out).toBe("");
    expect(merged.err).toContain(
      'imported 3 deployment(s), 2 content filter(s), 1 blocklist(s) from account contoso-ai-swc into deployments.yaml as account "swedencentral"',
    );
    expect(merged.err).toContain('content filter "strict" has the same settings on account contoso-ai-swc');
    const text = readFileSync(file, "utf8");
    // What the team wrote is still there, where it was.
    expect(text.startsWith("# Imported by `aideploy import` from account contoso-ai-eus2")).toBe(true);
    expect(text).toContain("# Contoso's AI platform: reviewed by the platform team.\nversion: 1\n");
    expect(text).toContain("  # The main chat model: applications route to this name.\n  - name: chat\n");
    const accountsBlock = (t: string) => t.slice(t.indexOf("accounts:"), t.indexOf("\n\ndeployments:"));
    expect(accountsBlock(text).startsWith(accountsBlock(before))).toBe(true);
    expect(text).toContain("# Imported by `aideploy import` from account contoso-ai-swc");

    const data = parse(text) as {
      accounts: Record<string, unknown>;
      deployments: { name: string; account: string }[];
      contentFilters: Record<string, { import: unknown }>;
      blocklists: Record<string, { import: unknown }>;
    };
    expect(Object.keys(data.accounts)).toEqual(["eastus2", "swedencentral"]);
    expect(data.deployments.map((d) => `${d.account}/${d.name}`)).toEqual([
      "eastus2/chat",
      "eastus2/embed",
      "swedencentral/chat",
      "swedencentral/internal",
      "swedencentral/nordic",
    ]);
    const id = (account: typeof east, kind: string, name: string) =>
      `/subscriptions/${subscriptionId}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/${account.name}/${kind}/${name}`;
    expect(data.contentFilters.strict?.import).toEqual({
      eastus2: id(east, "raiPolicies", "strict"),
      swedencentral: id(sweden, "raiPolicies", "strict"),
    });
    expect(data.contentFilters.loose?.import).toBe(id(sweden, "raiPolicies", "loose"));
    expect(data.blocklists["banned-terms"]?.import).toEqual({
      eastus2: id(east, "raiBlocklists", "banned-terms"),
      swedencentral: id(sweden, "raiBlocklists", "banned-terms"),
    });

    const loaded = loadDeploymentsText("deployments.yaml", text);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const plan = planText(text);
    const swedenFilter = plan.graph.nodes.find(
      (node) =>
        node.type === ResourceTypes.contentFilter &&
        node.account === "swedencentral" &&
        node.name.endsWith("/strict"),
    );
    expect(swedenFilter?.options.import).toBe(h.emulator.account(swedenRef)?.raiPolicies.get("strict")?.id);

    const drift = await run(["drift", "--format", "json"], registrations, { cwd, emulator: h.emulator });
    expect(drift.err).toBe("");
    expect((JSON.parse(drift.out) as DriftReport).drift).toEqual([]);
    expect(drift.code).toBe(0);
  });

  it("names the account of deployments that relied on the file having one account", async () => {
    seedAccount(h.emulator, east, { deployments: ["chat"] });
    seedAccount(h.emulator, sweden, { deployments: ["nordic"] });
    const { cwd, file } = await adoptFirst(h.emulator);
    writeFileSync(file, readFileSync(file, "utf8").replace("    account: eastus2\n", ""));
    const merged = await run(importArgs(sweden, "--into", "deployments.yaml"), registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(merged.code).toBe(0);
    expect(merged.err).toContain('deployment "chat" now names its account (account: eastus2)');
    expect(readFileSync(file, "utf8")).toContain("  - name: chat\n    account: eastus2\n");
  });

  it("adds the sections the file lacks before its environments, and says which overrides now apply to the account", async () => {
    const eastRef = h.emulator.addAccount(east);
    h.emulator.addDeployment(eastRef, {
      name: "chat",
      skuName: "GlobalStandard",
      capacity: 10,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: "Microsoft.DefaultV2", versionUpgradeOption: "NoAutoUpgrade" },
    });
    seedAccount(h.emulator, sweden, { deployments: ["chat"] });
    const cwd = workspace();
    await run(importArgs(east, "--out", "deployments.yaml"), registrations, { cwd, emulator: h.emulator });
    const file = path.join(cwd, "deployments.yaml");
    writeFileSync(
      file,
      `${readFileSync(file, "utf8")}\nenvironments:\n  dev:\n    deployments:\n      chat: { capacity: 1 }\n`,
    );
    const merged = await run(importArgs(sweden, "--into", "deployments.yaml"), registrations, {
      cwd,
      emulator: h.emulator,
    });
    expect(merged.code).toBe(0);
    expect(merged.err).toContain(
      'environment "dev" overrides deployment "chat", which now also exists on account swedencentral: the override applies there too',
    );
    const text = readFileSync(file, "utf8");
    const order = ["\naccounts:", "\ndeployments:", "\ncontentFilters:", "\nblocklists:", "\nenvironments:"];
    expect(order.map((section) => text.indexOf(section))).toEqual(
      order.map((section) => text.indexOf(section)).sort((a, b) => a - b),
    );
    expect(order.every((section) => text.includes(section))).toBe(true);
    expect(
      loadDeploymentsText("deployments.yaml", text).diagnostics.filter((d) => d.severity === "error"),
    ).toEqual([]);
  });

  const clashes: {
    name: string;
    seed: (emulator: ArmEmulator) => void;
    account: typeof east;
    extra?: string[];
    line: (text: string) => number;
    message: string;
  }[] = [
    {
      name: "the account key is taken",
      seed: (emulator) => {
        seedAccount(
          emulator,
          { ...sweden, name: "contoso-ai-eus2-b", location: "eastus2" },
          { deployments: ["x"] },
        );
      },
      account: { ...sweden, name: "contoso-ai-eus2-b", location: "eastus2" },
      line: (text) => lineOf(text, "  eastus2:"),
      message: 'account key "eastus2" is already used (by account contoso-ai-eus2)',
    },
    {
      name: "the same Azure account under another key",
      seed: () => {},
      account: east,
      extra: ["--account-key", "again"],
      line: (text) => lineOf(text, "  eastus2:"),
      message: 'account contoso-ai-eus2 (resource group rg-ai) is already in the file as "eastus2"',
    },
    {
      name: "a content filter of the same name with other settings",
      seed: (emulator) => {
        seedAccount(emulator, sweden, {
          deployments: ["x"],
          filters: { strict: { ...strict(), mode: "Default" } },
        });
      },
      account: sweden,
      line: (text) => lineOf(text, "  strict:"),
      message: 'content filter "strict" is already declared with other settings',
    },
    {
      name: "a blocklist of the same name with other items",
      seed: (emulator) => {
        seedAccount(emulator, sweden, { deployments: ["x"], items: ["other-term"] });
      },
      account: sweden,
      line: (text) => lineOf(text, "  banned-terms:"),
      message: 'blocklist "banned-terms" is already declared with other settings',
    },
  ];
  it.each(clashes)(
    "refuses when $name, at the existing line, and leaves the file as it was",
    async (clash) => {
      seedAccount(h.emulator, east, { deployments: ["chat"] });
      clash.seed(h.emulator);
      const { cwd, file, before } = await adoptFirst(h.emulator);
      const result = await run(
        importArgs(clash.account, "--into", "deployments.yaml", ...(clash.extra ?? [])),
        registrations,
        { cwd, emulator: h.emulator },
      );
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        `deployments.yaml:${clash.line(before)}:3: error live/import-conflict ${clash.message}`,
      );
      expect(readFileSync(file, "utf8")).toBe(before);
    },
  );

  it("exits 2 for --into with --out or --force, a missing file, or a file with errors, before reading Azure", async () => {
    const cwd = workspace({ "broken.yaml": "version: 1\naccounts: {}\n" });
    const cases = [
      [["--into", "deployments.yaml", "--out", "x.yaml"], "--into and --out cannot be used together"],
      [["--into", "deployments.yaml", "--force"], "--force applies to --out"],
      [["--into", "deployments.yaml"], "deployments.yaml does not exist; use --out to write a new file"],
      [["--into", "broken.yaml"], "broken.yaml has errors; fix them before importing into it"],
    ] as const;
    for (const [flags, message] of cases) {
      const result = await run(importArgs(east, ...flags), registrations, { cwd, emulator: h.emulator });
      expect(result.code, message).toBe(2);
      expect(result.err).toContain(message);
    }
    expect(h.emulator.requests).toHaveLength(0);
  });

  it("documents --into and --account-key in --help", async () => {
    const help = await run(["import", "--help"], registrations, { cwd: workspace() });
    expect(help.code).toBe(0);
    expect(help.out).toContain("--into <file>");
    expect(help.out).toContain("--account-key <key>");
  });
});

function lineOf(text: string, start: string): number {
  return text.split("\n").findIndex((line) => line.startsWith(start)) + 1;
}
