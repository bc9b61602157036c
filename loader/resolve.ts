import type { ModelCatalog } from "../catalog/model-catalog";
import { type CapacityMeaning, capacityMeaningOf } from "./capacity";
import {
  COMPLETION_ACTION_KEYS,
  PROMPT_ACTION_KEYS,
  SEVERITY_KEYS,
  TOOL_ACTION_KEYS,
} from "./content-filters";
import { routerModeValue } from "./deployment-features";
import type {
  DesiredAccount,
  DesiredBlocklist,
  DesiredConnection,
  DesiredContentFilter,
  DesiredDeployment,
  DesiredProject,
  DesiredReservation,
  DesiredRouting,
  DesiredState,
  DesiredSubscriptionRaiPolicy,
  DisabledDeployment,
  FilterSide,
  HarmSetting,
  ToolSide,
} from "./desired-state";
import type {
  Action,
  AideployDeploymentsFile,
  Capacity,
  CompletionFilter,
  ContentFilter,
  Deployment,
  DeploymentOverride,
  Environment,
  ImportIds,
  PromptFilter,
  RateLimit,
  Reservation,
  Severity,
  SubscriptionRaiPolicy,
  ToolFilter,
} from "./file-types.generated";
import { deploymentLayers, firstSetting, own } from "./layers";
import { locationKey } from "./location";
import type { ParsedDocument } from "./parse";

/** Azure's behaviour when a deployment says nothing: stay on the version until it retires, then move. */
export const DEFAULT_VERSION_UPGRADE_OPTION = "OnceCurrentVersionExpired" as const;
/** Content filter assumed when neither the deployment nor the defaults name one. */
export const DEFAULT_CONTENT_FILTER = "Microsoft.DefaultV2";

/**
 * The accounts a deployment goes to: `accounts`, else `account`, else the only account.
 * Returns an empty list when that cannot be decided (a semantic check reports it).
 */
export function deploymentAccountKeys(deployment: Deployment, file: AideployDeploymentsFile): string[] {
  if (deployment.accounts && deployment.accounts.length > 0) return [...new Set(deployment.accounts)];
  if (deployment.account !== undefined) return [deployment.account];
  const keys = Object.keys(file.accounts ?? {});
  return keys.length === 1 && keys[0] !== undefined ? [keys[0]] : [];
}

/** The import id of a resource on one account: a plain id when it lives on one account, else the map entry. */
export function importIdFor(
  ids: ImportIds | undefined,
  accountKey: string,
  accountCount: number,
): string | undefined {
  if (ids === undefined) return undefined;
  if (typeof ids === "string") return accountCount === 1 ? ids : undefined;
  return ids[accountKey];
}

/** The first sizing of a layer: an explicit capacity wins over a rate limit (a check reports both). */
function sizingOf(source: { capacity?: Capacity; rateLimit?: RateLimit }) {
  if (source.capacity !== undefined) return { capacity: source.capacity };
  if (source.rateLimit !== undefined) return { tokensPerMinute: source.rateLimit.tokensPerMinute };
  return undefined;
}

/**
 * Capacity in units, and tokens and requests per minute where the model's unit is known. A rate limit
 * is divided by the model's unit; on a type or model without a known unit a semantic check rejects it,
 * and it resolves to no capacity rather than to a guess.
 */
function sized(
  sizing: { capacity?: number; tokensPerMinute?: number } | undefined,
  meaning: CapacityMeaning,
): Pick<DesiredDeployment, "capacity" | "tokensPerMinute" | "requestsPerMinute"> {
  const unit = meaning.kind === "tokens" ? meaning.unit : undefined;
  let capacity = sizing?.capacity ?? 1;
  if (sizing?.tokensPerMinute !== undefined) {
    capacity = unit ? Math.ceil(sizing.tokensPerMinute / unit.tokensPerMinute) : 0;
  }
  if (!unit) return { capacity };
  const rates: Pick<DesiredDeployment, "tokensPerMinute" | "requestsPerMinute"> = {
    tokensPerMinute: capacity * unit.tokensPerMinute,
  };
  if (unit.requestsPerMinute !== null) rates.requestsPerMinute = capacity * unit.requestsPerMinute;
  return { capacity, ...rates };
}

