/**
 * What the code relies on about Azure content filters (RAI policies), each fact with its source: the
 * categories and their API names, the streaming modes, what needs Microsoft's approval, where blocklists
 * apply, and the settings of Microsoft's default filter.
 */
import { DEPLOYMENT_API_SOURCE, DEPLOYMENT_API_VERSION } from "./deployment-features";
import type { FactSource } from "./deployment-types";
import type { Action, ContentFilter } from "./file-types.generated";

/** The REST API's example of the content filters a region offers (names and sources). */
const SPEC_CONTENT_FILTERS_EXAMPLE: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/examples/2025-10-01-preview/ListRaiContentFilters.json",
  date: "2025-10-01",
  commit: "67ac9b6e589abe58496e3dcf6b3b6bdff09341d8",
};

/** Microsoft's "Guardrail for Cognitive Services Deployments" built-in policies, which name the filters. */
const guardrailBuiltIn = (file: string): FactSource => ({
  repository: "Azure/azure-policy",
  path: `built-in-policies/policyDefinitions/Cognitive Services/${file}`,
  date: "2026-04-29",
  commit: "f4a50bacae07ddb096943c597669bcae494a6e29",
});

/** f3a9c2e0: Profanity, Jailbreak, Indirect Attack, Indirect Attack Spotlighting on prompts. */
const GUARDRAIL_PROMPT = guardrailBuiltIn("AllowDeploymentPromptControl_Audit.json");
/** af253d37: Profanity, Protected Material Code, Protected Material Text on completions. */
const GUARDRAIL_COMPLETION = guardrailBuiltIn("AllowDeploymentCompletionControl_Audit.json");
/** 930f48f9: Hate, Sexual, Violence, Selfharm with severities on prompts and completions. */
const GUARDRAIL_SEVERITY = guardrailBuiltIn("AllowDeploymentMultiSeverityControl_Audit.json");
/** c1ad46c6: the allowed streaming modes, Default and Asynchronous_filter. */
export const GUARDRAIL_MODE_BUILT_IN = {
  id: "c1ad46c6-37f8-4af0-9c71-c208375c87dd",
  displayName: "[Preview]: Cognitive Services Deployments Should Only Use Allowed Control Mode",
  allowedModes: ["Default", "Asynchronous_filter"],
  source: guardrailBuiltIn("AllowControlModeForDeployment_Audit.json"),
} as const;

/**
 * A category of the file: its key under `prompt`/`completion`, the name Azure's RaiPolicy uses for it
 * (`contentFilters[].name`), whether it takes a severity threshold or an action, and the sides it exists on.
 */
export interface FilterCategory {
  key: string;
  apiName: string;
  kind: "severity" | "action";
  prompt: boolean;
  completion: boolean;
  /**
   * Declarable at an agent's tool call and tool response (`toolCall`, `toolResponse`): the guardrails
   * overview's risk applicability table marks the risk applicable to agents.
   */
  tool: boolean;
  sources: readonly FactSource[];
}

/** Every category the file supports, in the order Azure lists them (profanity, on both sides, last). */
export const CONTENT_FILTER_CATEGORIES = [
  {
    key: "hate",
    apiName: "Hate",
    kind: "severity",
    prompt: true,
    completion: true,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_SEVERITY],
  },
  {
    key: "sexual",
    apiName: "Sexual",
    kind: "severity",
    prompt: true,
    completion: true,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_SEVERITY],
  },
  {
    key: "violence",
    apiName: "Violence",
    kind: "severity",
    prompt: true,
    completion: true,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_SEVERITY],
  },
  {
    key: "selfHarm",
    apiName: "Selfharm",
    kind: "severity",
    prompt: true,
    completion: true,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_SEVERITY],
  },
  {
    key: "jailbreak",
    apiName: "Jailbreak",
    kind: "action",
    prompt: true,
    completion: false,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_PROMPT],
  },
  {
    key: "indirectAttack",
    apiName: "Indirect Attack",
    kind: "action",
    prompt: true,
    completion: false,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_PROMPT],
  },
  {
    // Named only by the Guardrail built-in f3a9c2e0 (its filterName allowedValues); the guardrails
    // overview calls the risk "Spotlighting (Preview)" and applies it to models, not agents.
    key: "indirectAttackSpotlighting",
    apiName: "Indirect Attack Spotlighting",
    kind: "action",
    prompt: true,
    completion: false,
    tool: false,
    sources: [GUARDRAIL_PROMPT],
  },
  {
    key: "protectedMaterialText",
    apiName: "Protected Material Text",
    kind: "action",
    prompt: false,
    completion: true,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_COMPLETION],
  },
  {
    key: "protectedMaterialCode",
    apiName: "Protected Material Code",
    kind: "action",
    prompt: false,
    completion: true,
    tool: true,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_COMPLETION],
  },
  {
    key: "profanity",
    apiName: "Profanity",
    kind: "action",
    prompt: true,
    completion: true,
    tool: false,
    sources: [SPEC_CONTENT_FILTERS_EXAMPLE, GUARDRAIL_PROMPT, GUARDRAIL_COMPLETION],
  },
] as const satisfies readonly FilterCategory[];

