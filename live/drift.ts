/**
 * Live versus declared, per account of the deployments file: what is missing in Azure, what Azure has
 * that the file does not (unmanaged), what differs field by field (changed), and which model versions
 * Azure moved on its own (upgraded). Pure: the command reads Azure and passes the records in.
 *
 * `upgraded`: the only difference is the model version, the live version is newer, and the deployment's
 * upgrade option (live, else declared) lets Azure upgrade it (anything but NoAutoUpgrade). Any other
 * version difference, or one that comes with other differences, is `changed`.
 *
 * `readAndCompare` reads every account of a plan and compares; the comparisons themselves are pure.
 */

import type { Diagnostic } from "../diagnostics/diagnostic";
import { describeHarmSetting } from "../infra/content-filter";
import { type DeploymentInputs, type ResourceGraph, ResourceTypes } from "../infra/graph";
import type { Plan } from "../infra/plan";
import { MODEL_ROUTER } from "../loader/deployment-features";
import { citeSource, DEVELOPER_TIER_LIFETIME_SOURCE, deploymentType } from "../loader/deployment-types";
import type {
  DesiredAccount,
  DesiredBlocklist,
  DesiredConnection,
  DesiredContentFilter,
  DesiredProject,
  DesiredState,
  DesiredSubscriptionRaiPolicy,
  HarmSetting,
} from "../loader/desired-state";
import { sameIdentityType } from "../loader/projects";
import { compareVersions, sameName } from "./catalog";
import {
  isBuiltInRaiPolicy,
  type MappedSetting,
  mapContentFilter,
  type Side,
  sameMode,
} from "./content-filter-map";
import type { LiveContext, LiveOutcome } from "./context";
import { describeLiveFailure, type LiveFailure, liveFailureDiagnostic, resolveSettings } from "./errors";
import {
  type AccountRecord,
  type AccountSnapshot,
  type ConnectionRecord,
  type DeploymentRecord,
  getAccount,
  getSubscriptionRaiPolicy,
  type ProjectRecord,
  type RaiBlocklistItemRecord,
  type RaiBlocklistRecord,
  type RaiPolicyRecord,
  readAccountSnapshot,
} from "./read";
import { LiveSession } from "./session";

export type DriftKind =
  | "account"
  | "deployment"
  | "contentFilter"
  | "blocklist"
  | "project"
  | "connection"
  | "subscriptionRaiPolicy";
export type DriftStatus = "missing" | "unmanaged" | "changed" | "upgraded";

export interface DriftField {
  /** Where the difference is, e.g. `sku.capacity` or `prompt.hate`. */
  path: string;
  declared: unknown;
  live: unknown;
}

export interface DriftEntry {
  kind: DriftKind;
  /**
   * `<account key>/<name>`; a connection's is `<account key>/<project>/<name>`; `subscription/<name>` for
   * the subscription's RAI policy.
   */
  key: string;
  status: DriftStatus;
  fields: DriftField[];
  note?: string;
}

/** An entry as the comparison finds it: `expected` when Azure removed the resource by design. */
type FoundEntry = DriftEntry & { expected?: boolean };

export type AccountLiveState =
  | { status: "read"; snapshot: AccountSnapshot; account?: AccountRecord }
  | { status: "missing" }
  | { status: "error"; failure: LiveFailure };

/** The subscription's RAI policy as read: found, absent (404), or not readable. */
export type SubscriptionRaiPolicyLiveState =
  | { status: "read"; record: RaiPolicyRecord }
  | { status: "missing" }
  | { status: "error"; failure: LiveFailure };

export interface DriftAccount {
  key: string;
  name: string;
  resourceGroup: string;
  subscription?: string;
  location?: string;
  /** read: compared; missing: the account does not exist in Azure; error: it could not be read. */
  status: "read" | "missing" | "error";
  message?: string;
}

export interface DriftSummary {
  missing: number;
  unmanaged: number;
  changed: number;
  upgraded: number;
  total: number;
  /** Accounts that could not be read: their drift is unknown. */
  unreadAccounts: number;
}

export interface DriftReport {
  environment: string | null;
  accounts: DriftAccount[];
  drift: DriftEntry[];
  /**
   * Differences of accounts the file does not manage (`create: false`): what the file says of them
   * differs from Azure, but aideploy never changes them. Not drift: not counted, no exit code.
   */
  information: DriftEntry[];
  summary: DriftSummary;
}

function field(path: string, declared: unknown, live: unknown): DriftField {
  return { path, declared: declared ?? null, live: live ?? null };
}

function textDiffers(a: string | undefined, b: string | undefined): boolean {
  return !sameName(a, b);
}

