/**
 * Merges an imported account (its deployments, content filters and blocklists) into an existing
 * deployments file, so that an estate is adopted account by account. The existing text is edited through
 * the `yaml` Document API, so its comments, order and style stay as they are. Pure: the command reads
 * the files and Azure, validates the result and writes it.
 *
 * A name that is already taken refuses the merge (a conflict at the existing line): the account key, the
 * same Azure account under another key, a content filter or blocklist of the same name with other
 * settings. A content filter or blocklist with the same name and settings is shared: its `import:` becomes
 * a map from account key to id.
 */
import { isMap, isPair, isScalar, type Pair, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { compileContentFilter } from "../infra/content-filter";
import { blocklistItemName } from "../infra/graph";
import type { DesiredState } from "../loader/desired-state";
import type {
  AideployDeploymentsFile,
  Blocklist,
  ContentFilter,
  ImportIds,
  SubscriptionRaiPolicy,
} from "../loader/file-types.generated";
import type { DocPath } from "../loader/path";
import { deploymentAccountKeys, resolveContentFilterSettings } from "../loader/resolve";
import { sameName } from "./catalog";
import { type ImportDraft, type ImportNote, importDocument, importHeader } from "./import";

/** A name the imported account needs that the existing file already uses differently. */
export interface MergeConflict {
  /** Where the existing file uses the name. */
  docPath: DocPath;
  message: string;
  hint: string;
}

export interface MergeInput {
  /** The existing file's text, and what it says (schema-valid, resolved as written). */
  text: string;
  file: AideployDeploymentsFile;
  state: DesiredState;
  draft: ImportDraft;
}

export type MergeResult =
  | {
      ok: true;
      text: string;
      /** Where a note of the draft sits in the merged file. */
      notePath(note: ImportNote): DocPath;
      /** Edits made to what the file already had, in words. */
      changes: string[];
    }
  | { ok: false; conflicts: MergeConflict[] };

type Json = unknown;

function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, Json>;
    return `{${Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What a content filter sends to Azure, in a form where equal settings compare equal. */
function filterFingerprint(filter: ContentFilter): string {
  const compiled = compileContentFilter({
    key: "",
    accountKey: "",
    name: "",
    ...resolveContentFilterSettings(filter),
    source: { file: "", line: 1, column: 1, path: "" },
    docPath: [],
  });
  const entry = (name: string | undefined, source: string | undefined) =>
    `${(name ?? "").toLowerCase()}|${(source ?? "").toLowerCase()}`;
  return canonical({
    base: String(compiled.basePolicyName).toLowerCase(),
    mode: String(compiled.mode).toLowerCase(),
    filters: compiled.contentFilters
      .map((f) => `${entry(f.name, f.source)}|${f.enabled}|${f.blocking}|${f.severityThreshold ?? ""}`)
      .sort(),
    blocklists: compiled.customBlocklists
      .map((b) => `${entry(b.blocklistName, b.source)}|${b.blocking}`)
      .sort(),
  });
}

/** A blocklist's description and items (with the Azure name each gets), as a set. */
function blocklistFingerprint(list: Blocklist): string {
  const items = list.items.map((item) => {
    const pattern = typeof item === "string" ? item : item.pattern;
    const regex = typeof item === "string" ? false : (item.regex ?? false);
    const name = (typeof item === "string" ? undefined : item.name) ?? blocklistItemName({ pattern, regex });
    return `${regex}|${pattern}|${name.toLowerCase()}`;
  });
  return canonical({ description: list.description ?? "", items: [...new Set(items)].sort() });
}

/** An imported content filter or blocklist whose name the file already uses, and whether the two agree. */
interface SameName {
  section: "contentFilters" | "blocklists";
  name: string;
  same: boolean;
  /** The imported resource's id, and what the file's `import:` says. */
  id: string | undefined;
  currentId: ImportIds | undefined;
}

function sameNamed<T extends { import?: ImportIds }>(
  section: SameName["section"],
  incoming: Record<string, T | undefined> | undefined,
  existing: Record<string, T | undefined> | undefined,
  fingerprint: (value: T) => string,
): SameName[] {
  const found: SameName[] = [];
  for (const [name, value] of Object.entries(incoming ?? {})) {
    const current = existing?.[name];
    if (value === undefined || current === undefined) continue;
    const id = typeof value.import === "string" ? value.import : undefined;
    const same = fingerprint(current) === fingerprint(value);
    found.push({ section, name, same, id, currentId: current.import });
  }
  return found;
}

/** The account key an `import:` id written as one string belongs to, if the file says. */
function ownerOfId(id: string, input: MergeInput, resource: "contentFilters" | "blocklists", name: string) {
  const accountName = /\/accounts\/([^/]+)/i.exec(id)?.[1];
  const byName = Object.entries(input.file.accounts ?? {})
    .filter(([, account]) => account && sameName(account.name, accountName))
    .map(([key]) => key);
  if (byName.length === 1) return byName[0];
  const using = (resource === "contentFilters" ? input.state.contentFilters : input.state.blocklists)
    .filter((item) => item.name === name)
    .map((item) => item.accountKey);
  return using.length === 1 ? using[0] : undefined;
}

export function mergeImport(input: MergeInput): MergeResult {
  const { draft, file } = input;
  const key = draft.accountKey;
  const imported = draft.value;
  const live = draft.source.account;
  const conflicts: MergeConflict[] = [];
  const changes: string[] = [];

  // The account: a new key, and not the same Azure account under another key.
  const accounts = file.accounts ?? {};
  if (accounts[key] !== undefined) {
    conflicts.push({
      docPath: ["accounts", key],
      message: `account key "${key}" is already used (by account ${accounts[key]?.name}); account ${live.name} cannot be imported under it`,
      hint: "pass --account-key with another key for the imported account",
    });
  }
  for (const [existingKey, account] of Object.entries(accounts)) {
    if (
      account &&
      sameName(account.name, live.name) &&
      sameName(account.resourceGroup, live.resourceGroup) &&
      sameName(account.subscription ?? file.subscription ?? imported.subscription, imported.subscription)
    ) {
      conflicts.push({
        docPath: ["accounts", existingKey],
        message: `account ${live.name} (resource group ${live.resourceGroup}) is already in the file as "${existingKey}"`,
        hint: "it is adopted already; run `aideploy drift` to compare it with Azure",
      });
    }
  }

  // Content filters and blocklists: new, or the same settings under the same name (then shared).
  const shared: { section: "contentFilters" | "blocklists"; name: string; id: string | undefined }[] = [];
  const sections = [
    sameNamed("contentFilters", imported.contentFilters, file.contentFilters, filterFingerprint),
    sameNamed("blocklists", imported.blocklists, file.blocklists, blocklistFingerprint),
  ];
  for (const { section, name, same, id, currentId } of sections.flat()) {
    const label = section === "contentFilters" ? "content filter" : "blocklist";
    if (!same) {
      conflicts.push({
        docPath: [section, name],
        message: `${label} "${name}" is already declared with other settings than the ${label} "${name}" of account ${live.name}`,
        hint: `make the two the same (in Azure or in the file), or adopt account ${live.name} by hand`,
      });
      continue;
    }
    if (typeof currentId === "string" && ownerOfId(currentId, input, section, name) === undefined) {
      conflicts.push({
        docPath: [section, name, "import"],
        message: `the import id of ${label} "${name}" names no single account of the file, so it cannot be shared with account ${live.name}`,
        hint: "write `import:` as a map from account key to resource id",
      });
      continue;
    }
    shared.push({ section, name, id });
  }
  const baseline = baselineMerge(file, imported);
  conflicts.push(...baseline.conflicts);
  if (conflicts.length > 0) return { ok: false, conflicts };

  // Edit the existing document in place.
  const doc = parseDocument(input.text, { keepSourceTokens: false });
  const source = importDocument(draft);
  const root = doc.contents as YAMLMap;

  // Deployments that rely on the file having one account now name it.
  const accountKeys = Object.keys(accounts);
  const only = accountKeys.length === 1 ? accountKeys[0] : undefined;
  const deploymentSeq = doc.get("deployments", true) as YAMLSeq;
  if (only !== undefined) {
    file.deployments.forEach((deployment, index) => {
      if (deployment.account !== undefined || (deployment.accounts?.length ?? 0) > 0) return;
      if (deploymentAccountKeys(deployment, file)[0] !== only) return;
      const node = deploymentSeq.items[index];
      if (!isMap(node)) return;
      const at = node.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === "name");
      node.items.splice(at + 1, 0, doc.createPair("account", only));
      changes.push(
        `deployment "${deployment.name}" now names its account (account: ${only}): the file has two`,
      );
    });
  }

  // The account, with the header that says where it came from.
  const sourceAccounts = source.get("accounts", true) as YAMLMap;
  const accountPair = sourceAccounts.items[0] as Pair;
  const accountMap = accountPair.value as YAMLMap;
  if (!sameName(file.subscription, imported.subscription)) {
    accountMap.items.splice(2, 0, source.createPair("subscription", imported.subscription));
  }
  if (isScalar(accountPair.key)) {
    accountPair.key.commentBefore = importHeader(draft);
    accountPair.key.spaceBefore = true;
  }
  (doc.get("accounts", true) as YAMLMap).items.push(accountPair);

  // Deployments, appended in the imported order.
  const offset = deploymentSeq.items.length;
  const importedSeq = source.get("deployments", true) as YAMLSeq;
  deploymentSeq.items.push(...importedSeq.items);

  // Content filters and blocklists: new ones appended, shared ones adopted on this account too.
  for (const section of ["contentFilters", "blocklists"] as const) {
    const incoming = source.get(section, true);
    if (!isMap(incoming)) continue;
    let target = doc.get(section, true);
    if (!isMap(target)) {
      target = doc.createNode({});
      const pair = doc.createPair(section, target);
      if (isScalar(pair.key)) pair.key.spaceBefore = true;
      root.items.splice(insertionIndex(root, section), 0, pair);
    }
    for (const pair of incoming.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : "";
      const reuse = shared.find((entry) => entry.section === section && entry.name === name);
      if (reuse === undefined) {
        (target as YAMLMap).items.push(pair);
        continue;
      }
      if (reuse.id === undefined) continue;
      const existing = file[section]?.[name]?.import;
      if (typeof existing === "object") {
        doc.setIn([section, name, "import", key], reuse.id);
      } else {
        const ids: Record<string, string> = {};
        if (typeof existing === "string") {
          ids[ownerOfId(existing, input, section, name) ?? ""] = existing;
        }
        ids[key] = reuse.id;
        doc.setIn([section, name, "import"], doc.createNode(ids));
      }
      const label = section === "contentFilters" ? "content filter" : "blocklist";
      changes.push(
        `${label} "${name}" has the same settings on account ${live.name}: shared, and adopted there too`,
      );
    }
  }

  // The subscription's RAI policy: added when the file has none, adopted when it declares the same one.
  if (baseline.action === "add") {
    const pair = (source.contents as YAMLMap).items.find(
      (item) => isScalar(item.key) && item.key.value === "subscriptionRaiPolicy",
    );
    if (pair) root.items.splice(insertionIndex(root, "subscriptionRaiPolicy"), 0, pair);
  } else if (baseline.action === "adopt" && baseline.id !== undefined) {
    doc.setIn(["subscriptionRaiPolicy", "import"], baseline.id);
    changes.push(
      `subscription RAI policy "${file.subscriptionRaiPolicy?.name}" has the same settings in Azure: adopted (import: ${baseline.id})`,
    );
  }

  // Environment overrides apply to a deployment name on every account: say so for imported names.
  for (const [environment, overrides] of Object.entries(file.environments ?? {})) {
    for (const deployment of imported.deployments) {
      const name = String(deployment.name);
      if (overrides?.deployments?.[name] !== undefined) {
        changes.push(
          `environment "${environment}" overrides deployment "${name}", which now also exists on account ${key}: the override applies there too`,
        );
      }
    }
  }

  const notePath = (note: ImportNote): DocPath => {
    const [section, item, ...rest] = note.docPath;
    if (section === "deployments" && typeof item === "number") return ["deployments", item + offset, ...rest];
    if (section === "accounts") return ["accounts", key, ...rest];
    return note.docPath;
  };
  return { ok: true, text: doc.toString({ lineWidth: 0 }), notePath, changes };
}

/**
 * What becomes of an imported subscription RAI policy: added to a file that declares none (in the same
 * subscription), adopted when the file declares the same name with the same settings and tags, else a
 * conflict (a file writes one baseline, into one subscription).
 */
function baselineMerge(
  file: AideployDeploymentsFile,
  imported: ImportDraft["value"],
): { action: "none" | "add" | "adopt"; id?: string; conflicts: MergeConflict[] } {
  const incoming = imported.subscriptionRaiPolicy;
  if (incoming === undefined) return { action: "none", conflicts: [] };
  const conflict = (docPath: DocPath, message: string, hint: string) => ({
    action: "none" as const,
    conflicts: [{ docPath, message, hint }],
  });
  if (file.subscription !== undefined && !sameName(file.subscription, imported.subscription)) {
    return conflict(
      ["subscription"],
      `the file deploys to subscription ${file.subscription}; the subscription RAI policy "${incoming.name}" is in subscription ${imported.subscription}`,
      "import the subscription RAI policy into a file for its own subscription",
    );
  }
  const existing = file.subscriptionRaiPolicy;
  if (existing === undefined) return { action: "add", conflicts: [] };
  if (!sameName(existing.name, incoming.name)) {
    return conflict(
      ["subscriptionRaiPolicy", "name"],
      `the file already declares the subscription RAI policy "${existing.name}"; "${incoming.name}" cannot be added (a file writes one)`,
      "leave out --subscription-rai-policy, or import it into a file of its own",
    );
  }
  const settings = ({ name: _n, import: _i, tags, ...rest }: SubscriptionRaiPolicy) =>
    `${filterFingerprint(rest)}|${canonical(tags ?? {})}`;
  if (settings(existing) !== settings(incoming)) {
    return conflict(
      ["subscriptionRaiPolicy"],
      `the subscription RAI policy "${existing.name}" is declared with other settings or tags than Azure has`,
      "make the two the same (in Azure or in the file), then import again; `aideploy drift` shows the differences",
    );
  }
  return incoming.import === undefined
    ? { action: "none", conflicts: [] }
    : { action: "adopt", id: incoming.import, conflicts: [] };
}

/** Where a new top-level section goes: before `environments`, else at the end. */
function insertionIndex(root: YAMLMap, section: string): number {
  const order = ["contentFilters", "blocklists", "subscriptionRaiPolicy", "environments"];
  const after = order.slice(order.indexOf(section) + 1);
  const index = root.items.findIndex(
    (pair) => isPair(pair) && isScalar(pair.key) && after.includes(String(pair.key.value)),
  );
  return index === -1 ? root.items.length : index;
}