type Category = (typeof CONTENT_FILTER_CATEGORIES)[number];
/** The harm categories: a threshold, annotate-only at a threshold, or off. */
export type SeverityKey = Extract<Category, { kind: "severity" }>["key"];
/** Shields and detections on prompts (profanity included). */
export type PromptActionKey = Extract<Category, { kind: "action"; prompt: true }>["key"];
/** Detections on completions (profanity included). */
export type CompletionActionKey = Extract<Category, { kind: "action"; completion: true }>["key"];

export const SEVERITY_KEYS = CONTENT_FILTER_CATEGORIES.filter((c) => c.kind === "severity").map(
  (c) => c.key as SeverityKey,
);
export const PROMPT_ACTION_KEYS = CONTENT_FILTER_CATEGORIES.filter(
  (c) => c.kind === "action" && c.prompt,
).map((c) => c.key as PromptActionKey);
export const COMPLETION_ACTION_KEYS = CONTENT_FILTER_CATEGORIES.filter(
  (c) => c.kind === "action" && c.completion,
).map((c) => c.key as CompletionActionKey);
/** Shields and detections an agent's tool call and tool response can declare. */
export type ToolActionKey = Extract<Category, { kind: "action"; tool: true }>["key"];
export const TOOL_ACTION_KEYS = CONTENT_FILTER_CATEGORIES.filter((c) => c.kind === "action" && c.tool).map(
  (c) => c.key as ToolActionKey,
);

/**
 * The category of the file an API name stands for, compared as Azure lists them either way
 * (`Protected Material Text`, `ProtectedMaterialText`) and in any case.
 */
export function categoryOfApiName(apiName: string): FilterCategory | undefined {
  const plain = (name: string) => name.replace(/\s+/g, "").toLowerCase();
  const wanted = plain(apiName);
  return CONTENT_FILTER_CATEGORIES.find((c) => plain(c.apiName) === wanted);
}

/** The API name of a category of the file. */
export function apiNameOf(key: SeverityKey | PromptActionKey | CompletionActionKey | ToolActionKey): string {
  return CONTENT_FILTER_CATEGORIES.find((c) => c.key === key)?.apiName ?? key;
}

/** The guardrails overview: what a guardrail (content filter) is, and the default one. */
export const GUARDRAILS_OVERVIEW: FactSource = {
  repository: "MicrosoftDocs/azure-ai-docs",
  path: "articles/foundry/guardrails/guardrails-overview.md",
  date: "2026-04-01",
  commit: "00bb5540c93f4bf3d1d78fe21e36c6dbc2930026",
};

/** The intervention points page: user input, tool call (Preview), tool response (Preview), output. */
export const INTERVENTION_POINTS_PAGE: FactSource = {
  repository: "MicrosoftDocs/azure-ai-docs",
  path: "articles/foundry/guardrails/intervention-points.md",
  date: "2026-02-18",
  commit: "03a5bd4cf06640ad2189380af5e6c01033bb5278",
};

/** The 2025-06-01 specification: `RaiPolicyContentFilter` without `action`, sources Prompt and Completion only. */
const RAI_POLICY_2025_06_01: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json",
  date: "2025-06-01",
  commit: "19b0bf17b2ede1a7ce4aca201cd5c567c93e4ccf",
};

/**
 * What the RaiPolicy API accepts per content filter entry beyond `name`, `enabled`, `blocking`,
 * `severityThreshold` and `source` Prompt/Completion. 2026-09-01 (`RaiPolicyContentFilter`, `RaiActionType`,
 * `RaiPolicyContentSource`) has `action` and the agent sources; 2025-06-01, which azure-native 3.28's
 * typed `cognitiveservices:RaiPolicy` writes, has neither. The stable versions between the two were not
 * read, so 2026-09-01 is the first api-version known to have them, not necessarily the first that has.
 */
