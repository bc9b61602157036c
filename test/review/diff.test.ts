import { describe, expect, it } from "vitest";
import { diffPlans } from "../../review/diff";
import type { ChangeAction, ChangeKind, FieldChange } from "../../review/model";
import { testCatalog } from "../support/catalog";
import { planText } from "../support/plan";
import { baseline, changeOf, deployment, diffOf, edited, type FileData, yamlOf } from "./support";

const o4Mini = { format: "OpenAI", name: "o4-mini", version: "2025-04-16" };

interface ActionCase {
  name: string;
  base?: FileData;
  edit: (file: FileData) => void;
  kind: ChangeKind;
  key: string;
  action: ChangeAction;
  fields: FieldChange[];
}

const actionCases: ActionCase[] = [
  {
    name: "a new deployment is an add with every field after",
    edit: (f) =>
      f.deployments.push({
        name: "mini",
        account: "west",
        model: { format: "OpenAI", name: "gpt-4o-mini", version: "2024-07-18" },
        capacity: 30,
      }),
    kind: "deployment",
    key: "west/mini",
    action: "add",
    fields: [
      { path: "name", before: null, after: "mini" },
      { path: "model.name", before: null, after: "gpt-4o-mini" },
      { path: "sku.name", before: null, after: "GlobalStandard" },
      { path: "sku.capacity", before: null, after: 30 },
    ],
  },
  {
    name: "a deleted deployment is a remove with every field before",
    edit: (f) => {
      f.deployments = f.deployments.filter((d: { name: string }) => d.name !== "embed");
    },
    kind: "deployment",
    key: "east/embed",
    action: "remove",
    fields: [
      { path: "model.name", before: "text-embedding-3-large", after: null },
      { path: "sku.capacity", before: 50, after: null },
    ],
  },
  {
    name: "capacity is updated in place",
    edit: (f) => {
      deployment(f, "embed").capacity = 80;
    },
    kind: "deployment",
    key: "east/embed",
    action: "update",
    fields: [{ path: "sku.capacity", before: 50, after: 80 }],
  },
  {
    name: "a model version is updated in place",
    edit: (f) => {
      deployment(f, "embed").model.version = "2";
    },
    kind: "deployment",
    key: "east/embed",
    action: "update",
    fields: [{ path: "model.version", before: "1", after: "2" }],
  },
  {
    name: "the content filter of a deployment is updated in place",
    edit: (f) => {
      deployment(f, "embed").contentFilter = "relaxed";
    },
    kind: "deployment",
    key: "east/embed",
    action: "update",
    fields: [{ path: "contentFilter", before: "strict", after: "relaxed" }],
  },
  {
    name: "the upgrade option is updated in place",
    edit: (f) => {
      deployment(f, "embed").versionUpgradeOption = "OnceCurrentVersionExpired";
    },
    kind: "deployment",
    key: "east/embed",
    action: "update",
    fields: [{ path: "versionUpgradeOption", before: "NoAutoUpgrade", after: "OnceCurrentVersionExpired" }],
  },
  {
    name: "tags are updated in place, one field per tag",
    edit: (f) => {
      deployment(f, "embed").tags = { team: "search", "cost center": "42" };
    },
    kind: "deployment",
    key: "east/embed",
    action: "update",
    fields: [
      { path: 'tags["cost center"]', before: null, after: "42" },
      { path: "tags.team", before: null, after: "search" },
    ],
  },
  {
    name: "spillover is updated in place",
    edit: (f) => {
      delete deployment(f, "chat-ptu").spillover;
    },
    kind: "deployment",
    key: "east/chat-ptu",
    action: "update",
    fields: [{ path: "spillover", before: "chat", after: null }],
  },
  {
    name: "another model name replaces the deployment",
    edit: (f) => {
      deployment(f, "embed").model.name = "text-embedding-3-small";
    },
    kind: "deployment",
    key: "east/embed",
    action: "replace",
    fields: [{ path: "model.name", before: "text-embedding-3-large", after: "text-embedding-3-small" }],
  },
  {
    name: "another model format replaces the deployment",
    edit: (f) => {
      deployment(f, "embed").model.format = "Cohere";
    },
    kind: "deployment",
    key: "east/embed",
    action: "replace",
    fields: [{ path: "model.format", before: "OpenAI", after: "Cohere" }],
  },
  {
    name: "another deployment type (sku name) replaces the deployment",
    edit: (f) => {
      deployment(f, "embed").sku = "GlobalStandard";
    },
    kind: "deployment",
    key: "east/embed",
    action: "replace",
    fields: [{ path: "sku.name", before: "Standard", after: "GlobalStandard" }],
  },
  {
    name: "a content filter setting is updated in place on every account using it",
    edit: (f) => {
      f.contentFilters.strict.prompt.violence = "low";
    },
    kind: "contentFilter",
    key: "west/strict",
    action: "update",
    fields: [{ path: "prompt.violence", before: "medium", after: "low" }],
  },
  {
    name: "a content filter used on a new account is added there",
    edit: (f) => {
      deployment(f, "chat").contentFilter = "relaxed";
    },
    kind: "contentFilter",
    key: "west/relaxed",
    action: "add",
    fields: [{ path: "mode", before: null, after: "Default" }],
  },
  {
    name: "a blocklist description is updated in place",
    edit: (f) => {
      f.blocklists.banned.description = "Terms we never send";
    },
    kind: "blocklist",
    key: "east/banned",
    action: "update",
    fields: [{ path: "description", before: "Terms never sent", after: "Terms we never send" }],
  },
  {
    name: "account settings are updated in place",
    edit: (f) => {
      f.accounts.east.publicNetworkAccess = "Disabled";
      f.accounts.east.tags.owner = "ml";
    },
    kind: "account",
    key: "east",
    action: "update",
    fields: [
      { path: "publicNetworkAccess", before: null, after: "Disabled" },
      { path: "tags.owner", before: "platform", after: "ml" },
    ],
  },
  {
    name: "a new account is an add",
    edit: (f) => {
      f.accounts.north = {
        name: "acct-north",
        resourceGroup: "rg-ai",
        location: "northeurope",
        create: true,
      };
    },
    kind: "account",
    key: "north",
    action: "add",
    fields: [{ path: "location", before: null, after: "northeurope" }],
  },
  {
    name: "a moved account (another resource group) is replaced",
    edit: (f) => {
      f.accounts.west.resourceGroup = "rg-other";
    },
    kind: "account",
    key: "west",
    action: "replace",
    fields: [{ path: "resourceGroup", before: "rg-ai", after: "rg-other" }],
  },
  {
    name: "every child of a replaced account is replaced, naming the account field as the cause",
    edit: (f) => {
      f.accounts.west.location = "westus3";
    },
    kind: "deployment",
    key: "west/chat",
    action: "replace",
    fields: [{ path: "account.location", before: "westus", after: "westus3" }],
  },
  {
    name: "a content filter on a replaced account is replaced",
    edit: (f) => {
      f.accounts.west.name = "acct-west-2";
    },
    kind: "contentFilter",
    key: "west/strict",
    action: "replace",
    fields: [{ path: "account.name", before: "acct-west", after: "acct-west-2" }],
  },
  {
    name: "another kind replaces a managed account",
    edit: (f) => {
      f.accounts.east.kind = "OpenAI";
    },
    kind: "account",
    key: "east",
    action: "replace",
    fields: [{ path: "kind", before: "AIServices", after: "OpenAI" }],
  },
  {
    name: "another kind of an existing (unmanaged) account is an update: nothing is re-created",
    base: edited((f) => {
      f.accounts.east.create = false;
    }),
    edit: (f) => {
      f.accounts.east.create = false;
      f.accounts.east.kind = "OpenAI";
    },
    kind: "account",
    key: "east",
    action: "update",
    fields: [{ path: "kind", before: "AIServices", after: "OpenAI" }],
  },
  {
    name: "a subscription change at file level replaces the accounts",
    edit: (f) => {
      f.subscription = "11111111-1111-1111-1111-111111111111";
    },
    kind: "account",
    key: "east",
    action: "replace",
    fields: [{ path: "subscription", before: null, after: "11111111-1111-1111-1111-111111111111" }],
  },
];

