/**
 * `aideploy policy pull --scope <subscription or resource group id> [--out DIR]`: downloads the Azure
 * Policy assignments in force at the scope, with their definitions, initiatives and the initiatives'
 * member definitions, one JSON file each in Azure's shape, into policies/azure/ (default), which
 * `validate`, `plan` and the policy pack enforce. Pull owns `assignments/`, `definitions/` and
 * `initiatives/` under DIR: files there that Azure no longer has are removed.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { type Diagnostic, diagnosticAt } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { liveCheckInfo } from "../../live/codes";
import { describeLiveFailure, liveFailureDiagnostic } from "../../live/errors";
import {
  type PolicyScope,
  type PulledPolicies,
  parsePolicyScope,
  pulledFolders,
  pullPolicies,
  serializePolicyDocument,
} from "../../live/policy-pull";
import type { LiveDeps, LiveSession } from "../../live/session";
import { AZURE_POLICY_DIR } from "../../policies/check-plan";
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

function writePulled(dir: string, pulled: PulledPolicies): { written: number; removed: string[] } {
  const keep = new Set(pulled.documents.map((document) => document.file));
  const removed: string[] = [];
  for (const folder of Object.values(pulledFolders)) {
    const full = path.join(dir, folder);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full).sort()) {
      const relative = `${folder}/${entry}`;
      if (!entry.toLowerCase().endsWith(".json") || keep.has(relative)) continue;
      rmSync(path.join(full, entry));
      removed.push(relative);
    }
  }
  for (const document of pulled.documents) {
    const target = path.join(dir, ...document.file.split("/"));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, serializePolicyDocument(document));
  }
  return { written: pulled.documents.length, removed };
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
  const { written, removed } = writePulled(resolvePath(io, out), pulled);
  const diagnostics: Diagnostic[] = pulled.warnings.map((warning) =>
    diagnosticAt(
      { file: path.join(out, ...warning.file.split("/")), line: 1, column: 1, path: "" },
      {
        code: "live/policy-not-evaluated",
        severity: liveCheckInfo["live/policy-not-evaluated"].severity,
        message: warning.message,
        hint: liveCheckInfo["live/policy-not-evaluated"].hint,
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
    .description("download the Azure Policy assignments in force at a scope, with their definitions")
    .requiredOption("--scope <id>", "subscription (/subscriptions/<id>) or resource group id")
    .option("-o, --out <dir>", `output directory (default: ${AZURE_POLICY_DIR})`)
    .addOption(armEndpointOption())
    .action((opts: PolicyPullOptions) => {
      context.run((io) => runPolicyPull(opts, io, deps));
    });
}
