/**
 * Shared by the text and Markdown formatters: how values read, before each medium makes them safe.
 * Nothing here escapes; every formatter escapes what it prints.
 */
import type {
  Change,
  ChangeAction,
  ChangeKind,
  DiffFlag,
  FieldChange,
  FieldValue,
  QuotaRow,
} from "../../review/model";
import { formatNumber } from "../../text/number";

export const KIND_LABELS: Record<ChangeKind, string> = {
  account: "account",
  deployment: "deployment",
  contentFilter: "content filter",
  blocklist: "blocklist",
  project: "project",
  connection: "project connection",
  subscriptionRaiPolicy: "subscription RAI policy",
};

export const ACTION_LABELS: Record<ChangeAction, string> = {
  add: "add",
  remove: "remove",
  update: "update in place",
  replace: "replace (delete and create)",
};

/** A field as people read it; a list (always a set here) becomes one row per element added or removed. */
export interface DisplayRow {
  path: string;
  before: string | null;
  after: string | null;
}

export function displayValue(value: FieldValue): string {
  if (value === null) return "(none)";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "(empty)" : value.map(displayValue).join(", ");
  const record = value as { readonly [key: string]: FieldValue };
  if (typeof record.pattern === "string")
    return record.regex === true ? `${record.pattern} (regex)` : record.pattern;
  return JSON.stringify(record);
}

function isList(value: FieldValue): value is readonly FieldValue[] {
  return Array.isArray(value);
}

export function displayRows(field: FieldChange): DisplayRow[] {
  const { path, before, after } = field;
  if (
    (isList(before) || before === null) &&
    (isList(after) || after === null) &&
    (before ?? after) !== null
  ) {
    const beforeItems = new Map((before ?? []).map((v) => [JSON.stringify(v), v]));
    const afterItems = new Map((after ?? []).map((v) => [JSON.stringify(v), v]));
    const removed = [...beforeItems].filter(([k]) => !afterItems.has(k));
    const added = [...afterItems].filter(([k]) => !beforeItems.has(k));
    return [
      ...removed.map(([, v]) => ({ path, before: displayValue(v), after: null })),
      ...added.map(([, v]) => ({ path, before: null, after: displayValue(v) })),
    ];
  }
  return [
    {
      path,
      before: before === null ? null : displayValue(before),
      after: after === null ? null : displayValue(after),
    },
  ];
}

/** Changed field paths of a change, each once. */
export function changedPaths(change: Change): string[] {
  return [...new Set(change.fields.map((f) => f.path))];
}

export function formatAmount(amount: number, unit: QuotaRow["unit"]): string {
  return `${formatNumber(amount)} ${unit}`;
}

export function formatDelta(row: QuotaRow): string {
  const sign = row.delta > 0 ? "+" : row.delta < 0 ? "-" : "";
  return `${sign}${formatAmount(Math.abs(row.delta), row.unit)}`;
}

export function regionLabel(row: QuotaRow): string {
  return row.region ?? "(no location)";
}

/** A provisioned bucket is one PTU pool per region and type, whatever the models. */
export function quotaModelLabel(row: QuotaRow): string {
  return row.model ?? "(all models)";
}

/** What the units of the quota rows mean, for the ones present. */
export function quotaNotes(rows: readonly QuotaRow[]): string[] {
  const units = new Set(rows.map((row) => row.unit));
  const notes: string[] = [];
  if (units.has("units")) {
    notes.push(
      "units: capacity units of a model whose tokens per minute per unit are not documented; not converted to TPM.",
    );
  }
  if (units.has("PTU")) notes.push("PTU: one quota per region and provisioned type, shared by every model.");
  if (units.has("enqueued-token units")) {
    notes.push("enqueued-token units: batch capacity, counted against the batch quota of enqueued tokens.");
  }
  return notes;
}

/** A quota row's cells: region, model, deployment type, before, after, change; `safe` makes user text safe. */
export function quotaCells(row: QuotaRow, safe: (text: string) => string): string[] {
  return [
    safe(regionLabel(row)),
    safe(quotaModelLabel(row)),
    safe(row.deploymentType),
    formatAmount(row.before, row.unit),
    formatAmount(row.after, row.unit),
    formatDelta(row),
  ];
}

/** "1 add, 2 update, 1 replace" (actions with no change left out). */
export function actionCounts(counts: Record<ChangeAction, number>): string {
  return (["add", "remove", "update", "replace"] as const)
    .filter((action) => counts[action] > 0)
    .map((action) => `${counts[action]} ${action}`)
    .join(", ");
}

export function flagList(flags: readonly DiffFlag[], counts: Partial<Record<DiffFlag, number>>): string {
  return flags.map((flag) => `${flag} (${counts[flag] ?? 0})`).join(", ");
}
