import { didYouMean } from "../diagnostics/suggest";
import type { AideployDeploymentsFile } from "./file-types.generated";

export type EnvironmentChoice = { ok: true; name: string | null } | { ok: false; message: string };

/** Checks that a requested environment exists in the file; null means "the file as written". */
export function chooseEnvironment(
  config: AideployDeploymentsFile,
  requested: string | undefined,
): EnvironmentChoice {
  if (requested === undefined) return { ok: true, name: null };
  const names = Object.keys(config.environments ?? {});
  if (names.includes(requested)) return { ok: true, name: requested };
  const suggestion = didYouMean(requested, names);
  const known =
    names.length > 0 ? `environments in the file: ${names.join(", ")}` : "the file declares no environments";
  return { ok: false, message: `unknown environment "${requested}" (${suggestion ?? known})` };
}