export const RAI_POLICY_API = {
  /** The api-version content filters are written with: the one deployments are written with. */
  apiVersion: DEPLOYMENT_API_VERSION,
  /** The first api-version read that has `action` and the sources beyond Prompt/Completion. */
  actionSinceApiVersion: "2026-09-01",
  /** Without them: what the typed RaiPolicy resource writes. */
  typedApiVersion: "2025-06-01",
  /** `RaiActionType`, exact casing. */
  actions: ["None", "BLOCKING", "ANNOTATING", "HITL", "RETRY"] as const,
  /** `RaiPolicyContentSource`. */
  contentSources: ["Prompt", "Completion", "PreToolCall", "PostToolCall", "PreRun", "PostRun"] as const,
  sources: [DEPLOYMENT_API_SOURCE, RAI_POLICY_2025_06_01] as readonly FactSource[],
} as const;

export type RaiActionType = (typeof RAI_POLICY_API.actions)[number];
export type RaiContentSource = (typeof RAI_POLICY_API.contentSources)[number];

/**
 * Each action value of the file: what it writes and whether Microsoft documents its behaviour.
 *
 * block, annotate and off are written as `enabled`/`blocking`, as before 2026-09-01, without `action`: no
 * Microsoft document read relates `action` to `blocking`, so the API's BLOCKING, ANNOTATING and None are not
 * written for them. humanReview and retry need `action` (HITL, RETRY) and send no `blocking`, which would
 * claim a relation nobody documents. The guardrails overview documents two actions, "Annotate" (annotate)
 * and "Annotate and block" (block); no document read describes HITL or RETRY.
 */
export const FILTER_ACTIONS: Readonly<
  Record<
    Action,
    {
      /** `action` written; null: the entry says it with `enabled`/`blocking` alone. */
      apiAction: RaiActionType | null;
      documented: boolean;
      /** What the entry does, in words (the documented name, or why it is not known). */
      note: string;
      sources: readonly FactSource[];
    }
  >
> = {
  block: {
    apiAction: null,
    documented: true,
    note: 'detected content is blocked ("Annotate and block")',
    sources: [GUARDRAILS_OVERVIEW, INTERVENTION_POINTS_PAGE],
  },
  annotate: {
    apiAction: null,
    documented: true,
    note: 'detected content is annotated and let through ("Annotate")',
    sources: [GUARDRAILS_OVERVIEW, INTERVENTION_POINTS_PAGE],
  },
  off: {
    apiAction: null,
    documented: true,
    note: "the category is not run",
    sources: [GUARDRAILS_OVERVIEW],
  },
  humanReview: {
    apiAction: "HITL",
    documented: false,
    note: "the API's action HITL, which no Microsoft document describes (what happens to detected content is not known)",
    sources: [DEPLOYMENT_API_SOURCE],
  },
  retry: {
    apiAction: "RETRY",
    documented: false,
    note: "the API's action RETRY, which no Microsoft document describes (what happens to detected content is not known)",
    sources: [DEPLOYMENT_API_SOURCE],
  },
};

/** The file's actions whose behaviour no Microsoft document describes. */
export const UNDOCUMENTED_ACTIONS: readonly Action[] = (Object.keys(FILTER_ACTIONS) as Action[]).filter(
  (action) => !FILTER_ACTIONS[action].documented,
);

/** The file action an API `action` stands for (exact casing, as the API spells it); undefined for others. */
export function fileActionOfApi(apiAction: string): Action | undefined {
  return (Object.keys(FILTER_ACTIONS) as Action[]).find((a) => FILTER_ACTIONS[a].apiAction === apiAction);
}

/**
 * The intervention points of the file: its key in a content filter, the RaiPolicy `source`, the docs' name,
 * and whether Microsoft documents it as generally available. A point that is not is refused by
 * `content-filter/preview-intervention-point` and not written; making one generally available is the one
 * edit of `generallyAvailable` here (the graph then writes its entries). The docs name tool call and tool
 * response; PreToolCall and PostToolCall are the API's sources of the same names (the docs do not spell
 * the API value).
 */
export const INTERVENTION_POINTS = [
  {
    key: "prompt",
    apiSource: "Prompt",
    docName: "User input",
    generallyAvailable: true,
    sources: [INTERVENTION_POINTS_PAGE, GUARDRAILS_OVERVIEW],
  },
  {
    key: "completion",
    apiSource: "Completion",
    docName: "Output",
    generallyAvailable: true,
    sources: [INTERVENTION_POINTS_PAGE, GUARDRAILS_OVERVIEW],
  },
  {
    key: "toolCall",
    apiSource: "PreToolCall",
    docName: "Tool call",
    generallyAvailable: false,
    sources: [INTERVENTION_POINTS_PAGE, GUARDRAILS_OVERVIEW, DEPLOYMENT_API_SOURCE],
  },
  {
    key: "toolResponse",
    apiSource: "PostToolCall",
    docName: "Tool response",
    generallyAvailable: false,
    sources: [INTERVENTION_POINTS_PAGE, GUARDRAILS_OVERVIEW, DEPLOYMENT_API_SOURCE],
  },
] as const satisfies readonly {
  key: string;
  apiSource: RaiContentSource;
  docName: string;
  generallyAvailable: boolean;
  sources: readonly FactSource[];
}[];

