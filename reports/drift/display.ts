/** Shared by the text and Markdown formats of drift: how values read, before each medium makes them safe. */
import type { DriftEntry } from "../../live/drift";

/** A declared or live value: `(none)` when absent, `""` for an empty string, JSON for anything not a string. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") return value === "" ? '""' : value;
  return JSON.stringify(value);
}

export const KIND_LABELS: Record<DriftEntry["kind"], string> = {
  account: "account",
  deployment: "deployment",
  contentFilter: "content filter",
  blocklist: "blocklist",
  project: "project",
  connection: "project connection",
  subscriptionRaiPolicy: "subscription RAI policy",
};
