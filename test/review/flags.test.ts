import { describe, expect, it } from "vitest";
import type { ModelCatalog } from "../../catalog/model-catalog";
import { flagRules } from "../../review/flags/index";
import { type ChangeKind, DIFF_FLAGS, type DiffFlag } from "../../review/model";
import { testPrices } from "../cost/support";
import { testCatalog } from "../support/catalog";
import { baseline, changeOf, deployment, diffOf, edited, type FileData } from "./support";

const o3Pro = { format: "OpenAI", name: "o3-pro", version: "2025-06-10" };
const o4Mini = { format: "OpenAI", name: "o4-mini", version: "2025-04-16" };

interface FlagCase {
  name: string;
  base?: FileData;
  edit: (file: FileData) => void;
  env?: string;
  kind: ChangeKind;
  key: string;
  /** Whether the change carries the flag. */
  flagged: boolean;
  /** The model catalog of both sides (default: the shipped one). */
  catalog?: ModelCatalog;
}

/** Sets one setting (`prompt.hate`, `mode`) of the `strict` content filter. */
function setStrict(setting: string, value: unknown): (file: FileData) => void {
  return (f) => {
    const path = setting.split(".");
    const last = path.pop() as string;
    let target = f.contentFilters.strict;
    for (const segment of path) target = target[segment];
    target[last] = value;
  };
}

const onRelaxed = edited((f) => {
  deployment(f, "embed").contentFilter = "relaxed";
});