export type InterventionPoint = {
  key: (typeof INTERVENTION_POINTS)[number]["key"];
  apiSource: RaiContentSource;
  docName: string;
  generallyAvailable: boolean;
  sources: readonly FactSource[];
};

/**
 * Sources of the API that are not keys of the file: no Microsoft document read names or describes a run
 * stage, so the file does not guess what they filter.
 */
export const SOURCES_WITHOUT_FILE_KEY: readonly {
  apiSource: RaiContentSource;
  fileKey: null;
  note: string;
}[] = [
  {
    apiSource: "PreRun",
    fileKey: null,
    note: "in RaiPolicyContentSource (2026-09-01); described by no document",
  },
  {
    apiSource: "PostRun",
    fileKey: null,
    note: "in RaiPolicyContentSource (2026-09-01); described by no document",
  },
];

/**
 * Risks Azure's guardrails have that the file cannot declare: no document or specification read names
 * them in a RaiPolicy (`apiName` unknown), so the file does not guess one.
 */
export const CATEGORIES_WITHOUT_API_NAME: readonly { risk: string; apiName: null; source: FactSource }[] = [
  { risk: "Personally identifiable information (Preview)", apiName: null, source: GUARDRAILS_OVERVIEW },
  { risk: "Task Adherence (Preview)", apiName: null, source: GUARDRAILS_OVERVIEW },
  { risk: "Groundedness (Preview)", apiName: null, source: GUARDRAILS_OVERVIEW },
];

/** The streaming modes of a content filter (RaiPolicy `mode`) and what is documented about each. */
export const CONTENT_FILTER_MODES: Readonly<
  Record<
    NonNullable<ContentFilter["mode"]>,
    { documented: boolean; note: string; sources: readonly FactSource[] }
  >
> = {
  Default: {
    documented: true,
    note: "content is buffered and filtered before it is returned (the default)",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/concepts/content-streaming.md",
        date: "2026-01-15",
        commit: "095ac1e97cdff8ef3b5cb684d0cba6ed1c7a470f",
      },
    ],
  },
  Asynchronous_filter: {
    documented: true,
    note: "content is streamed at once and filtered asynchronously; the filtering signal arrives late",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/concepts/content-streaming.md",
        date: "2026-01-15",
        commit: "095ac1e97cdff8ef3b5cb684d0cba6ed1c7a470f",
      },
    ],
  },
  Deferred: {
    documented: false,
    note: "the older name of Asynchronous_filter: the API's RaiPolicyMode says to use Asynchronous_filter from api-version 2025-06-01 on",
    sources: [
      {
        repository: "Azure/azure-rest-api-specs",
        path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json",
        date: "2025-06-01",
        commit: "19b0bf17b2ede1a7ce4aca201cd5c567c93e4ccf",
      },
    ],
  },
  Blocking: {
    documented: false,
    note: "a value of the API's RaiPolicyMode that no Azure document describes",
    sources: [
      {
        repository: "Azure/azure-rest-api-specs",
        path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json",
        date: "2025-06-01",
        commit: "19b0bf17b2ede1a7ce4aca201cd5c567c93e4ccf",
      },
    ],
  },
};

/**
 * Switching a harm category off ("No filters") or to annotate only needs Microsoft's approval for
 * modified content filtering (Limited Access Review: Modified Content Filters).
 */
export const MODIFIED_FILTERING_APPROVAL = {
  rule: 'turning a harm category off ("No filters") or to "Annotate only" requires approval for modified content filtering',
  form: "Azure OpenAI Limited Access Review: Modified Content Filters",
  sources: [
    {
      repository: "MicrosoftDocs/azure-ai-docs",
      path: "articles/foundry/foundry-models/includes/content-filter-configurability.md",
      date: "2024-09-25",
      commit: "1205cbf887d69ce6cf3e770b46debd79362aa7be",
    },
    GUARDRAILS_OVERVIEW,
  ],
} as const;

/** Custom blocklists and the models they apply to. */
export const BLOCKLIST_MODELS = {
  /** Model formats blocklists are documented for. */
  formats: ["OpenAI"],
  rule: "Blocklist (preview) is only supported for Azure OpenAI models",
  sources: [
    {
      repository: "MicrosoftDocs/azure-ai-docs",
      path: "articles/ai-foundry/model-inference/how-to/use-blocklists.md",
      date: "2025-01-21",
      commit: "db1816e606d998b11cb3053e214dfc827783aa10",
    },
  ],
} as const;
