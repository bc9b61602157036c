/**
 * Downloads the Azure Policy in force at a subscription or resource group: the assignments (made there or
 * inherited from above, minus those that exclude the scope), their definitions and initiatives, and the
 * initiatives' member definitions, each as one document in Azure's shape (`{id, name, type, properties}`)
 * under a deterministic file name, for policies/azure-policies.ts to enforce offline.
 */
import { createHash } from "node:crypto";
import type { PolicyAssignment, PolicyClient } from "@azure/arm-policy";
import { LiveConfigError } from "./errors";
import { collect, getPolicyDefinition, getPolicySetDefinition, type PolicyDefinitionRecord } from "./read";

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

/** An assignment in the shape ARM returns it. */
export function assignmentDocument(assignment: PolicyAssignment): Record<string, unknown> {
  const {
    id,
    name,
    type,
    location,
    identity,
    systemData: _systemData,
    latestDefinitionVersion: _latest,
    effectiveDefinitionVersion: _effective,
    ...properties
  } = assignment;
  const document: Record<string, unknown> = {
    id: id ?? "",
    name: name ?? "",
    type: type ?? "Microsoft.Authorization/policyAssignments",
  };
  if (location !== undefined) document.location = location;
  if (identity !== undefined) document.identity = sortKeys(identity);
  document.properties = sortKeys(properties);
  return document;
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

export interface PullOptions {
  /** Wraps each read (retries, progress). */
  read<T>(label: string, operation: () => Promise<T>): Promise<T>;
}

/** Reads everything in force at the scope; throws on any failed read (nothing partial is returned). */
export async function pullPolicies(
  client: PolicyClient,
  scope: PolicyScope,
  options: PullOptions,
): Promise<PulledPolicies> {
  const filter = { filter: "atScope()" };
  const assignments = await options.read("policy assignments", () =>
    collect(
      scope.resourceGroup
        ? client.policyAssignments.listForResourceGroup(scope.resourceGroup, filter)
        : client.policyAssignments.list(filter),
    ),
  );
  const excluded: string[] = [];
  const inForce = assignments.filter((assignment) => {
    const out = (assignment.notScopes ?? []).some((notScope) => isWithin(scope.id, notScope));
    if (out) excluded.push(assignment.id ?? assignment.name ?? "");
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
    const record = await options.read(`policy definition ${id.split("/").pop()}`, () =>
      getPolicyDefinition(client, id),
    );
    documents.push({ kind: "definition", content: definitionDocument(record) });
  };
  for (const assignment of inForce) {
    const id = assignment.policyDefinitionId ?? "";
    if (id === "") continue;
    if (!isSetDefinition(id)) {
      await fetchDefinition(id);
      continue;
    }
    if (fetched.has(id.toLowerCase())) continue;
    fetched.add(id.toLowerCase());
    const set = await options.read(`initiative ${id.split("/").pop()}`, () =>
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