function tagFields(declared: Record<string, string> | undefined, live: Record<string, string>): DriftField[] {
  const fields: DriftField[] = [];
  const wanted = declared ?? {};
  const keys = [...new Set([...Object.keys(wanted), ...Object.keys(live)])].sort();
  for (const key of keys) {
    if (wanted[key] !== live[key]) fields.push(field(`tags.${key}`, wanted[key], live[key]));
  }
  return fields;
}

/** The inputs of the deployments the graph plans on an account. */
export function plannedDeploymentsOf(graph: ResourceGraph, accountKey: string): DeploymentInputs[] {
  const planned: DeploymentInputs[] = [];
  for (const node of graph.nodes) {
    if (node.type === ResourceTypes.deployment && node.account === accountKey) planned.push(node.inputs);
  }
  return planned;
}

/** Field-by-field differences of a deployment; server-computed fields are not compared. */
export function compareDeployment(declared: DeploymentInputs, live: DeploymentRecord): DriftField[] {
  const fields: DriftField[] = [];
  const model = declared.properties.model;
  if (textDiffers(declared.sku.name, live.sku.name))
    fields.push(field("sku.name", declared.sku.name, live.sku.name));
  if (declared.sku.capacity !== live.sku.capacity) {
    fields.push(field("sku.capacity", declared.sku.capacity, live.sku.capacity));
  }
  if (textDiffers(model.format, live.model.format)) {
    fields.push(field("properties.model.format", model.format, live.model.format));
  }
  if (textDiffers(model.name, live.model.name)) {
    fields.push(field("properties.model.name", model.name, live.model.name));
  }
  if (model.version !== live.model.version) {
    fields.push(field("properties.model.version", model.version, live.model.version));
  }
  // Azure may record a publisher the file leaves out; only a declared one is compared.
  if (model.publisher !== undefined && textDiffers(model.publisher, live.model.publisher)) {
    fields.push(field("properties.model.publisher", model.publisher, live.model.publisher));
  }
  // The account a fine-tuned model was trained on, compared as ARM ids are (case-insensitively).
  if (textDiffers(model.source, live.model.source)) {
    fields.push(field("properties.model.source", model.source, live.model.source));
  }
  const properties = declared.properties;
  if (textDiffers(properties.raiPolicyName, live.raiPolicyName)) {
    fields.push(field("properties.raiPolicyName", properties.raiPolicyName, live.raiPolicyName));
  }
  if (textDiffers(properties.versionUpgradeOption, live.versionUpgradeOption)) {
    fields.push(
      field("properties.versionUpgradeOption", properties.versionUpgradeOption, live.versionUpgradeOption),
    );
  }
  if (textDiffers(properties.spilloverDeploymentName, live.spilloverDeploymentName)) {
    fields.push(
      field(
        "properties.spilloverDeploymentName",
        properties.spilloverDeploymentName,
        live.spilloverDeploymentName,
      ),
    );
  }
  fields.push(...compare2026(properties, live));
  if (live.capacitySettings && Object.keys(live.capacitySettings).length > 0) {
    fields.push(field("properties.capacitySettings", undefined, live.capacitySettings));
  }
  if (live.parentDeploymentName !== undefined) {
    fields.push(field("properties.parentDeploymentName", undefined, live.parentDeploymentName));
  }
  fields.push(...tagFields(declared.tags, live.tags));
  return fields;
}

/**
 * The 2026-09-01 properties: an absent tier or state is Azure's default (Default, Running) on either side;
 * an absent routing mode is balanced; the routed models are a set. `modelProviderData` is compared only
 * when Azure reports it (whether GET returns it is not documented).
 */
function compare2026(declared: DeploymentInputs["properties"], live: DeploymentRecord): DriftField[] {
  const fields: DriftField[] = [];
  const tier = (value: string | undefined) => value ?? "Default";
  if (textDiffers(tier(declared.serviceTier), tier(live.serviceTier))) {
    fields.push(field("properties.serviceTier", tier(declared.serviceTier), tier(live.serviceTier)));
  }
  const state = (value: string | undefined) => value ?? "Running";
  if (textDiffers(state(declared.deploymentState), state(live.deploymentState))) {
    fields.push(
      field("properties.deploymentState", state(declared.deploymentState), state(live.deploymentState)),
    );
  }
  if (declared.routing !== undefined || live.routing !== undefined) {
    const mode = (value: string | undefined) => value ?? MODEL_ROUTER.defaultMode;
    if (textDiffers(mode(declared.routing?.mode), mode(live.routing?.mode))) {
      fields.push(field("properties.routing.mode", mode(declared.routing?.mode), mode(live.routing?.mode)));
    }
    const models = (value: { format: string; name: string; version: string }[] | undefined) =>
      (value ?? []).map((m) => `${m.format} ${m.name} ${m.version}`).sort();
    const wanted = models(declared.routing?.models);
    const got = models(live.routing?.models);
    if (!sameSet(wanted, got)) fields.push(field("properties.routing.models", wanted, got));
  }
  const data = live.modelProviderData;
  if (data !== undefined && declared.modelProviderData !== undefined) {
    for (const key of ["organizationName", "countryCode", "industry"] as const) {
      if (textDiffers(declared.modelProviderData[key], data[key])) {
        fields.push(field(`properties.modelProviderData.${key}`, declared.modelProviderData[key], data[key]));
      }
    }
  }
  return fields;
}

