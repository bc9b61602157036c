/**
 * The checks of a deployment against a model catalog: is the model known, is the deployment type offered
 * in the account's region, is the version retired, deprecated, retiring or in preview as of the check
 * date, is the capacity within the type's bounds. The same checks run offline (a catalog file) and with
 * `validate --live` (each region's catalog as ARM lists it, which is authoritative for that region: what
 * it lacks is not offered). A fact the catalog does not know is reported as unknown, never guessed.
 * Pure functions of the desired state and the catalog.
 */
import {
  type CatalogModel,
  type CatalogOffer,
  catalogAgeInDays,
  lookupModel,
  type ModelCatalog,
  offerOf,
} from "../catalog/model-catalog";
import type { Diagnostic, SourceLocation } from "../diagnostics/diagnostic";
import { boundsProblem, describeBounds } from "../loader/capacity";
import type { DesiredDeployment } from "../loader/desired-state";
import { isFineTunedModelName } from "../loader/fine-tuned";
import { type LiveCode, liveDiagnostic } from "./codes";

const dayInMs = 86_400_000;

/** A catalog older than this, in days before the check date, is reported (`live/catalog-stale`). */
export const STALE_CATALOG_DAYS = 90;

export interface CatalogCheckSettings {
  /** The check date (`--as-of`, default today). */
  asOf: Date;
  /** Warn about retirements within this many days of the check date. */
  retirementDays: number;
  /** The environment is marked `protect: true`: previews are warnings. */
  protect: boolean;
}

/** The catalog a deployment is checked against, and whether it lists everything its region offers. */
export interface CatalogView {
  catalog: ModelCatalog;
  /** ARM's catalog of the region (`validate --live`): a model, version or type it lacks is not offered. */
  authoritative: boolean;
}

export interface CatalogCheckTarget {
  deployment: DesiredDeployment;
  /** The account's region (normalised); undefined when it declares none (the region is not checked). */
  location: string | undefined;
  /** Whether a deployment of that name exists in Azure (`validate --live`); undefined when not known. */
  exists?: boolean | undefined;
}

function who(deployment: DesiredDeployment): string {
  return `deployment "${deployment.name}" on account ${deployment.accountKey}`;
}

function modelText(deployment: DesiredDeployment): string {
  const { format, name, version } = deployment.model;
  return `${format} ${name} version ${version}`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayInMs);
}

/** At most `shown` values, then how many more. */
function listOf(values: readonly string[], shown = 10): string {
  if (values.length === 0) return "none";
  const head = values.slice(0, shown).join(", ");
  return values.length > shown ? `${head} and ${values.length - shown} more` : head;
}

/** The catalog's replacements as a sentence, or nothing when the catalog does not know them. */
function replacementText(model: CatalogModel): string {
  const replacements = model.lifecycle.replacements;
  if (replacements === null) return "";
  if (replacements.length === 0) return "; the catalog names no replacement";
  const names = replacements.map((r) => (r.version === null ? r.name : `${r.name} (${r.version})`));
  return `; replacement: ${names.join(" or ")}`;
}

interface Retirement {
  date: string;
  /** What retires: the version, or the deployment type for it. */
  what: string;
}

/** The earliest known retirement of the version or of the deployment type for it. */
function retirementOf(
  model: CatalogModel,
  offer: CatalogOffer | undefined,
  type: string,
): Retirement | undefined {
  const candidates: Retirement[] = [];
  if (model.lifecycle.retirementDate !== null) {
    candidates.push({ date: model.lifecycle.retirementDate, what: "" });
  }
  if (offer?.retirementDate) {
    candidates.push({ date: offer.retirementDate, what: `deployment type ${type} of ` });
  }
  return candidates.sort((a, b) => a.date.localeCompare(b.date))[0];
}

/** The same bounds rule as the offline check (capacity/out-of-bounds), against the catalog in hand. */
function capacityProblem(capacity: number, offer: CatalogOffer): string | undefined {
  const found = boundsProblem(capacity, { ...offer.capacity, source: "" });
  if (!found) return undefined;
  const nearest = found.suggestions.length > 0 ? `; nearest valid: ${found.suggestions.join(" or ")}` : "";
  return `${found.problems.join(" and ")} (${describeBounds(offer.capacity)}${nearest})`;
}

