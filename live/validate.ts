/**
 * `aideploy validate`'s use case (`validateFile`): a file's findings as written and in each environment
 * it declares: reading and semantic checks, policies, and the model checks, once per planned environment:
 * - live (`--live`): availability, retirement and capacity bounds from the regions' live catalogs, and
 *   quota from the regions' usages, counting what the file's deployments already hold in Azure;
 * - otherwise, from a catalog file (`--catalog FILE`, else catalog/models.json beside the deployments
 *   file, else the catalog shipped with aideploy): the same checks offline, with the catalog's own
 *   knowledge of what is unknown (no quota: that needs live data).
 * A configuration problem (unreadable catalog, no subscription, bad endpoint) is a UsageError naming the
 * deployments file.
 */
import * as path from "node:path";
import { type ModelCatalog, readModelCatalog } from "../catalog/model-catalog";
import {
  type Diagnostic,
  type EnvironmentFindings,
  mergeEnvironmentFindings,
  sortDiagnostics,
} from "../diagnostics/diagnostic";
import { UsageError } from "../diagnostics/failure";
import { type Plan, planLoaded } from "../infra/plan";
import { CATALOG_BESIDE_FILE, catalogFor } from "../loader/catalog-file";
import type { DesiredAccount } from "../loader/desired-state";
import { chooseEnvironment } from "../loader/environment";
import { type LoadedFile, loadDeploymentsFile } from "../loader/load";
import { locationKey } from "../loader/location";
import { checkPlanPolicies, type PolicyInputs } from "../policies/check-plan";
import { catalogFromArm } from "./catalog";
import { type CatalogCheckSettings, checkAgainstCatalog, checkCatalogAge } from "./catalog-checks";
import { fileStart, liveDiagnostic } from "./codes";
import type { LiveContext, LiveOutcome } from "./context";
import { describeLiveFailure, type LiveFailure, liveFailureDiagnostic, resolveSettings } from "./errors";
import { accountsWithDeployments, checkQuota, type QuotaCheckEntry } from "./preflight";
import {
  type CatalogModelRecord,
  type DeploymentRecord,
  listDeployments,
  listLocationModels,
  listLocationUsages,
  type UsageRecord,
} from "./read";
import { LiveSession } from "./session";

/** Where `catalog refresh` writes, and where validate looks beside the deployments file. */
export const DEFAULT_CATALOG = CATALOG_BESIDE_FILE;
export const DEFAULT_RETIREMENT_DAYS = 90;

/**
 * Reads of live Azure shared by the checks of several environments of one file in one run, so that an
 * account, a region's catalog or its usages are read once, whichever environments name them.
 */
export interface LiveReads {
  /** Per region: the models as ARM lists them (for quota) and as a catalog (for the catalog checks). */
  catalogs: Map<string, { records: CatalogModelRecord[]; catalog: ModelCatalog }>;
  usages: Map<string, UsageRecord[]>;
  deployments: Map<string, DeploymentRecord[]>;
  /** Reads that failed, by the same keys: not retried for the next environment. */
  failed: Set<string>;
}

export function liveReads(): LiveReads {
  return { catalogs: new Map(), usages: new Map(), deployments: new Map(), failed: new Set() };
}

export interface ModelCheckOptions {
  /** Check against live Azure; else against a catalog file. */
  live?: boolean;
  /** `--catalog`: the catalog file, relative to the context's directory (default: beside the file, else shipped). */
  catalog?: string;
  /** Warn about retirements within this many days (default 90). */
  retirementDays?: number;
  /** Check retirements as of this date (default: the context's clock, else now). */
  asOf?: Date;
  /** Live reads already made in this run (see `liveReads`). */
  reads?: LiveReads;
}

export interface FileValidation {
  /** The deployments file as the user named it, relative to the context's directory. */
  file: string;
  /** `--env`: check only this environment (default: the file as written and every environment). */
  env?: string | undefined;
  /** The policies to check the file against; read once, when the file plans. */
  policyInputs: () => PolicyInputs;
  models: Omit<ModelCheckOptions, "reads">;
  /** `--max-file-size`: the largest file read, in bytes (default: the loader's). */
  maxFileBytes?: number | undefined;
}

/**
 * What to check of a file: the environment asked for, or else the file as written and every
 * environment it declares (an environment's overrides can break what the file as written keeps).
 */
function environmentsToCheck(
  file: string,
  loaded: LoadedFile,
  requested: string | undefined,
): (string | null)[] {
  const config = loaded.config;
  if (!config) return [];
  if (requested !== undefined) {
    const choice = chooseEnvironment(config, requested);
    if (!choice.ok) throw new UsageError(`${file}: ${choice.message}`);
    return [choice.name];
  }
  return [null, ...Object.keys(config.environments ?? {})];
}

/**
 * A file's findings: those of reading it, then, for the file as written and each environment, those of
 * the policies and the model checks, each listed once with the environments it holds in. Live reads are
 * shared by the environments. `unreadable`: the file could not be read at all.
 */
