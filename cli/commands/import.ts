/**
 * `aideploy import --subscription S --resource-group RG --account NAME [--out FILE | --into FILE]
 * [--account-key KEY]`: writes a deployments file describing an existing account's deployments, content
 * filters and blocklists, each with its ARM id under `import:`, or merges them into an existing file
 * (`--into`, keeping its comments and order). The result is validated before it is written; it is not
 * written (exit 1) when it would not validate or when a name it needs is taken. Exit 2 for
 * configuration problems.
 */
import { existsSync } from "node:fs";
import { type Command, Option } from "commander";
import { type Diagnostic, diagnosticAt, exitCodeFor, sortDiagnostics } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { planLoaded } from "../../infra/plan";
import { liveCodes } from "../../live/codes";
import { describeLiveFailure, liveFailureDiagnostic } from "../../live/errors";
import {
  buildImport,
  deploymentNotes,
  type ImportDraft,
  type ImportNote,
  renderImport,
} from "../../live/import";
import { mergeImport } from "../../live/import-merge";
import { getAccount, readAccountSnapshot } from "../../live/read";
import type { LiveDeps, LiveSession } from "../../live/session";
import type { AideployDeploymentsFile } from "../../loader/file-types.generated";
import { type LoadedFile, loadDeploymentsText } from "../../loader/load";
import type { ParsedDocument } from "../../loader/parse";
import type { DocPath } from "../../loader/path";
import { resolveDesiredState } from "../../loader/resolve";
import { readSourceFile } from "../../loader/source";
import { writeFileAtomically } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import { commandSession, reportConfigFailure } from "../live-session";
import { resolvePath } from "../options";
import type { CommandContext } from "../program";
import { armEndpointOption, subscriptionOption } from "./validate-live";

export interface ImportOptions {
  subscription?: string;
  resourceGroup: string;
  account: string;
  out?: string;
  into?: string;
  force?: boolean;
  accountKey?: string;
  armEndpoint?: string;
}

const STDOUT_NAME = "<stdout>";

function fileLevel(
  file: string,
  diagnostic: Omit<Diagnostic, "file" | "line" | "column" | "path">,
): Diagnostic {
  return diagnosticAt({ file, line: 1, column: 1, path: "" }, diagnostic);
}

/** The file `--into` names, read and checked before Azure is: it must exist and validate. */
interface IntoFile {
  path: string;
  shown: string;
  text: string;
  loaded: LoadedFile & { config: AideployDeploymentsFile; document: ParsedDocument };
}

function readInto(options: ImportOptions, io: CommandIO): IntoFile | number {
  const shown = options.into ?? "";
  const usage = (message: string) => {
    io.stderr(`aideploy import: ${message}\n`);
    return ExitCode.usage;
  };
  if (options.out !== undefined) return usage("--into and --out cannot be used together");
  if (options.force) return usage("--force applies to --out; --into never overwrites what the file holds");
  const target = resolvePath(io, shown);
  if (!existsSync(target)) return usage(`${shown} does not exist; use --out to write a new file`);
  const source = readSourceFile(target);
  if (!source.ok) {
    io.stderr(formatText([{ ...source.diagnostic, file: shown }]));
    return ExitCode.usage;
  }
  const loaded = loadDeploymentsText(shown, source.text);
  if (exitCodeFor(loaded.diagnostics) !== 0 || !loaded.config || !loaded.document) {
    io.stderr(formatText(loaded.diagnostics));
    return usage(`${shown} has errors; fix them before importing into it`);
  }
  return { path: target, shown, text: source.text, loaded: loaded as IntoFile["loaded"] };
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
    const at = loaded.document?.locate(docPath, { key: typeof docPath.at(-1) === "string" }) ?? {
      file: shown,
      line: 1,
      column: 1,
      path: "",
    };
    return diagnosticAt(at, {
      code: "live/import-unexpressible",
      severity: note.severity,
      message: note.message,
      hint: liveCodes["live/import-unexpressible"].hint,
    });
  });
}

