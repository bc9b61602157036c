/**
 * Every `live/*` code, as data, in one table: the findings the live commands make themselves (pre-flight
 * checks, import, policy pull) and the failures of live calls (classified in errors.ts). Severities,
 * hints and the generated documentation (docs/diagnostics.md) come from here, and every live Diagnostic
 * is made by `liveDiagnostic`.
 */
import { type Diagnostic, diagnosticAt, type Severity, type SourceLocation } from "../diagnostics/diagnostic";

/** Findings of the live commands. */
export type LiveCheckCode =
  | "live/model-unknown"
  | "live/fine-tuned-model"
  | "live/version-unknown"
  | "live/version-unlisted"
  | "live/model-unavailable"
  | "live/type-undocumented"
  | "live/availability-unknown"
  | "live/version-retired"
  | "live/version-deprecated"
  | "live/version-retiring"
  | "live/model-preview"
  | "live/capacity-out-of-range"
  | "live/catalog-stale"
  | "live/quota-exceeded"
  | "live/quota-unchecked"
  | "live/location-missing"
  | "live/catalog-not-applicable"
  | "live/import-unexpressible"
  | "live/import-invalid"
  | "live/import-conflict"
  | "live/policy-not-evaluated";

/** Failures of a live call (errors.ts turns any thrown error into one). */
export type LiveFailureCode =
  | "live/insufficient-quota"
  | "live/request-conflict"
  | "live/model-not-supported"
  | "live/invalid-properties"
  | "live/throttled"
  | "live/server-error"
  | "live/not-found"
  | "live/auth"
  | "live/network"
  | "live/operation-failed"
  | "live/config"
  | "live/cancelled"
  | "live/unexpected";

export type LiveCode = LiveCheckCode | LiveFailureCode;

export interface LiveCodeInfo {
  /** The severity of the finding, and the one documented (a failure is an error unless a caller says less). */
  severity: Severity;
  description: string;
  /** What to do, shown with the finding. */
  hint: string;
}