function isAutoUpgrade(option: string | undefined): boolean {
  return option !== undefined && !sameName(option, "NoAutoUpgrade");
}

function deploymentStatus(
  declared: DeploymentInputs,
  live: DeploymentRecord,
  fields: DriftField[],
): "changed" | "upgraded" {
  const [only] = fields;
  const declaredVersion = declared.properties.model.version;
  const liveVersion = live.model.version;
  const upgradeOption = live.versionUpgradeOption ?? declared.properties.versionUpgradeOption;
  if (
    fields.length === 1 &&
    only?.path === "properties.model.version" &&
    liveVersion !== undefined &&
    compareVersions(liveVersion, declaredVersion) > 0 &&
    isAutoUpgrade(upgradeOption)
  ) {
    return "upgraded";
  }
  return "changed";
}

// ── Accounts ────────────────────────────────────────────────────────────────

/**
 * What Azure means when it leaves an account property out, where the comparison relies on it.
 * `disableLocalAuth`: absent means key access is on; Microsoft's built-in policy "Azure AI Services
 * resources should have key access disabled" flags accounts whose value is not true (Azure/azure-policy,
 * built-in-policies/policyDefinitions/Azure Ai Services/DisableLocalAuth_Audit.json, read 2025).
 * `identity`: an account without an identity block has no managed identity (type None).
 */
const ABSENT_ACCOUNT_VALUES = { disableLocalAuth: false, identityType: "None" } as const;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const normal = (values: readonly string[]) => [...new Set(values.map((v) => v.toLowerCase()))].sort();
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

/**
 * Differences of an account's own settings, for what the file declares of it: key access, public
 * network access, network rules, identity, custom subdomain, tags (all of them when the file manages the
 * account, else only when it declares some), encryption and outbound restrictions when declared.
 */
