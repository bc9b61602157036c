/**
 * Downloads the Azure Policy in force at a subscription or resource group: the assignments (made there or
 * inherited from above, minus those that exclude the scope), their definitions and initiatives, and the
 * initiatives' member definitions, each as one document in Azure's shape (`{id, name, type, properties}`)
 * under a deterministic file name, for policies/azure-policies.ts to enforce offline.
 *
 * `pullPolicyFiles` is `aideploy policy pull`'s use case: it reads Azure and the output directory and
 * decides what to write, replace and remove there (only files an earlier pull wrote); the command writes.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Document, parse } from "yaml";
import { UsageError } from "../diagnostics/failure";
import { fileStart, liveDiagnostic } from "./codes";
import type { FileChange, LiveContext, LiveOutcome } from "./context";
import { describeLiveFailure, LiveConfigError, liveFailureDiagnostic, resolveSettings } from "./errors";
import {
  getPolicyDefinition,
  getPolicySetDefinition,
  listPolicyAssignments,
  type PolicyAssignmentRecord,
  type PolicyDefinitionRecord,
} from "./read";
import { LiveSession } from "./session";

export interface PolicyScope {
  /** `/subscriptions/{s}` or `/subscriptions/{s}/resourceGroups/{rg}`, as given (trailing slash removed). */
  id: string;
  subscriptionId: string;
  resourceGroup?: string;
}

/** Accepts a subscription id, `/subscriptions/{s}` or `/subscriptions/{s}/resourceGroups/{rg}`. */
export function parsePolicyScope(text: string): PolicyScope {
  const trimmed = text.trim().replace(/\/+$/, "");
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(trimmed)) {
    return { id: `/subscriptions/${trimmed}`, subscriptionId: trimmed };
  }
  const match = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?$/i.exec(trimmed);
  if (!match?.[1]) {
    throw new LiveConfigError(
      `The scope '${text}' is neither a subscription nor a resource group id.`,
      "Pass --scope /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<name>.",
    );
  }
  const scope: PolicyScope = { id: trimmed, subscriptionId: match[1] };
  if (match[2]) scope.resourceGroup = match[2];
  return scope;
}

export type PolicyDocumentKind = "assignment" | "definition" | "initiative";

export interface PolicyDocument {
  kind: PolicyDocumentKind;
  /** Path under the output directory, with `/` separators: `assignments/<name>.json`. */
  file: string;
  content: Record<string, unknown>;
}

export interface PulledPolicies {
  documents: PolicyDocument[];
  /** Assignments excluded from the scope by their notScopes (not in force there). */
  excluded: string[];
  /** Assignments with settings the offline evaluator does not apply. */
  warnings: { file: string; message: string }[];
}

/** The folders `policy pull` owns under its output directory. */
export const pulledFolders: Record<PolicyDocumentKind, string> = {
  assignment: "assignments",
  definition: "definitions",
  initiative: "initiatives",
};