export const liveCodes: Record<LiveCode, LiveCodeInfo> = {
  "live/model-unknown": {
    severity: "warning",
    description:
      "The model catalog (`--catalog`, catalog/models.json beside the file, else the catalog shipped with aideploy) does not know the model: it may be newer than the catalog, or misspelt. Nothing about it is checked.",
    hint: "Check the model's format and name; if they are right, refresh the catalog with `aideploy catalog refresh --location <region>` (or update aideploy for a newer shipped catalog).",
  },
  "live/fine-tuned-model": {
    severity: "info",
    description:
      "The model is a fine-tuned one (named as its fine-tuning job names it: `<base>.ft-<id>` or `ftchkpt-<id>`). Model catalogs list base models, so its availability, lifecycle and capacity are not checked; Azure refuses the deployment if the account (or `model.source`) does not hold it.",
    hint: "Make sure the fine-tuned model exists on the account, or on the account `model.source` names, before deploying.",
  },
  "live/version-unknown": {
    severity: "warning",
    description:
      "The model catalog knows the model but not this version; the finding lists the versions it knows. Nothing about the version is checked.",
    hint: "Use a version the catalog lists, or refresh the catalog with `aideploy catalog refresh --location <region>` if the version is newer than it.",
  },
  "live/version-unlisted": {
    severity: "info",
    description:
      "The model catalog lists the model without versions (the documentation names none): the model's lifecycle and availability are checked, the version is not.",
    hint: "`aideploy catalog refresh --location <region>` writes the versions Azure lists.",
  },
  "live/model-unavailable": {
    severity: "error",
    description:
      "The deployment type is not offered for the model in the account's region (the catalog lists the regions that offer it); with `validate --live`, the model, version or deployment type is not in the region's live catalog.",
    hint: "Pick a deployment type the region offers for this model (a global or data zone type is offered in more regions), or deploy on an account in another region.",
  },
  "live/type-undocumented": {
    severity: "warning",
    description:
      "The model catalog lists deployment types for the model, but not this one. Documentation lags behind Azure, so this is not an error; `validate --live` checks it against Azure.",
    hint: "Check the deployment type's name, or confirm it with `aideploy validate --live` (or `aideploy catalog refresh`).",
  },
  "live/availability-unknown": {
    severity: "info",
    description:
      "The model catalog does not say in which regions the deployment type is offered for the model (or documents no deployment type for it): availability in the account's region is not checked.",
    hint: "`aideploy validate --live` checks availability against Azure.",
  },
  "live/version-retired": {
    severity: "error",
    description:
      "The model version, or the deployment type for it, is retired as of the check date (`--as-of`, default today): its deployments stop answering and Azure refuses new ones. The finding names the retirement date and the catalog's replacement.",
    hint: "Move the deployment to a current version (the replacement the finding names), or to a deployment type that is still offered.",
  },
  "live/version-deprecated": {
    severity: "error",
    description:
      "The model version is deprecated as of the check date: Azure accepts no new deployments of it, while existing ones keep answering until retirement. An error for a deployment `validate --live` finds missing in Azure; a warning offline, where aideploy cannot know whether the deployment exists.",
    hint: "Deploy a current version (the catalog's replacement) instead; an existing deployment keeps working until the retirement date.",
  },
  "live/version-retiring": {
    severity: "warning",
    description:
      "The model version, or the deployment type for it, retires within the warning window (`--retirement-days`, default 90) of the check date, or is legacy with no retirement date in the catalog.",
    hint: "Plan the move to a newer version before the retirement date; with `versionUpgradeOption: NoAutoUpgrade` the deployment stops answering on that date.",
  },
  "live/model-preview": {
    severity: "info",
    description:
      "The model version is in preview: a warning in an environment marked `protect: true`, information elsewhere.",
    hint: "Azure's preview terms do not recommend previews for production workloads: use a generally available version in protected environments.",
  },
  "live/capacity-out-of-range": {
    severity: "error",
    description:
      "The capacity is below the catalog's minimum for the model and deployment type, above its maximum, or not the minimum plus a whole number of steps (for example PTUs in increments of 50). Bounds the catalog does not know are not checked.",
    hint: "Use a capacity within the minimum and maximum that is a multiple of the step (or the minimum plus a multiple of it).",
  },
  "live/catalog-stale": {
    severity: "info",
    description:
      "The model catalog the offline checks read is more than 90 days older than the check date: models, versions and retirement dates published since are not in it.",
    hint: "Refresh it with `aideploy catalog refresh --location <region>` (or update aideploy for a newer shipped catalog), or pin the date with `--as-of`.",
  },
  "live/quota-exceeded": {
    severity: "error",
    description:
      "The capacity the file adds in a region exceeds the quota left for the usage name (limit minus current usage; deployments the file already has count only with what they add).",
    hint: "Lower the capacity, free capacity held by other deployments of this model in the same subscription and region, or request more quota (https://aka.ms/oai/quotaincrease).",
  },
  "live/quota-unchecked": {
    severity: "warning",
    description:
      "The quota could not be checked: the catalog names no usage for the deployment type, or Azure lists no quota with that usage name in the region.",
    hint: "Check the quota in the Azure portal (Quotas) before deploying; `pulumi up` fails with InsufficientQuota if it is short.",
  },
  "live/location-missing": {
    severity: "error",
    description:
      "`validate --live` needs the account's `location` to check availability and quota, and the account does not declare one.",
    hint: "Add `location:` to the account (the Azure region the account is in).",
  },
  "live/catalog-not-applicable": {
    severity: "info",
    description:
      "A catalog check could not apply: the account declares no location, so whether its region offers the deployment types is not checked (lifecycle and capacity still are); or `catalog refresh` found no models in a region it was given.",
    hint: "Add `location:` to the account (the Azure region the account is in); name regions as `az account list-locations --query [].name` prints them.",
  },
  "live/import-unexpressible": {
    severity: "warning",
    description:
      "`aideploy import` found a live setting the deployments file cannot express (or expresses differently); the imported file says so in a comment, and the first `pulumi up` would change it.",
    hint: "Review the setting in Azure; adjust it there or accept the change the file describes.",
  },
  "live/import-invalid": {
    severity: "error",
    description:
      "The file `aideploy import` would write does not validate, so it was not written; the other diagnostics say why.",
    hint: "Fix the live resources the other diagnostics name (or import them by hand), then import again.",
  },
  "live/import-conflict": {
    severity: "error",
    description:
      "`aideploy import --into` needs a name the existing file already uses differently: the account key, the same Azure account under another key, or a content filter or blocklist of the same name with other settings. The file is not changed.",
    hint: "Follow the finding's hint (another key with --account-key, or make the two resources the same), then import again.",
  },
  "live/policy-not-evaluated": {
    severity: "warning",
    description:
      "`aideploy policy pull` downloaded an assignment with settings aideploy's evaluator does not apply (overrides, resource selectors), or one whose definition could not be read.",
    hint: "Check the assignment in Azure; the offline checks may differ from what Azure enforces for it.",
  },
  "live/insufficient-quota": {
    severity: "error",
    description:
      "Azure refused a deployment write because the subscription's quota for the model and region is used up.",
    hint: "Lower the capacity, free capacity held by other deployments of this model in the same subscription and region, or request more quota (https://aka.ms/oai/quotaincrease).",
  },
  "live/request-conflict": {
    severity: "error",
    description:
      "Azure refused a write because another operation on the same account was still running (409 RequestConflict).",
    hint: "Writes under one account must run one after another; retry once the other operation has finished.",
  },
  "live/model-not-supported": {
    severity: "error",
    description:
      "The model, version or deployment type is not offered in the account's region, or has been retired.",
    hint: "Pick a model version and deployment type the region offers and that is not retired; `aideploy catalog refresh` updates the local catalog.",
  },
  "live/invalid-properties": {
    severity: "error",
    description:
      "Azure rejected the request's content (for example a capacity outside the sku's range or step).",
    hint: "Correct the property Azure names in the message; capacities must respect the sku's minimum, maximum and step.",
  },
  "live/throttled": {
    severity: "error",
    description:
      "Azure Resource Manager throttled the requests (429) beyond what the bounded retries absorb.",
    hint: "Wait and run again, or run fewer live commands against the same subscription at the same time.",
  },
  "live/server-error": {
    severity: "error",
    description: "Azure answered with a server error (5xx) even after the bounded retries.",
    hint: "Retry later; if it persists, check https://azure.status.microsoft for an incident in the region.",
  },
  "live/not-found": {
    severity: "error",
    description: "The subscription, resource group, account or resource does not exist or is not visible.",
    hint: "Check the subscription, resource group and account names, and that the signed-in identity has Reader access to them.",
  },
  "live/auth": {
    severity: "error",
    description: "No usable Azure credential, or the identity lacks permission for the request.",
    hint: "Sign in with `az login`, or configure workload identity, a managed identity or an Azure DevOps service connection; the identity needs Reader on the accounts (Cognitive Services Contributor to change them).",
  },
  "live/network": {
    severity: "error",
    description: "Azure Resource Manager could not be reached (connection refused, DNS failure, timeout).",
    hint: "Check the network and proxy settings (HTTPS_PROXY) and, when it is set, AIDEPLOY_ARM_ENDPOINT.",
  },
  "live/operation-failed": {
    severity: "error",
    description: "Azure accepted a write but its long-running operation ended in failure.",
    hint: "Read Azure's reason in the message, fix the cause and run again; the resource may be left in a Failed state.",
  },
  "live/config": {
    severity: "error",
    description: "The settings for reaching Azure are incomplete or unsafe (subscription, endpoint).",
    hint: "Set the subscription and endpoint as the message says.",
  },
  "live/cancelled": {
    severity: "error",
    description: "The live operation was cancelled before it finished.",
    hint: "Run the command again; the resource may be mid-change in Azure.",
  },
  "live/unexpected": {
    severity: "error",
    description: "A live call failed in a way aideploy does not recognise.",
    hint: "Run again with AZURE_LOG_LEVEL=info to see the requests; report the message if it persists.",
  },
};

/** Every live code with its severity and description, in table order, for the generated documentation. */
export function liveCodeDocs(): { code: LiveCode; severity: Severity; description: string }[] {
  return (Object.keys(liveCodes) as LiveCode[]).map((code) => ({
    code,
    severity: liveCodes[code].severity,
    description: liveCodes[code].description,
  }));
}

/** What a live finding says at its place: the message, and where the table's severity or hint do not fit. */
export interface LiveDiagnosticValues {
  message: string;
  /** Instead of the table's hint; `false` for none. */
  hint?: string | false;
  /** Instead of the table's severity. */
  severity?: Severity;
}

/** A live finding at a place in a file, with the severity and hint of its code unless told otherwise. */
export function liveDiagnostic(
  code: LiveCode,
  location: SourceLocation,
  values: LiveDiagnosticValues,
): Diagnostic {
  const info = liveCodes[code];
  const hint = values.hint === false ? undefined : (values.hint ?? info.hint);
  return diagnosticAt(location, {
    code,
    severity: values.severity ?? info.severity,
    message: values.message,
    hint,
  });
}

/** The place of a finding about a whole file (its first line), e.g. a file a command writes. */
export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1, path: "" };
}