export function compareAccount(declared: DesiredAccount, live: AccountRecord): DriftField[] {
  const fields: DriftField[] = [];
  if (declared.disableLocalAuth !== undefined) {
    const got = live.disableLocalAuth ?? ABSENT_ACCOUNT_VALUES.disableLocalAuth;
    if (got !== declared.disableLocalAuth) {
      fields.push(field("properties.disableLocalAuth", declared.disableLocalAuth, live.disableLocalAuth));
    }
  }
  if (
    declared.publicNetworkAccess !== undefined &&
    textDiffers(declared.publicNetworkAccess, live.publicNetworkAccess)
  ) {
    fields.push(
      field("properties.publicNetworkAccess", declared.publicNetworkAccess, live.publicNetworkAccess),
    );
  }
  if (declared.networkAcls !== undefined) {
    const acls = declared.networkAcls;
    const got = live.networkAcls;
    if (textDiffers(acls.defaultAction, got?.defaultAction)) {
      fields.push(field("properties.networkAcls.defaultAction", acls.defaultAction, got?.defaultAction));
    }
    const ipRules = acls.ipRules ?? [];
    if (!sameSet(ipRules, got?.ipRules ?? [])) {
      fields.push(
        field("properties.networkAcls.ipRules", [...ipRules].sort(), [...(got?.ipRules ?? [])].sort()),
      );
    }
    const subnets = acls.virtualNetworkRules ?? [];
    if (!sameSet(subnets, got?.virtualNetworkRules ?? [])) {
      fields.push(
        field(
          "properties.networkAcls.virtualNetworkRules",
          [...subnets].sort(),
          [...(got?.virtualNetworkRules ?? [])].sort(),
        ),
      );
    }
  }
  if (declared.identity !== undefined) {
    const got = live.identityType ?? ABSENT_ACCOUNT_VALUES.identityType;
    if (textDiffers(declared.identity, got))
      fields.push(field("identity.type", declared.identity, live.identityType));
  }
  if (textDiffers(declared.customSubDomain, live.customSubDomainName)) {
    fields.push(field("properties.customSubDomainName", declared.customSubDomain, live.customSubDomainName));
  }
  if (declared.encryption !== undefined) {
    const wanted = declared.encryption;
    const got = live.encryption ?? {};
    const path = "properties.encryption";
    if (textDiffers("Microsoft.KeyVault", got.keySource)) {
      fields.push(field(`${path}.keySource`, "Microsoft.KeyVault", got.keySource));
    }
    const uri = (value: string | undefined) => value?.replace(/\/+$/, "");
    if (textDiffers(uri(wanted.keyVaultUri), uri(got.keyVaultUri))) {
      fields.push(field(`${path}.keyVaultProperties.keyVaultUri`, wanted.keyVaultUri, got.keyVaultUri));
    }
    if (wanted.keyName !== got.keyName) {
      fields.push(field(`${path}.keyVaultProperties.keyName`, wanted.keyName, got.keyName));
    }
    for (const key of ["keyVersion", "identityClientId"] as const) {
      if (wanted[key] !== undefined && textDiffers(wanted[key], got[key])) {
        fields.push(field(`${path}.keyVaultProperties.${key}`, wanted[key], got[key]));
      }
    }
  }
  if (
    declared.restrictOutboundNetworkAccess !== undefined &&
    declared.restrictOutboundNetworkAccess !== (live.restrictOutboundNetworkAccess ?? false)
  ) {
    fields.push(
      field(
        "properties.restrictOutboundNetworkAccess",
        declared.restrictOutboundNetworkAccess,
        live.restrictOutboundNetworkAccess,
      ),
    );
  }
  if (
    declared.allowedFqdnList !== undefined &&
    !sameSet(declared.allowedFqdnList, live.allowedFqdnList ?? [])
  ) {
    fields.push(
      field(
        "properties.allowedFqdnList",
        [...declared.allowedFqdnList].sort(),
        [...(live.allowedFqdnList ?? [])].sort(),
      ),
    );
  }
  // A managed account gets exactly the file's tags; of an existing one only declared tags are compared.
  if (declared.create || Object.keys(declared.tags).length > 0)
    fields.push(...tagFields(declared.tags, live.tags));
  return fields;
}

// ── Content filters ─────────────────────────────────────────────────────────

/** Settings as words, so that a threshold that blocks and one that only annotates read differently. */
function settingText(value: HarmSetting | string): string {
  return typeof value === "string" ? value : describeHarmSetting(value);
}

/** A category the file leaves out is not declared (not sent, Azure keeps its own): never compared. */
function settingField(
  path: string,
  declared: HarmSetting | string | undefined,
  live: MappedSetting<HarmSetting | string>,
): DriftField | undefined {
  if (declared === undefined) return undefined;
  const wanted = settingText(declared);
  if (live.exact && live.value !== undefined && settingText(live.value) === wanted) return undefined;
  return field(path, wanted, live.live);
}

function blocklistText(name: string, blocking: boolean): string {
  return blocking ? name : `${name} (annotate only)`;
}

/** The categories and actions a side of a content filter declares, by the keys the file uses. */
function declaredSettings(
  filter: Pick<DesiredContentFilter, Side>,
  side: Side,
): Readonly<Record<string, HarmSetting | string | undefined>> {
  const { blocklists: _blocklists, ...settings } = filter[side];
  return settings;
}

/** Differences of a content filter, in the file's terms (`prompt.hate: low`, not Azure's entry list). */
export function compareContentFilter(
  declared: Pick<DesiredContentFilter, "base" | "mode" | "prompt" | "completion">,
  live: RaiPolicyRecord,
): DriftField[] {
  const mapped = mapContentFilter(live);
  const fields: DriftField[] = [];
  if (!sameName(declared.base, live.basePolicyName))
    fields.push(field("base", declared.base, live.basePolicyName));
  if (!sameMode(declared.mode, live.mode)) fields.push(field("mode", declared.mode, live.mode));
  for (const side of ["prompt", "completion"] as const satisfies readonly Side[]) {
    const wanted = declaredSettings(declared, side);
    const got = mapped[side];
    for (const [key, setting] of [...Object.entries(got.severities), ...Object.entries(got.actions)]) {
      const difference = settingField(`${side}.${key}`, wanted[key], setting);
      if (difference) fields.push(difference);
    }
    const wantedLists = [...(declared[side].blocklists ?? [])].sort();
    const gotLists = [...got.blocklists].sort((a, b) => a.name.localeCompare(b.name));
    const same =
      wantedLists.length === gotLists.length &&
      wantedLists.every((name, index) => sameName(name, gotLists[index]?.name) && gotLists[index]?.blocking);
    if (!same) {
      fields.push(
        field(
          `${side}.blocklists`,
          wantedLists,
          gotLists.map((blocklist) => blocklistText(blocklist.name, blocklist.blocking)),
        ),
      );
    }
  }
  for (const extra of mapped.extras) {
    fields.push(field(`${extra.source.toLowerCase() || "unknown"}["${extra.name}"]`, undefined, extra.live));
  }
  for (const duplicate of mapped.duplicates) {
    fields.push(field(`${duplicate.source.toLowerCase()}["${duplicate.name}"]`, undefined, "listed twice"));
  }
  return fields;
}