/**
 * Applies defaults and one environment's overrides to a schema-valid file. Pure and total: inputs a
 * semantic check would reject resolve to something harmless rather than throwing.
 */
export function resolveDesiredState(
  file: AideployDeploymentsFile,
  document: ParsedDocument,
  environmentName: string | null,
  catalog: ModelCatalog,
): DesiredState {
  const env: Environment =
    (environmentName !== null ? file.environments?.[environmentName] : undefined) ?? {};
  const accounts = resolveAccounts(file, document, env);
  const accountKeys = new Set(accounts.map((a) => a.key));
  const deployments: DesiredDeployment[] = [];
  const disabledDeployments: DisabledDeployment[] = [];

  file.deployments.forEach((deployment, index) => {
    const docPath = ["deployments", index];
    const source = document.locate(docPath);
    const override: DeploymentOverride = own(env.deployments, deployment.name) ?? {};
    const targets = deploymentAccountKeys(deployment, file).filter((k) => accountKeys.has(k));
    const enabled = override.enabled ?? deployment.enabled ?? true;
    for (const accountKey of targets) {
      const key = `${accountKey}/${deployment.name}`;
      if (!enabled) {
        disabledDeployments.push({ key, accountKey, name: deployment.name, source, docPath });
        continue;
      }
      const layers = deploymentLayers(file.defaults, env, deployment);
      const sku = firstSetting(layers, (l) => l.sku)?.value ?? "Standard";
      const explicitFilter = firstSetting(layers, (l) => l.contentFilter)?.value;
      const model = { ...deployment.model, version: override.modelVersion ?? deployment.model.version };
      const capacityMeaning = capacityMeaningOf(catalog, model, sku);
      const desired: DesiredDeployment = {
        key,
        accountKey,
        name: deployment.name,
        model,
        sku,
        ...sized(firstSetting(layers, sizingOf)?.value, capacityMeaning),
        capacityMeaning,
        contentFilter: explicitFilter ?? DEFAULT_CONTENT_FILTER,
        contentFilterExplicit: explicitFilter !== undefined,
        versionUpgradeOption:
          firstSetting(layers, (l) => l.versionUpgradeOption)?.value ?? DEFAULT_VERSION_UPGRADE_OPTION,
        tags: definedValues(deployment.tags),
        index,
        source,
        docPath,
      };
      if (deployment.spillover !== undefined) desired.spillover = deployment.spillover;
      Object.assign(desired, features2026(deployment, override));
      const usage = firstSetting(layers, (l) => l.usage)?.value;
      if (usage !== undefined) desired.usage = usage;
      const importId = importIdFor(deployment.import, accountKey, targets.length);
      if (importId !== undefined) desired.import = importId;
      deployments.push(desired);
    }
  });

  const { contentFilters, blocklists } = resolveFilters(file, document, accounts, deployments);
  const state: DesiredState = {
    file: document.file,
    environment: environmentName,
    protect: env.protect ?? false,
    retainOnDelete: env.retainOnDelete ?? false,
    accounts,
    deployments,
    disabledDeployments,
    contentFilters,
    blocklists,
  };
  const subscription = env.subscription ?? file.subscription;
  if (subscription !== undefined) state.subscription = subscription;
  if (file.reservations !== undefined) state.reservations = resolveReservations(file.reservations, document);
  const projects = resolveProjects(file, document, accounts);
  if (projects.length > 0) state.projects = projects;
  const connections = resolveConnections(file, document, projects);
  if (connections.length > 0) state.connections = connections;
  if (file.subscriptionRaiPolicy !== undefined)
    state.subscriptionRaiPolicy = resolveSubscriptionRaiPolicy(file.subscriptionRaiPolicy, document);
  return state;
}

