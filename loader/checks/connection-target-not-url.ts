import type { Diagnostic } from "../../diagnostics/diagnostic";
import { CONNECTIONS } from "../connections";
import { finding, type SemanticCheck } from "./check";
import { connectionLabel, declaredConnections } from "./shared/connections";

function isHttpsUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === "https:" && url.hostname !== "";
}

/**
 * Only the categories whose target the specification describes as an endpoint (CONNECTIONS.endpointTargets);
 * every other category's target is not documented, so it is not judged.
 */
export const connectionTargetNotUrl: SemanticCheck = {
  code: "connection/target-not-url",
  severity: "error",
  description:
    "A project connection of a category whose target the specification describes as the service's endpoint (AzureOpenAI, CognitiveSearch) has no target or one that is not an https URL.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const c of declaredConnections(context)) {
      const { category, target } = c.connection;
      if (!CONNECTIONS.endpointTargets.categories.includes(category)) continue;
      if (target !== undefined && isHttpsUrl(target)) continue;
      diagnostics.push(
        finding(
          connectionTargetNotUrl,
          context,
          target === undefined ? c.path : [...c.path, "target"],
          target === undefined
            ? `${connectionLabel(c)} has category ${category} but no target; the target of a ${category} connection is the service's endpoint`
            : `${connectionLabel(c)} has target ${JSON.stringify(target)}, which is not an https URL; the target of a ${category} connection is the service's endpoint`,
          category === "CognitiveSearch"
            ? "write the search service's endpoint, e.g. https://<service>.search.windows.net"
            : "write the Azure OpenAI endpoint, e.g. https://<resource>.openai.azure.com/",
          { key: target === undefined },
        ),
      );
    }
    return diagnostics;
  },
};
