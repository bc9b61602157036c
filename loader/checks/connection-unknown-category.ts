import type { Diagnostic } from "../../diagnostics/diagnostic";
import { didYouMean } from "../../diagnostics/suggest";
import { CONNECTIONS } from "../connections";
import { finding, type SemanticCheck } from "./check";
import { connectionLabel, declaredConnections } from "./shared/connections";

export const connectionUnknownCategory: SemanticCheck = {
  code: "connection/unknown-category",
  severity: "error",
  description:
    "A project connection's category is not one of the specification's ConnectionCategory values (loader/connections.ts).",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    const known = CONNECTIONS.categories.values;
    for (const c of declaredConnections(context)) {
      const category = c.connection.category;
      if (known.includes(category)) continue;
      const exact = known.find((k) => k.toLowerCase() === category.toLowerCase());
      const suggestion = exact ?? didYouMean(category, [...known]);
      diagnostics.push(
        finding(
          connectionUnknownCategory,
          context,
          [...c.path, "category"],
          `${connectionLabel(c)} has category ${JSON.stringify(category)}, which is not a connection category of the Azure specification`,
          exact !== undefined
            ? `write "${exact}" (categories are spelled exactly)`
            : (suggestion ??
                "use a category such as CognitiveSearch, AzureOpenAI, AIServices, AzureBlob, CosmosDb, ApiKey or CustomKeys (see docs/projects.md)"),
        ),
      );
    }
    return diagnostics;
  },
};
