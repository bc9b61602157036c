/**
 * The live and catalog part of `aideploy validate`, for validate.ts to call once per planned file:
 * - `--live`: availability, retirement and capacity bounds from the regions' live catalogs, and quota
 *   from the regions' usages, counting what the file's deployments already hold in Azure;
 * - otherwise, when `--catalog FILE` is given or catalog/models.json sits next to the deployments file:
 *   availability, retirement and capacity bounds offline (no quota: that needs live data).
 * Also the options every live command shares.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { type Diagnostic, diagnosticAt, sortDiagnostics } from "../../diagnostics/diagnostic";
import type { Plan } from "../../infra/plan";
import { CatalogFormatError, type CatalogModel, catalogModels, readCatalog } from "../../live/catalog";
import { liveCodes } from "../../live/codes";
import { armEndpointVariable, subscriptionVariable } from "../../live/connection";
import { describeLiveFailure, LiveConfigError, liveFailureDiagnostic } from "../../live/errors";
import {
  accountsWithDeployments,
  checkAvailability,
  checkQuota,
  type QuotaCheckEntry,
} from "../../live/preflight";
import {
  type DeploymentRecord,
  listDeployments,
  listLocationModels,
  listLocationUsages,
  type UsageRecord,
} from "../../live/read";
import type { LiveDeps, LiveSession } from "../../live/session";
import type { DesiredAccount } from "../../loader/desired-state";
import { locationKey } from "../../loader/location";
import { parseJsonText } from "../../policies/evaluator";
import type { CommandIO } from "../io";
import { commandSession } from "../live-session";
import { resolvePath } from "../options";

export const DEFAULT_CATALOG = path.join("catalog", "models.json");
export const DEFAULT_RETIREMENT_DAYS = 90;

// ── Options shared by the live commands ─────────────────────────────────────

export function subscriptionOption(fromFile = true): Option {
  const fallback = fromFile
    ? `the file's \`subscription\`, then ${subscriptionVariable}`
    : subscriptionVariable;
  return new Option("--subscription <id>", `Azure subscription id (default: ${fallback})`);
}

export function armEndpointOption(): Option {
  return new Option(
    "--arm-endpoint <url>",
    `Azure Resource Manager endpoint (default: ${armEndpointVariable}, then https://management.azure.com)`,
  );
}

/** The options `validate` adds for live and catalog checks (the lead adds them to the command). */
export function liveValidateOptions(): Option[] {
  return [
    new Option(
      "--live",
      "also check against live Azure: availability, retirement, capacity bounds and quota in each account's region",
    ),
    new Option(
      "--catalog <file>",
      `model catalog for offline availability and retirement checks (default: ${DEFAULT_CATALOG} next to the file, when present)`,
    ),
    new Option("--retirement-days <n>", "warn about model versions retiring within this many days")
      .default(String(DEFAULT_RETIREMENT_DAYS))
      .argParser(checked(parseRetirementDays)),
    new Option("--as-of <date>", "check retirements as of this date (YYYY-MM-DD; default: today)").argParser(
      checked(parseAsOf),
    ),
    subscriptionOption(),
    armEndpointOption(),
  ];
}

/**
 * Reads of live Azure shared by the checks of several environments of one file in one run, so that an
 * account, a region's catalog or its usages are read once, whichever environments name them.
 */
export interface LiveReads {
  catalogs: Map<string, CatalogModel[]>;
  usages: Map<string, UsageRecord[]>;
  deployments: Map<string, DeploymentRecord[]>;
  /** Reads that failed, by the same keys: not retried for the next environment. */
  failed: Set<string>;
}

export function liveReads(): LiveReads {
  return { catalogs: new Map(), usages: new Map(), deployments: new Map(), failed: new Set() };
}

/** What commander passes for liveValidateOptions(), plus what tests inject. */
export interface LiveValidateOptions extends LiveDeps {
  /** Live reads already made in this run (see `liveReads`). */
  reads?: LiveReads;
  live?: boolean;
  catalog?: string;
  retirementDays?: string | number;
  asOf?: string;
  subscription?: string;
  armEndpoint?: string;
}

export interface LiveCheckResult {
  diagnostics: Diagnostic[];
  /** A configuration problem (exit 2): bad option, unreadable catalog, no subscription, bad endpoint. */
  usageError?: string;
}

function parseRetirementDays(value: string | number | undefined): number | string {
  if (value === undefined) return DEFAULT_RETIREMENT_DAYS;
  const days = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(days) || days < 0)
    return `--retirement-days must be a whole number of days, not "${value}"`;
  return days;
}