const cases: Record<Exclude<DiffFlag, "policy-regression" | "policy-blocks-delete">, FlagCase[]> = {
  breaking: [
    {
      name: "a deployment paused (its calls get HTTP 423)",
      edit: (f) => {
        deployment(f, "embed").state = "paused";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "not: a paused deployment resumed",
      base: edited((f) => {
        deployment(f, "embed").state = "paused";
      }),
      edit: (f) => {
        deployment(f, "embed").state = "running";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
    {
      name: "a removed deployment",
      edit: (f) => {
        f.deployments = f.deployments.filter((d: { name: string }) => d.name !== "embed");
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "a deployment disabled in the environment",
      edit: (f) => {
        f.environments.dev.deployments.embed = { enabled: false };
      },
      env: "dev",
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "an account renamed (another Azure account), for each deployment on it",
      edit: (f) => {
        f.accounts.west.name = "acct-west-2";
      },
      kind: "deployment",
      key: "west/chat",
      flagged: true,
    },
    {
      name: "not: a case-only rename (routing ignores case)",
      edit: (f) => {
        deployment(f, "embed").name = "EMBED";
      },
      kind: "deployment",
      key: "east/EMBED",
      flagged: false,
    },
    {
      name: "not: a replace that keeps the name (new model)",
      edit: (f) => {
        deployment(f, "embed").model.name = "text-embedding-3-small";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
    {
      name: "an account re-created in another region, for each deployment on it",
      edit: (f) => {
        f.accounts.west.location = "westus3";
      },
      kind: "deployment",
      key: "west/chat",
      flagged: true,
    },
    {
      name: "not: the account key renamed while the Azure account stays",
      edit: (f) => {
        f.accounts["west-2"] = f.accounts.west;
        delete f.accounts.west;
        deployment(f, "chat").accounts = ["east", "west-2"];
      },
      kind: "deployment",
      key: "west/chat",
      flagged: false,
    },
  ],
  replace: [
    {
      name: "a new model name (Azure deletes and re-creates the deployment)",
      edit: (f) => {
        deployment(f, "embed").model.name = "text-embedding-3-small";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "a new deployment type",
      edit: (f) => {
        deployment(f, "embed").sku = "GlobalStandard";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "an account moved to another region, for each deployment on it",
      edit: (f) => {
        f.accounts.west.location = "westus3";
      },
      kind: "deployment",
      key: "west/chat",
      flagged: true,
    },
    {
      name: "not: a case-only rename of the deployment (one Azure resource)",
      edit: (f) => {
        deployment(f, "embed").name = "EMBED";
      },
      kind: "deployment",
      key: "east/EMBED",
      flagged: false,
    },
    {
      name: "not: a case-only change of the model name",
      edit: (f) => {
        const model = deployment(f, "embed").model;
        model.name = model.name.toUpperCase();
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
    {
      name: "not: a capacity change (in place)",
      edit: (f) => {
        deployment(f, "embed").capacity = 40;
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
  ],
  "capacity-decrease": [
    {
      name: "less capacity",
      edit: (f) => {
        deployment(f, "embed").capacity = 40;
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "fewer PTUs",
      base: edited((f) => {
        deployment(f, "chat-ptu").capacity = 100;
      }),
      edit: (f) => {
        deployment(f, "chat-ptu").capacity = 50;
      },
      kind: "deployment",
      key: "east/chat-ptu",
      flagged: true,
    },
    {
      name: "not: more capacity",
      edit: (f) => {
        deployment(f, "embed").capacity = 60;
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
    {
      name: "fewer tokens per minute, though more units (o3-pro 10 × 10,000 → o4-mini 50 × 1,000)",
      base: edited((f) => {
        Object.assign(deployment(f, "chat"), { model: o3Pro, capacity: 10 });
      }),
      edit: (f) => {
        Object.assign(deployment(f, "chat"), { model: o4Mini, capacity: 50 });
      },
      kind: "deployment",
      key: "east/chat",
      flagged: true,
      catalog: testCatalog(),
    },
    {
      name: "not: more tokens per minute, though fewer units (o4-mini 50 × 1,000 → o3-pro 10 × 10,000)",
      base: edited((f) => {
        Object.assign(deployment(f, "chat"), { model: o4Mini, capacity: 50 });
      }),
      edit: (f) => {
        Object.assign(deployment(f, "chat"), { model: o3Pro, capacity: 10 });
      },
      kind: "deployment",
      key: "east/chat",
      flagged: false,
      catalog: testCatalog(),
    },
    {
      name: "not: units of two models whose units are not documented",
      edit: (f) => {
        Object.assign(deployment(f, "chat"), {
          model: { format: "OpenAI", name: "text-embedding-3-large", version: "1" },
          capacity: 50,
        });
      },
      kind: "deployment",
      key: "east/chat",
      flagged: false,
      catalog: testCatalog(),
    },
    {
      name: "not: TPM to PTU (units differ)",
      edit: (f) => {
        deployment(f, "embed").sku = "ProvisionedManaged";
        deployment(f, "embed").capacity = 15;
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
  ],
  "content-filter-weakened": [
    ...(
      [
        ["a severity threshold relaxed (low → medium)", "prompt.hate", "medium"],
        ["a severity category turned off", "completion.violence", "off"],
        ["the jailbreak shield from block to annotate", "prompt.jailbreak", "annotate"],
        ["the indirect attack shield turned off", "prompt.indirectAttack", "off"],
        ["protected material text turned off", "completion.protectedMaterialText", "off"],
        ["protected material code from block to annotate", "completion.protectedMaterialCode", "annotate"],
        ["a blocklist detached", "prompt.blocklists", []],
        ["asynchronous filtering", "mode", "Asynchronous_filter"],
        ["deferred (older name of asynchronous) filtering", "mode", "Deferred"],
      ] as [string, string, unknown][]
    ).map(
      ([name, setting, value]): FlagCase => ({
        name,
        edit: setStrict(setting, value),
        kind: "contentFilter",
        key: "east/strict",
        flagged: true,
      }),
    ),
    {
      name: "not: a threshold tightened and a blocklist attached",
      edit: (f) => {
        f.contentFilters.strict.prompt.violence = "low";
        f.contentFilters.strict.completion.blocklists = ["banned"];
      },
      kind: "contentFilter",
      key: "east/strict",
      flagged: false,
    },
    {
      name: "not: from asynchronous to blocking",
      base: edited((f) => {
        f.contentFilters.strict.mode = "Asynchronous_filter";
      }),
      edit: (f) => {
        f.contentFilters.strict.mode = "Blocking";
      },
      kind: "contentFilter",
      key: "east/strict",
      flagged: false,
    },
    {
      name: "a deployment switched to a weaker filter",
      edit: (f) => {
        deployment(f, "embed").contentFilter = "relaxed";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "a deployment switched to a Microsoft default policy",
      edit: (f) => {
        deployment(f, "embed").contentFilter = "Microsoft.DefaultV2";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "not: a deployment switched to a stricter filter",
      base: onRelaxed,
      edit: (f) => {
        deployment(f, "embed").contentFilter = "strict";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
    {
      name: "a deployment moved from Microsoft.DefaultV2 to Microsoft.Default (no shields)",
      base: edited((f) => {
        deployment(f, "embed").contentFilter = "Microsoft.DefaultV2";
      }),
      edit: (f) => {
        deployment(f, "embed").contentFilter = "Microsoft.Default";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
  ],
  "service-tier-change": [
    {
      name: "priority processing switched on",
      edit: (f) => {
        deployment(f, "chat").serviceTier = "Priority";
      },
      kind: "deployment",
      key: "west/chat",
      flagged: true,
    },
    {
      name: "priority processing switched off",
      base: edited((f) => {
        deployment(f, "chat").serviceTier = "Priority";
      }),
      edit: (f) => {
        delete deployment(f, "chat").serviceTier;
      },
      kind: "deployment",
      key: "west/chat",
      flagged: true,
    },
    {
      name: "not: Default written where nothing was (the same tier)",
      edit: (f) => {
        deployment(f, "chat").serviceTier = "Default";
      },
      kind: "deployment",
      key: "west/chat",
      flagged: false,
    },
  ],
  "marketplace-terms": [
    {
      name: "a partner model deployed with modelProviderData",
      edit: (f) => {
        f.deployments.push({
          name: "claude",
          account: "east",
          model: { format: "Anthropic", name: "claude-sonnet-4-5", version: "20250929" },
          capacity: 10,
          modelProviderData: { organizationName: "Contoso Ltd", countryCode: "US", industry: "technology" },
        });
      },
      kind: "deployment",
      key: "east/claude",
      flagged: true,
    },
    {
      name: "another organisation accepting the terms",
      base: edited((f) => {
        deployment(f, "chat").modelProviderData = {
          organizationName: "Contoso Ltd",
          countryCode: "US",
          industry: "technology",
        };
      }),
      edit: (f) => {
        deployment(f, "chat").modelProviderData = {
          organizationName: "Fabrikam Inc",
          countryCode: "US",
          industry: "technology",
        };
      },
      kind: "deployment",
      key: "west/chat",
      flagged: true,
    },
    {
      name: "not: the same acceptance, another capacity",
      base: edited((f) => {
        deployment(f, "chat").modelProviderData = {
          organizationName: "Contoso Ltd",
          countryCode: "US",
          industry: "technology",
        };
      }),
      edit: (f) => {
        deployment(f, "chat").capacity = 120;
      },
      kind: "deployment",
      key: "west/chat",
      flagged: false,
    },
  ],
  "version-change": [
    {
      name: "another model version",
      edit: (f) => {
        deployment(f, "chat").model.version = "2024-08-06";
      },
      kind: "deployment",
      key: "west/chat",
      flagged: true,
    },
    {
      name: "another model version in one environment",
      edit: (f) => {
        f.environments.dev.deployments.chat.modelVersion = "2024-08-06";
      },
      env: "dev",
      kind: "deployment",
      key: "east/chat",
      flagged: true,
    },
    {
      name: "not: capacity only",
      edit: (f) => {
        deployment(f, "chat").capacity = 120;
      },
      kind: "deployment",
      key: "west/chat",
      flagged: false,
    },
  ],
  "auto-upgrade-enabled": [
    {
      name: "NoAutoUpgrade → OnceNewDefaultVersionAvailable",
      edit: (f) => {
        deployment(f, "embed").versionUpgradeOption = "OnceNewDefaultVersionAvailable";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "NoAutoUpgrade → OnceCurrentVersionExpired (also when the default is no longer set)",
      edit: (f) => {
        delete f.defaults.versionUpgradeOption;
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "not: back to NoAutoUpgrade",
      base: edited((f) => {
        deployment(f, "embed").versionUpgradeOption = "OnceNewDefaultVersionAvailable";
      }),
      edit: (f) => {
        deployment(f, "embed").versionUpgradeOption = "NoAutoUpgrade";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
  ],
  "new-account": [
    {
      name: "an added account",
      edit: (f) => {
        f.accounts.north = { name: "acct-north", resourceGroup: "rg-ai", location: "northeurope" };
      },
      kind: "account",
      key: "north",
      flagged: true,
    },
    {
      name: "an account replaced by another Azure account",
      edit: (f) => {
        f.accounts.west.name = "acct-west-2";
      },
      kind: "account",
      key: "west",
      flagged: true,
    },
    {
      name: "not: account settings updated in place",
      edit: (f) => {
        f.accounts.west.disableLocalAuth = true;
      },
      kind: "account",
      key: "west",
      flagged: false,
    },
  ],
  "quota-impact": [
    {
      name: "more capacity",
      edit: (f) => {
        deployment(f, "embed").capacity = 60;
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "another deployment type (another quota bucket)",
      edit: (f) => {
        deployment(f, "embed").sku = "DataZoneStandard";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: true,
    },
    {
      name: "not: a renamed deployment holding the same quota",
      edit: (f) => {
        deployment(f, "embed").name = "embeddings";
      },
      kind: "deployment",
      key: "east/embeddings",
      flagged: false,
    },
    {
      name: "not: a version change",
      edit: (f) => {
        deployment(f, "embed").model.version = "2";
      },
      kind: "deployment",
      key: "east/embed",
      flagged: false,
    },
  ],
  "cost-increase": [
    {
      name: "more PTUs on a provisioned deployment",
      edit: (f) => {
        deployment(f, "chat-ptu").capacity = 100;
      },
      kind: "deployment",
      key: "east/chat-ptu",
      flagged: true,
    },
    {
      name: "a new provisioned deployment",
      edit: (f) => {
        f.deployments.push({
          name: "chat-ptu-2",
          account: "east",
          model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
          sku: "GlobalProvisionedManaged",
          capacity: 15,
        });
      },
      kind: "deployment",
      key: "east/chat-ptu-2",
      flagged: true,
    },
    {
      name: "global to regional provisioned: a higher hourly price",
      edit: (f) => {
        deployment(f, "chat-ptu").sku = "ProvisionedManaged";
        delete deployment(f, "chat-ptu").spillover;
      },
      kind: "deployment",
      key: "east/chat-ptu",
      flagged: true,
    },
    {
      name: "more capacity with more declared usage on a standard deployment",
      base: edited((f) => {
        deployment(f, "chat").usage = { inputTokens: 500_000 };
      }),
      edit: (f) => {
        deployment(f, "chat").capacity = 200;
        deployment(f, "chat").usage = { inputTokens: 1_000_000 };
      },
      kind: "deployment",
      key: "east/chat",
      flagged: true,
    },
    {
      name: "not: fewer PTUs",
      edit: (f) => {
        deployment(f, "chat-ptu").capacity = 15;
      },
      kind: "deployment",
      key: "east/chat-ptu",
      flagged: false,
    },
    {
      name: "not: more standard capacity (a ceiling, not a charge)",
      edit: (f) => {
        deployment(f, "chat").capacity = 200;
      },
      kind: "deployment",
      key: "east/chat",
      flagged: false,
    },
    {
      name: "not: a provisioned deployment removed",
      edit: (f) => {
        f.deployments = f.deployments.filter((d: { name: string }) => d.name !== "chat-ptu");
        delete deployment(f, "chat").spillover;
      },
      kind: "deployment",
      key: "east/chat-ptu",
      flagged: false,
    },
  ],
};

describe("flags", () => {
  for (const [flag, flagCases] of Object.entries(cases)) {
    describe(flag, () => {
      it.each(flagCases)("$name", ({ base, edit, env, kind, key, flagged, catalog }) => {
        const diffCase: Parameters<typeof diffOf>[0] = {
          head: edited(edit, base ?? baseline()),
          prices: testPrices(),
        };
        if (base !== undefined) diffCase.base = base;
        if (env !== undefined) diffCase.env = env;
        if (catalog !== undefined) diffCase.catalog = catalog;
        const report = diffOf(diffCase);
        const change = changeOf(report, kind, key);
        if (flagged) {
          expect(change.flags).toContain(flag);
          expect(report.summary.flags).toContain(flag);
        } else expect(change.flags).not.toContain(flag);
      });
    });
  }

  it("every flag has exactly one rule, in the documented order, with a description", () => {
    const rules = flagRules();
    expect(rules.map((r) => r.id)).toEqual([...DIFF_FLAGS]);
    for (const rule of rules) expect(rule.description.length).toBeGreaterThan(20);
  });

  it("counts changes per flag in the summary", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "chat").capacity = 50;
      }),
    });
    expect(report.summary.flags).toEqual(["capacity-decrease", "quota-impact"]);
    expect(report.summary.flagCounts).toEqual({ "capacity-decrease": 2, "quota-impact": 2 });
  });
});
