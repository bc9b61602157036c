import type { Formatters } from "../../text/formatter";
import { formatPolicyListJson } from "./json";
import { formatPolicyListMarkdown } from "./markdown";
import type { PolicyListEntry } from "./model";
import { formatPolicyListText } from "./text";

/** What the policy listing prints, by `--format`. */
export const policyListFormatters = {
  text: formatPolicyListText,
  md: formatPolicyListMarkdown,
  json: formatPolicyListJson,
} satisfies Formatters<readonly PolicyListEntry[]>;

export type PolicyListFormat = keyof typeof policyListFormatters;