// ── Blocklists ──────────────────────────────────────────────────────────────

export interface BlocklistItemValue {
  pattern: string;
  regex: boolean;
}

function itemKey(item: BlocklistItemValue): string {
  return `${item.regex ? "re" : "text"}:${item.pattern}`;
}

export function liveItems(items: readonly RaiBlocklistItemRecord[]): BlocklistItemValue[] {
  return items
    .filter((item) => item.pattern !== undefined)
    .map((item) => ({ pattern: item.pattern ?? "", regex: item.isRegex === true }));
}

/** Differences of a blocklist: description, and items compared as sets of (pattern, regex). */
export function compareBlocklist(
  declared: { description?: string | undefined; items: readonly BlocklistItemValue[] },
  live: RaiBlocklistRecord,
): DriftField[] {
  const fields: DriftField[] = [];
  if ((declared.description ?? "") !== (live.description ?? "")) {
    fields.push(field("description", declared.description, live.description));
  }
  const wanted = new Map(declared.items.map((item) => [itemKey(item), item]));
  const got = new Map(liveItems(live.items).map((item) => [itemKey(item), item]));
  const onlyDeclared = [...wanted].filter(([key]) => !got.has(key)).map(([, item]) => item);
  const onlyLive = [...got].filter(([key]) => !wanted.has(key)).map(([, item]) => item);
  if (onlyDeclared.length > 0 || onlyLive.length > 0) fields.push(field("items", onlyDeclared, onlyLive));
  return fields;
}

// ── The report ──────────────────────────────────────────────────────────────

export interface DriftInput {
  state: DesiredState;
  graph: ResourceGraph;
  /** Account key → what was read. Accounts absent from the map are reported as not read. */
  live: ReadonlyMap<string, AccountLiveState>;
  /** The subscription each account was read with. */
  subscriptions?: ReadonlyMap<string, string>;
  /** The subscription's RAI policy as read, when the file declares one. */
  subscriptionRaiPolicy?: SubscriptionRaiPolicyLiveState;
}

/**
 * The subscription's RAI policy against Azure: compared as a content filter is (what the file leaves out
 * is not compared), plus its tags. Not read (an error): no entry, the diagnostic says why.
 */
function subscriptionRaiPolicyEntries(
  declared: DesiredSubscriptionRaiPolicy,
  live: SubscriptionRaiPolicyLiveState | undefined,
): DriftEntry[] {
  const key = `subscription/${declared.name}`;
  if (live?.status === "missing")
    return [{ kind: "subscriptionRaiPolicy", key, status: "missing", fields: [] }];
  if (live?.status !== "read") return [];
  const fields = [
    ...compareContentFilter(declared, live.record),
    ...tagFields(declared.tags, live.record.tags),
  ];
  return fields.length === 0 ? [] : [{ kind: "subscriptionRaiPolicy", key, status: "changed", fields }];
}

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name.toLowerCase(), item]));
}

