import type { DesiredState } from "../../loader/desired-state";
import { resolveDesiredState } from "../../loader/resolve";
import { load, problems, where, yaml } from "../loader/support";

/** Project "chat-app" on a created account ("east") with one connection of each supported auth type. */
export const connectionsFile = yaml`
  version: 1
  accounts:
    east:
      name: contoso-east
      resourceGroup: rg-ai
      location: eastus2
      create: true
      projects:
        chat-app:
          displayName: Chat app
          connections:
            search:
              category: CognitiveSearch
              target: https://contoso-search.search.windows.net
              authType: ApiKey
              credentials: { apiKey: { config: searchKey } }
              metadata: { ApiType: Azure }
              isSharedToAll: true
            docs:
              category: AzureBlob
              target: https://contosodocs.blob.core.windows.net/docs
              authType: AAD
            aoai:
              category: AzureOpenAI
              target: https://contoso-aoai.openai.azure.com/
              authType: ManagedIdentity
              credentials: { clientId: 11111111-2222-3333-4444-555555555555 }
        evals: {}
  defaults:
    sku: GlobalStandard
    capacity: 10
  deployments:
    - name: gpt-4o
      account: east
      model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
`;

export function connectionsState(text = connectionsFile): DesiredState {
  const loaded = load(text);
  if (!loaded.config || !loaded.document || !loaded.catalog)
    throw new Error(`did not load: ${loaded.diagnostics.map(where).join(", ")}`);
  const found = problems(loaded);
  if (found.length > 0) throw new Error(`unexpected findings: ${found.map(where).join(", ")}`);
  return resolveDesiredState(loaded.config, loaded.document, null, loaded.catalog);
}