export async function validateFile(
  request: FileValidation,
  context: LiveContext,
): Promise<LiveOutcome<{ unreadable: boolean }>> {
  const { file } = request;
  const at = path.resolve(context.cwd, file);
  // The catalog `--catalog` names sizes the deployments too (capacity units and bounds), not only the
  // model checks: one catalog for the whole run.
  const catalog =
    request.models.catalog === undefined || request.models.live
      ? undefined
      : catalogNamed(file, request.models.catalog, context.cwd);
  const loaded = loadDeploymentsFile(at, file, catalog, request.maxFileBytes);
  const environments = environmentsToCheck(file, loaded, request.env);
  const runs: EnvironmentFindings[] = [];
  const models = { ...request.models, reads: liveReads() };
  let setup: PolicyInputs | undefined;
  for (const environment of environments) {
    const planned = planLoaded(loaded, environment ?? undefined);
    if (!planned.ok) break;
    setup ??= request.policyInputs();
    // The catalog checks run offline from a catalog file, or against each region's live catalog with --live.
    const checked = await checkModels(planned.plan, models, context);
    runs.push({
      environment,
      diagnostics: [...checkPlanPolicies(planned.plan, setup).diagnostics, ...checked.diagnostics],
    });
  }
  return {
    result: { unreadable: loaded.ioError },
    diagnostics: [...loaded.diagnostics, ...mergeEnvironmentFindings(runs)],
  };
}

/** The date retirements are checked at, and how far ahead they are reported. */
export interface CheckSettings {
  now: Date;
  retirementDays: number;
}

function catalogSettings(plan: Plan, settings: CheckSettings): CatalogCheckSettings {
  return { asOf: settings.now, retirementDays: settings.retirementDays, protect: plan.state.protect };
}

/** The checks of the models a plan deploys: against live Azure with `live`, else against a catalog file. */
export async function checkModels(
  plan: Plan,
  options: ModelCheckOptions,
  context: LiveContext,
): Promise<{ diagnostics: Diagnostic[] }> {
  const settings: CheckSettings = {
    now: options.asOf ?? context.now?.() ?? new Date(),
    retirementDays: options.retirementDays ?? DEFAULT_RETIREMENT_DAYS,
  };
  const diagnostics = options.live
    ? await checkLive(plan, settings, options.reads ?? liveReads(), context)
    : checkCatalog(plan, settings, options.catalog, context);
  return { diagnostics: sortDiagnostics(diagnostics) };
}

function accountLocation(account: DesiredAccount): string | undefined {
  return account.location === undefined ? undefined : locationKey(account.location);
}

function deploymentsOf(plan: Plan, account: DesiredAccount) {
  return plan.state.deployments.filter((deployment) => deployment.accountKey === account.key);
}

// ── Offline, from a catalog file ────────────────────────────────────────────

