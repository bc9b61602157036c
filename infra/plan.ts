import type { ModelCatalog } from "../catalog/model-catalog";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { UsageError } from "../diagnostics/failure";
import type { DesiredState } from "../loader/desired-state";
import { chooseEnvironment } from "../loader/environment";
import { type LoadedFile, loadDeploymentsFile } from "../loader/load";
import { resolveDesiredState } from "../loader/resolve";
import { buildResourceGraph, type ResourceGraph } from "./graph";
import { type StackOutputs, stackOutputs } from "./outputs";

export interface Plan {
  loaded: LoadedFile;
  state: DesiredState;
  graph: ResourceGraph;
  outputs: StackOutputs;
}

export type PlanResult =
  | { ok: true; plan: Plan; diagnostics: Diagnostic[] }
  | {
      ok: false;
      diagnostics: Diagnostic[];
      /** The file could not be read at all: its one diagnostic says why (exit 2). */
      unreadable: boolean;
    };

/**
 * Plans an already loaded file: the one path from a file to a resource graph, for every consumer. The
 * desired state reads the catalog the file was checked with. An environment the file does not declare is
 * a usage error (thrown): there is nothing to plan.
 */
export function planLoaded(loaded: LoadedFile, environment: string | undefined): PlanResult {
  const { config, document, catalog, diagnostics } = loaded;
  if (loaded.ioError) return { ok: false, diagnostics, unreadable: true };
  if (!config || !document || !catalog || diagnostics.some((d) => d.severity === "error"))
    return { ok: false, diagnostics, unreadable: false };
  const choice = chooseEnvironment(config, environment);
  if (!choice.ok) throw new UsageError(choice.message);
  const state = resolveDesiredState(config, document, choice.name, catalog);
  const graph = buildResourceGraph(state);
  return { ok: true, plan: { loaded, state, graph, outputs: stackOutputs(state) }, diagnostics };
}

/** Loads and plans a file from disk, with the given catalog or the one for the file (see catalogFor). */
export function planFile(
  path: string,
  displayName: string,
  environment: string | undefined,
  catalog?: ModelCatalog,
): PlanResult {
  return planLoaded(loadDeploymentsFile(path, displayName, catalog), environment);
}
