/**
 * `aideploy import --subscription S --resource-group RG --account NAME [--out FILE]`: writes a
 * deployments file describing an existing account's deployments, content filters and blocklists, each
 * with its ARM id under `import:`. The file is validated before it is written; it is not written (exit 1)
 * when it would not validate. Exit 2 for configuration problems.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { type Command, Option } from "commander";
import { type Diagnostic, diagnosticAt, exitCodeFor, sortDiagnostics } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { planLoaded } from "../../infra/plan";
import { liveCheckInfo } from "../../live/codes";
import { describeLiveFailure, liveFailureDiagnostic } from "../../live/errors";
import { buildImport, deploymentNotes, type ImportNote, renderImport } from "../../live/import";
import { getAccount, readAccountSnapshot } from "../../live/read";
import type { LiveDeps, LiveSession } from "../../live/session";
import { loadDeploymentsText } from "../../loader/load";
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
  force?: boolean;
  armEndpoint?: string;
}

const STDOUT_NAME = "<stdout>";

function fileLevel(
  file: string,
  diagnostic: Omit<Diagnostic, "file" | "line" | "column" | "path">,
): Diagnostic {
  return diagnosticAt({ file, line: 1, column: 1, path: "" }, diagnostic);
}

export async function runImport(options: ImportOptions, io: CommandIO, deps: LiveDeps = {}): Promise<number> {
  const shown = options.out ?? STDOUT_NAME;
  if (options.out !== undefined && !options.force && existsSync(resolvePath(io, options.out))) {
    io.stderr(`aideploy import: ${options.out} exists; pass --force to overwrite it\n`);
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

  const draft = buildImport({ subscriptionId, account: read.account, snapshot: read.snapshot });
  const first = loadDeploymentsText(shown, renderImport(draft));
  const planned = planLoaded(first, undefined);
  if (planned.ok) draft.notes.push(...deploymentNotes(draft, planned.plan));
  const text = renderImport(draft);
  const loaded = loadDeploymentsText(shown, text);
  const locate = (note: ImportNote) =>
    loaded.document?.locate(note.docPath, { key: typeof note.docPath.at(-1) === "string" }) ?? {
      file: shown,
      line: 1,
      column: 1,
      path: "",
    };
  const diagnostics: Diagnostic[] = [
    ...draft.notes.map((note) =>
      diagnosticAt(locate(note), {
        code: "live/import-unexpressible",
        severity: note.severity,
        message: note.message,
        hint: liveCheckInfo["live/import-unexpressible"].hint,
      }),
    ),
    ...loaded.diagnostics,
  ];
  if (exitCodeFor(diagnostics) !== 0 || !loaded.config) {
    diagnostics.push(
      fileLevel(shown, {
        code: "live/import-invalid",
        severity: "error",
        message: `the imported file for account ${options.account} does not validate, so it was not written`,
        hint: liveCheckInfo["live/import-invalid"].hint,
      }),
    );
    io.stderr(formatText(sortDiagnostics(diagnostics)));
    return ExitCode.findings;
  }
  if (options.out === undefined) io.stdout(text);
  else {
    const target = resolvePath(io, options.out);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  io.stderr(formatText(sortDiagnostics(diagnostics)));
  const counts = [
    `${read.snapshot.deployments.length} deployment(s)`,
    `${Object.keys(draft.value.contentFilters ?? {}).length} content filter(s)`,
    `${read.snapshot.raiBlocklists.length} blocklist(s)`,
  ].join(", ");
  io.stderr(
    `imported ${counts} from account ${read.account.name}${options.out ? ` into ${options.out}` : ""}\n`,
  );
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
      "write a deployments file that adopts an existing account's deployments, content filters and blocklists",
    )
    .addOption(subscriptionOption(false))
    .requiredOption("--resource-group <name>", "resource group of the account")
    .requiredOption("--account <name>", "name of the Azure AI services account")
    .option("-o, --out <file>", "write the file here instead of printing it")
    .addOption(new Option("--force", "overwrite --out when it exists"))
    .addOption(armEndpointOption())
    .action((opts: ImportOptions) => {
      context.run((io) => runImport(opts, io, deps));
    });
}
