import type { FactSource } from "../loader/deployment-types";
import type { DesiredAccount, DesiredState } from "../loader/desired-state";
import { projectEndpoint } from "../loader/projects";

export interface RouteOutput {
  model: string;
  version: string;
  format: string;
  deploymentType: string;
  /** Capacity units (`sku.capacity`). */
  capacity: number;
  /** Tokens and requests per minute, when the model's capacity unit is known (token-based types only). */
  tokensPerMinute?: number;
  requestsPerMinute?: number;
  /** Why a token-based deployment has no tokens and requests per minute (its model's unit is unknown). */
  ratesUnknown?: string;
  /**
   * Azure OpenAI URL of the deployment (OpenAI-format models only):
   * `https://<subdomain>.openai.azure.com/openai/deployments/<name>`. Omitted when the subdomain is unknown.
   */
  openAiUrl?: string;
}

export interface AccountOutput {
  name: string;
  resourceGroup: string;
  location?: string;
  /**
   * Base URL of the OpenAI v1 API, `https://<subdomain>.openai.azure.com/openai/v1/`: requests name the
   * deployment in `model`, no api-version. Omitted when the subdomain is unknown.
   */
  openAiV1BaseUrl?: string;
  /**
   * The Azure AI model inference endpoint, `https://<subdomain>.services.ai.azure.com/models`: the endpoint
   * of the Azure AI Inference SDK, which Azure retired in 2026 in favour of the OpenAI v1 API. Omitted when
   * the subdomain is unknown.
   */
  modelInferenceEndpoint?: string;
  /** Legacy key with the value of `modelInferenceEndpoint`, kept for the stack outputs contract. */
  inferenceEndpoint?: string;
  /** Deployment name → what answers under it. */
  routes: Record<string, RouteOutput>;
  /** Project name → its endpoint; absent when the account declares no projects. */
  projects?: Record<string, ProjectOutput>;
}

export interface ProjectOutput {
  displayName?: string;
  /**
   * `https://<subdomain>.services.ai.azure.com/api/projects/<name>` (loader/projects.ts PROJECTS.endpoint);
   * omitted when the account's subdomain is unknown.
   */
  endpoint?: string;
  /** Connection name → what it reaches (never a credential); absent when the project declares none. */
  connections?: Record<string, ConnectionOutput>;
}

export interface ConnectionOutput {
  category: string;
  authType: string;
  target?: string;
}

export interface StackOutputs {
  environment: string | null;
  accounts: Record<string, AccountOutput>;
}

/** What the endpoints are built on, each with its source. */
export const ENDPOINT_FACTS = {
  openAiV1: {
    fact: "the OpenAI v1 API's base URL is https://<resource-name>.openai.azure.com/openai/v1/; the deployment name goes in `model`, no api-version; the deployment route is the base URL plus /deployments/<deployment-name>",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/foundry-models/includes/concepts-endpoints-2.md",
        date: "2026-07-31",
        commit: "de213cdbb65c09e5d7bdf861e954c47248ffd598",
      },
    ],
  },
  modelInferenceRetired: {
    fact: "the Azure AI Inference beta SDK, which uses https://<resource-name>.services.ai.azure.com/models, is retired in favour of the OpenAI v1 API: on May 30, 2026 by the older document, on August 26, 2026 by the newer one (preferred)",
    retiredOn: "2026-08-26",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/includes/migrate-model-inference-to-v1-openai.md",
        date: "2026-02-23",
        commit: "e5983c17ae271f97116a786c085cbd009d19d1bd",
      },
      // The published page, newer than the repository copy read; its own date is not shown.
      {
        repository: "learn.microsoft.com",
        path: "azure/foundry-classic/foundry-models/supported-languages",
        date: "undated",
      },
    ],
  },
  subdomain: {
    fact: "the custom subdomain is the host label of the account's endpoints, unique, and cannot be changed once set; an existing account's subdomain need not equal its name",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/ai-services/cognitive-services-custom-subdomains.md",
        date: "2024-10-30",
      },
    ],
  },
} as const satisfies Record<string, { fact: string; retiredOn?: string; sources: readonly FactSource[] }>;

