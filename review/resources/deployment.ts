import type { DesiredDeployment } from "../../loader/desired-state";
import type { FieldValue } from "../model";
import { entries, type FieldEntry, tagFields } from "../values";
import type { ResourceKind } from "./kind";

/** Fields Azure cannot change on an existing deployment: changing them deletes and re-creates it. */
const REPLACING_FIELDS: ReadonlySet<string> = new Set([
  "name",
  "model.format",
  "model.name",
  "model.publisher",
  "sku.name",
]);

/**
 * Tokens and requests per minute as the model's unit gives them, shown beside the capacity: a number,
 * "unknown (<reason>)" for a token-based type whose unit is not known, absent for other types. Derived
 * from `sku.capacity`, so they change only with it or with the model.
 */
function rates(d: DesiredDeployment): { tokensPerMinute?: FieldValue; requestsPerMinute?: FieldValue } {
  const meaning = d.capacityMeaning;
  if (meaning.kind === "tokens-unknown") {
    const unknown = `unknown (${meaning.reason})`;
    return { tokensPerMinute: unknown, requestsPerMinute: unknown };
  }
  if (meaning.kind !== "tokens") return {};
  return {
    tokensPerMinute: d.tokensPerMinute ?? "unknown",
    requestsPerMinute: d.requestsPerMinute ?? "unknown (not documented)",
  };
}

export const deploymentKind: ResourceKind<"deployment", DesiredDeployment> = {
  kind: "deployment",
  items: (state) => state.deployments,
  accountKey: (d) => d.accountKey,
  matchName: (d) => d.name,
  fields(d): FieldEntry[] {
    return [
      ...entries({
        name: d.name,
        "model.format": d.model.format,
        "model.name": d.model.name,
        "model.version": d.model.version,
        "model.publisher": d.model.publisher,
        "model.source": d.model.source,
        "sku.name": d.sku,
        "sku.capacity": d.capacity,
        ...rates(d),
        contentFilter: d.contentFilter,
        versionUpgradeOption: d.versionUpgradeOption,
        spillover: d.spillover,
        serviceTier: d.serviceTier,
        state: d.state,
        "routing.mode": d.routing?.mode,
        // A subset is a set: its order never shows as a change.
        "routing.models": d.routing?.models?.map((m) => `${m.format} ${m.name} ${m.version}`).sort(),
        "modelProviderData.organizationName": d.modelProviderData?.organizationName,
        "modelProviderData.countryCode": d.modelProviderData?.countryCode,
        "modelProviderData.industry": d.modelProviderData?.industry,
      }),
      ...tagFields(d.tags),
    ];
  },
  replacedBy: (path) => REPLACING_FIELDS.has(path),
  declaredButOff: (state, accountKey, name) =>
    state.disabledDeployments.some(
      (d) => d.accountKey === accountKey && d.name.toLowerCase() === name.toLowerCase(),
    ),
};