/** The subscription's RAI policy: a content filter's settings (the same defaults), its name and tags. */
function resolveSubscriptionRaiPolicy(
  declared: SubscriptionRaiPolicy,
  document: ParsedDocument,
): DesiredSubscriptionRaiPolicy {
  const docPath = ["subscriptionRaiPolicy"];
  const { name, tags, import: importId, ...settings } = declared;
  const policy: DesiredSubscriptionRaiPolicy = {
    name,
    ...resolveContentFilterSettings(settings),
    tags: definedValues(tags),
    source: document.locate(docPath),
    docPath,
  };
  if (importId !== undefined) policy.import = importId;
  return policy;
}

function resolveAccounts(
  file: AideployDeploymentsFile,
  document: ParsedDocument,
  env: Environment,
): DesiredAccount[] {
  return Object.entries(file.accounts ?? {}).flatMap(([key, declared]): DesiredAccount[] => {
    if (!declared) return [];
    const merged = { ...declared, ...(env.accounts?.[key] ?? {}) };
    const docPath = ["accounts", key];
    const account: DesiredAccount = {
      key,
      name: merged.name,
      resourceGroup: merged.resourceGroup,
      create: merged.create ?? false,
      kind: merged.kind ?? "AIServices",
      customSubDomain: merged.customSubDomain ?? merged.name,
      customSubDomainDeclared: merged.customSubDomain !== undefined,
      tags: { ...definedValues(declared.tags), ...definedValues(env.accounts?.[key]?.tags) },
      source: document.locate(docPath),
      docPath,
    };
    const optional = [
      "location",
      "subscription",
      "publicNetworkAccess",
      "disableLocalAuth",
      "identity",
      "networkAcls",
      "encryption",
      "restrictOutboundNetworkAccess",
      "allowedFqdnList",
    ] as const;
    return [Object.assign(account, definedFields(merged, optional))];
  });
}

/** The projects each account declares, in file order (projects belong to one account; no environment overrides them). */
function resolveProjects(
  file: AideployDeploymentsFile,
  document: ParsedDocument,
  accounts: DesiredAccount[],
): DesiredProject[] {
  return accounts.flatMap((account) =>
    Object.entries(file.accounts?.[account.key]?.projects ?? {}).flatMap(
      ([name, declared]): DesiredProject[] => {
        if (!declared) return [];
        const docPath = ["accounts", account.key, "projects", name];
        const project: DesiredProject = {
          key: `${account.key}/${name}`,
          accountKey: account.key,
          name,
          tags: definedValues(declared.tags),
          source: document.locate(docPath),
          docPath,
        };
        return [
          Object.assign(
            project,
            definedFields(declared, [
              "displayName",
              "description",
              "identity",
              "userAssignedIdentities",
              "import",
            ] as const),
          ),
        ];
      },
    ),
  );
}

/** The connections each project declares, in file order (no environment overrides them). */
function resolveConnections(
  file: AideployDeploymentsFile,
  document: ParsedDocument,
  projects: DesiredProject[],
): DesiredConnection[] {
  return projects.flatMap((project) =>
    Object.entries(file.accounts?.[project.accountKey]?.projects?.[project.name]?.connections ?? {}).flatMap(
      ([name, declared]): DesiredConnection[] => {
        if (!declared) return [];
        const docPath = [...project.docPath, "connections", name];
        const connection: DesiredConnection = {
          key: `${project.key}/${name}`,
          accountKey: project.accountKey,
          projectName: project.name,
          name,
          category: declared.category,
          authType: declared.authType,
          metadata: definedValues(declared.metadata),
          source: document.locate(docPath),
          docPath,
        };
        const credentials: NonNullable<DesiredConnection["credentials"]> = {};
        if (declared.credentials?.apiKey !== undefined)
          credentials.apiKeyConfig = declared.credentials.apiKey.config;
        Object.assign(
          credentials,
          definedFields(declared.credentials ?? {}, ["clientId", "resourceId"] as const),
        );
        if (Object.keys(credentials).length > 0) connection.credentials = credentials;
        return [
          Object.assign(
            connection,
            definedFields(declared, ["target", "isSharedToAll", "expiryTime", "import"] as const),
          ),
        ];
      },
    ),
  );
}