function parseAsOf(value: string | undefined): Date | string | undefined {
  if (value === undefined) return undefined;
  // A calendar date (or an ISO date-time), nothing looser: `Date.parse` also takes "1" or "Dec 2".
  const iso = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
  const time = iso.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) ? new Date(time) : `--as-of must be a date such as 2026-11-24, not "${value}"`;
}

/** An option value checked where commander reads it: a bad value is a usage error before any work. */
function checked(parse: (value: string) => unknown): (value: string) => string {
  return (value) => {
    const parsed = parse(value);
    if (typeof parsed === "string") throw new InvalidArgumentError(parsed);
    return value;
  };
}

function accountLocation(account: DesiredAccount): string | undefined {
  return account.location === undefined ? undefined : locationKey(account.location);
}

/** Live, offline (catalog) or no checks, as the options and files say. */
export async function runLiveChecks(
  plan: Plan,
  options: LiveValidateOptions,
  io: CommandIO,
): Promise<LiveCheckResult> {
  const retirementDays = parseRetirementDays(options.retirementDays);
  if (typeof retirementDays === "string") return { diagnostics: [], usageError: retirementDays };
  const asOf = parseAsOf(options.asOf);
  if (typeof asOf === "string") return { diagnostics: [], usageError: asOf };
  const now = asOf ?? options.now?.() ?? new Date();
  const result = options.live
    ? await liveChecks(plan, options, io, now, retirementDays)
    : catalogChecks(plan, options, io, now, retirementDays);
  return { ...result, diagnostics: sortDiagnostics(result.diagnostics) };
}

// ── Offline, from a catalog file ────────────────────────────────────────────

function catalogChecks(
  plan: Plan,
  options: LiveValidateOptions,
  io: CommandIO,
  now: Date,
  retirementDays: number,
): LiveCheckResult {
  const explicit = options.catalog !== undefined;
  const shown = options.catalog ?? path.join(path.dirname(plan.loaded.file), DEFAULT_CATALOG);
  const file = resolvePath(io, shown);
  if (!existsSync(file)) {
    return explicit ? { diagnostics: [], usageError: `${shown}: no such catalog file` } : { diagnostics: [] };
  }
  let catalog: ReturnType<typeof readCatalog>;
  try {
    catalog = readCatalog(parseJsonText(readFileSync(file, "utf8")));
  } catch (error) {
    const reason = error instanceof CatalogFormatError ? error.message : (error as Error).message;
    return { diagnostics: [], usageError: `${shown}: not a model catalog: ${reason}` };
  }
  const catalogLabel = `${shown.split(path.sep).join("/")}, generated ${catalog.generatedAt.slice(0, 10)}`;
  const diagnostics: Diagnostic[] = [];
  const { state } = plan;
  for (const account of accountsWithDeployments(state.accounts, state.deployments)) {
    const location = accountLocation(account);
    const models = location === undefined ? undefined : catalog.locations[location]?.models;
    if (location === undefined || models === undefined) {
      const reason =
        location === undefined
          ? `account ${account.key} declares no location`
          : `${catalogLabel} has no data for ${location}`;
      diagnostics.push(
        diagnosticAt(account.source, {
          code: "live/catalog-not-applicable",
          severity: liveCodes["live/catalog-not-applicable"].severity,
          message: `catalog checks skipped for account ${account.key}: ${reason}`,
          hint: liveCodes["live/catalog-not-applicable"].hint,
        }),
      );
      continue;
    }
    for (const deployment of state.deployments.filter((candidate) => candidate.accountKey === account.key)) {
      diagnostics.push(
        ...checkAvailability(deployment, location, models, { now, retirementDays, catalogLabel }),
      );
    }
  }
  return { diagnostics };
}

// ── Live ────────────────────────────────────────────────────────────────────

