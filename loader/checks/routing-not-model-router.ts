import type { Diagnostic } from "../../diagnostics/diagnostic";
import { MODEL_ROUTER, routerTakesRouting } from "../deployment-features";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";

export const routingNotModelRouter: SemanticCheck = {
  code: "routing/not-model-router",
  severity: "error",
  description: `A deployment sets \`routing\` but its model is not ${MODEL_ROUTER.model.format} ${MODEL_ROUTER.model.name} version ${MODEL_ROUTER.routingSinceVersion} or later, the only deployments the API applies routing to. Source: ${MODEL_ROUTER.sources.slice(0, 1).map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      if (deployment.routing === undefined || routerTakesRouting(deployment.model)) return;
      const { format, name, version } = deployment.model;
      const what =
        name.toLowerCase() === MODEL_ROUTER.model.name
          ? `model-router version ${version}, which routes over a fixed set of models`
          : `${format} ${name} ${version}, not a model router`;
      diagnostics.push(
        finding(
          routingNotModelRouter,
          context,
          ["deployments", index, "routing"],
          `deployment "${deployment.name}" sets routing, but its model is ${what}; Azure applies routing only to ${MODEL_ROUTER.model.name} ${MODEL_ROUTER.routingSinceVersion} or later`,
          name.toLowerCase() === MODEL_ROUTER.model.name
            ? `deploy model-router version ${MODEL_ROUTER.routingSinceVersion}, or remove \`routing\``
            : "remove `routing`",
        ),
      );
    });
    return diagnostics;
  },
};
