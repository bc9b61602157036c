// Cases of the deployment properties of 2026 (priority processing, pause, model router, partner models), read
// by deployment-features.test.ts and by the convention test that every registered check has a violating case.
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { yaml } from "./support";

/** The compliant baseline: each case below changes it in one place. */
export const baseline = yaml`
  version: 1
  accounts:
    east: { name: contoso-east, resourceGroup: rg-ai, location: eastus2 }
    swc: { name: contoso-swc, resourceGroup: rg-ai, location: swedencentral }
  defaults:
    sku: GlobalStandard
    capacity: 10
  deployments:
    - name: chat
      account: swc
      model: { format: OpenAI, name: gpt-5.4, version: "2026-03-05" }
      serviceTier: Priority
      state: running
    - name: router
      account: swc
      model: { format: OpenAI, name: model-router, version: "2025-11-18" }
      routing:
        mode: cost
        models:
          - { format: OpenAI, name: gpt-5.2, version: "2025-12-11" }
          - { format: Anthropic, name: claude-sonnet-4-5, version: "20250929" }
    - name: claude
      account: swc
      model: { format: Anthropic, name: claude-sonnet-4-5, version: "20250929" }
      modelProviderData: { organizationName: Contoso Ltd, countryCode: US, industry: technology }
`;

export interface FeatureCase {
  behaviour: string;
  yaml: string;
  code: string;
  severity: Diagnostic["severity"];
  line: number;
  path: string;
  message?: RegExp;
  hint?: RegExp;
}

