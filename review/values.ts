import { locationKey } from "../loader/location";
import { formatPath } from "../loader/path";
import type { FieldValue } from "./model";

/** One field of a resource as compared: its dotted path and value. */
export interface FieldEntry {
  path: string;
  value: FieldValue;
}

/** A stable text form of a value: object keys sorted, so that equal values have equal forms. */
export function canonical(value: FieldValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const record = value as { readonly [key: string]: FieldValue };
  const keys = Object.keys(record).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k] ?? null)}`).join(",")}}`;
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  return canonical(a) === canonical(b);
}

/** A list whose order means nothing to Azure, sorted and without duplicates. */
export function asSet(values: readonly FieldValue[]): FieldValue[] {
  const byForm = new Map<string, FieldValue>();
  for (const v of values) byForm.set(canonical(v), v);
  return [...byForm.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** A location as ARM compares it (see loader/location.ts); null when there is none. */
export function normalizeLocation(location: string | undefined): string | null {
  return location === undefined ? null : locationKey(location);
}

/** One entry per tag, `tags.<key>` (keys that are not plain words are quoted: `tags["cost center"]`). */
export function tagFields(tags: Record<string, string>): FieldEntry[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ path: formatPath(["tags", key]), value: tags[key] ?? null }));
}

/** Entries for optional values: an undefined value is left out (compared as null). */
export function entries(values: Record<string, FieldValue | undefined>): FieldEntry[] {
  return Object.entries(values).flatMap(([path, value]) => (value === undefined ? [] : [{ path, value }]));
}
