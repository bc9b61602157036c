/**
 * `aideploy policy pull --scope <subscription or resource group id> [--out DIR]`: downloads the Azure
 * Policy assignments in force at the scope, with their definitions, initiatives and the initiatives'
 * member definitions, one JSON file each in Azure's shape, into policies/azure/ (default), which
 * `validate`, `plan` and the policy pack enforce. A pull replaces or removes only the files an earlier
 * pull wrote (listed in DIR/pull-manifest.yaml); files written by hand are kept and listed, and a pulled
 * file whose name is taken by one of them stops the pull (exit 2, nothing written).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { type Diagnostic, diagnosticAt } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { liveCodes } from "../../live/codes";
import { describeLiveFailure, liveFailureDiagnostic } from "../../live/errors";
import {
  type LocalPolicyFile,
  type PolicyScope,
  PULL_MANIFEST,
  type PullConflict,
  type PulledPolicies,
  type PullManifest,
  type PullWritePlan,
  parsePolicyScope,
  parsePullManifest,
  planPullWrites,
  pulledFolders,
  pullPolicies,
  serializePullManifest,
} from "../../live/policy-pull";
import type { LiveDeps, LiveSession } from "../../live/session";
import { AZURE_POLICY_DIR } from "../../policies/check-plan";
import { writeFileAtomically } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import { commandSession, reportConfigFailure } from "../live-session";
import { resolvePath } from "../options";
import type { CommandContext } from "../program";
import { armEndpointOption } from "./validate-live";

export interface PolicyPullOptions {
  scope: string;
  out?: string;
  armEndpoint?: string;
}

/** The `.json` files in the pulled folders and the manifest of the last pull, as they are on disk. */
function readLocal(dir: string, shown: string): { files: LocalPolicyFile[]; manifest?: PullManifest } {
  const files: LocalPolicyFile[] = [];
  for (const folder of Object.values(pulledFolders)) {
    const full = path.join(dir, folder);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full).sort()) {
      if (!entry.toLowerCase().endsWith(".json")) continue;
      files.push({ file: `${folder}/${entry}`, content: readFileSync(path.join(full, entry), "utf8") });
    }
  }
  const manifestPath = path.join(dir, PULL_MANIFEST);
  if (!existsSync(manifestPath)) return { files };
  const manifest = parsePullManifest(readFileSync(manifestPath, "utf8"), path.join(shown, PULL_MANIFEST));
  return { files, manifest };
}

function writePulled(dir: string, plan: PullWritePlan): void {
  for (const { file, text } of plan.write) writeFileAtomically(path.join(dir, ...file.split("/")), text);
  for (const file of plan.remove) rmSync(path.join(dir, ...file.split("/")));
  writeFileAtomically(path.join(dir, PULL_MANIFEST), serializePullManifest(plan.manifest));
}

function conflictLine(out: string, conflict: PullConflict): string {
  const file = path.join(out, ...conflict.file.split("/"));
  return conflict.reason === "changed"
    ? `  ${file}: written by an earlier pull and edited since`
    : `  ${file}: not written by \`aideploy policy pull\``;
}