export const featureCases: FeatureCase[] = [
  {
    behaviour: "priority processing on a regional Standard deployment is refused",
    yaml: baseline.replace("    account: swc\n", "    account: swc\n    sku: Standard\n"),
    code: "service-tier/unsupported-type",
    severity: "error",
    line: 13,
    path: "deployments[0].serviceTier",
    message:
      /^deployment "chat" asks for priority processing on a Standard deployment; Azure offers priority processing only on GlobalStandard and DataZoneStandard deployments$/,
    hint: /make it GlobalStandard or DataZoneStandard, or remove `serviceTier`/,
  },
  {
    behaviour: "priority processing on a type an environment sets is refused for that environment",
    yaml: `${baseline}environments:\n  ptu:\n    deployments:\n      chat: { sku: GlobalProvisionedManaged }\n`,
    code: "service-tier/unsupported-type",
    severity: "error",
    line: 12,
    path: "deployments[0].serviceTier",
    message: /on a GlobalProvisionedManaged deployment in environment "ptu"/,
  },
  {
    behaviour: "priority processing of a model in a region the matrix does not list for it is refused",
    yaml: baseline.replace("    account: swc\n", "    account: east\n"),
    code: "service-tier/unsupported-region",
    severity: "error",
    line: 12,
    path: "deployments[0].serviceTier",
    message:
      /^deployment "chat" asks for priority processing of gpt-5.4 as GlobalStandard on account "east" in eastus2; Azure lists priority processing of that model and type only in polandcentral, southcentralus, swedencentral$/,
  },
  {
    behaviour:
      "priority processing of a model with a latency target but no region row is a warning naming the unknown",
    yaml: baseline.replace('name: gpt-5.4, version: "2026-03-05"', 'name: gpt-5.5, version: "2026-04-24"'),
    code: "service-tier/unknown-availability",
    severity: "warning",
    line: 12,
    path: "deployments[0].serviceTier",
    message: /lists gpt-5.5 but gives no regions for GlobalStandard: whether Azure accepts it is unknown$/,
  },
  {
    behaviour: "priority processing of a model the documentation does not list is a warning",
    yaml: baseline.replace('name: gpt-5.4, version: "2026-03-05"', 'name: gpt-4o, version: "2024-11-20"'),
    code: "service-tier/unknown-availability",
    severity: "warning",
    line: 12,
    path: "deployments[0].serviceTier",
    message: /the priority-processing documentation does not list gpt-4o/,
  },
  {
    behaviour: "pausing a batch deployment is refused",
    yaml: baseline.replace(
      "    serviceTier: Priority\n    state: running\n",
      "    sku: GlobalBatch\n    state: paused\n",
    ),
    code: "state/unsupported-type",
    severity: "error",
    line: 13,
    path: "deployments[0].state",
    message:
      /^deployment "chat" sets state "paused" on a GlobalBatch deployment; Azure pauses and resumes only Standard, DataZoneStandard, GlobalStandard deployments$/,
  },
  {
    behaviour: "routing on a model router version before 2025-11-18 is refused",
    yaml: baseline.replace(
      'name: model-router, version: "2025-11-18"',
      'name: model-router, version: "2025-08-07"',
    ),
    code: "routing/not-model-router",
    severity: "error",
    line: 18,
    path: "deployments[1].routing",
    message: /its model is model-router version 2025-08-07, which routes over a fixed set of models/,
    hint: /deploy model-router version 2025-11-18, or remove `routing`/,
  },
  {
    behaviour: "routing on a model that is not a router is refused",
    yaml: baseline.replace("name: model-router,", "name: gpt-5.2,"),
    code: "routing/not-model-router",
    severity: "error",
    line: 18,
    path: "deployments[1].routing",
    message: /its model is OpenAI gpt-5.2 2025-11-18, not a model router/,
  },
  {
    behaviour: "the docs' capitalised routing mode is accepted with a warning naming the API value",
    yaml: baseline.replace("mode: cost", "mode: Cost"),
    code: "routing/mode-alias",
    severity: "warning",
    line: 18,
    path: "deployments[1].routing.mode",
    message: /^routing mode "Cost" of deployment "router" is the docs' spelling; the API value is "cost"/,
    hint: /^write `mode: cost`$/,
  },
  {
    behaviour: "a model router deployed as regional Standard is refused at its type",
    yaml: baseline.replace(
      "  - name: router\n    account: swc\n",
      "  - name: router\n    account: swc\n    sku: Standard\n",
    ),
    code: "routing/unsupported-type",
    severity: "error",
    line: 16,
    path: "deployments[1].sku",
    message:
      /^model router "router" is a Standard deployment; Azure offers model router only as GlobalStandard and DataZoneStandard$/,
  },
  {
    behaviour: "routing to a Claude model without its own deployment of the same type is refused",
    yaml: baseline.replace(
      "  - name: claude\n    account: swc\n",
      "  - name: claude\n    account: swc\n    sku: DataZoneStandard\n",
    ),
    code: "routing/model-not-deployed",
    severity: "error",
    line: 21,
    path: "deployments[1].routing.models[1]",
    message:
      /^model router "router" routes to Anthropic claude-sonnet-4-5 20250929, which has no GlobalStandard deployment of its own on account "swc"; Azure routes to Anthropic models only when they are deployed in the same account with the same deployment type$/,
  },
  {
    behaviour: "a Claude deployment without modelProviderData is refused",
    yaml: baseline.replace(/ {4}modelProviderData: .*\n/, ""),
    code: "partner/missing-provider-data",
    severity: "error",
    line: 24,
    path: "deployments[2].model.format",
    message: /has no modelProviderData; .* refuses the deployment without it \(InvalidModelProviderData\)$/,
  },
  {
    behaviour: "modelProviderData on an OpenAI model is information: unknown whether Azure reads it",
    yaml: baseline.replace(
      "    state: running\n",
      "    state: running\n    modelProviderData: { organizationName: Contoso Ltd, countryCode: US, industry: technology }\n",
    ),
    code: "partner/unneeded-provider-data",
    severity: "info",
    line: 14,
    path: "deployments[0].modelProviderData",
    message: /whether Azure reads it for OpenAI is unknown$/,
  },
  {
    behaviour: "an industry outside the documented lower-case list is a schema error",
    yaml: baseline.replace("industry: technology", "industry: Technology"),
    code: "schema/enum",
    severity: "error",
    line: 25,
    path: "deployments[2].modelProviderData.industry",
  },
  {
    behaviour: "a country code of three letters is a schema error",
    yaml: baseline.replace("countryCode: US", "countryCode: USA"),
    code: "schema/value",
    severity: "error",
    line: 25,
    path: "deployments[2].modelProviderData.countryCode",
  },
  {
    behaviour: "a service tier Azure does not have is a schema error",
    yaml: baseline.replace("serviceTier: Priority", "serviceTier: Flex"),
    code: "schema/enum",
    severity: "error",
    line: 12,
    path: "deployments[0].serviceTier",
  },
];

/** 1-based line of the first line holding `needle`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

const pausedOnProvisioned = `${baseline}environments:\n  dev:\n    deployments:\n      chat: { sku: GlobalProvisionedManaged, state: paused }\n`;
const priorityInProd = `${baseline}environments:\n  prod:\n    deployments:\n      router:\n        serviceTier: Priority\n`;

featureCases.push(
  {
    behaviour: "a pause an environment sets is checked there, at the override",
    yaml: pausedOnProvisioned,
    code: "state/unsupported-type",
    severity: "error",
    line: lineOf(pausedOnProvisioned, "chat: { sku: GlobalProvisionedManaged"),
    path: "environments.dev.deployments.chat.state",
    message:
      /^deployment "chat" sets state "paused" on a GlobalProvisionedManaged deployment in environment "dev"; Azure pauses and resumes only /,
  },
  {
    behaviour: "priority processing an environment asks for is checked there, at the override",
    yaml: priorityInProd,
    code: "service-tier/unknown-availability",
    severity: "warning",
    line: lineOf(priorityInProd, "      router:\n") + 1,
    path: "environments.prod.deployments.router.serviceTier",
    message: /^deployment "router" asks for priority processing in environment "prod", but /,
  },
);