describe("diff actions", () => {
  it.each(actionCases)("$name", ({ base = baseline(), edit, kind, key, action, fields }) => {
    const change = changeOf(diffOf({ base, head: edited(edit, base) }), kind, key);
    expect(change.action).toBe(action);
    for (const field of fields) expect(change.fields).toContainEqual(field);
  });

  it("a removed account is a remove, and so are its children", () => {
    const report = diffOf({
      head: edited((f) => {
        delete f.accounts.west;
        deployment(f, "chat").accounts = ["east"];
      }),
    });
    expect(changeOf(report, "account", "west").action).toBe("remove");
    expect(changeOf(report, "deployment", "west/chat").action).toBe("remove");
    expect(changeOf(report, "contentFilter", "west/strict").action).toBe("remove");
    expect(changeOf(report, "blocklist", "west/banned").action).toBe("remove");
  });

  it("lists changes by kind (accounts first) then key, and counts them per action", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").capacity = 60;
        f.accounts.east.tags.owner = "ml";
        f.contentFilters.strict.mode = "Default";
      }),
    });
    expect(report.changes.map((c) => [c.kind, c.key])).toEqual([
      ["account", "east"],
      ["deployment", "east/embed"],
      ["contentFilter", "east/strict"],
      ["contentFilter", "west/strict"],
    ]);
    expect(report.summary.counts).toEqual({ add: 0, remove: 0, update: 4, replace: 0, total: 4 });
  });
});

