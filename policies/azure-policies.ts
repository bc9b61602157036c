import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { type CompiledDefinition, compileDefinition } from "./compiled";
import {
  definitionLookup,
  expandAssignment,
  getProperty,
  isJsonObject,
  type JsonValue,
  type PolicyAssignment,
  parseAssignment,
  parseJsonText,
  unwrapProperties,
} from "./evaluator";

/** One definition to enforce, from an assignment (or an initiative member) found in policies/azure/. */
export interface AzurePolicyUnit {
  id: string;
  /** Lower-case words joined by hyphens, for diagnostic codes. */
  name: string;
  displayName: string;
  definitionId: string;
  /** Compiled once per document, however many assignments and initiatives name it. */
  definition: CompiledDefinition;
  /** Resolved for this assignment (or initiative member). */
  parameters: Record<string, JsonValue>;
  /** False for an assignment with enforcementMode DoNotEnforce: findings are reported, never block. */
  enforced: boolean;
  /** The assignment's scope, when it says: resources outside it are not evaluated. */
  scope?: string;
  /** Scopes the assignment excludes. */
  notScopes?: string[];
  /** The assignment's non-compliance message for this definition, shown with its findings. */
  nonComplianceMessage?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The words a unit's diagnostic code is made of: its reference id, unless that is a GUID, else the definition's name. */
function readableName(
  referenceId: string | undefined,
  displayName: string | undefined,
  name: string | undefined,
  id: string,
): string {
  if (referenceId !== undefined && !GUID.test(referenceId)) return referenceId;
  return displayName ?? (name !== undefined && !GUID.test(name) ? name : undefined) ?? referenceId ?? id;
}

/** The message an assignment gives for a member: the one naming its reference id, else the general one. */
function messageFor(assignment: PolicyAssignment, referenceId: string | undefined): string | undefined {
  const messages = assignment.nonComplianceMessages ?? [];
  const own = messages.find(
    (m) =>
      referenceId !== undefined && m.policyDefinitionReferenceId?.toLowerCase() === referenceId.toLowerCase(),
  );
  return (own ?? messages.find((m) => m.policyDefinitionReferenceId === undefined))?.message;
}

/** Parameters a definition declares without a default: it cannot be enforced unassigned. */
function parametersWithoutDefaults(document: unknown): string[] {
  const declared = partOf(document, "parameters");
  if (!isJsonObject(declared)) return [];
  return Object.entries(declared)
    .filter(([, p]) => isJsonObject(p) && getProperty(p, "defaultValue") === undefined)
    .map(([name]) => name);
}

type DocumentKind = "definition" | "initiative" | "assignment" | "unknown";

/** A document's part named `key`, in its `properties` or at its top, as the evaluator reads documents. */
function partOf(document: unknown, key: string): unknown {
  if (!isJsonObject(document)) return undefined;
  return getProperty(unwrapProperties(document, key).body, key);
}

function kindOf(document: unknown): DocumentKind {
  if (partOf(document, "policyRule") !== undefined) return "definition";
  if (partOf(document, "policyDefinitions") !== undefined) return "initiative";
  if (partOf(document, "policyDefinitionId") !== undefined) return "assignment";
  return "unknown";
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s === "" ? "policy" : s;
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full));
    else if (entry.toLowerCase().endsWith(".json")) out.push(full);
  }
  return out;
}

function fileDiagnostic(
  file: string,
  message: string,
  hint: string,
  code: "azure-policy/invalid" | "azure-policy/unassigned-parameters" = "azure-policy/invalid",
): Diagnostic {
  return {
    code,
    severity: "error",
    message,
    file,
    line: 1,
    column: 1,
    path: "",
    hint,
  };
}

/**
 * Reads Azure Policy definitions, initiatives and assignments exported from Azure (policies/azure/).
 * Assignments are enforced with their parameters and enforcement mode, initiatives expanded; a
 * definition or initiative that no assignment names is enforced as if assigned with its defaults.
 */