/** The catalog for a deployments file; a catalog that cannot be used is a UsageError naming both. */
function catalogNamed(file: string, catalog: string | undefined, cwd: string): ModelCatalog {
  try {
    return catalogFor(file, catalog, cwd);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

export function checkCatalog(
  plan: Plan,
  settings: CheckSettings,
  catalogFile: string | undefined,
  context: LiveContext,
): Diagnostic[] {
  const catalog = catalogNamed(plan.loaded.file, catalogFile, context.cwd);
  const view = { catalog, authoritative: false };
  const checks = catalogSettings(plan, settings);
  const diagnostics: Diagnostic[] = checkCatalogAge(catalog, settings.now, fileStart(plan.loaded.file));
  for (const account of accountsWithDeployments(plan.state.accounts, plan.state.deployments)) {
    const location = accountLocation(account);
    if (location === undefined) {
      diagnostics.push(
        liveDiagnostic("live/catalog-not-applicable", account.source, {
          message: `account ${account.key} declares no location: whether its region offers the deployment types is not checked`,
        }),
      );
    }
    for (const deployment of deploymentsOf(plan, account)) {
      diagnostics.push(...checkAgainstCatalog({ deployment, location }, view, checks));
    }
  }
  return diagnostics;
}

// ── Live ────────────────────────────────────────────────────────────────────

interface CheckedAccount {
  account: DesiredAccount;
  location: string;
  subscriptionId: string;
}

const usageKey = (subscriptionId: string, location: string) => `${subscriptionId.toLowerCase()}|${location}`;
const deploymentsKey = ({ account, subscriptionId }: CheckedAccount) =>
  [subscriptionId, account.resourceGroup, account.name].join("|").toLowerCase();

export async function checkLive(
  plan: Plan,
  settings: CheckSettings,
  reads: LiveReads,
  context: LiveContext,
): Promise<Diagnostic[]> {
  // validate names the file a setting comes from, and says only what is wrong (one line).
  const configured = <T>(resolve: () => T) =>
    resolveSettings(resolve, (failure: LiveFailure) => `${plan.loaded.file}: ${failure.message}`);
  const session = configured(() => new LiveSession(context));
  const diagnostics: Diagnostic[] = [];
  const accounts: CheckedAccount[] = [];
  for (const account of accountsWithDeployments(plan.state.accounts, plan.state.deployments)) {
    const location = accountLocation(account);
    if (location === undefined) {
      diagnostics.push(
        liveDiagnostic("live/location-missing", account.source, {
          message: `account ${account.key} declares no location: availability and quota cannot be checked`,
        }),
      );
      continue;
    }
    const connection = configured(() => session.connection(account.subscription ?? plan.state.subscription));
    accounts.push({ account, location, subscriptionId: connection.subscriptionId });
  }
  await session.run("checking live Azure", async () => {
    for (const checked of accounts) diagnostics.push(...(await readForChecks(session, checked, reads)));
  });
  diagnostics.push(...liveFindings(plan, accounts, reads, settings));
  return diagnostics;
}

/** A region's live catalog: the records ARM lists, and the same as a catalog named after the region. */
function liveCatalog(
  location: string,
  records: CatalogModelRecord[],
  session: LiveSession,
  apiVersion: string,
) {
  const generatedAt = session.now().toISOString().slice(0, 10);
  const { catalog } = catalogFromArm([{ location, models: records }], { generatedAt, apiVersion });
  return { records, catalog: readModelCatalog(catalog, location, `live catalog of ${location}`) };
}

/** The region's catalog and usages and the account's deployments, unless this run has read them. */
async function readForChecks(session: LiveSession, checked: CheckedAccount, reads: LiveReads) {
  const { account, location, subscriptionId } = checked;
  const client = session.cognitive(session.connection(subscriptionId));
  const diagnostics: Diagnostic[] = [];
  const failedAt = (action: string, error: unknown) =>
    diagnostics.push(liveFailureDiagnostic(describeLiveFailure(error, { action }), account.source));
  const catalogKey = `catalog|${location}`;
  if (!reads.catalogs.has(location) && !reads.failed.has(catalogKey)) {
    try {
      const records = await session.read(`model catalog of ${location}`, () =>
        listLocationModels(client, location),
      );
      reads.catalogs.set(location, liveCatalog(location, records, session, client.apiVersion));
    } catch (error) {
      reads.failed.add(catalogKey);
      failedAt(`Reading the model catalog of ${location}`, error);
    }
  }
  const usages = usageKey(subscriptionId, location);
  if (!reads.usages.has(usages) && !reads.failed.has(`usages|${usages}`)) {
    try {
      reads.usages.set(
        usages,
        await session.read(`quota usages of ${location}`, () => listLocationUsages(client, location)),
      );
    } catch (error) {
      reads.failed.add(`usages|${usages}`);
      failedAt(`Reading the quota usages of ${location}`, error);
    }
  }
  const key = deploymentsKey(checked);
  if (reads.deployments.has(key) || reads.failed.has(`deployments|${key}`)) return diagnostics;
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
  return diagnostics;
}

/** Availability, retirement and capacity from the live catalogs, then quota across the accounts. */
function liveFindings(
  plan: Plan,
  accounts: readonly CheckedAccount[],
  reads: LiveReads,
  settings: CheckSettings,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const entries: QuotaCheckEntry[] = [];
  const checks = catalogSettings(plan, settings);
  for (const checked of accounts) {
    const { account, location, subscriptionId } = checked;
    const region = reads.catalogs.get(location);
    if (!region) continue;
    if (region.records.length === 0) {
      // Every region Azure serves has models: an empty catalog means a region name Azure does not know.
      diagnostics.push(
        liveDiagnostic("live/model-unavailable", account.source, {
          message: `Azure lists no models in ${location}, the location of account ${account.key}: check the region name`,
          hint: "Use the region's name as `az account list-locations --query [].name` prints it, e.g. eastus2.",
        }),
      );
      continue;
    }
    const existing = reads.deployments.get(deploymentsKey(checked));
    const view = { catalog: region.catalog, authoritative: true };
    for (const deployment of deploymentsOf(plan, account)) {
      const live = existing?.find(
        (candidate) => candidate.name.toLowerCase() === deployment.name.toLowerCase(),
      );
      const exists = existing === undefined ? undefined : live !== undefined;
      diagnostics.push(...checkAgainstCatalog({ deployment, location, exists }, view, checks));
      // Without the account's live deployments the quota cannot be computed fairly.
      if (!existing) continue;
      const entry: QuotaCheckEntry = { deployment, subscriptionId, location, models: region.records };
      if (live) entry.live = live;
      entries.push(entry);
    }
  }
  diagnostics.push(
    ...checkQuota({
      entries,
      usages: (subscriptionId, location) => reads.usages.get(usageKey(subscriptionId, location)),
    }),
  );
  return diagnostics;
}