describe("semantic comparison: the same estate written differently has no changes", () => {
  const equivalents: { name: string; head: () => string; base?: () => string }[] = [
    {
      name: "deployments, accounts and keys in another order",
      head: () => {
        const f = baseline();
        f.deployments.reverse();
        const { west, east } = f.accounts;
        f.accounts = { west, east };
        f.contentFilters.strict.prompt = Object.fromEntries(
          Object.entries(f.contentFilters.strict.prompt).reverse(),
        );
        return yamlOf(f);
      },
    },
    {
      name: "flow style, comments and quoting",
      head: () => `# reformatted\n${yamlOf(baseline(), { collectionStyle: "flow" })}`,
    },
    {
      name: "defaults spelled out on each deployment",
      head: () =>
        yamlOf(
          edited((f) => {
            for (const d of f.deployments) {
              d.sku ??= "GlobalStandard";
              d.contentFilter = "strict";
              d.versionUpgradeOption = "NoAutoUpgrade";
            }
            delete f.defaults;
          }),
        ),
    },
    {
      name: "implicit Azure defaults (filter, upgrade option, categories off) written explicitly",
      base: () =>
        yamlOf(
          edited((f) => {
            delete f.defaults.contentFilter;
            delete f.defaults.versionUpgradeOption;
            f.contentFilters = undefined;
            f.blocklists = undefined;
          }),
        ),
      head: () =>
        yamlOf(
          edited((f) => {
            f.defaults.contentFilter = "Microsoft.DefaultV2";
            f.defaults.versionUpgradeOption = "OnceCurrentVersionExpired";
            f.contentFilters = undefined;
            f.blocklists = undefined;
          }),
        ),
    },
    {
      name: "capacity given as a rate limit in tokens per minute (o4-mini: 1,000 tokens per unit)",
      base: () =>
        yamlOf(
          edited((f) => {
            deployment(f, "embed").model = o4Mini;
          }),
        ),
      head: () =>
        yamlOf(
          edited((f) => {
            deployment(f, "embed").model = o4Mini;
            delete deployment(f, "embed").capacity;
            deployment(f, "embed").rateLimit = { tokensPerMinute: 50000 };
          }),
        ),
    },
    {
      name: "blocklist items reordered or repeated in another form",
      head: () =>
        yamlOf(
          edited((f) => {
            f.blocklists.banned.items = [
              { pattern: "proj-[0-9]+", regex: true },
              "secret",
              { pattern: "secret" },
            ];
          }),
        ),
    },
  ];

  it.each(equivalents)("$name", ({ head, base }) => {
    const catalog = testCatalog();
    const report = diffPlans(
      planText(base ? base() : yamlOf(baseline()), undefined, "deployments.yaml", catalog),
      planText(head(), undefined, "deployments.yaml", catalog),
      {},
    );
    expect(report.changes).toEqual([]);
    expect(report.summary.flags).toEqual([]);
  });
});

describe("environments", () => {
  const devOnly = edited((f) => {
    f.environments.dev.deployments.chat.capacity = 20;
  });

  it("shows a change made only in an environment's overrides under that environment", () => {
    const report = diffOf({ head: devOnly, env: "dev" });
    expect(report.summary.environment).toBe("dev");
    for (const key of ["east/chat", "west/chat"]) {
      const change = changeOf(report, "deployment", key);
      expect(change.action).toBe("update");
      expect(change.fields).toEqual([{ path: "sku.capacity", before: 10, after: 20 }]);
    }
  });

  it("shows nothing for the file as written when only an environment changed", () => {
    expect(diffOf({ head: devOnly }).changes).toEqual([]);
  });

  it("a deployment disabled in the environment is removed there, with enabled true → false, and breaks clients", () => {
    const head = edited((f) => {
      f.environments.dev.deployments.embed = { enabled: false };
    });
    const change = changeOf(diffOf({ head, env: "dev" }), "deployment", "east/embed");
    expect(change.action).toBe("remove");
    expect(change.fields[0]).toEqual({ path: "enabled", before: true, after: false });
    expect(change.flags).toContain("breaking");
  });

  it("a deployment enabled again is an add with enabled false → true", () => {
    const base = edited((f) => {
      f.environments.dev.deployments.embed = { enabled: false };
    });
    const change = changeOf(diffOf({ base, head: baseline(), env: "dev" }), "deployment", "east/embed");
    expect(change.action).toBe("add");
    expect(change.fields[0]).toEqual({ path: "enabled", before: false, after: true });
  });
});