export function loadAzurePolicies(
  dir: string,
  displayDir = dir,
): { units: AzurePolicyUnit[]; diagnostics: Diagnostic[] } {
  let files: string[];
  try {
    files = statSync(dir).isDirectory() ? jsonFiles(dir) : [];
  } catch {
    return { units: [], diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  const documents: { file: string; json: unknown; kind: DocumentKind }[] = [];
  for (const file of files) {
    const shown = path.join(displayDir, path.relative(dir, file));
    try {
      const json = parseJsonText(readFileSync(file, "utf8"));
      const list = Array.isArray(json) ? json : [json];
      for (const item of list) {
        const kind = kindOf(item);
        if (kind === "unknown") {
          diagnostics.push(
            fileDiagnostic(
              shown,
              "not an Azure Policy definition, initiative or assignment",
              "export the JSON from Azure (az policy definition show)",
            ),
          );
        } else documents.push({ file: shown, json: item, kind });
      }
    } catch (error) {
      diagnostics.push(
        fileDiagnostic(shown, `cannot read the policy file: ${(error as Error).message}`, "fix the JSON"),
      );
    }
  }
  const lookup = definitionLookup(documents.filter((d) => d.kind !== "assignment").map((d) => d.json));
  const assignments: { file: string; assignment: PolicyAssignment }[] = [];
  for (const d of documents.filter((x) => x.kind === "assignment")) {
    try {
      assignments.push({ file: d.file, assignment: parseAssignment(d.json) });
    } catch (error) {
      diagnostics.push(
        fileDiagnostic(d.file, `invalid assignment: ${(error as Error).message}`, "fix the assignment JSON"),
      );
    }
  }
  const assigned = new Set(
    assignments.map((a) => a.assignment.policyDefinitionId.toLowerCase().split("/").pop()),
  );
  for (const d of documents.filter((x) => x.kind !== "assignment")) {
    const json = d.json as { id?: unknown; name?: unknown };
    const key = String(json.id ?? json.name ?? "");
    if (key === "" || assigned.has(key.toLowerCase().split("/").pop())) continue;
    // Unassigned: enforce with default parameters. Members of an initiative are enforced through it.
    const isMember = documents.some(
      (o) =>
        o.kind === "initiative" &&
        JSON.stringify(partOf(o.json, "policyDefinitions") ?? [])
          .toLowerCase()
          .includes(key.toLowerCase()),
    );
    if (d.kind === "definition" && isMember) continue;
    const missing = d.kind === "definition" ? parametersWithoutDefaults(d.json) : [];
    if (missing.length > 0) {
      const label = String(partOf(d.json, "displayName") ?? key);
      diagnostics.push(
        fileDiagnostic(
          d.file,
          `${label} is not assigned, and its parameter${missing.length === 1 ? "" : "s"} ${missing.map((m) => `'${m}'`).join(", ")} ha${missing.length === 1 ? "s" : "ve"} no default: it cannot be enforced`,
          "assign it or give defaults: add an assignment (az policy assignment show) beside it that sets the parameters, or give each parameter a defaultValue",
          "azure-policy/unassigned-parameters",
        ),
      );
      continue;
    }
    assignments.push({
      file: d.file,
      assignment: {
        id: undefined,
        name: undefined,
        displayName: undefined,
        policyDefinitionId: key,
        parameters: {},
        enforcementMode: "Default",
        notScopes: [],
      },
    });
  }
  const units: AzurePolicyUnit[] = [];
  for (const { file, assignment } of assignments) {
    try {
      const expanded = expandAssignment(assignment, lookup, {
        parseDefinition: (document) => compileDefinition(document).parsed,
      });
      for (const unit of expanded) {
        const definitionName = unit.definition.displayName ?? unit.definition.name ?? unit.definitionId;
        const label = [assignment.name ?? assignment.displayName, unit.referenceId ?? unit.definition.name]
          .filter((x): x is string => Boolean(x))
          .join("/");
        const policyUnit: AzurePolicyUnit = {
          id: label || unit.definitionId,
          name: slug(
            readableName(
              unit.referenceId,
              unit.definition.displayName,
              unit.definition.name,
              unit.definitionId,
            ),
          ),
          displayName: definitionName,
          definitionId: unit.definitionId,
          definition: compileDefinition(lookup(unit.definitionId)),
          parameters: unit.parameters,
          enforced: unit.enforcementMode === "Default",
          notScopes: assignment.notScopes ?? [],
        };
        if (assignment.scope !== undefined) policyUnit.scope = assignment.scope;
        const message = messageFor(assignment, unit.referenceId);
        if (message !== undefined) policyUnit.nonComplianceMessage = message;
        units.push(policyUnit);
      }
    } catch (error) {
      diagnostics.push(
        fileDiagnostic(
          file,
          `cannot enforce ${assignment.policyDefinitionId}: ${(error as Error).message}`,
          "check that every definition the assignment names is in policies/azure/",
        ),
      );
    }
  }
  return { units, diagnostics };
}