/** Objects with their keys sorted (arrays keep their order), so the same policy always reads the same. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeys(field);
  }
  return sorted;
}

/** An assignment as a pulled file holds it: ARM's shape, keys sorted. */
function assignmentDocument(record: PolicyAssignmentRecord): Record<string, unknown> {
  const document: Record<string, unknown> = { id: record.id, name: record.name, type: record.type };
  if (record.location !== undefined) document.location = record.location;
  if (record.identity !== undefined) document.identity = sortKeys(record.identity);
  document.properties = sortKeys(record.properties);
  return document;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function definitionDocument(record: PolicyDefinitionRecord): Record<string, unknown> {
  return { id: record.id, name: record.name, type: record.type, properties: sortKeys(record.properties) };
}

function isWithin(scope: string, candidate: string): boolean {
  const a = scope.toLowerCase();
  const b = candidate.toLowerCase().replace(/\/+$/, "");
  return a === b || a.startsWith(`${b}/`);
}

function isSetDefinition(id: string): boolean {
  return /\/policySetDefinitions\//i.test(id);
}

function safeName(name: string): string {
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return slug === "" ? "policy" : slug;
}

/** File names from resource names; names that collide (same name at two scopes) get a hash of the id. */
function assignFiles(documents: Omit<PolicyDocument, "file">[]): PolicyDocument[] {
  const sorted = [...documents].sort((a, b) =>
    String(a.content.id).toLowerCase().localeCompare(String(b.content.id).toLowerCase()),
  );
  const base = (document: Omit<PolicyDocument, "file">) =>
    `${pulledFolders[document.kind]}/${safeName(String(document.content.name))}`.toLowerCase();
  const counts = new Map<string, number>();
  for (const document of sorted) counts.set(base(document), (counts.get(base(document)) ?? 0) + 1);
  return sorted.map((document) => {
    const stem = `${pulledFolders[document.kind]}/${safeName(String(document.content.name))}`;
    const unique = (counts.get(base(document)) ?? 0) === 1;
    const hash = createHash("sha256")
      .update(String(document.content.id).toLowerCase())
      .digest("hex")
      .slice(0, 8);
    return { ...document, file: unique ? `${stem}.json` : `${stem}-${hash}.json` };
  });
}

/** Reads everything in force at the scope; throws on any failed read (nothing partial is returned). */
async function pullPolicies(session: LiveSession, scope: PolicyScope): Promise<PulledPolicies> {
  const client = session.policy(session.connection());
  const filter = { filter: "atScope()" };
  const assignments = await session.read("policy assignments", () =>
    listPolicyAssignments(client, {
      ...filter,
      ...(scope.resourceGroup ? { resourceGroup: scope.resourceGroup } : {}),
    }),
  );
  const excluded: string[] = [];
  const inForce = assignments.filter((assignment) => {
    const out = stringsOf(assignment.properties.notScopes).some((notScope) => isWithin(scope.id, notScope));
    if (out) excluded.push(assignment.id || assignment.name);
    return !out;
  });
  const documents: Omit<PolicyDocument, "file">[] = inForce.map((assignment) => ({
    kind: "assignment",
    content: assignmentDocument(assignment),
  }));
  const fetched = new Set<string>();
  const fetchDefinition = async (id: string) => {
    if (fetched.has(id.toLowerCase())) return;
    fetched.add(id.toLowerCase());
    const record = await session.read(`policy definition ${id.split("/").pop()}`, () =>
      getPolicyDefinition(client, id),
    );
    documents.push({ kind: "definition", content: definitionDocument(record) });
  };
  for (const assignment of inForce) {
    const definitionId = assignment.properties.policyDefinitionId;
    const id = typeof definitionId === "string" ? definitionId : "";
    if (id === "") continue;
    if (!isSetDefinition(id)) {
      await fetchDefinition(id);
      continue;
    }
    if (fetched.has(id.toLowerCase())) continue;
    fetched.add(id.toLowerCase());
    const set = await session.read(`initiative ${id.split("/").pop()}`, () =>
      getPolicySetDefinition(client, id),
    );
    documents.push({ kind: "initiative", content: definitionDocument(set) });
    const members = Array.isArray(set.properties.policyDefinitions) ? set.properties.policyDefinitions : [];
    for (const member of members as { policyDefinitionId?: unknown }[]) {
      if (typeof member.policyDefinitionId === "string") await fetchDefinition(member.policyDefinitionId);
    }
  }
  const withFiles = assignFiles(documents);
  const warnings: PulledPolicies["warnings"] = [];
  for (const document of withFiles) {
    if (document.kind !== "assignment") continue;
    const properties = document.content.properties as Record<string, unknown>;
    const unsupported = ["overrides", "resourceSelectors"].filter(
      (key) => Array.isArray(properties[key]) && (properties[key] as unknown[]).length > 0,
    );
    if (unsupported.length > 0) {
      warnings.push({
        file: document.file,
        message: `assignment ${String(document.content.name)} has ${unsupported.join(" and ")}, which aideploy's evaluator does not apply`,
      });
    }
  }
  return { documents: withFiles, excluded: excluded.sort(), warnings };
}

export function serializePolicyDocument(document: PolicyDocument): string {
  return `${JSON.stringify(document.content, null, 2)}\n`;
}

// ── What a pull may change on disk ──────────────────────────────────────────

/** The file, beside the pulled folders, that lists what the last pull wrote (not read as policy: not .json). */
export const PULL_MANIFEST = "pull-manifest.yaml";

/** What the last pull wrote: its scope, and each file with the hash of the content it wrote. */
export interface PullManifest {
  scope: string;
  /** Path under the output directory (`definitions/x.json`) → `sha256:<hex>` of the content written. */
  files: Record<string, string>;
}

/** A `.json` file found in one of the pulled folders, with its content. */
export interface LocalPolicyFile {
  file: string;
  content: string;
}

export interface PullConflict {
  file: string;
  /** `hand-written`: no pull wrote it; `changed`: a pull wrote it and it was edited since. */
  reason: "hand-written" | "changed";
}

/** What writing a pull does to the output directory. */
export interface PullWritePlan {
  /** Documents to write: new files, files an earlier pull wrote, files already holding this content. */
  write: { file: string; text: string }[];
  /** Files an earlier pull wrote, unchanged since, that this pull did not return. */
  remove: string[];
  /** Files no pull wrote: never changed. */
  kept: string[];
  /** Files an earlier pull wrote and someone edited since, that this pull did not return: kept. */
  keptChanged: string[];
  /** Files this pull would overwrite that are not its own: the pull writes nothing. */
  conflicts: PullConflict[];
  manifest: PullManifest;
}

export function contentHash(text: string): string {
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

/**
 * Decides what a pull may write, replace and remove: only files an earlier pull wrote (listed in the
 * manifest with the hash of what it wrote) are replaced or removed; every other file is kept. A pulled
 * document whose file exists and is not the pull's own is a conflict, unless it already holds exactly
 * the pulled content.
 */
export function planPullWrites(
  pulled: PulledPolicies,
  scope: string,
  existing: readonly LocalPolicyFile[],
  previous: PullManifest | undefined,
): PullWritePlan {
  const local = new Map(existing.map((entry) => [entry.file, entry.content]));
  const written = previous?.files ?? {};
  const owned = (file: string) => {
    const content = local.get(file);
    return content !== undefined && written[file] === contentHash(content);
  };
  const plan: PullWritePlan = {
    write: [],
    remove: [],
    kept: [],
    keptChanged: [],
    conflicts: [],
    manifest: { scope, files: {} },
  };
  const returned = new Set<string>();
  for (const document of pulled.documents) {
    const text = serializePolicyDocument(document);
    returned.add(document.file);
    const content = local.get(document.file);
    if (content !== undefined && content !== text && !owned(document.file)) {
      plan.conflicts.push({
        file: document.file,
        reason: written[document.file] ? "changed" : "hand-written",
      });
      continue;
    }
    plan.write.push({ file: document.file, text });
    plan.manifest.files[document.file] = contentHash(text);
  }
  for (const file of [...local.keys()].sort()) {
    if (returned.has(file)) continue;
    if (owned(file)) plan.remove.push(file);
    else if (written[file]) plan.keptChanged.push(file);
    else plan.kept.push(file);
  }
  return plan;
}

const manifestHeader = [
  " Written by `aideploy policy pull`. The files listed here came from Azure: the next pull replaces them,",
  " or removes them when Azure no longer has them. Every other file in these folders is yours and is never",
  " changed; a listed file you edit becomes yours too (the next pull stops and says so rather than",
  " overwrite it).",
].join("\n");

export function serializePullManifest(manifest: PullManifest): string {
  const document = new Document({ scope: manifest.scope, files: sortKeys(manifest.files) });
  document.commentBefore = manifestHeader;
  return document.toString({ lineWidth: 0 });
}

/** Reads a manifest; throws a LiveConfigError naming the file when it is not one. */
export function parsePullManifest(text: string, shown: string): PullManifest {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new LiveConfigError(
      `${shown} is not valid YAML: ${(error as Error).message.split("\n")[0]}`,
      `Restore it from version control, or delete it: every file is then treated as yours.`,
    );
  }
  const record = (value ?? {}) as { scope?: unknown; files?: unknown };
  const files = record.files;
  const valid =
    typeof record.scope === "string" &&
    typeof files === "object" &&
    files !== null &&
    !Array.isArray(files) &&
    Object.values(files).every((hash) => typeof hash === "string");
  if (!valid) {
    throw new LiveConfigError(
      `${shown} does not list the files of a pull (scope and files).`,
      "Restore it from version control, or delete it: every file is then treated as yours.",
    );
  }
  return { scope: record.scope as string, files: { ...(files as Record<string, string>) } };
}

// ── The use case ────────────────────────────────────────────────────────────

export interface PolicyPullRequest {
  /** `--scope`: a subscription or resource group id. */
  scope: string;
  /** The output directory, relative to the context's directory. */
  out: string;
}

/** What a pull writes and removes, and the lines that say what it did. */
export interface PolicyPull {
  files: FileChange[];
  summary: string;
}

/** The `.json` files in the pulled folders and the manifest of the last pull, as they are on disk. */
function readLocal(dir: string, shown: string): { files: LocalPolicyFile[]; manifest?: PullManifest } {
  const files: LocalPolicyFile[] = [];
  for (const folder of Object.values(pulledFolders)) {
    const full = path.join(dir, folder);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full).sort()) {
      if (!entry.toLowerCase().endsWith(".json")) continue;
      files.push({ file: `${folder}/${entry}`, content: readFileSync(path.join(full, entry), "utf8") });
    }
  }
  const manifestPath = path.join(dir, PULL_MANIFEST);
  if (!existsSync(manifestPath)) return { files };
  const manifest = parsePullManifest(readFileSync(manifestPath, "utf8"), path.join(shown, PULL_MANIFEST));
  return { files, manifest };
}

