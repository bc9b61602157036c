import * as path from "node:path";
import type { ModelCatalog } from "../catalog/model-catalog";
import { UsageError } from "../diagnostics/failure";
import { formatText } from "../diagnostics/formatters/text";
import { type LoadedFile, loadDeploymentsFile } from "../loader/load";
import type { StackOutputs } from "./outputs";
import { type Plan, planLoaded } from "./plan";

export interface StackSettings {
  /** Value of `aideploy:environment`, if set. */
  environment?: string | undefined;
  /** Value of `aideploy:file`, if set. */
  file?: string | undefined;
  stackName: string;
  projectDir: string;
  /** The model catalog; default: the one for the file (see catalogFor). */
  catalog?: ModelCatalog;
}

export type StackPlan = { ok: true; plan: Plan; warnings: string[] } | { ok: false; errors: string[] };

/**
 * What `pulumi up` deploys: `aideploy:file` (default deployments.yaml) with the environment named by
 * `aideploy:environment`, else the environment named like the stack when the file has one, else none.
 */
export function planStack(settings: StackSettings): StackPlan {
  const file = settings.file ?? "deployments.yaml";
  let loaded: LoadedFile;
  try {
    loaded = loadDeploymentsFile(path.resolve(settings.projectDir, file), file, settings.catalog);
  } catch (error) {
    // A catalog beside the file that cannot be used.
    if (error instanceof UsageError) return { ok: false, errors: [error.message] };
    throw error;
  }
  const environments = Object.keys(loaded.config?.environments ?? {});
  const warnings: string[] = [];
  let environment = settings.environment;
  if (environment === undefined && loaded.config) {
    if (environments.includes(settings.stackName)) environment = settings.stackName;
    else
      warnings.push(
        `stack "${settings.stackName}" has no environment of that name in ${file}; deploying the file as written`,
      );
  }
  let planned: ReturnType<typeof planLoaded>;
  try {
    planned = planLoaded(loaded, environment);
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, errors: [error.message] };
    throw error;
  }
  if (!planned.ok) return { ok: false, errors: failure(planned.diagnostics) };
  return { ok: true, plan: planned.plan, warnings };
}

function failure(diagnostics: Parameters<typeof formatText>[0]): string[] {
  const lines = formatText(diagnostics.filter((d) => d.severity === "error"))
    .trimEnd()
    .split("\n");
  return lines.filter((l) => l.length > 0);
}

export type { StackOutputs };