export async function runPolicyPull(
  options: PolicyPullOptions,
  io: CommandIO,
  deps: LiveDeps = {},
): Promise<number> {
  const out = options.out ?? AZURE_POLICY_DIR;
  let scope: PolicyScope;
  let session: LiveSession;
  try {
    scope = parsePolicyScope(options.scope);
    session = commandSession(io, deps, {
      armEndpoint: options.armEndpoint,
      subscriptionId: scope.subscriptionId,
    });
    session.connection();
  } catch (error) {
    return reportConfigFailure("policy pull", io, error);
  }
  const dir = resolvePath(io, out);
  let local: ReturnType<typeof readLocal>;
  try {
    local = readLocal(dir, out);
  } catch (error) {
    return reportConfigFailure("policy pull", io, error);
  }
  let pulled: PulledPolicies;
  try {
    pulled = await session.run(`pulling Azure Policy at ${scope.id}`, () =>
      pullPolicies(session.policy(session.connection()), scope, {
        read: (label, operation) => session.read(label, operation),
      }),
    );
  } catch (error) {
    const failure = describeLiveFailure(error, {
      action: `Reading the Azure Policy in force at ${scope.id}`,
    });
    io.stderr(formatText([liveFailureDiagnostic(failure, { file: out, line: 1, column: 1, path: "" })]));
    io.stderr(`aideploy policy pull: nothing was written to ${out}\n`);
    return ExitCode.findings;
  }
  const plan = planPullWrites(pulled, scope.id, local.files, local.manifest);
  if (plan.conflicts.length > 0) {
    const lines = [
      `aideploy policy pull: nothing was written: ${plan.conflicts.length} file(s) the pull would overwrite are not the pull's own:`,
      ...plan.conflicts.map((conflict) => conflictLine(out, conflict)),
      `Rename or move them (a pull never overwrites a file it did not write, listed in ${path.join(out, PULL_MANIFEST)}), then pull again.`,
    ];
    io.stderr(`${lines.join("\n")}\n`);
    return ExitCode.usage;
  }
  try {
    writePulled(dir, plan);
  } catch (error) {
    io.stderr(`aideploy policy pull: cannot write ${out}: ${(error as Error).message}\n`);
    return ExitCode.usage;
  }
  const written = plan.write.length;
  const removed = plan.remove;
  const diagnostics: Diagnostic[] = pulled.warnings.map((warning) =>
    diagnosticAt(
      { file: path.join(out, ...warning.file.split("/")), line: 1, column: 1, path: "" },
      {
        code: "live/policy-not-evaluated",
        severity: liveCodes["live/policy-not-evaluated"].severity,
        message: warning.message,
        hint: liveCodes["live/policy-not-evaluated"].hint,
      },
    ),
  );
  if (diagnostics.length > 0) io.stderr(formatText(diagnostics));
  const assignments = pulled.documents.filter((document) => document.kind === "assignment").length;
  const lines = [
    `pulled ${assignments} assignment(s) in force at ${scope.id} and ${written - assignments} definition(s) and initiative(s) into ${out}`,
  ];
  if (pulled.excluded.length > 0) {
    lines.push(`skipped ${pulled.excluded.length} assignment(s) whose notScopes exclude ${scope.id}`);
  }
  if (removed.length > 0)
    lines.push(`removed ${removed.length} file(s) Azure no longer has: ${removed.join(", ")}`);
  if (plan.kept.length > 0) {
    lines.push(`kept ${plan.kept.length} file(s) no pull wrote: ${plan.kept.join(", ")}`);
  }
  if (plan.keptChanged.length > 0) {
    lines.push(
      `kept ${plan.keptChanged.length} pulled file(s) edited since the last pull, which Azure no longer has: ${plan.keptChanged.join(", ")}`,
    );
  }
  io.stderr(`${lines.join("\n")}\n`);
  return ExitCode.ok;
}

/** Adds `pull` under the `policy` command (created when no other subcommand has created it yet). */
export function registerPolicyPull(program: Command, context: CommandContext, deps: LiveDeps = {}): void {
  const policy =
    program.commands.find((command) => command.name() === "policy") ??
    program
      .command("policy")
      .description("evaluate Azure Policy definitions and pull the ones assigned in Azure");
  policy
    .command("pull")
    .description(
      "download the Azure Policy assignments in force at a scope, with their definitions; files written by hand are kept",
    )
    .requiredOption("--scope <id>", "subscription (/subscriptions/<id>) or resource group id")
    .option("-o, --out <dir>", `output directory (default: ${AZURE_POLICY_DIR})`)
    .addOption(armEndpointOption())
    .action((opts: PolicyPullOptions) => {
      context.run((io) => runPolicyPull(opts, io, deps));
    });
}
