import * as pulumi from "@pulumi/pulumi";
import type { ResourceGraph, ResourceNode, SecretReference } from "./graph";

/** Reads a secret of the stack's configuration by key; undefined when the key is not set. */
export type SecretReader = (configKey: string) => pulumi.Input<string> | undefined;

/**
 * The secret `configKey` of the running stack's configuration: `name` in the Pulumi project's namespace,
 * `namespace:name` in another one (the form `pulumi config set --secret` takes).
 */
export function stackConfigSecret(configKey: string): pulumi.Output<string> | undefined {
  const colon = configKey.indexOf(":");
  if (colon < 0) return new pulumi.Config().getSecret(configKey);
  return new pulumi.Config(configKey.slice(0, colon)).getSecret(configKey.slice(colon + 1));
}

/** One line per secret reference whose key is not set, saying where it is declared and how to set it. */
export function missingSecrets(graph: ResourceGraph, read: SecretReader): string[] {
  const lines: string[] = [];
  for (const node of graph.nodes) {
    for (const secret of node.secrets ?? []) {
      if (read(secret.config) !== undefined) continue;
      const { file, line, column, path } = node.source;
      lines.push(
        `${file}:${line}:${column}: ${path} reads a secret from the stack's configuration key "${secret.config}", which is not set; set it with \`pulumi config set --secret ${secret.config} <value>\``,
      );
    }
  }
  return lines;
}

/** The node's inputs with each secret reference filled in (a copy; the graph keeps no secret). */
export function inputsWithSecrets(node: ResourceNode, read: SecretReader): unknown {
  if (node.secrets === undefined || node.secrets.length === 0) return node.inputs;
  const inputs: Record<string, unknown> = { ...structuredClone(node.inputs) };
  for (const secret of node.secrets) setAt(inputs, secret, read(secret.config));
  return inputs;
}

function setAt(target: Record<string, unknown>, secret: SecretReference, value: unknown): void {
  let cursor = target;
  const path = secret.path;
  for (const key of path.slice(0, -1)) {
    const next = cursor[key];
    if (typeof next === "object" && next !== null) cursor = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      cursor[key] = created;
      cursor = created;
    }
  }
  const last = path.at(-1);
  if (last !== undefined) cursor[last] = value;
}
