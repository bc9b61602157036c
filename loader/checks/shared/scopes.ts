import type { Diagnostic } from "../../../diagnostics/diagnostic";
import type { AideployDeploymentsFile, Environment } from "../../file-types.generated";
import type { DocPath } from "../../path";
import { type CheckContext, finding, type SemanticCheck } from "../check";

export { own } from "../../layers";

/** The own entries of a record whose values are present. */
export function entries<T>(record: { [k: string]: T | undefined } | undefined): [string, T][] {
  const out: [string, T][] = [];
  for (const [key, value] of Object.entries(record ?? {})) if (value !== undefined) out.push([key, value]);
  return out;
}

/** One way the file is read: as written (environment null) or with one environment's overrides. */
export interface Scope {
  environment: string | null;
  env: Environment;
}

/** The file as written first, then every environment in file order. */
export function scopes(file: AideployDeploymentsFile): Scope[] {
  const list: Scope[] = [{ environment: null, env: {} }];
  for (const [environment, env] of entries(file.environments)) list.push({ environment, env });
  return list;
}

/** A value and where it was written. */
export interface Setting<T> {
  value: T;
  path: DocPath;
}

/** " in environment "dev"", " in environments "dev", "test"", or "" for the file as written. */
export function whereText(environments: readonly (string | null)[]): string {
  if (environments.includes(null) || environments.length === 0) return "";
  const names = environments.map((e) => JSON.stringify(e));
  return names.length === 1 ? ` in environment ${names[0]}` : ` in environments ${names.join(", ")}`;
}

/** A problem found in one scope; the same key in several scopes is one finding. */
export interface ScopedProblem {
  key: string;
  environment: string | null;
  path: DocPath;
  /** The message, given where the problem occurs (see whereText). */
  message(where: string): string;
  hint?: string;
  pointAtKey?: boolean;
}

/**
 * One finding per problem key, naming the environments it occurs in; a problem of the file as written
 * is reported without naming environments. Order follows the first occurrence.
 */
export function reportAcrossScopes(
  check: Pick<SemanticCheck, "code" | "severity">,
  context: CheckContext,
  problems: readonly ScopedProblem[],
): Diagnostic[] {
  const groups = new Map<string, { first: ScopedProblem; environments: (string | null)[] }>();
  for (const problem of problems) {
    const group = groups.get(problem.key);
    if (group) {
      if (!group.environments.includes(problem.environment)) group.environments.push(problem.environment);
    } else {
      groups.set(problem.key, { first: problem, environments: [problem.environment] });
    }
  }
  return [...groups.values()].map(({ first, environments }) =>
    finding(check, context, first.path, first.message(whereText(environments)), first.hint, {
      key: first.pointAtKey ?? false,
    }),
  );
}

/** `account "a"` or `accounts "a", "b"`. */
export function accountsText(accounts: readonly string[]): string {
  const quoted = accounts.map((a) => JSON.stringify(a)).join(", ");
  return accounts.length === 1 ? `account ${quoted}` : `accounts ${quoted}`;
}

/** `line N` of a path, for messages that point at a second place. */
export function lineOf(context: CheckContext, path: DocPath): number {
  return context.document.locate(path).line;
}
