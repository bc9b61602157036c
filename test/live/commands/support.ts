import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Command } from "commander";
import { afterEach, beforeEach } from "vitest";
import { memoryIO } from "../../../cli/io";
import { type CommandContext, type CommandRegistration, runProgram } from "../../../cli/program";
import { ResourceTypes } from "../../../infra/graph";
import type { Plan } from "../../../infra/plan";
import type { LiveContext } from "../../../live/context";
import {
  type AccountRef,
  type ArmEmulator,
  type ArmEmulatorOptions,
  startArmEmulator,
} from "../../support/arm-emulator";
import { fastRetry } from "../harness";

/** Production retry logic with test-sized delays. */
export const fastDeps: Partial<LiveContext> = {
  retry: fastRetry,
  conflictRetry: { initialDelayInMs: 1, maxDelayInMs: 5 },
};

type Register = (program: Command, context: CommandContext, deps?: Partial<LiveContext>) => void;

/** A registration with injected dependencies (fast retries, a fixed clock). */
export function withDeps(register: Register, deps: Partial<LiveContext> = fastDeps): CommandRegistration {
  return (program, context) => register(program, context, deps);
}

export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-live-"));
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(dir, name);
    writeFileSync(target, text);
  }
  return dir;
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process against the emulator (AIDEPLOY_ARM_ENDPOINT), no credential, no real network. */
export async function run(
  argv: string[],
  registrations: CommandRegistration[],
  options: { cwd: string; emulator?: ArmEmulator; env?: Record<string, string>; isTTY?: boolean },
): Promise<Run> {
  const env: Record<string, string> = { ...options.env };
  if (options.emulator) env.AIDEPLOY_ARM_ENDPOINT = options.emulator.baseUrl;
  const io = memoryIO({ cwd: options.cwd, env, isTTY: options.isTTY ?? false });
  const code = await runProgram(argv, io, registrations);
  return { code, out: io.out, err: io.err };
}

/** A fresh emulator for every test of the enclosing describe block, stopped afterwards. */
export function useEmulator(options: ArmEmulatorOptions = {}): { emulator: ArmEmulator } {
  const holder = {} as { emulator: ArmEmulator };
  beforeEach(async () => {
    holder.emulator = await startArmEmulator(options);
  });
  afterEach(async () => {
    await holder.emulator?.stop();
  });
  return holder;
}

/** Every filter entry infra/content-filter.ts writes, as Azure stores them. */
export function completeFilters(overrides: Record<string, Record<string, unknown>> = {}) {
  const entry = (name: string, source: string, value: Record<string, unknown>) => ({
    name,
    source,
    ...value,
    ...overrides[`${name}/${source}`],
  });
  const off = { enabled: false, blocking: false, severityThreshold: "High" };
  return [
    entry("Hate", "Prompt", { enabled: true, blocking: true, severityThreshold: "Low" }),
    entry("Hate", "Completion", { enabled: true, blocking: true, severityThreshold: "Medium" }),
    entry("Sexual", "Prompt", { enabled: true, blocking: true, severityThreshold: "Low" }),
    entry("Sexual", "Completion", { enabled: true, blocking: true, severityThreshold: "High" }),
    entry("Violence", "Prompt", { enabled: true, blocking: true, severityThreshold: "Medium" }),
    entry("Violence", "Completion", off),
    entry("Selfharm", "Prompt", { enabled: true, blocking: true, severityThreshold: "Low" }),
    entry("Selfharm", "Completion", { enabled: true, blocking: true, severityThreshold: "Low" }),
    entry("Jailbreak", "Prompt", { enabled: true, blocking: true }),
    entry("Indirect Attack", "Prompt", { enabled: true, blocking: false }),
    entry("Profanity", "Prompt", { enabled: false, blocking: false }),
    entry("Protected Material Text", "Completion", { enabled: true, blocking: true }),
    entry("Protected Material Code", "Completion", { enabled: true, blocking: false }),
    entry("Profanity", "Completion", { enabled: false, blocking: false }),
  ];
}

export const subscriptionId = "00000000-0000-0000-0000-000000000000";

/** Makes Azure hold exactly what a plan declares, as if `pulumi up` had just run. */
export function seedFromPlan(emulator: ArmEmulator, plan: Plan): Map<string, AccountRef> {
  const refs = new Map<string, AccountRef>();
  for (const account of plan.state.accounts) {
    // An account the plan creates holds exactly its inputs; others keep the emulator's defaults.
    const node = plan.graph.nodes.find(
      (candidate) => candidate.type === ResourceTypes.account && candidate.account === account.key,
    );
    const inputs = node?.inputs as
      | { properties?: Record<string, unknown>; tags?: Record<string, string>; identity?: { type: string } }
      | undefined;
    refs.set(
      account.key,
      emulator.addAccount({
        resourceGroup: account.resourceGroup,
        name: account.name,
        location: account.location ?? "eastus2",
        kind: account.kind,
        ...(account.subscription ? { subscriptionId: account.subscription } : {}),
        ...(inputs?.properties ? { properties: structuredClone(inputs.properties) } : {}),
        ...(inputs?.tags ? { tags: { ...inputs.tags } } : {}),
        ...(inputs?.identity ? { identity: { ...inputs.identity } } : {}),
      }),
    );
  }
  const items = new Map<string, { name: string; pattern: string; isRegex: boolean }[]>();
  for (const node of plan.graph.nodes) {
    if (node.type !== ResourceTypes.blocklistItem) continue;
    const inputs = node.inputs as unknown as {
      raiBlocklistName: string;
      raiBlocklistItemName: string;
      properties: { pattern: string; isRegex: boolean };
    };
    const key = `${node.account}/${inputs.raiBlocklistName}`;
    items.set(key, [
      ...(items.get(key) ?? []),
      {
        name: inputs.raiBlocklistItemName,
        pattern: inputs.properties.pattern,
        isRegex: inputs.properties.isRegex,
      },
    ]);
  }
  for (const node of plan.graph.nodes) {
    const ref = node.account === undefined ? undefined : refs.get(node.account);
    if (!ref) continue;
    const inputs = node.inputs as unknown as Record<string, unknown> & {
      properties: Record<string, unknown>;
    };
    if (node.type === ResourceTypes.contentFilter) {
      emulator.addRaiPolicy(ref, String(inputs.raiPolicyName), structuredClone(inputs.properties));
    } else if (node.type === ResourceTypes.blocklist) {
      const name = String(inputs.raiBlocklistName);
      const description = inputs.properties.description;
      emulator.addRaiBlocklist(ref, name, {
        ...(typeof description === "string" ? { description } : {}),
        items: items.get(`${node.account}/${name}`) ?? [],
      });
    } else if (node.type === ResourceTypes.deployment) {
      const sku = inputs.sku as { name: string; capacity: number };
      const { model, ...properties } = inputs.properties as { model: { format: string; name: string } };
      emulator.addDeployment(ref, {
        name: String(inputs.deploymentName),
        skuName: sku.name,
        capacity: sku.capacity,
        model: { ...model },
        properties: structuredClone(properties),
        ...(inputs.tags ? { tags: { ...(inputs.tags as Record<string, string>) } } : {}),
      });
    }
  }
  return refs;
}