/** The fields of `source` among `keys` that are set: optional settings copied without writing `undefined`. */
function definedFields<T, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
  return result;
}

/** A harm category of the file as resolved: `{threshold, action: block}` is the bare threshold. */
export function harmSetting(value: Severity | undefined): HarmSetting | undefined {
  if (value === undefined || typeof value === "string") return value;
  return value.action === "block" ? value.threshold : { threshold: value.threshold, action: value.action };
}

/** Copies the categories a side declares; the ones it leaves out stay undefined (not declared). */
function side(s: PromptFilter | CompletionFilter | undefined, actionKeys: readonly ActionKey[]): FilterSide {
  const resolved: FilterSide & Partial<Record<ActionKey, Action>> = {
    blocklists: [...(s?.blocklists ?? [])],
  };
  for (const key of SEVERITY_KEYS) {
    const setting = harmSetting(s?.[key]);
    if (setting !== undefined) resolved[key] = setting;
  }
  const actions = (s ?? {}) as Partial<Record<ActionKey, Action>>;
  for (const key of actionKeys) {
    const value = actions[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

type ActionKey = (typeof PROMPT_ACTION_KEYS)[number] | (typeof COMPLETION_ACTION_KEYS)[number];

/** An agent's tool call or tool response as declared (no blocklists: none is documented there). */
function toolSide(s: ToolFilter): ToolSide {
  const resolved: ToolSide = {};
  for (const key of SEVERITY_KEYS) {
    const setting = harmSetting(s[key]);
    if (setting !== undefined) resolved[key] = setting;
  }
  for (const key of TOOL_ACTION_KEYS) {
    const value = s[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

/** The settings of a content filter as the file declares it, with the file's defaults for base and mode. */
export function resolveContentFilterSettings(
  filter: ContentFilter,
): Pick<DesiredContentFilter, "base" | "mode" | "prompt" | "completion" | "toolCall" | "toolResponse"> {
  const settings: Pick<
    DesiredContentFilter,
    "base" | "mode" | "prompt" | "completion" | "toolCall" | "toolResponse"
  > = {
    base: filter.base ?? "Microsoft.DefaultV2",
    mode: filter.mode ?? "Default",
    prompt: side(filter.prompt, PROMPT_ACTION_KEYS),
    completion: side(filter.completion, COMPLETION_ACTION_KEYS),
  };
  if (filter.toolCall !== undefined) settings.toolCall = toolSide(filter.toolCall);
  if (filter.toolResponse !== undefined) settings.toolResponse = toolSide(filter.toolResponse);
  return settings;
}

/** Content filters and blocklists exist on each account where a deployment uses them, in file order. */
function resolveFilters(
  file: AideployDeploymentsFile,
  document: ParsedDocument,
  accounts: DesiredAccount[],
  deployments: DesiredDeployment[],
): { contentFilters: DesiredContentFilter[]; blocklists: DesiredBlocklist[] } {
  const declaredFilters = Object.entries(file.contentFilters ?? {});
  const declaredBlocklists = Object.entries(file.blocklists ?? {});
  const filtersByAccount = new Map<string, Set<string>>();
  for (const d of deployments) {
    const set = filtersByAccount.get(d.accountKey) ?? new Set<string>();
    set.add(d.contentFilter);
    filtersByAccount.set(d.accountKey, set);
  }
  const contentFilters: DesiredContentFilter[] = [];
  const accountsUsingFilter = (name: string) =>
    accounts.filter((a) => filtersByAccount.get(a.key)?.has(name) ?? false).length;
  for (const account of accounts) {
    const used = filtersByAccount.get(account.key) ?? new Set<string>();
    for (const [name, filter] of declaredFilters) {
      if (!filter || !used.has(name)) continue;
      const docPath = ["contentFilters", name];
      const desired: DesiredContentFilter = {
        key: `${account.key}/${name}`,
        accountKey: account.key,
        name,
        ...resolveContentFilterSettings(filter),
        source: document.locate(docPath),
        docPath,
      };
      const importId = importIdFor(filter.import, account.key, accountsUsingFilter(name));
      if (importId !== undefined) desired.import = importId;
      contentFilters.push(desired);
    }
  }

  const blocklistsByAccount = new Map<string, Set<string>>();
  for (const f of contentFilters) {
    const set = blocklistsByAccount.get(f.accountKey) ?? new Set<string>();
    for (const b of [...f.prompt.blocklists, ...f.completion.blocklists]) set.add(b);
    blocklistsByAccount.set(f.accountKey, set);
  }
  const blocklists: DesiredBlocklist[] = [];
  for (const account of accounts) {
    const used = blocklistsByAccount.get(account.key) ?? new Set<string>();
    for (const [name, list] of declaredBlocklists) {
      if (!list || !used.has(name)) continue;
      const docPath = ["blocklists", name];
      const desired: DesiredBlocklist = {
        key: `${account.key}/${name}`,
        accountKey: account.key,
        name,
        items: list.items.map((item) => {
          if (typeof item === "string") return { pattern: item, regex: false };
          const resolved: { pattern: string; regex: boolean; name?: string } = {
            pattern: item.pattern,
            regex: item.regex ?? false,
          };
          if (item.name !== undefined) resolved.name = item.name;
          return resolved;
        }),
        source: document.locate(docPath),
        docPath,
      };
      if (list.description !== undefined) desired.description = list.description;
      const usingAccounts = accounts.filter((a) => blocklistsByAccount.get(a.key)?.has(name) ?? false).length;
      const importId = importIdFor(list.import, account.key, usingAccounts);
      if (importId !== undefined) desired.import = importId;
      blocklists.push(desired);
    }
  }
  return { contentFilters, blocklists };
}

function definedValues(record: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

/** The 2026 deployment properties of a deployment, as the API spells them (see loader/deployment-features.ts). */
function features2026(
  deployment: Deployment,
  override: Pick<DeploymentOverride, "serviceTier" | "state">,
): Pick<DesiredDeployment, "serviceTier" | "state" | "routing" | "modelProviderData"> {
  const features: Pick<DesiredDeployment, "serviceTier" | "state" | "routing" | "modelProviderData"> = {};
  const serviceTier = override.serviceTier ?? deployment.serviceTier;
  if (serviceTier !== undefined) features.serviceTier = serviceTier;
  const state = override.state ?? deployment.state;
  if (state !== undefined) features.state = state === "paused" ? "Paused" : "Running";
  if (deployment.routing !== undefined) {
    const routing: DesiredRouting = {};
    const mode = deployment.routing.mode === undefined ? undefined : routerModeValue(deployment.routing.mode);
    if (mode !== undefined) routing.mode = mode;
    if (deployment.routing.models !== undefined) {
      routing.models = deployment.routing.models.map((m) => ({
        format: m.format,
        name: m.name,
        version: m.version,
      }));
    }
    features.routing = routing;
  }
  if (deployment.modelProviderData !== undefined) {
    const { organizationName, countryCode, industry } = deployment.modelProviderData;
    features.modelProviderData = { organizationName, countryCode: countryCode.toUpperCase(), industry };
  }
  return features;
}

function resolveReservations(
  reservations: readonly Reservation[],
  document: ParsedDocument,
): DesiredReservation[] {
  return reservations.map((r, index) => {
    const docPath = ["reservations", index];
    const desired: DesiredReservation = {
      deploymentType: r.deploymentType,
      region: locationKey(r.region),
      quantity: r.quantity,
      term: r.term,
      scope: r.scope ?? "shared",
      source: document.locate(docPath),
      docPath,
    };
    if (r.resourceGroup !== undefined) desired.resourceGroup = r.resourceGroup;
    return desired;
  });
}
