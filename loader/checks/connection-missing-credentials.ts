import type { Diagnostic } from "../../diagnostics/diagnostic";
import { supportedAuthType } from "../connections";
import { finding, type SemanticCheck } from "./check";
import { connectionLabel, declaredConnections } from "./shared/connections";

export const connectionMissingCredentials: SemanticCheck = {
  code: "connection/missing-credentials",
  severity: "error",
  description:
    "A project connection's auth type needs credentials the file does not give (ApiKey: `credentials.apiKey.config`, the configuration key of the secret), or the file gives credentials its auth type does not use.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    for (const c of declaredConnections(context)) {
      const auth = supportedAuthType(c.connection.authType);
      if (auth === undefined) continue;
      const credentials = c.connection.credentials ?? {};
      for (const field of auth.secrets) {
        if (credentials[field] !== undefined) continue;
        diagnostics.push(
          finding(
            connectionMissingCredentials,
            context,
            c.connection.credentials === undefined ? [...c.path, "authType"] : [...c.path, "credentials"],
            `${connectionLabel(c)} has authType ${auth.name} but no credentials.${field}: Azure would hold a connection without its key`,
            `add \`credentials: { ${field}: { config: <key> } }\` naming a secret of the stack's configuration, and set it with \`pulumi config set --secret <key> <value>\``,
          ),
        );
      }
      const allowed = new Set<string>([...auth.secrets, ...auth.plain]);
      for (const field of Object.keys(credentials)) {
        if (allowed.has(field)) continue;
        diagnostics.push(
          finding(
            connectionMissingCredentials,
            context,
            [...c.path, "credentials", field],
            `${connectionLabel(c)} has authType ${auth.name}, which does not use credentials.${field}; it would not be sent`,
            allowed.size === 0
              ? `remove \`credentials\`: ${auth.name} connections carry none`
              : `remove it; ${auth.name} connections use ${[...allowed].join(", ")}`,
            { key: true },
          ),
        );
      }
    }
    return diagnostics;
  },
};