function invalid(shown: string, account: string, diagnostics: Diagnostic[], verb: string): Composed {
  diagnostics.push(
    fileLevel(shown, {
      code: "live/import-invalid",
      severity: "error",
      message: `the imported file for account ${account} does not validate, so it was not ${verb}`,
      hint: liveCodes["live/import-invalid"].hint,
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
  if (exitCodeFor(diagnostics) !== 0 || !loaded.config)
    return invalid(shown, account, diagnostics, "written");
  return { text, diagnostics, changes: [] };
}

/** The existing file with the account merged in (--into). */
function composeMerged(draft: ImportDraft, into: IntoFile, account: string): Composed {
  const { config, document } = into.loaded;
  const input = {
    text: into.text,
    file: config,
    state: resolveDesiredState(config, document, null),
    draft,
  };
  const first = mergeImport(input);
  if (!first.ok) {
    const diagnostics = first.conflicts.map((conflict) =>
      diagnosticAt(
        into.loaded.document.locate(conflict.docPath, {
          key: typeof conflict.docPath.at(-1) === "string",
        }) ?? {
          file: into.shown,
          line: 1,
          column: 1,
          path: "",
        },
        { code: "live/import-conflict", severity: "error", message: conflict.message, hint: conflict.hint },
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
  if (exitCodeFor(diagnostics) !== 0 || !loaded.config)
    return invalid(into.shown, account, diagnostics, "merged");
  return { text: merged.text, diagnostics, changes: merged.changes };
}

export async function runImport(options: ImportOptions, io: CommandIO, deps: LiveDeps = {}): Promise<number> {
  let into: IntoFile | undefined;
  if (options.into !== undefined) {
    const read = readInto(options, io);
    if (typeof read === "number") return read;
    into = read;
  }
  const shown = into?.shown ?? options.out ?? STDOUT_NAME;
  if (options.out !== undefined && !options.force && existsSync(resolvePath(io, options.out))) {
    io.stderr(
      `aideploy import: ${options.out} exists; pass --force to overwrite it, or --into to merge into it\n`,
    );
    return ExitCode.usage;
  }
  let session: LiveSession;
  let subscriptionId: string;
  try {
    session = commandSession(io, deps, {
      armEndpoint: options.armEndpoint,
      subscriptionId: options.subscription,
    });
    subscriptionId = session.connection().subscriptionId;
  } catch (error) {
    return reportConfigFailure("import", io, error);
  }
  const locator = { resourceGroup: options.resourceGroup, accountName: options.account };
  let read: Awaited<ReturnType<typeof readAll>>;
  try {
    read = await session.run(`importing account ${options.account}`, () => readAll(session, locator));
  } catch (error) {
    const failure = describeLiveFailure(error, {
      action: `Reading account ${options.account} in resource group ${options.resourceGroup}`,
    });
    io.stderr(formatText([liveFailureDiagnostic(failure, { file: shown, line: 1, column: 1, path: "" })]));
    return ExitCode.findings;
  }

  const draft = buildImport(
    { subscriptionId, account: read.account, snapshot: read.snapshot },
    options.accountKey === undefined ? {} : { accountKey: options.accountKey },
  );
  const composed = into
    ? composeMerged(draft, into, options.account)
    : composeNew(draft, shown, options.account);
  if (composed.text === undefined) {
    io.stderr(formatText(sortDiagnostics(composed.diagnostics)));
    return ExitCode.findings;
  }
  const destination = into?.path ?? (options.out === undefined ? undefined : resolvePath(io, options.out));
  if (destination === undefined) io.stdout(composed.text);
  else {
    try {
      writeFileAtomically(destination, composed.text);
    } catch (error) {
      io.stderr(`aideploy import: cannot write ${shown}: ${(error as Error).message}\n`);
      return ExitCode.usage;
    }
  }
  io.stderr(formatText(sortDiagnostics(composed.diagnostics)));
  for (const change of composed.changes) io.stderr(`aideploy import: ${change}\n`);
  const counts = [
    `${read.snapshot.deployments.length} deployment(s)`,
    `${Object.keys(draft.value.contentFilters ?? {}).length} content filter(s)`,
    `${read.snapshot.raiBlocklists.length} blocklist(s)`,
  ].join(", ");
  const where = into
    ? ` into ${into.shown} as account "${draft.accountKey}"`
    : options.out
      ? ` into ${options.out}`
      : "";
  io.stderr(`imported ${counts} from account ${read.account.name}${where}\n`);
  return ExitCode.ok;
}

async function readAll(session: LiveSession, locator: { resourceGroup: string; accountName: string }) {
  const client = session.cognitive(session.connection());
  const account = await session.read(`account ${locator.accountName}`, () => getAccount(client, locator));
  const snapshot = await session.read(
    `deployments, content filters and blocklists of ${locator.accountName}`,
    () => readAccountSnapshot(client, locator),
  );
  return { account, snapshot };
}

export function registerImport(program: Command, context: CommandContext, deps: LiveDeps = {}): void {
  program
    .command("import")
    .description(
      "write a deployments file that adopts an existing account's deployments, content filters and blocklists, or merge them into one (--into)",
    )
    .addOption(subscriptionOption(false))
    .requiredOption("--resource-group <name>", "resource group of the account")
    .requiredOption("--account <name>", "name of the Azure AI services account")
    .option("-o, --out <file>", "write the file here instead of printing it")
    .addOption(new Option("--force", "overwrite --out when it exists"))
    .option(
      "--into <file>",
      "merge the account into this existing deployments file (comments and order kept; refuses on a name clash)",
    )
    .option(
      "--account-key <key>",
      "logical key of the account in the file (default: its location, e.g. eastus2)",
    )
    .addOption(armEndpointOption())
    .action((opts: ImportOptions) => {
      context.run((io) => runImport(opts, io, deps));
    });
}
