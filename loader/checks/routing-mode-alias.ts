import type { Diagnostic } from "../../diagnostics/diagnostic";
import { MODEL_ROUTER, routerModeValue } from "../deployment-features";
import { citeSource } from "../deployment-types";
import { finding, type SemanticCheck } from "./check";

export const routingModeAlias: SemanticCheck = {
  code: "routing/mode-alias",
  severity: "warning",
  description: `A model router's \`routing.mode\` is written as the docs spell it (\`Balanced\`, \`Quality\`, \`Cost\`); the API takes ${MODEL_ROUTER.modes.map((m) => `\`${m}\``).join(", ")}, which aideploy writes. Source: ${MODEL_ROUTER.sources.slice(0, 2).map(citeSource).join("; ")}.`,
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      const mode = deployment.routing?.mode;
      if (mode === undefined) return;
      const value = routerModeValue(mode);
      if (value === undefined || value === mode) return;
      diagnostics.push(
        finding(
          routingModeAlias,
          context,
          ["deployments", index, "routing", "mode"],
          `routing mode "${mode}" of deployment "${deployment.name}" is the docs' spelling; the API value is "${value}", which is what aideploy sends`,
          `write \`mode: ${value}\``,
        ),
      );
    });
    return diagnostics;
  },
};
