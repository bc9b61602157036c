/**
 * Content filters (RAI policies) in every state each category can be in, as Azure stores them: entries
 * missing for some categories (Azure lists no `Indirect Attack` or `Profanity` entry for many filters),
 * disabled entries with any threshold, harm categories that block or only annotate at each threshold,
 * prompt shields and detections that block or annotate, every mode and base policy, blocklists.
 */
import type { ArmEmulator } from "./emulator";
import type { AccountRef, JsonObject } from "./types";

const HARM = ["Hate", "Sexual", "Violence", "Selfharm"] as const;
const ACTIONS = [
  ["Jailbreak", "Prompt"],
  ["Indirect Attack", "Prompt"],
  ["Profanity", "Prompt"],
  ["Protected Material Text", "Completion"],
  ["Protected Material Code", "Completion"],
  ["Profanity", "Completion"],
] as const;

/** States of a harm category; `undefined` is no entry at all. */
export const harmStates: readonly (JsonObject | undefined)[] = [
  undefined,
  { enabled: false, blocking: false, severityThreshold: "High" },
  { enabled: false, blocking: true, severityThreshold: "Medium" },
  { enabled: true, blocking: true, severityThreshold: "Low" },
  { enabled: true, blocking: true, severityThreshold: "Medium" },
  { enabled: true, blocking: true, severityThreshold: "High" },
  { enabled: true, blocking: false, severityThreshold: "Low" },
  { enabled: true, blocking: false, severityThreshold: "Medium" },
  { enabled: true, blocking: false, severityThreshold: "High" },
];

/** States of a shield or detection; `undefined` is no entry at all. */
export const actionStates: readonly (JsonObject | undefined)[] = [
  undefined,
  { enabled: false, blocking: false },
  { enabled: true, blocking: true },
  { enabled: true, blocking: false },
];

const MODES = ["Default", "Blocking", "Asynchronous_filter", "Deferred"] as const;
const BASES = ["Microsoft.DefaultV2", "Microsoft.Default"] as const;

export interface ContentFilterVariant {
  name: string;
  properties: JsonObject;
}

/**
 * One filter per harm state: filter i puts harm slot j in state (i + j) and action slot k in state
 * (i + k), so that across the set every slot takes every state. Filters with an odd index block the
 * listed blocklist on prompts, with an index divisible by three on completions.
 */
export function contentFilterVariants(blocklist = "variant-terms"): ContentFilterVariant[] {
  return harmStates.map((_, index) => {
    const contentFilters: JsonObject[] = [];
    HARM.forEach((name, category) => {
      (["Prompt", "Completion"] as const).forEach((source, side) => {
        const state = harmStates[(index + category * 2 + side) % harmStates.length];
        if (state) contentFilters.push({ name, source, ...state });
      });
    });
    ACTIONS.forEach(([name, source], slot) => {
      const state = actionStates[(index + slot) % actionStates.length];
      if (state) contentFilters.push({ name, source, ...state });
    });
    const customBlocklists: JsonObject[] = [];
    if (index % 2 === 1)
      customBlocklists.push({ blocklistName: blocklist, source: "Prompt", blocking: true });
    if (index % 3 === 0) {
      customBlocklists.push({ blocklistName: blocklist, source: "Completion", blocking: true });
    }
    return {
      name: `variant-${index}`,
      properties: {
        basePolicyName: BASES[index % BASES.length],
        mode: MODES[index % MODES.length],
        contentFilters,
        customBlocklists,
      },
    };
  });
}

/**
 * Adds every variant to an account, with the blocklist they name and one deployment per filter (a filter
 * no deployment uses is not part of a deployments file's desired state).
 */
export function seedContentFilterVariants(
  emulator: ArmEmulator,
  account: AccountRef,
): ContentFilterVariant[] {
  const variants = contentFilterVariants();
  emulator.addRaiBlocklist(account, "variant-terms", { items: [{ name: "v1", pattern: "variant-secret" }] });
  for (const variant of variants) {
    emulator.addRaiPolicy(account, variant.name, variant.properties);
    emulator.addDeployment(account, {
      name: `chat-${variant.name}`,
      skuName: "GlobalStandard",
      capacity: 1,
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      properties: { raiPolicyName: variant.name, versionUpgradeOption: "NoAutoUpgrade" },
    });
  }
  return variants;
}