function conflictLine(out: string, conflict: PullConflict): string {
  const file = path.join(out, ...conflict.file.split("/"));
  return conflict.reason === "changed"
    ? `  ${file}: written by an earlier pull and edited since`
    : `  ${file}: not written by \`aideploy policy pull\``;
}

function summaryOf(pulled: PulledPolicies, plan: PullWritePlan, scope: string, out: string): string {
  const assignments = pulled.documents.filter((document) => document.kind === "assignment").length;
  const lines = [
    `pulled ${assignments} assignment(s) in force at ${scope} and ${plan.write.length - assignments} definition(s) and initiative(s) into ${out}`,
  ];
  if (pulled.excluded.length > 0) {
    lines.push(`skipped ${pulled.excluded.length} assignment(s) whose notScopes exclude ${scope}`);
  }
  if (plan.remove.length > 0)
    lines.push(`removed ${plan.remove.length} file(s) Azure no longer has: ${plan.remove.join(", ")}`);
  if (plan.kept.length > 0)
    lines.push(`kept ${plan.kept.length} file(s) no pull wrote: ${plan.kept.join(", ")}`);
  if (plan.keptChanged.length > 0) {
    lines.push(
      `kept ${plan.keptChanged.length} pulled file(s) edited since the last pull, which Azure no longer has: ${plan.keptChanged.join(", ")}`,
    );
  }
  return lines.join("\n");
}