export function openAiV1BaseUrl(subdomain: string): string {
  return `https://${subdomain}.openai.azure.com/openai/v1/`;
}

export function modelInferenceEndpoint(subdomain: string): string {
  return `https://${subdomain}.services.ai.azure.com/models`;
}

export function openAiDeploymentUrl(subdomain: string, deploymentName: string): string {
  return `https://${subdomain}.openai.azure.com/openai/deployments/${encodeURIComponent(deploymentName)}`;
}

/**
 * The subdomain the account's endpoints are on: the declared `customSubDomain`, or the name of an account
 * aideploy creates (it sets the subdomain to the name). Undefined for an existing account (`create: false`)
 * that declares none: its subdomain is whatever it was created with, which the file does not say.
 */
export function endpointSubdomain(account: DesiredAccount): string | undefined {
  return account.create || account.customSubDomainDeclared ? account.customSubDomain : undefined;
}

/** Why an account has no endpoints in the outputs, for the plan; undefined when it has them. */
export function unknownEndpointsReason(account: DesiredAccount): string | undefined {
  if (endpointSubdomain(account) !== undefined) return undefined;
  return "an existing account (create: false) without customSubDomain, whose subdomain need not be its name; set customSubDomain to it (az cognitiveservices account show -n NAME -g GROUP --query properties.customSubDomainName)";
}

/** Endpoints and routing tables per account. Built from the file alone: no keys or secrets. */
function connectionsOutput(
  state: DesiredState,
  accountKey: string,
  projectName: string,
): { connections?: Record<string, ConnectionOutput> } {
  const connections = (state.connections ?? []).filter(
    (c) => c.accountKey === accountKey && c.projectName === projectName,
  );
  if (connections.length === 0) return {};
  return {
    connections: Object.fromEntries(
      connections.map((c): [string, ConnectionOutput] => [
        c.name,
        {
          category: c.category,
          authType: c.authType,
          ...(c.target === undefined ? {} : { target: c.target }),
        },
      ]),
    ),
  };
}

export function stackOutputs(state: DesiredState): StackOutputs {
  const accounts: Record<string, AccountOutput> = {};
  for (const account of state.accounts) {
    const subdomain = endpointSubdomain(account);
    const routes: Record<string, RouteOutput> = {};
    for (const d of state.deployments) {
      if (d.accountKey !== account.key) continue;
      const route: RouteOutput = {
        model: d.model.name,
        version: d.model.version,
        format: d.model.format,
        deploymentType: d.sku,
        capacity: d.capacity,
      };
      if (d.tokensPerMinute !== undefined) route.tokensPerMinute = d.tokensPerMinute;
      if (d.requestsPerMinute !== undefined) route.requestsPerMinute = d.requestsPerMinute;
      if (d.capacityMeaning.kind === "tokens-unknown") route.ratesUnknown = d.capacityMeaning.reason;
      if (d.model.format === "OpenAI" && subdomain !== undefined) {
        route.openAiUrl = openAiDeploymentUrl(subdomain, d.name);
      }
      routes[d.name] = route;
    }
    const endpoints =
      subdomain === undefined
        ? {}
        : {
            openAiV1BaseUrl: openAiV1BaseUrl(subdomain),
            modelInferenceEndpoint: modelInferenceEndpoint(subdomain),
            inferenceEndpoint: modelInferenceEndpoint(subdomain),
          };
    const output: AccountOutput = {
      name: account.name,
      resourceGroup: account.resourceGroup,
      ...(account.location === undefined ? {} : { location: account.location }),
      ...endpoints,
      routes,
    };
    const projects = (state.projects ?? []).filter((p) => p.accountKey === account.key);
    if (projects.length > 0) {
      output.projects = Object.fromEntries(
        projects.map((p): [string, ProjectOutput] => [
          p.name,
          {
            ...(p.displayName === undefined ? {} : { displayName: p.displayName }),
            ...(subdomain === undefined ? {} : { endpoint: projectEndpoint(subdomain, p.name) }),
            ...connectionsOutput(state, account.key, p.name),
          },
        ]),
      );
    }
    accounts[account.key] = output;
  }
  return { environment: state.environment, accounts };
}
