import { jsonDocument } from "../../text/json";
import type { PolicyListEntry } from "./model";

/** The pack as JSON: one object per policy with every field of the listing. */
export function formatPolicyListJson(entries: readonly PolicyListEntry[]): string {
  return jsonDocument(entries);
}
