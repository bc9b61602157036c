/**
 * Generates realistic deployments files of any size in memory, for benchmarks and for tests of later
 * stages (plans of 1,000 deployments). The output is deterministic and valid: it loads with no
 * finding of severity warning or error, as written and in each of its environments.
 */

export interface GenerateOptions {
  /** Number of accounts the deployments are spread over (default 10). */
  accounts?: number;
  /** Add `dev` and `prod` environments with account renames and deployment overrides (default true). */
  environments?: boolean;
}

interface ModelSpec {
  short: string;
  format: string;
  name: string;
  version: string;
  /** Tokens per minute of one capacity unit, where Microsoft documents it (see catalog/models.json). */
  unitTokensPerMinute?: number;
}

const regions = [
  "eastus2",
  "swedencentral",
  "westeurope",
  "francecentral",
  "uksouth",
  "japaneast",
  "australiaeast",
  "canadaeast",
  "northcentralus",
  "westus3",
];

const chatModels: ModelSpec[] = [
  { short: "gpt-4o", format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
  { short: "gpt-4o-mini", format: "OpenAI", name: "gpt-4o-mini", version: "2024-07-18" },
  { short: "gpt-4-1", format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
  { short: "o3-mini", format: "OpenAI", name: "o3-mini", version: "2025-01-31", unitTokensPerMinute: 10_000 },
];

const otherModels: ModelSpec[] = [
  { short: "embed-large", format: "OpenAI", name: "text-embedding-3-large", version: "1" },
  { short: "mistral-large", format: "Mistral AI", name: "Mistral-Large-2411", version: "2" },
  { short: "llama-70b", format: "Meta", name: "Llama-3.3-70B-Instruct", version: "5" },
  { short: "phi-4", format: "Microsoft", name: "Phi-4", version: "7" },
  { short: "deepseek-r1", format: "DeepSeek", name: "DeepSeek-R1", version: "1" },
  { short: "cohere-embed", format: "Cohere", name: "embed-v-4-0", version: "1" },
];

const filters = ["strict", "relaxed-internal", "pii-guard", "code-assist"] as const;

/** Deployments come in blocks of ten; the second of each block is provisioned and spills to the first. */
const BLOCK = 10;

/**
 * The filter of the i-th deployment (slots 6 to 9 of a block), rotating by position. The offset keeps each
 * filter that attaches blocklists in use by some Azure OpenAI deployment (Azure documents blocklists for
 * those only); the generated-files test checks it for the sizes it generates.
 */
function filterFor(i: number): string {
  return filters[(i + Math.floor(i / BLOCK) + 1) % filters.length] as string;
}

function accountKey(n: number): string {
  return `acct-${String(n).padStart(2, "0")}`;
}

function modelLine(model: ModelSpec): string {
  return `    model: { format: ${model.format}, name: ${model.name}, version: "${model.version}" }`;
}

/** `units` capacity units: as a rate limit where the model's unit is known, else as `capacity`. */
function sizeLine(model: ModelSpec, units: number): string {
  return model.unitTokensPerMinute === undefined
    ? `    capacity: ${units}`
    : `    rateLimit: { tokensPerMinute: ${units * model.unitTokensPerMinute} }`;
}

function deploymentLines(i: number, accountCount: number): { name: string; lines: string[] } {
  const block = Math.floor(i / BLOCK);
  const slot = i % BLOCK;
  const account = accountKey(block % accountCount);
  const id = String(i).padStart(5, "0");
  const chat = chatModels[block % chatModels.length] as ModelSpec;
  const lines: string[] = [];
  let name: string;
  if (slot === 0) {
    // The spillover target of the next deployment: a token-based deployment on the same account.
    name = `${chat.short}-${id}`;
    lines.push(`  - name: ${name}`, `    account: ${account}`, modelLine(chat), "    sku: DataZoneStandard");
    lines.push(sizeLine(chat, 150));
  } else if (slot === 1) {
    name = `${chat.short}-ptu-${id}`;
    const target = `${chat.short}-${String(i - 1).padStart(5, "0")}`;
    lines.push(
      `  - name: ${name}`,
      `    account: ${account}`,
      modelLine(chat),
      // Spillover stays within one data processing level: data zone provisioned to data zone standard.
      "    sku: DataZoneProvisionedManaged",
    );
    // Multiples of 50 PTUs: the regional minimum and increment of the larger models (25 for the smaller).
    lines.push(`    capacity: ${50 + (block % 4) * 50}`, `    spillover: ${target}`);
  } else if (slot === 2 && accountCount > 1) {
    // A model served from two regions.
    const second = accountKey((block + 1) % accountCount);
    name = `${chat.short}-multi-${id}`;
    lines.push(`  - name: ${name}`, `    accounts: [${account}, ${second}]`, modelLine(chat));
    lines.push(sizeLine(chat, 10 + (i % 50)));
  } else {
    const model = (slot % 2 === 0 ? chat : otherModels[(i + block) % otherModels.length]) as ModelSpec;
    name = `${model.short}-${id}`;
    lines.push(`  - name: ${name}`, `    account: ${account}`, modelLine(model));
    if (slot === 3) lines.push("    sku: Standard");
    if (slot === 5) lines.push("    sku: GlobalBatch");
    // Batch deployments are sized in units of enqueued-token quota, never by a rate limit.
    lines.push(
      slot % 3 === 0 || slot === 5 ? `    capacity: ${1 + (i % 120)}` : sizeLine(model, 1 + (i % 300)),
    );
    if (slot === 4) lines.push("    versionUpgradeOption: OnceNewDefaultVersionAvailable");
    if (slot >= 6) lines.push(`    contentFilter: ${filterFor(i)}`);
    if (slot === 7) lines.push(`    tags: { team: team-${block % 17}, costCenter: "${1000 + (block % 9)}" }`);
  }
  return { name, lines };
}

const filterBodies: Record<(typeof filters)[number], string[]> = {
  strict: [
    "    base: Microsoft.DefaultV2",
    "    mode: Default",
    "    prompt: { hate: low, sexual: low, violence: medium, selfHarm: low, jailbreak: block, indirectAttack: block, blocklists: [banned-terms] }",
    "    completion: { hate: low, sexual: low, violence: medium, selfHarm: low, protectedMaterialText: block, protectedMaterialCode: annotate }",
  ],
  "relaxed-internal": [
    "    mode: Default",
    "    prompt: { hate: medium, sexual: medium, violence: medium, selfHarm: medium, jailbreak: block }",
    "    completion: { hate: medium, sexual: medium, violence: medium, selfHarm: medium }",
  ],
  "pii-guard": [
    "    base: Microsoft.DefaultV2",
    "    mode: Asynchronous_filter",
    "    prompt: { hate: medium, jailbreak: block, blocklists: [pii-patterns, banned-terms] }",
    "    completion: { hate: medium, blocklists: [pii-patterns] }",
  ],
  "code-assist": [
    "    prompt: { jailbreak: block, indirectAttack: annotate }",
    "    completion: { protectedMaterialCode: block, blocklists: [internal-hosts] }",
  ],
};

/** A deployments file with `count` deployments, as YAML text. */
export function generateDeploymentsYaml(count: number, options: GenerateOptions = {}): string {
  const accountCount = Math.max(1, Math.min(options.accounts ?? 10, regions.length * 10));
  const withEnvironments = options.environments ?? true;
  const out: string[] = [
    "# Generated by bench/generate.ts",
    "version: 1",
    "subscription: 00000000-0000-0000-0000-000000000000",
    "",
    "accounts:",
  ];
  for (let a = 0; a < accountCount; a++) {
    const region = regions[a % regions.length] as string;
    const name = `contoso-ai-${region}-${String(a).padStart(2, "0")}`;
    out.push(
      `  ${accountKey(a)}:`,
      `    name: ${name}`,
      "    resourceGroup: rg-ai-prod",
      `    location: ${region}`,
      "    create: true",
      `    customSubDomain: ${name}`,
      "    publicNetworkAccess: Disabled",
      "    disableLocalAuth: true",
      "    identity: SystemAssigned",
      "    networkAcls: { defaultAction: Deny }",
      `    tags: { costCenter: "1234", owner: platform-ai }`,
    );
  }
  out.push("", "defaults:", "  sku: GlobalStandard");
  if (count > 0) out.push("  contentFilter: strict");
  out.push("  versionUpgradeOption: NoAutoUpgrade", "", "deployments:");
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const { name, lines } = deploymentLines(i, accountCount);
    names.push(name);
    out.push(...lines);
  }
  if (count === 0) out[out.length - 1] = "deployments: []";
  // Filters only declared when some deployment uses them, so that the file loads without warnings.
  const usedFilters = new Set<string>(count > 0 ? ["strict"] : []);
  for (let i = 0; i < count; i++) {
    if (i % BLOCK >= 6) usedFilters.add(filterFor(i));
  }
  const declaredFilters = filters.filter((f) => usedFilters.has(f));
  if (declaredFilters.length > 0) {
    out.push("", "contentFilters:");
    for (const filter of declaredFilters) out.push(`  ${filter}:`, ...filterBodies[filter]);
  }
  const blocklists: [string, string[]][] = [
    ["banned-terms", ["contoso-secret", "project-falcon", '{ pattern: "proj-[0-9]{4}", regex: true }']],
    ["pii-patterns", ['{ pattern: "\\\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\\\b", regex: true }', "passport number"]],
    ["internal-hosts", ['{ pattern: "[a-z0-9-]+\\\\.corp\\\\.contoso\\\\.com", regex: true }']],
  ];
  const usedBlocklists = new Set<string>();
  if (usedFilters.has("strict")) usedBlocklists.add("banned-terms");
  if (usedFilters.has("pii-guard")) for (const b of ["pii-patterns", "banned-terms"]) usedBlocklists.add(b);
  if (usedFilters.has("code-assist")) usedBlocklists.add("internal-hosts");
  const declaredBlocklists = blocklists.filter(([name]) => usedBlocklists.has(name));
  if (declaredBlocklists.length > 0) {
    out.push("", "blocklists:");
    for (const [name, items] of declaredBlocklists) {
      out.push(`  ${name}:`, `    description: ${name.replace(/-/g, " ")}`, "    items:");
      for (const item of items) out.push(`      - ${item}`);
    }
  }
  if (withEnvironments) {
    out.push("", "environments:", "  dev:", "    accounts:");
    for (let a = 0; a < accountCount; a++) {
      const region = regions[a % regions.length] as string;
      const name = `contoso-ai-${region}-${String(a).padStart(2, "0")}-dev`;
      out.push(
        `      ${accountKey(a)}: { name: ${name}, resourceGroup: rg-ai-dev, customSubDomain: ${name} }`,
      );
    }
    out.push("    defaults: { versionUpgradeOption: OnceNewDefaultVersionAvailable }");
    const overrides: string[] = [];
    for (let i = 0; i < count; i++) {
      const slot = i % BLOCK;
      const name = names[i] as string;
      if (slot === 1) overrides.push(`      ${name}: { enabled: false }`);
      else if (slot === 2 || slot === 8) overrides.push(`      ${name}: { capacity: 10 }`);
    }
    if (overrides.length > 0) out.push("    deployments:", ...overrides);
    out.push("  prod:", "    protect: true", "    retainOnDelete: true");
  }
  return `${out.join("\n")}\n`;
}
