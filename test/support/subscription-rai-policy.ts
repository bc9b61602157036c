import type { DesiredState } from "../../loader/desired-state";
import { resolveDesiredState } from "../../loader/resolve";
import { load, problems, where, yaml } from "../loader/support";

/**
 * One account with a deployment on a declared content filter, and the subscription's RAI policy with the
 * same prompt settings as that filter (lines 17-27).
 */
export const subscriptionPolicyFile = yaml`
  version: 1
  accounts:
    east: { name: contoso-east, resourceGroup: rg-ai, location: eastus2, create: true }
  defaults:
    sku: GlobalStandard
    capacity: 10
  deployments:
    - name: gpt-4o
      account: east
      model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
      contentFilter: strict
  contentFilters:
    strict:
      mode: Asynchronous_filter
      prompt: { hate: low, violence: medium, jailbreak: block }
      completion: { protectedMaterialText: annotate }
  subscriptionRaiPolicy:
    name: Org-Baseline
    mode: Asynchronous_filter
    prompt:
      hate: low
      violence: medium
      jailbreak: block
    completion:
      protectedMaterialText: annotate
    tags: { owner: security }
`;

/** The desired state of `text`; throws (naming the findings) unless it loads with no error or warning but the preview-api one. */
export function subscriptionPolicyState(text = subscriptionPolicyFile): DesiredState {
  const loaded = load(text);
  if (!loaded.config || !loaded.document || !loaded.catalog)
    throw new Error(`did not load: ${loaded.diagnostics.map(where).join(", ")}`);
  const found = problems(loaded).filter((d) => d.code !== "subscription-rai-policy/preview-api");
  if (found.length > 0) throw new Error(`unexpected findings: ${found.map(where).join(", ")}`);
  return resolveDesiredState(loaded.config, loaded.document, null, loaded.catalog);
}
