import * as path from "node:path";
import { formatText } from "../diagnostics/formatters/text";
import type { StackOutputs } from "./outputs";
import { type Plan, planFile } from "./plan";

export interface StackSettings {
  /** Value of `aideploy:environment`, if set. */
  environment?: string | undefined;
  /** Value of `aideploy:file`, if set. */
  file?: string | undefined;
  stackName: string;
  projectDir: string;
}

export type StackPlan = { ok: true; plan: Plan; warnings: string[] } | { ok: false; errors: string[] };

/**
 * What `pulumi up` deploys: `aideploy:file` (default deployments.yaml) with the environment named by
 * `aideploy:environment`, else the environment named like the stack when the file has one, else none.
 */
export function planStack(settings: StackSettings): StackPlan {
  const file = settings.file ?? "deployments.yaml";
  const filePath = path.resolve(settings.projectDir, file);
  const probe = planFile(filePath, file, undefined);
  if (!probe.ok) return { ok: false, errors: failure(probe.diagnostics, probe.usageError) };
  const environments = Object.keys(probe.plan.loaded.config?.environments ?? {});
  const warnings: string[] = [];
  let environment = settings.environment;
  if (environment === undefined) {
    if (environments.includes(settings.stackName)) environment = settings.stackName;
    else
      warnings.push(
        `stack "${settings.stackName}" has no environment of that name in ${file}; deploying the file as written`,
      );
  }
  if (environment === undefined) return { ok: true, plan: probe.plan, warnings };
  const planned = planFile(filePath, file, environment);
  if (!planned.ok) return { ok: false, errors: failure(planned.diagnostics, planned.usageError) };
  return { ok: true, plan: planned.plan, warnings };
}

function failure(diagnostics: Parameters<typeof formatText>[0], usageError: string | undefined): string[] {
  const lines = formatText(diagnostics.filter((d) => d.severity === "error"))
    .trimEnd()
    .split("\n");
  return [...(usageError ? [usageError] : []), ...lines.filter((l) => l.length > 0)];
}

export type { StackOutputs };