/**
 * Whether the model, version and deployment type are known and offered in the region. Returns the
 * catalog entry when the lifecycle checks apply.
 */
function availability(
  target: CatalogCheckTarget,
  view: CatalogView,
  diagnostics: Diagnostic[],
): { model: CatalogModel; offer: CatalogOffer | undefined } | undefined {
  const { deployment, location } = target;
  const { catalog, authoritative } = view;
  const where = deployment.source;
  const { format, name, version } = deployment.model;
  const add = (code: LiveCode, message: string) => diagnostics.push(liveDiagnostic(code, where, { message }));
  if (isFineTunedModelName(name)) {
    add(
      "live/fine-tuned-model",
      `${who(deployment)}: ${name} is a fine-tuned model; ${catalog.label} lists base models only, so its availability is not checked`,
    );
    return undefined;
  }
  const found = lookupModel(catalog, deployment.model);
  if (found.kind === "unknown-model") {
    if (authoritative)
      add(
        "live/model-unavailable",
        `${who(deployment)}: model ${format} ${name} is not offered in ${location} (${catalog.label})`,
      );
    else
      add(
        "live/model-unknown",
        `${who(deployment)}: model ${format} ${name} is unknown to ${catalog.label}; refresh it with \`aideploy catalog refresh\``,
      );
    return undefined;
  }
  if (found.kind === "unknown-version") {
    if (authoritative) {
      add(
        "live/model-unavailable",
        `${who(deployment)}: version ${version} of ${name} is not offered in ${location} (${catalog.label}); offered versions: ${listOf(found.versions)}`,
      );
    } else {
      add(
        "live/version-unknown",
        `${who(deployment)}: version ${version} of ${format} ${name} is unknown to ${catalog.label}; known versions: ${listOf(found.versions)}`,
      );
    }
    return undefined;
  }
  const model = found.model;
  if (found.kind === "versionless") {
    add(
      "live/version-unlisted",
      `${who(deployment)}: ${catalog.label} lists ${format} ${name} without versions (the documentation names none): its lifecycle applies, version ${version} is not checked`,
    );
  }
  const offer = offerOf(model, deployment.sku);
  const types = Object.keys(model.deploymentTypes);
  if (!offer) {
    if (authoritative) {
      add(
        "live/model-unavailable",
        `${who(deployment)}: deployment type ${deployment.sku} is not offered for ${modelText(deployment)} in ${location} (${catalog.label}); offered types: ${listOf(types)}`,
      );
    } else if (types.length === 0) {
      add(
        "live/availability-unknown",
        `${who(deployment)}: ${catalog.label} documents no deployment type for ${format} ${name}: availability of ${deployment.sku}${location ? ` in ${location}` : ""} unknown`,
      );
    } else {
      add(
        "live/type-undocumented",
        `${who(deployment)}: deployment type ${deployment.sku} is not documented for ${modelText(deployment)} in ${catalog.label}; documented types: ${listOf(types)}`,
      );
    }
    return { model, offer };
  }
  if (location === undefined) return { model, offer };
  if (offer.regions === null) {
    add(
      "live/availability-unknown",
      `${who(deployment)}: ${catalog.label} does not say in which regions ${deployment.sku} is offered for ${modelText(deployment)}: availability in ${location} unknown`,
    );
  } else if (!offer.regions.includes(location)) {
    add(
      "live/model-unavailable",
      `${who(deployment)}: deployment type ${deployment.sku} of ${modelText(deployment)} is not offered in ${location} (${catalog.label}); offered in ${listOf(offer.regions)}`,
    );
  }
  return { model, offer };
}

