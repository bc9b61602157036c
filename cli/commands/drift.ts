/**
 * `aideploy drift [FILE] [--env NAME] [--format text|md|json]`: live versus declared for every account of
 * the file, the account's own settings included (drift for `create: true`, information otherwise). Exit 0 without drift, 1 with drift or when an account could not be read (its diagnostics say
 * so), 2 for configuration problems (file, environment, subscription, endpoint).
 */
import type { Command } from "commander";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { planFile } from "../../infra/plan";
import { type AccountLiveState, computeDrift } from "../../live/drift";
import { describeLiveFailure, liveFailureDiagnostic } from "../../live/errors";
import { getAccount, readAccountSnapshot } from "../../live/read";
import type { LiveDeps, LiveSession } from "../../live/session";
import { type DriftFormat, driftFormatters } from "../../reports/drift";
import { formatNames } from "../../reports/formatter";
import { type CommandIO, ExitCode } from "../io";
import { commandSession, reportConfigFailure } from "../live-session";
import { DEFAULT_FILE, envOption, formatOption, resolvePath } from "../options";
import type { CommandContext } from "../program";
import { armEndpointOption, subscriptionOption } from "./validate-live";

export interface DriftOptions {
  file: string;
  env?: string;
  format: DriftFormat;
  subscription?: string;
  armEndpoint?: string;
}

export async function runDrift(options: DriftOptions, io: CommandIO, deps: LiveDeps = {}): Promise<number> {
  const planned = planFile(resolvePath(io, options.file), options.file, options.env);
  if (!planned.ok) {
    io.stderr(formatText(planned.diagnostics));
    // The declared side cannot be built: a configuration problem of the file, not drift.
    if (!planned.unreadable)
      io.stderr("aideploy drift: the file has errors; fix them before comparing it with Azure\n");
    return ExitCode.usage;
  }
  const { plan } = planned;
  let session: LiveSession;
  const subscriptions = new Map<string, string>();
  try {
    session = commandSession(io, deps, {
      armEndpoint: options.armEndpoint,
      subscriptionId: options.subscription,
    });
    for (const account of plan.state.accounts) {
      const connection = session.connection(account.subscription ?? plan.state.subscription);
      subscriptions.set(account.key, connection.subscriptionId);
    }
  } catch (error) {
    return reportConfigFailure("drift", io, error);
  }

  const live = new Map<string, AccountLiveState>();
  const diagnostics: Diagnostic[] = [];
  await session.run("comparing with live Azure", async () => {
    for (const account of plan.state.accounts) {
      const connection = session.connection(subscriptions.get(account.key));
      const client = session.cognitive(connection);
      const locator = { resourceGroup: account.resourceGroup, accountName: account.name };
      try {
        const record = await session.read(`account ${account.name}`, () => getAccount(client, locator));
        const snapshot = await session.read(`resources of ${account.name}`, () =>
          readAccountSnapshot(client, locator),
        );
        live.set(account.key, { status: "read", snapshot, account: record });
      } catch (error) {
        const failure = describeLiveFailure(error, { action: `Reading account ${account.name}` });
        // 404 for the account (or its resource group): the account does not exist, so nothing it holds does.
        if (failure.code === "live/not-found") {
          live.set(account.key, { status: "missing" });
          continue;
        }
        live.set(account.key, { status: "error", failure });
        diagnostics.push(
          liveFailureDiagnostic(
            { ...failure, message: `drift unknown for account ${account.key}: ${failure.message}` },
            account.source,
          ),
        );
      }
    }
  });
  const report = computeDrift({ state: plan.state, graph: plan.graph, live, subscriptions });
  io.stdout(driftFormatters[options.format](report));
  if (diagnostics.length > 0) io.stderr(formatText(diagnostics));
  return report.summary.total > 0 || diagnostics.length > 0 ? ExitCode.findings : ExitCode.ok;
}

export function registerDrift(program: Command, context: CommandContext, deps: LiveDeps = {}): void {
  program
    .command("drift")
    .description("compare live Azure with the file: missing, unmanaged, changed and upgraded resources")
    .argument("[file]", "deployments file", DEFAULT_FILE)
    .addOption(envOption())
    .addOption(formatOption(formatNames(driftFormatters), "text"))
    .addOption(subscriptionOption())
    .addOption(armEndpointOption())
    .action(
      (
        file: string,
        opts: { env?: string; format: DriftFormat; subscription?: string; armEndpoint?: string },
      ) => {
        context.run((io) => runDrift({ ...opts, file }, io, deps));
      },
    );
}
