import { stringify, type ToStringOptions } from "yaml";
import type { ModelCatalog } from "../../catalog/model-catalog";
import type { PriceBook } from "../../cost/prices";
import type { Plan } from "../../infra/plan";
import { diffPlans } from "../../review/diff";
import type { Change, DiffReport, EvaluatePolicies } from "../../review/model";
import { planText } from "../support/plan";

/** A deployments file as data, so that each test case is the baseline plus one edit. */
// biome-ignore lint/suspicious/noExplicitAny: test files are edited freely, the loader validates them
export type FileData = Record<string, any>;

export function baseline(): FileData {
  return {
    version: 1,
    accounts: {
      east: {
        name: "acct-east",
        resourceGroup: "rg-ai",
        location: "eastus2",
        create: true,
        tags: { owner: "platform" },
      },
      west: { name: "acct-west", resourceGroup: "rg-ai", location: "westus", create: true },
    },
    defaults: { sku: "GlobalStandard", contentFilter: "strict", versionUpgradeOption: "NoAutoUpgrade" },
    deployments: [
      {
        name: "chat",
        accounts: ["east", "west"],
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
        capacity: 100,
      },
      {
        name: "embed",
        account: "east",
        model: { format: "OpenAI", name: "text-embedding-3-large", version: "1" },
        sku: "Standard",
        capacity: 50,
      },
      {
        name: "chat-ptu",
        account: "east",
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
        sku: "GlobalProvisionedManaged",
        capacity: 50,
        spillover: "chat",
      },
    ],
    contentFilters: {
      strict: {
        base: "Microsoft.DefaultV2",
        mode: "Blocking",
        prompt: {
          hate: "low",
          sexual: "low",
          violence: "medium",
          selfHarm: "low",
          jailbreak: "block",
          indirectAttack: "block",
          blocklists: ["banned"],
        },
        completion: {
          hate: "low",
          sexual: "low",
          violence: "medium",
          selfHarm: "low",
          protectedMaterialText: "block",
          protectedMaterialCode: "block",
        },
      },
      relaxed: {
        mode: "Default",
        prompt: {
          hate: "medium",
          sexual: "medium",
          violence: "medium",
          selfHarm: "medium",
          jailbreak: "block",
        },
        completion: { hate: "medium", sexual: "medium", violence: "medium", selfHarm: "medium" },
      },
    },
    blocklists: {
      banned: { description: "Terms never sent", items: ["secret", { pattern: "proj-[0-9]+", regex: true }] },
    },
    environments: { dev: { deployments: { chat: { capacity: 10 } } } },
  };
}

export function yamlOf(data: FileData, options: ToStringOptions = {}): string {
  return stringify(data, options);
}

export function planOf(data: FileData, env?: string, catalog?: ModelCatalog): Plan {
  return planText(yamlOf(data), env, "deployments.yaml", catalog);
}

export function edited(edit: (file: FileData) => void, start: FileData = baseline()): FileData {
  const copy = structuredClone(start);
  edit(copy);
  return copy;
}

export interface DiffCase {
  base?: FileData;
  head: FileData;
  env?: string;
  evaluatePolicies?: EvaluatePolicies;
  /** The model catalog of both sides (default: the shipped one). */
  catalog?: ModelCatalog;
  /** Prices for the cost of each side (default: cost not estimated). */
  prices?: PriceBook;
}

export function diffOf({
  base = baseline(),
  head,
  env,
  evaluatePolicies,
  catalog,
  prices,
}: DiffCase): DiffReport {
  const options: Parameters<typeof diffPlans>[2] = { baseName: "base.yaml", headName: "head.yaml" };
  if (evaluatePolicies !== undefined) options.evaluatePolicies = evaluatePolicies;
  if (prices !== undefined) options.prices = prices;
  return diffPlans(planOf(base, env, catalog), planOf(head, env, catalog), options);
}

/** The change of one resource; fails with the keys present when there is none. */
export function changeOf(report: DiffReport, kind: Change["kind"], key: string): Change {
  const found = report.changes.filter((c) => c.kind === kind && c.key === key);
  if (found.length !== 1) {
    const have = report.changes.map((c) => `${c.kind} ${c.key} ${c.action}`).join("; ");
    throw new Error(`expected one ${kind} change ${key}, found ${found.length}; changes: ${have || "none"}`);
  }
  return found[0] as Change;
}

// biome-ignore lint/suspicious/noExplicitAny: see FileData
export function deployment(file: FileData, name: string): Record<string, any> {
  // biome-ignore lint/suspicious/noExplicitAny: see FileData
  const found = (file.deployments as Record<string, any>[]).find((d) => d.name === name);
  if (found === undefined) throw new Error(`no deployment ${name}`);
  return found;
}
