import type { DesiredState } from "../loader/desired-state";

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
  /** Azure OpenAI URL of the deployment (OpenAI-format models only). */
  openAiUrl?: string;
}

export interface AccountOutput {
  name: string;
  resourceGroup: string;
  location?: string;
  /** Azure AI model inference endpoint; routes by the request's model name. */
  inferenceEndpoint: string;
  /** Deployment name → what answers under it. */
  routes: Record<string, RouteOutput>;
}

export interface StackOutputs {
  environment: string | null;
  accounts: Record<string, AccountOutput>;
}

export function inferenceEndpoint(subdomain: string): string {
  return `https://${subdomain}.services.ai.azure.com/models`;
}

export function openAiDeploymentUrl(subdomain: string, deploymentName: string): string {
  return `https://${subdomain}.openai.azure.com/openai/deployments/${encodeURIComponent(deploymentName)}`;
}

/** Endpoints and routing tables per account. Built from the file alone: no keys or secrets. */
export function stackOutputs(state: DesiredState): StackOutputs {
  const accounts: Record<string, AccountOutput> = {};
  for (const account of state.accounts) {
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
      if (d.model.format === "OpenAI") route.openAiUrl = openAiDeploymentUrl(account.customSubDomain, d.name);
      routes[d.name] = route;
    }
    const output: AccountOutput = {
      name: account.name,
      resourceGroup: account.resourceGroup,
      inferenceEndpoint: inferenceEndpoint(account.customSubDomain),
      routes,
    };
    if (account.location !== undefined) output.location = account.location;
    accounts[account.key] = output;
  }
  return { environment: state.environment, accounts };
}