describe("deployment properties of 2026", () => {
  it("pausing, priority processing and routing are updates in place, each field shown, the flags raised", () => {
    const router = {
      name: "router",
      account: "east",
      model: { format: "OpenAI", name: "model-router", version: "2025-11-18" },
      capacity: 10,
      routing: {
        mode: "balanced",
        models: [o4Mini, { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" }],
      },
    };
    const report = diffOf({
      base: edited((f) => f.deployments.push(structuredClone(router))),
      head: edited((f) => {
        deployment(f, "embed").state = "paused";
        deployment(f, "chat").serviceTier = "Priority";
        // The subset in another order is the same subset; the mode changes.
        f.deployments.push({
          ...structuredClone(router),
          routing: { mode: "cost", models: [...router.routing.models].reverse() },
        });
      }),
    });
    const embed = changeOf(report, "deployment", "east/embed");
    expect([embed.action, embed.fields, embed.flags]).toEqual([
      "update",
      [{ path: "state", before: null, after: "Paused" }],
      ["breaking"],
    ]);
    const chat = changeOf(report, "deployment", "west/chat");
    expect([chat.action, chat.fields, chat.flags]).toEqual([
      "update",
      [{ path: "serviceTier", before: null, after: "Priority" }],
      ["service-tier-change"],
    ]);
    const routed = changeOf(report, "deployment", "east/router");
    expect([routed.action, routed.fields, routed.flags]).toEqual([
      "update",
      [{ path: "routing.mode", before: "balanced", after: "cost" }],
      [],
    ]);
  });
});

describe("names, accounts and sets", () => {
  it("a case-only rename is one update of the same resource, not a replace and not breaking", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").name = "Embed";
      }),
    });
    expect(report.changes).toHaveLength(1);
    const change = changeOf(report, "deployment", "east/Embed");
    expect(change.action).toBe("update");
    expect(change.fields).toEqual([{ path: "name", before: "embed", after: "Embed" }]);
    expect(change.flags).toEqual([]);
  });

  it("a case-only change of the model name is an update holding the same quota", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").model.name = "Text-Embedding-3-Large";
      }),
    });
    const change = changeOf(report, "deployment", "east/embed");
    expect(change.action).toBe("update");
    expect(change.flags).toEqual([]);
    expect(report.summary.quotaImpact).toEqual([]);
  });

  it("a rename is a remove of the old name (breaking) and an add of the new one", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").name = "embeddings";
      }),
    });
    expect(changeOf(report, "deployment", "east/embed")).toMatchObject({
      action: "remove",
      flags: ["breaking"],
    });
    expect(changeOf(report, "deployment", "east/embeddings").action).toBe("add");
  });

  it("a multi-account deployment losing one account is removed there only, and that breaks its clients", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "chat").accounts = ["east"];
      }),
    });
    const deployments = report.changes.filter((c) => c.kind === "deployment");
    expect(deployments.map((c) => [c.key, c.action])).toEqual([["west/chat", "remove"]]);
    expect(deployments[0]?.flags).toContain("breaking");
  });

  it("a deployment moving to another account key of the same Azure account is remove + add, not breaking", () => {
    const report = diffOf({
      head: edited((f) => {
        f.accounts["west-renamed"] = f.accounts.west;
        delete f.accounts.west;
        deployment(f, "chat").accounts = ["east", "west-renamed"];
      }),
    });
    expect(changeOf(report, "deployment", "west/chat")).toMatchObject({ action: "remove" });
    expect(changeOf(report, "deployment", "west/chat").flags).not.toContain("breaking");
    expect(changeOf(report, "deployment", "west-renamed/chat").action).toBe("add");
  });

  it("a deployment moving to another Azure account is breaking for the account it leaves", () => {
    const report = diffOf({
      head: edited((f) => {
        deployment(f, "embed").account = "west";
      }),
    });
    expect(changeOf(report, "deployment", "east/embed").flags).toContain("breaking");
    expect(changeOf(report, "deployment", "west/embed").action).toBe("add");
  });

  it("blocklist items compare as a set: one added, one removed", () => {
    const report = diffOf({
      head: edited((f) => {
        f.blocklists.banned.items = [{ pattern: "proj-[0-9]+", regex: true }, "password"];
      }),
    });
    const change = changeOf(report, "blocklist", "east/banned");
    expect(change.action).toBe("update");
    expect(change.fields).toEqual([
      {
        path: "items",
        before: [
          { pattern: "proj-[0-9]+", regex: true },
          { pattern: "secret", regex: false },
        ],
        after: [
          { pattern: "password", regex: false },
          { pattern: "proj-[0-9]+", regex: true },
        ],
      },
    ]);
  });

  it("a blocklist item becoming a regular expression is a different item", () => {
    const report = diffOf({
      head: edited((f) => {
        f.blocklists.banned.items = [
          { pattern: "secret", regex: true },
          { pattern: "proj-[0-9]+", regex: true },
        ];
      }),
    });
    expect(changeOf(report, "blocklist", "west/banned").fields[0]?.path).toBe("items");
  });
});
