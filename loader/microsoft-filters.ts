/**
 * Microsoft's built-in content filters and the settings a deployment on each gets, as documented: what
 * the policy view and the review judge a deployment on Microsoft's filter by.
 */
import { CONTENT_FILTER_MODES, GUARDRAILS_OVERVIEW } from "./content-filters";
import type { FactSource } from "./deployment-types";
import type { DesiredContentFilter } from "./desired-state";

/** What a content filter lets through: the settings that strength is judged on. */
export type FilterProfile = Pick<
  DesiredContentFilter,
  "mode" | "prompt" | "completion" | "toolCall" | "toolResponse"
>;

const medium = { hate: "medium", sexual: "medium", violence: "medium", selfHarm: "medium" } as const;

/**
 * Microsoft's built-in content filters, by lower-case name. `profile` is what a deployment on the filter
 * gets, as documented; undefined when no document gives its settings (nothing is guessed).
 *
 * Microsoft.DefaultV2 is the guardrail models are assigned by default (guardrails overview). Its text
 * model settings (default safety policies page): hate, violence, sexual and self-harm on prompts and
 * completions at Medium; user prompt injection attack (jailbreak) on prompts; protected material text and
 * code on completions; "when content is detected that exceeds the severity threshold for a risk category,
 * the API request is blocked", for prompts and completions alike. Streaming mode Default: "enabled by
 * default, no action needed" (content streaming page). Categories the page does not list for text models
 * (indirect attack, spotlighting, profanity) are left out, as a filter that does not declare them.
 *
 * Microsoft.Default: no document read lists its settings.
 */
export const MICROSOFT_FILTER_PROFILES: Readonly<
  Record<string, { name: string; profile: FilterProfile | undefined; sources: readonly FactSource[] }>
> = {
  "microsoft.defaultv2": {
    name: "Microsoft.DefaultV2",
    profile: {
      mode: "Default",
      prompt: { ...medium, jailbreak: "block", blocklists: [] },
      completion: {
        ...medium,
        protectedMaterialText: "block",
        protectedMaterialCode: "block",
        blocklists: [],
      },
    },
    sources: [
      GUARDRAILS_OVERVIEW,
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/ai-services/content-safety/includes/default-safety-includes.md",
        date: "2026-10-08",
        commit: "4829e9645955bdf3383cb37c0731a4543bd58bf3",
      },
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/concepts/default-safety-policies.md",
        date: "2026-05-31",
        commit: "07771d1782dcf0fe5af22cf7fd03ce93c2233f4e",
      },
      CONTENT_FILTER_MODES.Default.sources[0] as FactSource,
    ],
  },
  "microsoft.default": { name: "Microsoft.Default", profile: undefined, sources: [] },
};

/** The documented profile of a Microsoft built-in filter, by name in any case; undefined when unknown. */
export function microsoftFilterProfile(name: string): FilterProfile | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(MICROSOFT_FILTER_PROFILES, key) ? MICROSOFT_FILTER_PROFILES[key]?.profile : undefined;
}
