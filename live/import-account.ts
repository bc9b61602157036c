/**
 * `aideploy import`'s use case: reads an account (deployments, content filters, blocklists), drafts the
 * file that adopts it, plans the draft to note what the file's defaults would change, and validates the
 * result, either as a new file or merged into an existing one (`--into`). Nothing is written here: the
 * result says what to write, or the findings say why nothing is.
 */

import { existsSync } from "node:fs";
import * as path from "node:path";
import type { ModelCatalog } from "../catalog/model-catalog";
import { type Diagnostic, exitCodeFor } from "../diagnostics/diagnostic";
import { ExitCode, UsageError } from "../diagnostics/failure";
import { planLoaded } from "../infra/plan";
import type { AideployDeploymentsFile } from "../loader/file-types.generated";
import { type LoadedFile, loadDeploymentsText } from "../loader/load";
import type { ParsedDocument } from "../loader/parse";
import type { DocPath } from "../loader/path";
import { resolveDesiredState } from "../loader/resolve";
import { readSourceFile } from "../loader/source";
import { fileStart, liveDiagnostic } from "./codes";
import type { LiveContext, LiveOutcome } from "./context";
import { describeLiveFailure, liveFailureDiagnostic, resolveSettings } from "./errors";
import {
  buildImport,
  deploymentNotes,
  type ImportDraft,
  type ImportNote,
  importedSubscriptionRaiPolicy,
  renderImport,
} from "./import";
import { mergeImport } from "./import-merge";
import { type AccountLocator, getAccount, getSubscriptionRaiPolicy, readAccountSnapshot } from "./read";
import { LiveSession } from "./session";

export interface ImportRequest {
  resourceGroup: string;
  account: string;
  /** The account's key in the file (default: its location). */
  accountKey?: string;
  /** `--out`: a new file, relative to the context's directory (default: standard output). */
  out?: string;
  /** `--force`: overwrite `out`. */
  force?: boolean;
  /** `--into`: an existing deployments file to merge the account into. */
  into?: string;
  /** `--subscription-rai-policy`: also adopt the subscription's RAI policy of this name. */
  subscriptionRaiPolicy?: string;
}

export type ImportResult =
  /**
   * The text to write to `path` (absolute; absent: standard output), shown as `shown`, and what changed
   * in an existing file.
   */
  | { status: "imported"; text: string; path?: string; shown: string; changes: string[]; summary: string }
  /** Nothing to write: the findings say why. */
  | { status: "not-imported" }
  /** The `--into` file cannot be used: its findings say why, with `message` when there is more to say. */
  | { status: "unusable-into"; message?: string };

/** The file `--into` names, read and checked before Azure is: it must exist and validate. */
interface IntoFile {
  path: string;
  shown: string;
  text: string;
  loaded: LoadedFile & { config: AideployDeploymentsFile; document: ParsedDocument; catalog: ModelCatalog };
}

const STDOUT_NAME = "<stdout>";