function lifecycle(
  target: CatalogCheckTarget,
  found: { model: CatalogModel; offer: CatalogOffer | undefined },
  view: CatalogView,
  settings: CatalogCheckSettings,
  diagnostics: Diagnostic[],
): void {
  const { deployment, exists } = target;
  const { model, offer } = found;
  const { label } = view.catalog;
  const where = deployment.source;
  const asOf = day(settings.asOf);
  // The stage is as of the catalog's date: it tells nothing about an earlier check date.
  const stageApplies = asOf >= view.catalog.data.generatedAt;
  const status = model.lifecycle.status;
  const retirement = retirementOf(model, offer, deployment.sku);
  const subject = (what = "") => `${who(deployment)}: ${what}${modelText(deployment)}`;
  if (retirement && retirement.date <= asOf) {
    diagnostics.push(
      liveDiagnostic("live/version-retired", where, {
        message: `${subject(retirement.what)} retired on ${retirement.date} (${label})${replacementText(model)}`,
      }),
    );
    return;
  }
  if (!retirement && status === "retired" && stageApplies) {
    diagnostics.push(
      liveDiagnostic("live/version-retired", where, {
        message: `${subject()} is retired as of ${view.catalog.data.generatedAt} (${label}; no retirement date given)${replacementText(model)}`,
      }),
    );
    return;
  }
  const deprecation = model.lifecycle.deprecationDate;
  const deprecated =
    (deprecation !== null && deprecation <= asOf) ||
    (deprecation === null && status === "deprecated" && stageApplies);
  if (deprecated && exists !== true) {
    const since = deprecation === null ? `as of ${view.catalog.data.generatedAt}` : `since ${deprecation}`;
    const retires = retirement ? `; it retires on ${retirement.date}` : "";
    const known = exists === false;
    diagnostics.push(
      liveDiagnostic("live/version-deprecated", where, {
        message: known
          ? `${subject()} is deprecated ${since} (${label}): Azure accepts no new deployments of it, and this one does not exist yet${retires}${replacementText(model)}`
          : `${subject()} is deprecated ${since} (${label}): Azure accepts no new deployments of it; fine only if this deployment already exists${retires}${replacementText(model)}`,
        severity: known ? "error" : "warning",
      }),
    );
  }
  if (retirement) {
    const days = daysBetween(asOf, retirement.date);
    if (days <= settings.retirementDays) {
      diagnostics.push(
        liveDiagnostic("live/version-retiring", where, {
          message: `${subject(retirement.what)} retires on ${retirement.date}, in ${days} day${days === 1 ? "" : "s"} (${label})${replacementText(model)}`,
        }),
      );
    }
  } else if (status === "legacy" && stageApplies) {
    diagnostics.push(
      liveDiagnostic("live/version-retiring", where, {
        message: `${subject()} is legacy (${label}): its retirement is announced, with no date in the catalog${replacementText(model)}`,
      }),
    );
  }
  if (status === "preview") {
    diagnostics.push(
      liveDiagnostic("live/model-preview", where, {
        message: `${subject()} is in preview (${label})${settings.protect ? ", in an environment marked protect: true" : ""}`,
        severity: settings.protect ? "warning" : "info",
      }),
    );
  }
}

/**
 * Every finding of one deployment against a catalog: availability, lifecycle as of the check date,
 * capacity bounds.
 */
export function checkAgainstCatalog(
  target: CatalogCheckTarget,
  view: CatalogView,
  settings: CatalogCheckSettings,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const found = availability(target, view, diagnostics);
  if (!found) return diagnostics;
  lifecycle(target, found, view, settings, diagnostics);
  const { deployment } = target;
  const problem = found.offer ? capacityProblem(deployment.capacity, found.offer) : undefined;
  if (problem) {
    diagnostics.push(
      liveDiagnostic("live/capacity-out-of-range", deployment.source, {
        message: `${who(deployment)}: capacity ${deployment.capacity} is ${problem} for deployment type ${deployment.sku} of ${modelText(deployment)} (${view.catalog.label})`,
      }),
    );
  }
  return diagnostics;
}

/** One finding when the catalog is more than `STALE_CATALOG_DAYS` older than the check date. */
export function checkCatalogAge(catalog: ModelCatalog, asOf: Date, at: SourceLocation): Diagnostic[] {
  const age = catalogAgeInDays(catalog, asOf);
  if (age <= STALE_CATALOG_DAYS) return [];
  return [
    liveDiagnostic("live/catalog-stale", at, {
      message: `${catalog.label} is ${age} days old on ${day(asOf)}: models, versions and retirement dates published since are not in it`,
    }),
  ];
}