/**
 * The files a pull writes into the output directory, or undefined (nothing written) when a read fails,
 * which the findings say. A file the pull would overwrite that is not its own is a UsageError, as are a
 * bad scope, endpoint or manifest.
 */
export async function pullPolicyFiles(
  request: PolicyPullRequest,
  context: LiveContext,
): Promise<LiveOutcome<PolicyPull | undefined>> {
  const { out } = request;
  const scope = resolveSettings(() => parsePolicyScope(request.scope));
  const session = resolveSettings(
    () => new LiveSession({ ...context, subscriptionId: scope.subscriptionId }),
  );
  resolveSettings(() => session.connection());
  const dir = path.resolve(context.cwd, out);
  const local = resolveSettings(() => readLocal(dir, out));
  let pulled: PulledPolicies;
  try {
    pulled = await session.run(`pulling Azure Policy at ${scope.id}`, () => pullPolicies(session, scope));
  } catch (error) {
    const failure = describeLiveFailure(error, {
      action: `Reading the Azure Policy in force at ${scope.id}`,
    });
    return { result: undefined, diagnostics: [liveFailureDiagnostic(failure, fileStart(out))] };
  }
  const plan = planPullWrites(pulled, scope.id, local.files, local.manifest);
  if (plan.conflicts.length > 0) {
    const lines = [
      `nothing was written: ${plan.conflicts.length} file(s) the pull would overwrite are not the pull's own:`,
      ...plan.conflicts.map((conflict) => conflictLine(out, conflict)),
      `Rename or move them (a pull never overwrites a file it did not write, listed in ${path.join(out, PULL_MANIFEST)}), then pull again.`,
    ];
    throw new UsageError(lines.join("\n"));
  }
  const at = (file: string) => path.join(dir, ...file.split("/"));
  const files: FileChange[] = [
    ...plan.write.map(({ file, text }) => ({ path: at(file), text })),
    ...plan.remove.map((file) => ({ path: at(file), text: null })),
    { path: path.join(dir, PULL_MANIFEST), text: serializePullManifest(plan.manifest) },
  ];
  const diagnostics = pulled.warnings.map((warning) =>
    liveDiagnostic("live/policy-not-evaluated", fileStart(path.join(out, ...warning.file.split("/"))), {
      message: warning.message,
    }),
  );
  return { result: { files, summary: summaryOf(pulled, plan, scope.id, out) }, diagnostics };
}