export async function importAccount(
  request: ImportRequest,
  context: LiveContext,
): Promise<LiveOutcome<ImportResult>> {
  let into: IntoFile | undefined;
  if (request.into !== undefined) {
    const read = readInto(request, request.into, context);
    if (!read.ok) return read.refused;
    into = read.file;
  }
  const shown = into?.shown ?? request.out ?? STDOUT_NAME;
  if (request.out !== undefined && !request.force && existsSync(path.resolve(context.cwd, request.out))) {
    throw new UsageError(`${request.out} exists; pass --force to overwrite it, or --into to merge into it`);
  }
  const session = resolveSettings(() => new LiveSession(context));
  const subscriptionId = resolveSettings(() => session.connection()).subscriptionId;
  const locator = { resourceGroup: request.resourceGroup, accountName: request.account };
  let read: Awaited<ReturnType<typeof readAccount>>;
  try {
    read = await session.run(`importing account ${request.account}`, () =>
      readAccount(session, locator, request.subscriptionRaiPolicy),
    );
  } catch (error) {
    const failure = describeLiveFailure(error, {
      action: `Reading account ${request.account} in resource group ${request.resourceGroup}`,
    });
    return {
      result: { status: "not-imported" },
      diagnostics: [liveFailureDiagnostic(failure, fileStart(shown))],
    };
  }
  const draft = buildImport(
    { subscriptionId, account: read.account, snapshot: read.snapshot },
    request.accountKey === undefined ? {} : { accountKey: request.accountKey },
  );
  if (request.subscriptionRaiPolicy !== undefined) {
    if (read.subscriptionRaiPolicy === undefined) {
      const message = `subscription ${subscriptionId} has no RAI policy named "${request.subscriptionRaiPolicy}"`;
      return {
        result: { status: "not-imported" },
        diagnostics: [
          liveDiagnostic("live/not-found", fileStart(shown), {
            message,
            hint: "check the name (Azure compares it ignoring case) and the subscription, or leave out --subscription-rai-policy",
          }),
        ],
      };
    }
    const baseline = importedSubscriptionRaiPolicy(read.subscriptionRaiPolicy);
    draft.value.subscriptionRaiPolicy = baseline.value;
    draft.notes.push(...baseline.notes);
  }
  const composed = into
    ? composeMerged(draft, into, request.account)
    : composeNew(draft, shown, request.account);
  if (composed.text === undefined)
    return { result: { status: "not-imported" }, diagnostics: composed.diagnostics };
  const counts = [
    `${read.snapshot.deployments.length} deployment(s)`,
    `${Object.keys(draft.value.contentFilters ?? {}).length} content filter(s)`,
    `${read.snapshot.raiBlocklists.length} blocklist(s)`,
  ].join(", ");
  const where = into
    ? ` into ${into.shown} as account "${draft.accountKey}"`
    : request.out
      ? ` into ${request.out}`
      : "";
  const target =
    into?.path ?? (request.out === undefined ? undefined : path.resolve(context.cwd, request.out));
  const result: ImportResult = {
    status: "imported",
    text: composed.text,
    shown,
    changes: composed.changes,
    summary: `imported ${counts} from account ${read.account.name}${where}`,
  };
  if (target !== undefined) result.path = target;
  return { result, diagnostics: composed.diagnostics };
}

async function readAccount(session: LiveSession, locator: AccountLocator, baselineName?: string) {
  const connection = session.connection();
  const client = session.cognitive(connection);
  const account = await session.read(`account ${locator.accountName}`, () => getAccount(client, locator));
  const snapshot = await session.read(
    `deployments, content filters and blocklists of ${locator.accountName}`,
    () => readAccountSnapshot(client, locator, account.kind),
  );
  const subscriptionRaiPolicy =
    baselineName === undefined
      ? undefined
      : await session.read(`subscription RAI policy ${baselineName}`, () =>
          getSubscriptionRaiPolicy(client, connection, baselineName),
        );
  return { account, snapshot, subscriptionRaiPolicy };
}

function readInto(
  request: ImportRequest,
  shown: string,
  context: LiveContext,
): { ok: true; file: IntoFile } | { ok: false; refused: LiveOutcome<ImportResult> } {
  if (request.out !== undefined) throw new UsageError("--into and --out cannot be used together");
  if (request.force)
    throw new UsageError("--force applies to --out; --into never overwrites what the file holds");
  const target = path.resolve(context.cwd, shown);
  if (!existsSync(target)) throw new UsageError(`${shown} does not exist; use --out to write a new file`);
  const source = readSourceFile(target);
  if (!source.ok) {
    const diagnostics = [{ ...source.diagnostic, file: shown }];
    return { ok: false, refused: { result: { status: "unusable-into" }, diagnostics } };
  }
  const loaded = loadDeploymentsText(shown, source.text);
  if (
    exitCodeFor(loaded.diagnostics) !== ExitCode.ok ||
    !loaded.config ||
    !loaded.document ||
    !loaded.catalog
  ) {
    const message = `${shown} has errors; fix them before importing into it`;
    return {
      ok: false,
      refused: { result: { status: "unusable-into", message }, diagnostics: loaded.diagnostics },
    };
  }
  return { ok: true, file: { path: target, shown, text: source.text, loaded: loaded as IntoFile["loaded"] } };
}