async function liveChecks(
  plan: Plan,
  options: LiveValidateOptions,
  io: CommandIO,
  now: Date,
  retirementDays: number,
): Promise<LiveCheckResult> {
  const { state } = plan;
  let session: LiveSession;
  try {
    session = commandSession(io, options, {
      armEndpoint: options.armEndpoint,
      subscriptionId: options.subscription,
    });
  } catch (error) {
    return { diagnostics: [], usageError: describeLiveFailure(error).message };
  }
  const diagnostics: Diagnostic[] = [];
  const accounts: { account: DesiredAccount; location: string; subscriptionId: string }[] = [];
  for (const account of accountsWithDeployments(state.accounts, state.deployments)) {
    const location = accountLocation(account);
    if (location === undefined) {
      diagnostics.push(
        diagnosticAt(account.source, {
          code: "live/location-missing",
          severity: liveCodes["live/location-missing"].severity,
          message: `account ${account.key} declares no location: availability and quota cannot be checked`,
          hint: liveCodes["live/location-missing"].hint,
        }),
      );
      continue;
    }
    try {
      const connection = session.connection(account.subscription ?? state.subscription);
      accounts.push({ account, location, subscriptionId: connection.subscriptionId });
    } catch (error) {
      if (error instanceof LiveConfigError)
        return { diagnostics: [], usageError: describeLiveFailure(error).message };
      throw error;
    }
  }

  const reads = options.reads ?? liveReads();
  const { catalogs, usages } = reads;
  const failedAt = (account: DesiredAccount, action: string, error: unknown) =>
    diagnostics.push(liveFailureDiagnostic(describeLiveFailure(error, { action }), account.source));
  const deploymentsKey = (account: DesiredAccount, subscriptionId: string) =>
    [subscriptionId, account.resourceGroup, account.name].join("|").toLowerCase();

  await session.run("checking live Azure", async () => {
    for (const { account, location, subscriptionId } of accounts) {
      const client = session.cognitive(session.connection(subscriptionId));
      const catalogKey = `catalog|${location}`;
      if (!catalogs.has(location) && !reads.failed.has(catalogKey)) {
        try {
          const records = await session.read(`model catalog of ${location}`, () =>
            listLocationModels(client, location),
          );
          catalogs.set(location, catalogModels(records));
        } catch (error) {
          reads.failed.add(catalogKey);
          failedAt(account, `Reading the model catalog of ${location}`, error);
        }
      }
      const usageKey = `${subscriptionId.toLowerCase()}|${location}`;
      if (!usages.has(usageKey) && !reads.failed.has(`usages|${usageKey}`)) {
        try {
          usages.set(
            usageKey,
            await session.read(`quota usages of ${location}`, () => listLocationUsages(client, location)),
          );
        } catch (error) {
          reads.failed.add(`usages|${usageKey}`);
          failedAt(account, `Reading the quota usages of ${location}`, error);
        }
      }
      const key = deploymentsKey(account, subscriptionId);
      if (reads.deployments.has(key) || reads.failed.has(`deployments|${key}`)) continue;
      try {
        const locator = { resourceGroup: account.resourceGroup, accountName: account.name };
        reads.deployments.set(
          key,
          await session.read(`deployments of ${account.name}`, () => listDeployments(client, locator)),
        );
      } catch (error) {
        const failure = describeLiveFailure(error, {
          action: `Reading the deployments of account ${account.name}`,
        });
        // An account the file creates may not exist yet: it holds nothing.
        if (failure.code === "live/not-found" && account.create) reads.deployments.set(key, []);
        else {
          reads.failed.add(`deployments|${key}`);
          diagnostics.push(liveFailureDiagnostic(failure, account.source));
        }
      }
    }
  });

  const quotaEntries: QuotaCheckEntry[] = [];
  for (const { account, location, subscriptionId } of accounts) {
    const models = catalogs.get(location);
    if (!models) continue;
    if (models.length === 0) {
      // Every region Azure serves has models: an empty catalog means a region name Azure does not know.
      diagnostics.push(
        diagnosticAt(account.source, {
          code: "live/model-unavailable",
          severity: liveCodes["live/model-unavailable"].severity,
          message: `Azure lists no models in ${location}, the location of account ${account.key}: check the region name`,
          hint: "Use the region's name as `az account list-locations --query [].name` prints it, e.g. eastus2.",
        }),
      );
      continue;
    }
    const existing = reads.deployments.get(deploymentsKey(account, subscriptionId));
    for (const deployment of state.deployments.filter((candidate) => candidate.accountKey === account.key)) {
      diagnostics.push(
        ...checkAvailability(deployment, location, models, {
          now,
          retirementDays,
          catalogLabel: "live catalog",
        }),
      );
      // Without the account's live deployments the quota cannot be computed fairly.
      if (!existing) continue;
      const entry: QuotaCheckEntry = { deployment, subscriptionId, location, models };
      const live = existing.find(
        (candidate) => candidate.name.toLowerCase() === deployment.name.toLowerCase(),
      );
      if (live) entry.live = live;
      quotaEntries.push(entry);
    }
  }
  diagnostics.push(
    ...checkQuota({
      entries: quotaEntries,
      usages: (subscriptionId, location) => usages.get(`${subscriptionId.toLowerCase()}|${location}`),
    }),
  );
  return { diagnostics };
}