function accountEntries(
  input: DriftInput,
  accountKey: string,
  snapshot: AccountSnapshot | undefined,
): FoundEntry[] {
  const entries: FoundEntry[] = [];
  const key = (name: string) => `${accountKey}/${name}`;
  const missing = (kind: DriftKind, name: string): DriftEntry => ({
    kind,
    key: key(name),
    status: "missing",
    fields: [],
  });

  // Deployments.
  const plannedDeployments = plannedDeploymentsOf(input.graph, accountKey);
  const liveDeployments = byName(snapshot?.deployments ?? []);
  for (const planned of plannedDeployments) {
    const live = liveDeployments.get(planned.deploymentName.toLowerCase());
    liveDeployments.delete(planned.deploymentName.toLowerCase());
    if (!live) {
      const lifetime = deploymentType(planned.sku.name)?.lifetimeHours ?? null;
      entries.push(
        lifetime === null
          ? missing("deployment", planned.deploymentName)
          : {
              ...missing("deployment", planned.deploymentName),
              expected: true,
              note: `expected: Azure deletes a ${planned.sku.name} deployment ${lifetime} hours after it is created (${citeSource(DEVELOPER_TIER_LIFETIME_SOURCE)}); the next deployment of the stack creates it again`,
            },
      );
      continue;
    }
    const fields = compareDeployment(planned, live);
    if (fields.length > 0) {
      entries.push({
        kind: "deployment",
        key: key(planned.deploymentName),
        status: deploymentStatus(planned, live, fields),
        fields,
      });
    }
  }
  const disabled = new Set(
    input.state.disabledDeployments
      .filter((deployment) => deployment.accountKey === accountKey)
      .map((deployment) => deployment.name.toLowerCase()),
  );
  for (const live of [...liveDeployments.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const entry: DriftEntry = { kind: "deployment", key: key(live.name), status: "unmanaged", fields: [] };
    if (disabled.has(live.name.toLowerCase())) {
      entry.note = "declared with enabled: false in this environment";
    }
    entries.push(entry);
  }

  // Content filters.
  const livePolicies = byName((snapshot?.raiPolicies ?? []).filter((policy) => !isBuiltInRaiPolicy(policy)));
  for (const declared of input.state.contentFilters.filter((filter) => filter.accountKey === accountKey)) {
    const live = livePolicies.get(declared.name.toLowerCase());
    livePolicies.delete(declared.name.toLowerCase());
    if (!live) {
      entries.push(missing("contentFilter", declared.name));
      continue;
    }
    const fields = compareContentFilter(declared, live);
    if (fields.length > 0) {
      entries.push({ kind: "contentFilter", key: key(declared.name), status: "changed", fields });
    }
  }
  for (const live of [...livePolicies.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    entries.push({ kind: "contentFilter", key: key(live.name), status: "unmanaged", fields: [] });
  }

  // Blocklists.
  const liveBlocklists = byName(snapshot?.raiBlocklists ?? []);
  for (const declared of input.state.blocklists.filter((blocklist) => blocklist.accountKey === accountKey)) {
    const live = liveBlocklists.get(declared.name.toLowerCase());
    liveBlocklists.delete(declared.name.toLowerCase());
    if (!live) {
      entries.push(missing("blocklist", declared.name));
      continue;
    }
    const fields = compareBlocklist(declaredBlocklistValue(declared), live);
    if (fields.length > 0)
      entries.push({ kind: "blocklist", key: key(declared.name), status: "changed", fields });
  }
  for (const live of [...liveBlocklists.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    entries.push({ kind: "blocklist", key: key(live.name), status: "unmanaged", fields: [] });
  }

  // Projects: compared when they were read. Projects the file does not declare are reported only on an
  // account where it declares some: elsewhere the file leaves projects to whoever made them.
  if (snapshot?.projects !== undefined) {
    const declaredProjects = (input.state.projects ?? []).filter((p) => p.accountKey === accountKey);
    const liveProjects = byName(snapshot.projects);
    for (const declared of declaredProjects) {
      const live = liveProjects.get(declared.name.toLowerCase());
      liveProjects.delete(declared.name.toLowerCase());
      if (!live) {
        entries.push(missing("project", declared.name));
        continue;
      }
      const fields = compareProject(declared, live);
      if (fields.length > 0)
        entries.push({ kind: "project", key: key(declared.name), status: "changed", fields });
    }
    if (declaredProjects.length > 0) {
      for (const live of [...liveProjects.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        entries.push({ kind: "project", key: key(live.name), status: "unmanaged", fields: [] });
      }
    }
  }
  if (snapshot?.connections !== undefined)
    entries.push(...connectionEntries(input, accountKey, snapshot.connections));
  return entries;
}

/**
 * Connections of the account's declared projects, compared when they were read. Connections the file does
 * not declare are reported only on a project where it declares some, as for projects on an account.
 */
function connectionEntries(
  input: DriftInput,
  accountKey: string,
  liveConnections: readonly ConnectionRecord[],
): FoundEntry[] {
  const entries: FoundEntry[] = [];
  const id = (project: string, name: string) => `${project.toLowerCase()}/${name.toLowerCase()}`;
  const live = new Map(liveConnections.map((c) => [id(c.projectName, c.name), c]));
  const declared = (input.state.connections ?? []).filter((c) => c.accountKey === accountKey);
  for (const connection of declared) {
    const key = `${accountKey}/${connection.projectName}/${connection.name}`;
    const found = live.get(id(connection.projectName, connection.name));
    live.delete(id(connection.projectName, connection.name));
    if (!found) {
      entries.push({ kind: "connection", key, status: "missing", fields: [] });
      continue;
    }
    const fields = compareConnection(connection, found);
    if (fields.length > 0) entries.push({ kind: "connection", key, status: "changed", fields });
  }
  const declaring = new Set(declared.map((c) => c.projectName.toLowerCase()));
  const unmanaged = [...live.values()]
    .filter((c) => declaring.has(c.projectName.toLowerCase()))
    .sort((a, b) => a.projectName.localeCompare(b.projectName) || a.name.localeCompare(b.name));
  for (const c of unmanaged) {
    entries.push({
      kind: "connection",
      key: `${accountKey}/${c.projectName}/${c.name}`,
      status: "unmanaged",
      fields: [],
    });
  }
  return entries;
}

/**
 * What the file declares of a connection against Azure. Metadata is compared both ways (the program writes
 * all of it); an optional setting the file leaves out is not compared; a secret is never read back, so an
 * API key cannot be compared (loader/connections.ts).
 */
export function compareConnection(declared: DesiredConnection, live: ConnectionRecord): DriftField[] {
  const fields: DriftField[] = [];
  if (textDiffers(declared.category, live.category))
    fields.push(field("category", declared.category, live.category));
  if (declared.target !== undefined && declared.target !== live.target)
    fields.push(field("target", declared.target, live.target));
  if (textDiffers(declared.authType, live.authType))
    fields.push(field("authType", declared.authType, live.authType));
  for (const name of ["clientId", "resourceId"] as const) {
    const wanted = declared.credentials?.[name];
    if (wanted !== undefined && textDiffers(wanted, live.credentials?.[name]))
      fields.push(field(`credentials.${name}`, wanted, live.credentials?.[name]));
  }
  if (declared.isSharedToAll !== undefined && declared.isSharedToAll !== (live.isSharedToAll ?? false))
    fields.push(field("isSharedToAll", declared.isSharedToAll, live.isSharedToAll));
  if (declared.expiryTime !== undefined && !sameInstant(declared.expiryTime, live.expiryTime))
    fields.push(field("expiryTime", declared.expiryTime, live.expiryTime));
  const keys = [...new Set([...Object.keys(declared.metadata), ...Object.keys(live.metadata)])].sort();
  for (const k of keys) {
    if (declared.metadata[k] !== live.metadata[k])
      fields.push(field(`metadata.${k}`, declared.metadata[k], live.metadata[k]));
  }
  return fields;
}

/** Two date-times that name the same instant (`…:00Z` and `…:00.000Z` alike). */
function sameInstant(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? a === b : x === y;
}

/** What the file declares of a project against Azure; a setting the file leaves out is not compared. */
export function compareProject(declared: DesiredProject, live: ProjectRecord): DriftField[] {
  const fields: DriftField[] = [];
  if (declared.displayName !== undefined && declared.displayName !== live.displayName)
    fields.push(field("displayName", declared.displayName, live.displayName));
  if (declared.description !== undefined && declared.description !== live.description)
    fields.push(field("description", declared.description, live.description));
  if (declared.identity !== undefined && !sameIdentityType(declared.identity, live.identityType ?? "None"))
    fields.push(field("identity", declared.identity, live.identityType));
  // A set of ARM ids, compared ignoring case and order; only when the file lists them.
  if (declared.userAssignedIdentities !== undefined) {
    const ids = (list: readonly string[]) => list.map((id) => id.toLowerCase()).sort();
    const [want, got] = [ids(declared.userAssignedIdentities), ids(live.userAssignedIdentities ?? [])];
    if (want.join("\n") !== got.join("\n"))
      fields.push(
        field("userAssignedIdentities", declared.userAssignedIdentities, live.userAssignedIdentities),
      );
  }
  return [...fields, ...tagFields(declared.tags, live.tags)];
}

function declaredBlocklistValue(blocklist: DesiredBlocklist) {
  return { description: blocklist.description, items: blocklist.items };
}

export function computeDrift(input: DriftInput): DriftReport {
  const accounts: DriftAccount[] = [];
  const drift: DriftEntry[] = [];
  const information: DriftEntry[] = [];
  for (const account of input.state.accounts) {
    const live = input.live.get(account.key);
    const summary: DriftAccount = {
      key: account.key,
      name: account.name,
      resourceGroup: account.resourceGroup,
      status: live?.status ?? "error",
    };
    const subscription = input.subscriptions?.get(account.key);
    if (subscription !== undefined) summary.subscription = subscription;
    if (account.location !== undefined) summary.location = account.location;
    if (live === undefined) summary.message = "not read";
    else if (live.status === "error") summary.message = live.failure.message;
    else if (live.status === "missing") summary.message = "the account does not exist in Azure";
    accounts.push(summary);
    if (live?.status === "read" && live.account !== undefined) {
      const fields = compareAccount(account, live.account);
      if (fields.length > 0) {
        const entry: DriftEntry = {
          kind: "account",
          key: `${account.key}/${account.name}`,
          status: "changed",
          fields,
        };
        if (account.create) drift.push(entry);
        else information.push({ ...entry, note: "create: false: the file does not manage this account" });
      }
    }
    if (live?.status === "read" || live?.status === "missing") {
      const snapshot = live.status === "read" ? live.snapshot : undefined;
      // What Azure removes by design (a Developer tier deployment after its lifetime) is information,
      // unless the whole account is missing.
      for (const { expected, ...entry } of accountEntries(input, account.key, snapshot)) {
        (expected && snapshot ? information : drift).push(entry);
      }
    }
  }
  if (input.state.subscriptionRaiPolicy !== undefined) {
    drift.push(
      ...subscriptionRaiPolicyEntries(input.state.subscriptionRaiPolicy, input.subscriptionRaiPolicy),
    );
  }
  const count = (status: DriftStatus) => drift.filter((entry) => entry.status === status).length;
  return {
    environment: input.state.environment,
    accounts,
    drift,
    information,
    summary: {
      missing: count("missing"),
      unmanaged: count("unmanaged"),
      changed: count("changed"),
      upgraded: count("upgraded"),
      total: drift.length,
      unreadAccounts: accounts.filter((account) => account.status === "error").length,
    },
  };
}

// ── Reading Azure ───────────────────────────────────────────────────────────

/**
 * Reads every account of the plan (the account, then its deployments, content filters and blocklists)
 * and compares them with the plan. An account that cannot be read is reported (its drift is unknown); a
 * configuration problem (subscription, endpoint) is a UsageError.
 */
export async function readAndCompare(plan: Plan, context: LiveContext): Promise<LiveOutcome<DriftReport>> {
  const session = resolveSettings(() => new LiveSession(context));
  const subscriptions = new Map<string, string>();
  for (const account of plan.state.accounts) {
    const connection = resolveSettings(() =>
      session.connection(account.subscription ?? plan.state.subscription),
    );
    subscriptions.set(account.key, connection.subscriptionId);
  }
  const live = new Map<string, AccountLiveState>();
  const diagnostics: Diagnostic[] = [];
  await session.run("comparing with live Azure", async () => {
    for (const account of plan.state.accounts) {
      const client = session.cognitive(session.connection(subscriptions.get(account.key)));
      const locator = { resourceGroup: account.resourceGroup, accountName: account.name };
      try {
        const record = await session.read(`account ${account.name}`, () => getAccount(client, locator));
        const snapshot = await session.read(`resources of ${account.name}`, () =>
          readAccountSnapshot(client, locator, record.kind),
        );
        live.set(account.key, { status: "read", snapshot, account: record });
      } catch (error) {
        const failure = describeLiveFailure(error, { action: `Reading account ${account.name}` });
        // 404 for the account (or its resource group): the account does not exist, so nothing it holds does.
        if (failure.code === "live/not-found") {
          live.set(account.key, { status: "missing" });
          continue;
        }
        live.set(account.key, { status: "error", failure });
        const message = `drift unknown for account ${account.key}: ${failure.message}`;
        diagnostics.push(liveFailureDiagnostic({ ...failure, message }, account.source));
      }
    }
  });
  const input: DriftInput = { state: plan.state, graph: plan.graph, live, subscriptions };
  const baseline = plan.state.subscriptionRaiPolicy;
  if (baseline !== undefined) {
    const connection = resolveSettings(() => session.connection(plan.state.subscription));
    const client = session.cognitive(connection);
    await session.run("comparing the subscription RAI policy", async () => {
      try {
        const record = await session.read(`subscription RAI policy ${baseline.name}`, () =>
          getSubscriptionRaiPolicy(client, connection, baseline.name),
        );
        input.subscriptionRaiPolicy =
          record === undefined ? { status: "missing" } : { status: "read", record };
      } catch (error) {
        const failure = describeLiveFailure(error, {
          action: `Reading the subscription RAI policy ${baseline.name}`,
        });
        input.subscriptionRaiPolicy = { status: "error", failure };
        const message = `drift unknown for the subscription RAI policy ${baseline.name}: ${failure.message}`;
        diagnostics.push(liveFailureDiagnostic({ ...failure, message }, baseline.source));
      }
    });
  }
  const result = computeDrift(input);
  return { result, diagnostics };
}
