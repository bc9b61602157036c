/**
 * Facts about deploying fine-tuned models, each with the document it comes from: how a fine-tuned model is
 * named in a deployment, the version it is deployed with, where `model.source` points, and that the
 * Developer tier is for fine-tuned models only.
 */
import { DEVELOPER_TIER_LIFETIME_SOURCE, type FactSource } from "./deployment-types";

/** Deploying a fine-tuned model: names, version "1", `model.source` across regions, deployment types. */
export const FINE_TUNING_DEPLOY_SOURCE: FactSource = {
  repository: "MicrosoftDocs/azure-ai-docs",
  path: "articles/foundry/openai/how-to/fine-tuning-deploy.md",
  date: "2026-02-11",
  commit: "4b3b342a638209d7f00163a75294566e86a12157",
};

export const FINE_TUNED_MODELS = {
  /**
   * The model names a fine-tuning job gives: `<base model>.ft-<32 hex digits>` (the docs' examples:
   * `gpt-4.1-mini-2025-04-14.ft-b044…`, `gpt41-mini-candidate-01.ft-b044…`), or a checkpoint
   * `ftchkpt-<32 hex digits>`.
   */
  namePatterns: [/\.ft-[0-9a-f]{32}$/i, /^ftchkpt-[0-9a-f]{32}$/i] as readonly RegExp[],
  /** The version every example deploys a fine-tuned model with. */
  version: "1",
  /**
   * Base models whose fine-tuned versions the Developer tier serves ("All regions"). A fine-tuned model's
   * name need not start with its base model's (`gpt41-mini-candidate-01.ft-…`), so it is not checked.
   */
  developerTierBaseModels: ["o4-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"] as readonly string[],
  /** What `model.source` holds: the ARM id of the account the model was fine-tuned on. */
  sourceRule:
    "`model.source` is the ARM id of the account that holds the fine-tuned model, for a deployment in another region or subscription",
  sources: [FINE_TUNING_DEPLOY_SOURCE, DEVELOPER_TIER_LIFETIME_SOURCE] as readonly FactSource[],
} as const;

/** Whether a model name is one a fine-tuning job gives (a fine-tuned model or a checkpoint). */
export function isFineTunedModelName(name: string): boolean {
  return FINE_TUNED_MODELS.namePatterns.some((pattern) => pattern.test(name));
}
