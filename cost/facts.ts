/**
 * What cost estimates rely on about Azure's billing, each fact with where it is written. Prices are not
 * here: they are data with their own sources (catalog/prices.json, schemas/prices.schema.json).
 */
import type { FactSource, ProcessingLevel } from "../loader/deployment-types";
import type { PtuPrice } from "./price-types.generated";

/** A billing fact: what it says, for messages and docs, and where it is written. */
export interface BillingFact {
  rule: string;
  sources: readonly FactSource[];
}

/** Hours in a billing month, the convention a monthly estimate multiplies hourly prices by. */
export const HOURS_PER_MONTH = 730;

export const BILLING_FACTS = {
  /** Why a provisioned deployment has a fixed monthly cost. */
  ptuHourly: {
    rule: "provisioned deployments are charged an hourly rate per deployed PTU, whether or not the deployment handles requests, from creation until deletion",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/how-to/provisioned-throughput-onboarding.md",
        date: "2026-04-07",
      },
    ],
  },
  /**
   * 730 hours a month (365 × 24 / 12). The Microsoft Learn PTU pages say reservations assume a 24x7
   * deployment but state no hours per month; the convention is written in a Microsoft-owned repository.
   */
  hoursPerMonth: {
    rule: "Azure estimates use 730 hours per month (365 days × 24 hours / 12 months)",
    sources: [
      {
        repository: "github/awesome-copilot",
        path: "plugins/azure-cloud-development/skills/azure-pricing/references/COST-ESTIMATOR.md",
        date: "undated",
      },
    ],
  },
  /** Why deleting an account does not stop the billing of its provisioned deployments. */
  billedUntilPurged: {
    rule: "charges for deployments on a deleted resource continue until the resource is purged; delete all deployments from a resource before deleting the resource itself",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/how-to/provisioned-throughput-onboarding.md",
        date: "2026-04-07",
      },
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/ai-services/recover-purge-resources.md",
        date: "2025-10-02",
      },
    ],
  },
  /** How reservations apply. */
  reservationMatch: {
    rule: "a reservation covers deployed PTUs of one provisioned deployment type in one region and scope, whatever the model; PTUs above the reserved quantity are billed hourly",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/openai/concepts/provisioned-throughput-billing.md",
        date: "2026-05-22",
      },
    ],
  },
} as const satisfies Record<string, BillingFact>;

/** How to purge a deleted account (recover-purge-resources.md, 2025-10-02), for warnings. */
export const PURGE_ADVICE =
  "purge it after deletion: portal, Manage deleted resources, Purge; or `az resource delete --ids /subscriptions/{subscription}/providers/Microsoft.CognitiveServices/locations/{location}/resourceGroups/{resourceGroup}/deletedAccounts/{account}` (needs Microsoft.CognitiveServices/locations/resourceGroups/deletedAccounts/delete, e.g. Cognitive Services Contributor)";

/** The price file's family of a provisioned deployment type, by where it processes data. */
export const PTU_FAMILY: Readonly<Record<ProcessingLevel, PtuPrice["family"]>> = {
  global: "global",
  "data zone": "dataZone",
  regional: "regional",
};

/**
 * Model formats whose PTUs the price file prices: its PTU rows are the meters of the product "Azure
 * OpenAI"; partner products (DeepSeek, Llama, Grok) reuse the meter names at their own prices.
 */
export const PTU_PRICED_FORMATS: readonly string[] = ["OpenAI"];