/** The text to write, the diagnostics about it, and what changed in an existing file. */
interface Composed {
  text?: string;
  diagnostics: Diagnostic[];
  changes: string[];
}

function noteDiagnostics(
  notes: readonly ImportNote[],
  loaded: LoadedFile,
  shown: string,
  pathOf: (note: ImportNote) => DocPath = (note) => note.docPath,
): Diagnostic[] {
  return notes.map((note) => {
    const docPath = pathOf(note);
    const at =
      loaded.document?.locate(docPath, { key: typeof docPath.at(-1) === "string" }) ?? fileStart(shown);
    return liveDiagnostic("live/import-unexpressible", at, {
      message: note.message,
      severity: note.severity,
    });
  });
}

function invalid(shown: string, account: string, diagnostics: Diagnostic[], verb: string): Composed {
  diagnostics.push(
    liveDiagnostic("live/import-invalid", fileStart(shown), {
      message: `the imported file for account ${account} does not validate, so it was not ${verb}`,
    }),
  );
  return { diagnostics, changes: [] };
}

/** A new file for the account (stdout or --out). */
function composeNew(draft: ImportDraft, shown: string, account: string): Composed {
  const first = loadDeploymentsText(shown, renderImport(draft));
  const planned = planLoaded(first, undefined);
  if (planned.ok) draft.notes.push(...deploymentNotes(draft, planned.plan));
  const text = renderImport(draft);
  const loaded = loadDeploymentsText(shown, text);
  const diagnostics = [...noteDiagnostics(draft.notes, loaded, shown), ...loaded.diagnostics];
  if (exitCodeFor(diagnostics) !== ExitCode.ok || !loaded.config)
    return invalid(shown, account, diagnostics, "written");
  return { text, diagnostics, changes: [] };
}

/** The existing file with the account merged in (--into). */
function composeMerged(draft: ImportDraft, into: IntoFile, account: string): Composed {
  const { config, document } = into.loaded;
  const input = {
    text: into.text,
    file: config,
    state: resolveDesiredState(config, document, null, into.loaded.catalog),
    draft,
  };
  const first = mergeImport(input);
  if (!first.ok) {
    const diagnostics = first.conflicts.map((conflict) =>
      liveDiagnostic(
        "live/import-conflict",
        document.locate(conflict.docPath, { key: typeof conflict.docPath.at(-1) === "string" }) ??
          fileStart(into.shown),
        { message: conflict.message, hint: conflict.hint },
      ),
    );
    return { diagnostics, changes: [] };
  }
  const planned = planLoaded(loadDeploymentsText(into.shown, first.text), undefined);
  if (planned.ok) draft.notes.push(...deploymentNotes(draft, planned.plan));
  const merged = mergeImport(input);
  if (!merged.ok) return { diagnostics: [], changes: [] };
  const loaded = loadDeploymentsText(into.shown, merged.text);
  // What the file already said before the merge is not news: only new findings are shown.
  const before = new Set(into.loaded.diagnostics.map((d) => `${d.code}|${d.message}`));
  const fresh = loaded.diagnostics.filter((d) => !before.has(`${d.code}|${d.message}`));
  const diagnostics = [...noteDiagnostics(draft.notes, loaded, into.shown, merged.notePath), ...fresh];
  if (exitCodeFor(diagnostics) !== ExitCode.ok || !loaded.config)
    return invalid(into.shown, account, diagnostics, "merged");
  return { text: merged.text, diagnostics, changes: merged.changes };
}
