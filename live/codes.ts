/**
 * Codes of the findings the live commands produce themselves (pre-flight checks, import), as data: the
 * documentation table and the hints come from here. Failures of live calls carry the codes of errors.ts.
 */
import type { Severity } from "../diagnostics/diagnostic";

export type LiveCheckCode =
  | "live/model-unavailable"
  | "live/version-deprecated"
  | "live/version-retiring"
  | "live/capacity-out-of-range"
  | "live/quota-exceeded"
  | "live/quota-unchecked"
  | "live/location-missing"
  | "live/catalog-not-applicable"
  | "live/import-unexpressible"
  | "live/import-invalid"
  | "live/import-conflict"
  | "live/policy-not-evaluated";

export interface LiveCheckInfo {
  severity: Severity;
  description: string;
  hint: string;
}

export const liveCheckInfo: Record<LiveCheckCode, LiveCheckInfo> = {
  "live/model-unavailable": {
    severity: "error",
    description:
      "The model, its version or the deployment type is not offered in the account's region (live catalog with `validate --live`, else `catalog/models.json`).",
    hint: "Pick a model version and deployment type the region offers (`aideploy catalog refresh` updates catalog/models.json), or deploy on an account in another region.",
  },
  "live/version-deprecated": {
    severity: "error",
    description:
      "The model version, or the deployment type for it, is deprecated or past its retirement date: Azure refuses new deployments and retired ones stop answering.",
    hint: "Move the deployment to a current version (see the catalog's replacement), or to a deployment type that is still offered.",
  },
  "live/version-retiring": {
    severity: "warning",
    description:
      "The model version, or the deployment type for it, retires within the warning window (`--retirement-days`, default 90).",
    hint: "Plan the move to a newer version before the retirement date; with `versionUpgradeOption: NoAutoUpgrade` the deployment stops answering on that date.",
  },
  "live/capacity-out-of-range": {
    severity: "error",
    description:
      "The capacity is below the deployment type's minimum, above its maximum, or not a multiple of its step (for example PTUs in increments of 50).",
    hint: "Use a capacity within the minimum and maximum that is a multiple of the step.",
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
      "Offline catalog checks were skipped for an account: it declares no location, or the catalog has no data for its region.",
    hint: "Add `location:` to the account, or add the region to the catalog with `aideploy catalog refresh --location <region>`.",
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
};

/** Every code of the live commands with its severity and description, for the generated documentation. */
export function liveCheckCodes(): { code: LiveCheckCode; severity: Severity; description: string }[] {
  return (Object.keys(liveCheckInfo) as LiveCheckCode[]).map((code) => ({
    code,
    severity: liveCheckInfo[code].severity,
    description: liveCheckInfo[code].description,
  }));
}
