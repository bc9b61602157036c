/**
 * Turns what an Azure AI services account holds (deployments, content filters, blocklists) into a
 * deployments file whose resources carry their ARM ids under `import:`, so that the first `pulumi up`
 * adopts them. Pure: import-account.ts reads Azure and validates the text. The file is built with the
 * types generated from the schema; whatever it cannot express is written as a warning comment at the
 * resource and returned as a note, never dropped silently.
 */

import { Document, isMap, isScalar, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { Severity } from "../diagnostics/diagnostic";
import {
  COMPLETION_ACTION_FILTERS,
  compileContentFilter,
  PROMPT_ACTION_FILTERS,
} from "../infra/content-filter";
import { blocklistItemName } from "../infra/graph";
import type { Plan } from "../infra/plan";
import { supportedAuthType } from "../loader/connections";
import { requiresModelProviderData } from "../loader/deployment-features";
import { isMicrosoftBasePolicy, MICROSOFT_BASE_POLICIES } from "../loader/deployment-types";
import type { DesiredContentFilter } from "../loader/desired-state";
import type {
  Account,
  AideployDeploymentsFile,
  Blocklist,
  BlocklistItem,
  Connection,
  ContentFilter,
  Deployment,
  DeploymentType,
  Project,
  PromptFilter,
  SubscriptionRaiPolicy,
  VersionUpgradeOption,
} from "../loader/file-types.generated";
import { locationKey } from "../loader/location";
import type { DocPath } from "../loader/path";
import { PROJECT_IDENTITY_TYPES, sameIdentityType, usesUserAssigned } from "../loader/projects";
import { resolveContentFilterSettings } from "../loader/resolve";
import { sameName } from "./catalog";
import {
  type CompletionActionKey,
  describeEntry,
  entryAction,
  isBuiltInRaiPolicy,
  type MappedSide,
  mapContentFilter,
  type PromptActionKey,
  type SeverityKey,
} from "./content-filter-map";
import { compareDeployment, type DriftField, plannedDeploymentsOf } from "./drift";
import type {
  AccountRecord,
  AccountSnapshot,
  ConnectionRecord,
  ContentFilterRecord,
  DeploymentRecord,
  ProjectRecord,
  RaiBlocklistRecord,
  RaiPolicyRecord,
} from "./read";

/** Item names the file can carry (the schema's pattern for `blocklists.*.items[].name`). */
const AZURE_ITEM_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

export interface ImportSource {
  subscriptionId: string;
  account: AccountRecord;
  snapshot: AccountSnapshot;
}

/** Something about the import the user must know, at a place in the generated file. */
export interface ImportNote {
  docPath: DocPath;
  severity: Severity;
  message: string;
}

/** The imported file: a deployments file (the schema's types) that always names its subscription. */
export type ImportedFile = AideployDeploymentsFile & { subscription: string };

export interface ImportDraft {
  accountKey: string;
  /** The file's content as plain data (what the YAML says). */
  value: ImportedFile;
  notes: ImportNote[];
  source: ImportSource;
}

type Note = (docPath: DocPath, message: string, severity?: Severity) => void;

const severityKeys = ["hate", "sexual", "violence", "selfHarm"] as const satisfies readonly SeverityKey[];

type Action = NonNullable<PromptFilter["profanity"]>;

/** One side of a content filter as the file writes it: only the categories Azure has an entry for. */
function sideValue<K extends PromptActionKey | CompletionActionKey>(
  mapped: MappedSide,
  actionFilters: readonly (readonly [K, string])[],
  blocklistName: (name: string) => string,
): Pick<PromptFilter, SeverityKey> & Partial<Record<K, Action>> & { blocklists?: string[] } {
  const severities: Pick<PromptFilter, SeverityKey> = {};
  for (const key of severityKeys) {
    const value = mapped.severities[key].value;
    if (value === undefined) continue;
    severities[key] =
      typeof value === "string" ? value : { threshold: value.threshold, action: value.action };
  }
  const actions: Partial<Record<K, Action>> = {};
  for (const [key] of actionFilters) {
    const value = mapped.actions[key]?.value;
    if (value !== undefined) actions[key] = value;
  }
  const names = [...new Set(mapped.blocklists.map((blocklist) => blocklistName(blocklist.name)))];
  return { ...severities, ...actions, ...(names.length > 0 ? { blocklists: names } : {}) };
}

function describeCompiled(entry: {
  enabled: boolean;
  blocking?: boolean;
  severityThreshold?: string;
  action?: string;
}): string {
  return describeEntry(entry as ContentFilterRecord, entry.severityThreshold !== undefined);
}

function sourceWord(source: string | undefined): string {
  return sameName(source, "Completion")
    ? "completions"
    : sameName(source, "Prompt")
      ? "prompts"
      : `'${source}'`;
}

/**
 * Every difference between what the file will send for a content filter and what Azure has, entry by
 * entry (Azure's entries compared as a set), in words.
 */
function contentFilterDifferences(policy: RaiPolicyRecord, file: DesiredContentFilter): string[] {
  const compiled = compileContentFilter(file);
  const differences: string[] = [];
  if (!sameName(compiled.basePolicyName as string, policy.basePolicyName)) {
    differences.push(
      `Azure's base policy is ${policy.basePolicyName ?? "not set"}; the file sends ${compiled.basePolicyName}`,
    );
  }
  if (!sameName(compiled.mode as string, policy.mode)) {
    differences.push(`Azure's mode is ${policy.mode ?? "not set"}; the file sends ${compiled.mode}`);
  }
  const key = (name: string | undefined, source: string | undefined) =>
    `${(name ?? "").toLowerCase()}|${(source ?? "").toLowerCase()}`;
  const live = new Map<string, ContentFilterRecord>();
  for (const entry of policy.contentFilters) {
    const entryKey = key(entry.name, entry.source);
    if (live.has(entryKey)) {
      differences.push(`Azure lists ${entry.name} on ${sourceWord(entry.source)} twice; the file keeps one`);
    } else live.set(entryKey, entry);
  }
  for (const entry of compiled.contentFilters) {
    const entryKey = key(entry.name, entry.source);
    const got = live.get(entryKey);
    live.delete(entryKey);
    // A disabled entry filters nothing: its blocking flag and threshold mean nothing to Azure.
    const bothOff = got !== undefined && got.enabled !== true && !entry.enabled;
    // `action` is compared as the file reads it (humanReview, retry); an entry the file writes without
    // one is compared on `blocking`, whatever other action Azure echoes (their relation is undocumented).
    const sameAction =
      entry.action !== undefined
        ? got?.action === entry.action
        : got !== undefined && entryAction(got) === undefined && got.blocking === entry.blocking;
    const same =
      got !== undefined &&
      (bothOff ||
        (got.enabled === entry.enabled &&
          sameAction &&
          sameName(got.severityThreshold, entry.severityThreshold)));
    if (same) continue;
    const wanted = describeCompiled(entry);
    const threshold =
      entry.enabled || !entry.severityThreshold ? "" : ` (threshold ${entry.severityThreshold})`;
    differences.push(
      got === undefined
        ? `Azure has no ${entry.name} entry on ${sourceWord(entry.source)}; the file sends it as ${wanted}${threshold}`
        : `${entry.name} on ${sourceWord(entry.source)}: Azure has ${describeEntry(got, got.severityThreshold !== undefined)} (enabled ${got.enabled}, blocking ${got.blocking}, ${got.action === undefined ? "" : `action ${got.action}, `}threshold ${got.severityThreshold ?? "none"}); the file sends ${wanted}${threshold}`,
    );
  }
  for (const entry of live.values()) {
    differences.push(
      `Azure has ${entry.name} on ${sourceWord(entry.source)} (${describeEntry(entry, entry.severityThreshold !== undefined)}), which the file cannot express: the file sends no entry for it, so Azure keeps or applies its own setting`,
    );
  }
  const listKey = (name: string | undefined, source: string | undefined, blocking: boolean | undefined) =>
    `${key(name, source)}|${blocking === true}`;
  const wantedLists = new Set(
    compiled.customBlocklists.map((entry) => listKey(entry.blocklistName, entry.source, entry.blocking)),
  );
  for (const entry of policy.customBlocklists) {
    if (wantedLists.has(listKey(entry.blocklistName, entry.source, entry.blocking))) continue;
    differences.push(
      entry.blocking === true
        ? `blocklist ${entry.blocklistName} on ${sourceWord(entry.source)} cannot be expressed`
        : `blocklist ${entry.blocklistName} on ${sourceWord(entry.source)} only annotates in Azure; the file always blocks`,
    );
  }
  if (Object.keys(policy.tags).length > 0) {
    differences.push(
      `Azure has tags on the content filter (${Object.keys(policy.tags).join(", ")}); the file cannot express them`,
    );
  }
  return differences;
}

/** The content filter as the imported file declares it, resolved as the loader resolves it. */
function desiredFilter(name: string, value: ContentFilter): DesiredContentFilter {
  return {
    key: name,
    accountKey: "",
    name,
    ...resolveContentFilterSettings(value),
    source: { file: "", line: 1, column: 1, path: "" },
    docPath: [],
  };
}

/** The account, as an existing one the file does not manage. */
function importedAccount(account: AccountRecord): Account {
  const value: Account = { name: account.name, resourceGroup: account.resourceGroup };
  if (account.location !== undefined) value.location = account.location;
  // Always written when Azure gives it: for an existing account (create: false) the endpoints come only
  // from a declared subdomain, never from the account's name.
  if (account.customSubDomainName !== undefined) value.customSubDomain = account.customSubDomainName;
  value.create = false;
  return value;
}

/** A project as the file declares it, adopted by its ARM id; an identity the file cannot say is a note. */
function importedProject(project: ProjectRecord, docPath: DocPath, note: Note): Project {
  const value: Project = {};
  if (project.displayName !== undefined) value.displayName = project.displayName;
  if (project.description !== undefined) value.description = project.description;
  const identity = PROJECT_IDENTITY_TYPES.find((type) => sameIdentityType(type, project.identityType));
  if (identity !== undefined) {
    value.identity = identity;
    const ids = project.userAssignedIdentities ?? [];
    if (ids.length > 0 && usesUserAssigned(identity))
      value.userAssignedIdentities = ids as [string, ...string[]];
  } else if (project.identityType !== undefined) {
    note(
      docPath,
      `project "${project.name}" has identity ${project.identityType}, which the file cannot declare (${PROJECT_IDENTITY_TYPES.join(", ")}); left out of the file: check the identity after the first \`pulumi up\``,
    );
  }
  if (Object.keys(project.tags).length > 0) value.tags = { ...project.tags };
  if (project.id) value.import = project.id;
  return value;
}

/** The configuration key an imported API-key connection names for its secret (never read back from Azure). */
export function importedSecretKey(projectName: string, connectionName: string): string {
  return `${projectName}-${connectionName}-apiKey`;
}

/**
 * A connection as the file declares it, adopted by its ARM id. Azure never returns a secret, so an API key
 * becomes a configuration key to set, with a warning; an auth type the file cannot declare leaves the
 * connection out, with a warning.
 */
function importedConnection(
  connection: ConnectionRecord,
  docPath: DocPath,
  note: Note,
): Connection | undefined {
  const authType = supportedAuthType(connection.authType);
  const what = `connection "${connection.name}" of project "${connection.projectName}"`;
  if (authType === undefined) {
    note(
      docPath,
      `${what} authenticates with ${connection.authType}, which the file cannot declare (AAD, ApiKey, ManagedIdentity or None); left out of the file: it stays in Azure, unmanaged`,
    );
    return undefined;
  }
  if (connection.category === undefined) {
    note(docPath, `${what} has no category in Azure; left out of the file: it stays in Azure, unmanaged`);
    return undefined;
  }
  const value: Connection = { category: connection.category, authType: authType.name };
  if (connection.target !== undefined) value.target = connection.target;
  if (authType.name === "ApiKey") {
    const config = importedSecretKey(connection.projectName, connection.name);
    value.credentials = { apiKey: { config } };
    note(
      [...docPath, "credentials", "apiKey"],
      `${what}: Azure never returns its API key, so the file names the configuration key "${config}"; set it with \`pulumi config set --secret ${config} <key>\` before \`pulumi up\`, or \`pulumi up\` stops`,
    );
  }
  const plain = connection.credentials ?? {};
  if (
    authType.name === "ManagedIdentity" &&
    (plain.clientId !== undefined || plain.resourceId !== undefined)
  ) {
    value.credentials = {};
    if (plain.clientId !== undefined) value.credentials.clientId = plain.clientId;
    if (plain.resourceId !== undefined) value.credentials.resourceId = plain.resourceId;
  }
  if (Object.keys(connection.metadata).length > 0) value.metadata = { ...connection.metadata };
  if (connection.isSharedToAll !== undefined) value.isSharedToAll = connection.isSharedToAll;
  if (connection.expiryTime !== undefined) value.expiryTime = connection.expiryTime;
  if (connection.id) value.import = connection.id;
  return value;
}

/** The connections of one project, by name, in name order; undefined when it has none the file can say. */
function importedConnections(
  projectName: string,
  connections: readonly ConnectionRecord[],
  projectPath: DocPath,
  note: Note,
): Record<string, Connection> | undefined {
  const own = connections
    .filter((c) => c.projectName.toLowerCase() === projectName.toLowerCase())
    .sort((a, b) => a.name.localeCompare(b.name));
  const result: Record<string, Connection> = {};
  for (const c of own) {
    const value = importedConnection(c, [...projectPath, "connections", c.name], note);
    if (value !== undefined) result[c.name] = value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Custom content filters (Microsoft's built-ins are referenced by name, not declared). */
function importedContentFilters(
  custom: readonly RaiPolicyRecord[],
  blocklistName: (name: string) => string,
  note: Note,
): Record<string, ContentFilter> {
  const contentFilters: Record<string, ContentFilter> = {};
  for (const policy of custom) {
    const mapped = mapContentFilter(policy);
    const value: ContentFilter = {
      base: mapped.base.value,
      mode: mapped.mode.value,
      prompt: sideValue(mapped.prompt, PROMPT_ACTION_FILTERS, blocklistName),
      completion: sideValue(mapped.completion, COMPLETION_ACTION_FILTERS, blocklistName),
    };
    if (policy.id) value.import = policy.id;
    contentFilters[policy.name] = value;
    for (const difference of contentFilterDifferences(policy, desiredFilter(policy.name, value))) {
      note(["contentFilters", policy.name], `content filter "${policy.name}": ${difference}`);
    }
  }
  return contentFilters;
}

/**
 * The subscription's RAI policy as the file declares it, adopted by its ARM id. Its settings are mapped as
 * a content filter's; blocklists it names cannot be declared at subscription scope (the schema refuses
 * them), so each is a note, as is any other setting the file cannot say exactly.
 */
export function importedSubscriptionRaiPolicy(policy: RaiPolicyRecord): {
  value: SubscriptionRaiPolicy;
  notes: ImportNote[];
} {
  const notes: ImportNote[] = [];
  const docPath: DocPath = ["subscriptionRaiPolicy"];
  const note = (message: string) => notes.push({ docPath, severity: "warning", message });
  const mapped = mapContentFilter(policy);
  const { blocklists: promptLists, ...prompt } = sideValue(mapped.prompt, PROMPT_ACTION_FILTERS, (n) => n);
  const { blocklists: completionLists, ...completion } = sideValue(
    mapped.completion,
    COMPLETION_ACTION_FILTERS,
    (n) => n,
  );
  const value: SubscriptionRaiPolicy = {
    name: policy.name,
    base: mapped.base.value,
    mode: mapped.mode.value,
  };
  if (Object.keys(prompt).length > 0) value.prompt = prompt;
  if (Object.keys(completion).length > 0) value.completion = completion;
  if (Object.keys(policy.tags).length > 0) value.tags = { ...policy.tags };
  if (policy.id) value.import = policy.id;
  for (const name of [...(promptLists ?? []), ...(completionLists ?? [])]) {
    note(
      `the subscription RAI policy "${policy.name}" names blocklist "${name}", which the file cannot declare at subscription scope; left out of the file`,
    );
  }
  // Tags are declared (the file can say them); blocklists were noted above.
  const comparable = { ...policy, tags: {}, customBlocklists: [] };
  const { name: _name, tags: _tags, import: _import, ...settings } = value;
  const desired: DesiredContentFilter = {
    ...desiredFilter(policy.name, settings as ContentFilter),
  };
  for (const difference of contentFilterDifferences(comparable, desired)) {
    note(`subscription RAI policy "${policy.name}": ${difference}`);
  }
  return { value, notes };
}

/** One deployment; `customNames` maps the account's custom filters by lower-case name. */
function importedDeployment(
  deployment: DeploymentRecord,
  path: DocPath,
  accountKey: string,
  customNames: ReadonlyMap<string, string>,
  note: Note,
): Deployment {
  const label = `deployment "${deployment.name}"`;
  const model: Deployment["model"] = {
    format: deployment.model.format ?? "",
    name: deployment.model.name ?? "",
    version: deployment.model.version ?? "",
  };
  if (deployment.model.publisher !== undefined) model.publisher = deployment.model.publisher;
  if (deployment.model.source !== undefined) model.source = deployment.model.source;
  if (deployment.model.version === undefined) {
    note(path, `${label}: Azure reports no model version; the file needs one (set it explicitly)`, "error");
  }
  // Azure's words as they are: a type or an option the schema does not know fails the validation of
  // the imported text, which then says so.
  const value: Deployment = {
    name: deployment.name,
    account: accountKey,
    model,
    sku: deployment.sku.name as DeploymentType,
  };
  const capacity = deployment.sku.capacity ?? deployment.currentCapacity;
  if (capacity !== undefined) value.capacity = capacity;
  else note(path, `${label}: Azure reports no capacity; the file needs one`, "error");
  const rai = deployment.raiPolicyName;
  if (rai !== undefined) {
    const declared = customNames.get(rai.toLowerCase());
    const builtIn = MICROSOFT_BASE_POLICIES.find((name) => sameName(name, rai));
    value.contentFilter = declared ?? builtIn ?? rai;
    if (!declared && !isMicrosoftBasePolicy(rai)) {
      note(
        path,
        `${label}: content filter "${rai}" is neither a custom filter of the account nor one of ${MICROSOFT_BASE_POLICIES.join(", ")}; the file cannot reference it`,
        "error",
      );
    }
  }
  if (deployment.versionUpgradeOption !== undefined)
    value.versionUpgradeOption = deployment.versionUpgradeOption as VersionUpgradeOption;
  if (deployment.spilloverDeploymentName !== undefined) value.spillover = deployment.spilloverDeploymentName;
  Object.assign(value, imported2026(deployment, label, path, note));
  if (Object.keys(deployment.tags).length > 0) value.tags = { ...deployment.tags };
  if (deployment.id) value.import = deployment.id;
  return value;
}

/**
 * The 2026-09-01 properties Azure reports, as the file writes them; Azure's defaults (Default tier,
 * Running) are left out. Values the schema does not know are kept, and fail the validation that follows.
 */
function imported2026(
  deployment: DeploymentRecord,
  label: string,
  path: DocPath,
  note: Note,
): Pick<Deployment, "serviceTier" | "state" | "routing" | "modelProviderData"> {
  const value: Pick<Deployment, "serviceTier" | "state" | "routing" | "modelProviderData"> = {};
  if (deployment.serviceTier !== undefined && !sameName(deployment.serviceTier, "Default")) {
    value.serviceTier = deployment.serviceTier as NonNullable<Deployment["serviceTier"]>;
  }
  if (deployment.deploymentState !== undefined && !sameName(deployment.deploymentState, "Running")) {
    value.state = deployment.deploymentState.toLowerCase() as NonNullable<Deployment["state"]>;
  }
  if (deployment.routing !== undefined) {
    const routing: NonNullable<Deployment["routing"]> = {};
    if (deployment.routing.mode !== undefined)
      routing.mode = deployment.routing.mode as NonNullable<typeof routing.mode>;
    const models = deployment.routing.models;
    if (models !== undefined && models.length > 0) {
      routing.models = models.map((m) => ({ ...m })) as NonNullable<typeof routing.models>;
    }
    value.routing = routing;
  }
  const data = deployment.modelProviderData;
  if (data?.organizationName !== undefined && data.countryCode !== undefined && data.industry !== undefined) {
    value.modelProviderData = {
      organizationName: data.organizationName,
      countryCode: data.countryCode,
      industry: data.industry as NonNullable<Deployment["modelProviderData"]>["industry"],
    };
  } else if (requiresModelProviderData(deployment.model.format ?? "")) {
    note(
      path,
      `${label}: Azure does not report who accepted the provider's Marketplace terms (modelProviderData); add organizationName, countryCode and industry`,
      "error",
    );
  }
  return value;
}

/** A blocklist with its items, as a set (a repeated item is kept once). */
function importedBlocklist(blocklist: RaiBlocklistRecord, note: Note): Blocklist {
  const path: DocPath = ["blocklists", blocklist.name];
  const seen = new Set<string>();
  const items: BlocklistItem[] = [];
  let renamed = 0;
  for (const item of [...blocklist.items].sort((a, b) => a.name.localeCompare(b.name))) {
    if (item.pattern === undefined || item.pattern === "") {
      note(path, `blocklist "${blocklist.name}": item ${item.name} has no pattern and is left out`);
      continue;
    }
    const regex = item.isRegex === true;
    const key = `${regex}|${item.pattern}`;
    if (seen.has(key)) {
      note(
        path,
        `blocklist "${blocklist.name}": item ${item.name} repeats the pattern "${item.pattern}"; the file keeps it once`,
      );
      continue;
    }
    seen.add(key);
    const derived = item.name === blocklistItemName({ pattern: item.pattern, regex });
    if (derived) items.push(regex ? { pattern: item.pattern, regex: true } : item.pattern);
    else if (AZURE_ITEM_NAME.test(item.name)) {
      // Keep Azure's name so that the item is adopted, not added again under another name.
      items.push(
        regex
          ? { pattern: item.pattern, regex: true, name: item.name }
          : { pattern: item.pattern, name: item.name },
      );
    } else {
      renamed += 1;
      items.push(regex ? { pattern: item.pattern, regex: true } : item.pattern);
    }
  }
  if (renamed > 0) {
    note(
      path,
      `blocklist "${blocklist.name}": ${renamed} item(s) have Azure names the file cannot hold; the first \`pulumi up\` adds them under content-derived names (item-<hash>) and leaves the existing ones in Azure until they are removed`,
      "info",
    );
  }
  const value: Blocklist = blocklist.description ? { description: blocklist.description, items } : { items };
  if (blocklist.id) value.import = blocklist.id;
  return value;
}

/**
 * The file for one account, with notes for whatever it cannot say exactly. The account's key in the file
 * is its location (e.g. `eastus2`) unless the caller names another.
 */
export function buildImport(source: ImportSource, options: { accountKey?: string } = {}): ImportDraft {
  const { account, snapshot } = source;
  const accountKey = options.accountKey ?? (account.location ? locationKey(account.location) : account.name);
  const notes: ImportNote[] = [];
  const note: Note = (docPath, message, severity = "warning") => notes.push({ docPath, message, severity });
  const blocklistNames = new Map(
    snapshot.raiBlocklists.map((blocklist) => [blocklist.name.toLowerCase(), blocklist.name]),
  );
  const blocklistName = (name: string) => blocklistNames.get(name.toLowerCase()) ?? name;
  const custom = snapshot.raiPolicies
    .filter((policy) => !isBuiltInRaiPolicy(policy))
    .sort((a, b) => a.name.localeCompare(b.name));
  const customNames = new Map(custom.map((policy) => [policy.name.toLowerCase(), policy.name]));
  const contentFilters = importedContentFilters(custom, blocklistName, note);
  const deployments = [...snapshot.deployments]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((deployment, index) =>
      importedDeployment(deployment, ["deployments", index], accountKey, customNames, note),
    );
  const blocklists: Record<string, Blocklist> = {};
  for (const blocklist of [...snapshot.raiBlocklists].sort((a, b) => a.name.localeCompare(b.name))) {
    blocklists[blocklist.name] = importedBlocklist(blocklist, note);
  }
  const file: ImportedFile = {
    version: 1,
    subscription: source.subscriptionId,
    accounts: { [accountKey]: importedAccount(account) },
    deployments,
  };
  if (custom.length > 0) file.contentFilters = contentFilters;
  if (snapshot.raiBlocklists.length > 0) file.blocklists = blocklists;
  const projects = [...(snapshot.projects ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const accountValue = file.accounts?.[accountKey];
  if (projects.length > 0 && accountValue !== undefined) {
    accountValue.projects = Object.fromEntries(
      projects.map((p) => {
        const path: DocPath = ["accounts", accountKey, "projects", p.name];
        const project = importedProject(p, path, note);
        const connections = importedConnections(p.name, snapshot.connections ?? [], path, note);
        // Before `import`, so that the project's id stays its last key.
        if (connections !== undefined) {
          const { import: id, ...rest } = project;
          return [p.name, { ...rest, connections, ...(id === undefined ? {} : { import: id }) }];
        }
        return [p.name, project];
      }),
    );
  }
  return { accountKey, value: file, notes, source };
}

function describeField(field: DriftField): string {
  const text = (value: unknown) =>
    value === null ? "nothing" : typeof value === "string" ? value : JSON.stringify(value);
  return `${field.path}: Azure has ${text(field.live)}, the file gives ${text(field.declared)}`;
}

/**
 * Notes for the imported account's deployments whose planned inputs (after the file's defaults) differ
 * from Azure: the check that an imported file changes nothing, or says what it would change.
 */
export function deploymentNotes(draft: ImportDraft, plan: Plan): ImportNote[] {
  const notes: ImportNote[] = [];
  const live = new Map(
    draft.source.snapshot.deployments.map((deployment) => [deployment.name.toLowerCase(), deployment]),
  );
  for (const planned of plannedDeploymentsOf(plan.graph, draft.accountKey)) {
    const record = live.get(planned.deploymentName.toLowerCase());
    if (!record) continue;
    const index = draft.value.deployments.findIndex(
      (deployment) => deployment.name === planned.deploymentName,
    );
    for (const field of compareDeployment(planned, record)) {
      notes.push({
        docPath: ["deployments", Math.max(0, index)],
        severity: "warning",
        message: `deployment "${planned.deploymentName}": ${describeField(field)}`,
      });
    }
  }
  return notes;
}

// ── Rendering ───────────────────────────────────────────────────────────────

function commentText(notes: readonly ImportNote[]): string {
  return notes
    .map((entry) => ` ${entry.severity.toUpperCase()}: ${entry.message.replace(/\s*\n\s*/g, " ")}`)
    .join("\n");
}

function mapPair(map: YAMLMap, key: string) {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** The YAML text: flow style for models, quoted versions, notes as comments at their resources. */
export function renderImport(draft: ImportDraft): string {
  return importDocument(draft).toString({ lineWidth: 0 });
}

/** The header comment of an imported account: where it came from and what `import:` means. */
export function importHeader(draft: ImportDraft): string {
  const { account, subscriptionId } = draft.source;
  return [
    ` Imported by \`aideploy import\` from account ${account.name} (resource group ${account.resourceGroup}, subscription ${subscriptionId}).`,
    " Every resource carries its Azure resource id under `import:`, so the first `pulumi up` adopts it",
    " instead of creating it; once adopted, the `import:` entries may be removed.",
  ].join("\n");
}

/** The imported file as a YAML document, formatted and commented (see renderImport). */
export function importDocument(draft: ImportDraft): Document {
  const doc = new Document(draft.value);
  doc.commentBefore = importHeader(draft);
  const root = doc.contents as YAMLMap;
  const accountMap = doc.getIn(["accounts", draft.accountKey], true) as YAMLMap;
  const create = mapPair(accountMap, "create");
  if (create)
    (create.value as Scalar).comment =
      " exists in Azure: only the resources under it (deployments, content filters, blocklists, projects and their connections) are managed";
  draft.value.deployments.forEach((_, index) => {
    const model = doc.getIn(["deployments", index, "model"], true) as YAMLMap;
    model.flow = true;
    const version = model.get("version", true) as Scalar | undefined;
    if (version) version.type = "QUOTE_DOUBLE";
    const tags = doc.getIn(["deployments", index, "tags"], true) as YAMLMap | undefined;
    if (tags) tags.flow = true;
  });
  for (const name of Object.keys(draft.value.contentFilters ?? {})) {
    for (const side of ["prompt", "completion"]) {
      const categories = doc.getIn(["contentFilters", name, side], true) as YAMLMap | undefined;
      for (const pair of categories?.items ?? []) {
        if (isMap(pair.value)) pair.value.flow = true;
      }
    }
  }
  for (const name of Object.keys(draft.value.blocklists ?? {})) {
    const items = doc.getIn(["blocklists", name, "items"], true) as YAMLSeq;
    for (const item of items.items) if (!isScalar(item)) (item as YAMLMap).flow = true;
  }
  for (const side of ["prompt", "completion"]) {
    const categories = doc.getIn(["subscriptionRaiPolicy", side], true) as YAMLMap | undefined;
    for (const pair of categories?.items ?? []) {
      if (isMap(pair.value)) pair.value.flow = true;
    }
  }
  for (const section of ["deployments", "contentFilters", "blocklists", "subscriptionRaiPolicy"]) {
    const pair = mapPair(root, section);
    if (pair && isScalar(pair.key)) pair.key.spaceBefore = true;
  }
  // Notes as comments above the resource they concern.
  const byPath = new Map<string, ImportNote[]>();
  for (const entry of draft.notes) {
    const key = JSON.stringify(noteAnchor(doc, entry.docPath));
    byPath.set(key, [...(byPath.get(key) ?? []), entry]);
  }
  for (const [key, notes] of byPath) {
    const anchor = JSON.parse(key) as DocPath;
    const [section, item] = anchor;
    if (item === undefined) {
      const pair = mapPair(root, String(section));
      if (pair && isScalar(pair.key)) pair.key.commentBefore = commentText(notes);
      continue;
    }
    if (section === "deployments" && typeof item === "number") {
      const node = doc.getIn(["deployments", item], true) as YAMLMap | undefined;
      if (node) node.commentBefore = commentText(notes);
      continue;
    }
    const parent = doc.getIn(anchor.slice(0, -1), true);
    const pair = isMap(parent) ? mapPair(parent, String(anchor.at(-1))) : undefined;
    if (pair && isScalar(pair.key)) pair.key.commentBefore = commentText(notes);
  }
  return doc;
}

/**
 * The key a note is written above: its resource (`<section>.<name>`, a deployment by index); under a project,
 * the deepest key of the note's path the file has (a connection's credential, the connection, or the
 * project when the connection was left out).
 */
function noteAnchor(doc: Document, docPath: DocPath): DocPath {
  const resource = docPath.slice(0, 2);
  if (docPath[0] !== "accounts" || docPath[2] !== "projects") return resource;
  for (let length = docPath.length; length > 3; length--) {
    const parent = doc.getIn(docPath.slice(0, length - 1), true);
    if (isMap(parent) && mapPair(parent, String(docPath[length - 1])) !== undefined)
      return docPath.slice(0, length);
  }
  return resource;
}
