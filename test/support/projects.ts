import type { DesiredState } from "../../loader/desired-state";
import { resolveDesiredState } from "../../loader/resolve";
import { load, problems, where, yaml } from "../loader/support";

/** A file with two projects on a created account ("east") and none on an existing one ("west"). */
export const projectsFile = yaml`
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
          description: Agents of the chat application
          identity: SystemAssigned
          tags: { team: chat }
        Evals: {}
    west: { name: contoso-west, resourceGroup: rg-ai, location: westus3, customSubDomain: contoso-w }
  defaults:
    sku: GlobalStandard
    capacity: 10
  deployments:
    - name: gpt-4o
      accounts: [east, west]
      model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
`;

export function projectsState(text = projectsFile): DesiredState {
  const loaded = load(text);
  if (!loaded.config || !loaded.document || !loaded.catalog)
    throw new Error(`did not load: ${loaded.diagnostics.map(where).join(", ")}`);
  const found = problems(loaded);
  if (found.length > 0) throw new Error(`unexpected findings: ${found.map(where).join(", ")}`);
  return resolveDesiredState(loaded.config, loaded.document, null, loaded.catalog);
}
